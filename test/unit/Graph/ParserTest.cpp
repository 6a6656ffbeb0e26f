//===- ParserTest.cpp - Tests of the model file parser ----------*- C++ -*-===//
//
// Valid models (the format page's example, every op, precedence, default
// and normalized attributes) and one test per error class, each asserting
// the exact line:column and part of the message.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Graph/Parser.h"

#include <gtest/gtest.h>

#include <string>

using namespace adjoint::graph;

namespace {

const char *const kMlp =
    R"(# mlp.adj: a two-layer perceptron with a softmax cross-entropy loss
model mlp

input x : f32[64, 784]      # data: no gradient
input y : f32[64, 10]       # one-hot labels
param W1 : f32[784, 256]    # trainable leaf: its gradient is computed
param b1 : f32[256]
param W2 : f32[256, 10]
param b2 : f32[10]

h      = tanh(matmul(x, W1) + b1)
logits = matmul(h, W2) + b2
loss   = -mean(sum(y * log_softmax(logits, axis=1), axis=1))

output loss
)";

Graph parseOk(std::string_view source, std::string_view fileName = "t.adj") {
  Diagnostic diag;
  std::optional<Graph> graph = parseModel(source, fileName, diag);
  EXPECT_TRUE(graph.has_value()) << formatDiagnostic(fileName, source, diag);
  return graph ? std::move(*graph) : Graph();
}

/// Checks that parsing `source` fails at `line`:`column` with a message
/// containing `message`.
::testing::AssertionResult failsAt(std::string_view source, unsigned line,
                                   unsigned column, std::string_view message) {
  Diagnostic diag;
  if (parseModel(source, "t.adj", diag))
    return ::testing::AssertionFailure() << "parsed without error";
  if (diag.loc.line != line || diag.loc.column != column ||
      diag.message.find(message) == std::string::npos)
    return ::testing::AssertionFailure()
           << "got " << formatDiagnostic("t.adj", source, diag);
  return ::testing::AssertionSuccess();
}

/// The last node of a model `input a : f32[...]` ... `r = EXPR`.
const Node &lastNode(const Graph &graph) { return graph.nodes.back(); }

TEST(ParserTest, MlpExample) {
  Graph graph = parseOk(kMlp);
  EXPECT_EQ(graph.name, "mlp");
  EXPECT_EQ(graph.elementType, ElementType::F32);
  ASSERT_EQ(graph.nodes.size(), 16u);
  EXPECT_EQ(graph.inputs, (std::vector<NodeId>{0, 1}));
  EXPECT_EQ(graph.params, (std::vector<NodeId>{2, 3, 4, 5}));
  EXPECT_EQ(graph.outputs, (std::vector<NodeId>{15}));
  EXPECT_EQ(graph.outputNames, (std::vector<std::string>{"loss"}));
  EXPECT_EQ(graph.outputLocs[0].line, 15u);
  EXPECT_EQ(graph.outputLocs[0].column, 8u);

  const Node &matmul = graph.node(6);
  EXPECT_EQ(matmul.kind, OpKind::MatMul);
  EXPECT_EQ(matmul.name, "");
  EXPECT_EQ(matmul.operands, (std::vector<NodeId>{0, 2}));
  EXPECT_EQ(matmul.shape, (Shape{64, 256}));
  EXPECT_EQ(matmul.loc.line, 11u);
  EXPECT_EQ(matmul.loc.column, 15u);
  const Node &add = graph.node(7);
  EXPECT_EQ(add.kind, OpKind::Add);
  EXPECT_EQ(add.loc.column, 29u); // The '+'.
  EXPECT_EQ(graph.node(8).name, "h");
  EXPECT_EQ(graph.node(8).kind, OpKind::Tanh);
  EXPECT_EQ(graph.node(10).name, "logits");
  EXPECT_EQ(graph.node(10).shape, (Shape{64, 10}));
  EXPECT_EQ(graph.node(11).kind, OpKind::LogSoftmax);
  EXPECT_EQ(graph.node(11).attrs.axes, (std::vector<int64_t>{1}));
  EXPECT_EQ(graph.node(13).kind, OpKind::Sum);
  EXPECT_EQ(graph.node(13).shape, (Shape{64}));
  EXPECT_EQ(graph.node(14).kind, OpKind::Mean);
  EXPECT_EQ(graph.node(14).attrs.axes, (std::vector<int64_t>{0}));
  const Node &loss = graph.node(15);
  EXPECT_EQ(loss.kind, OpKind::Neg);
  EXPECT_EQ(loss.name, "loss");
  EXPECT_EQ(loss.shape, Shape{});
  EXPECT_EQ(loss.loc.column, 10u);
  EXPECT_FALSE(checkScalarLoss(graph).has_value());
}

TEST(ParserTest, DefaultModelName) {
  EXPECT_EQ(parseOk("input x : f64\noutput x\n", "dir/my-model.adj").name,
            "my_model");
  EXPECT_EQ(defaultModelName("a/b.c/x.y.adj"), "x_y");
  EXPECT_EQ(defaultModelName("3d.adj"), "_3d");
  EXPECT_EQ(defaultModelName(""), "_");
  EXPECT_EQ(defaultModelName("noext"), "noext");
}

TEST(ParserTest, LeavesAndTypes) {
  Graph graph = parseOk("input s : f64\nparam v : f64[3]\n"
                        "param t : f64[1, 2, 3, 4, 5, 6]\noutput s, v, t\n");
  EXPECT_EQ(graph.elementType, ElementType::F64);
  EXPECT_EQ(graph.node(0).kind, OpKind::Input);
  EXPECT_EQ(graph.node(0).shape, Shape{});
  EXPECT_EQ(graph.node(1).kind, OpKind::Param);
  EXPECT_EQ(graph.node(1).shape, Shape{3});
  EXPECT_EQ(graph.node(2).shape, (Shape{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(graph.node(0).loc.column, 7u);
  EXPECT_EQ(graph.outputs, (std::vector<NodeId>{0, 1, 2}));
}

TEST(ParserTest, PrecedenceAndAssociativity) {
  Graph graph = parseOk("input a : f32\ninput b : f32\ninput c : f32\n"
                        "r = a - b - c\ns = -a * b\nt = a + b * c\n"
                        "u = a / b / c\nv = (a - b) * c\nw = a - -b\n"
                        "output r\n");
  auto find = [&](const char *name) -> const Node & {
    for (const Node &node : graph.nodes)
      if (node.name == name)
        return node;
    ADD_FAILURE() << "no node " << name;
    return graph.nodes[0];
  };
  // (a - b) - c
  const Node &r = find("r");
  EXPECT_EQ(r.kind, OpKind::Sub);
  EXPECT_EQ(graph.node(r.operands[0]).kind, OpKind::Sub);
  EXPECT_EQ(r.operands[1], 2);
  EXPECT_EQ(r.loc.column, 11u);
  // (-a) * b
  const Node &s = find("s");
  EXPECT_EQ(s.kind, OpKind::Mul);
  EXPECT_EQ(graph.node(s.operands[0]).kind, OpKind::Neg);
  EXPECT_EQ(graph.node(s.operands[0]).loc.column, 5u);
  // a + (b * c)
  const Node &t = find("t");
  EXPECT_EQ(t.kind, OpKind::Add);
  EXPECT_EQ(t.operands[0], 0);
  EXPECT_EQ(graph.node(t.operands[1]).kind, OpKind::Mul);
  // (a / b) / c
  const Node &u = find("u");
  EXPECT_EQ(u.kind, OpKind::Div);
  EXPECT_EQ(graph.node(u.operands[0]).kind, OpKind::Div);
  const Node &v = find("v");
  EXPECT_EQ(v.kind, OpKind::Mul);
  EXPECT_EQ(graph.node(v.operands[0]).kind, OpKind::Sub);
  const Node &w = find("w");
  EXPECT_EQ(w.kind, OpKind::Sub);
  EXPECT_EQ(graph.node(w.operands[1]).kind, OpKind::Neg);
}

TEST(ParserTest, ConstantsAndAliases) {
  Graph graph = parseOk("input x : f32[2]\ny = 2 * x + .5\nz = x\nc = 3\n"
                        "output y, z, c\n");
  EXPECT_EQ(graph.node(1).kind, OpKind::Constant);
  EXPECT_EQ(graph.node(1).constant, 2.0);
  EXPECT_EQ(graph.node(1).shape, Shape{});
  EXPECT_EQ(graph.node(1).loc.column, 5u);
  EXPECT_EQ(graph.node(2).shape, Shape{2});
  EXPECT_EQ(graph.node(3).constant, 0.5);
  // `z = x` names node x again; `c = 3` names the constant.
  EXPECT_EQ(graph.outputs, (std::vector<NodeId>{4, 0, 5}));
  EXPECT_EQ(graph.outputNames, (std::vector<std::string>{"y", "z", "c"}));
  EXPECT_EQ(graph.node(5).name, "c");
}

TEST(ParserTest, EveryOp) {
  Graph graph = parseOk(R"(input a : f32[2, 3]
input b : f32[3]
param m : f32[4, 3, 5]
e1 = add(a, b) + sub(a, b) + mul(a, b) + div(a, b) + pow(a, b)
e2 = maximum(a, b) + minimum(a, b)
u = neg(a) + exp(a) + log(a) + sqrt(a) + tanh(a) + sigmoid(a)
v = relu(a) + sin(a) + cos(a) + abs(a) + square(a)
mm = matmul(broadcast(a, shape=[4, 2, 3]), m)
tr = transpose(a)
tp = transpose(m, perm=[2, 0, 1])
rs = reshape(a, shape=[3, 2])
s1 = sum(a)
s2 = mean(a, axis=0)
s3 = max(a, axis=[-1], keepdims=true)
s4 = logsumexp(m, axis=[2, 0])
sm = softmax(a)
ls = log_softmax(a, axis=0)
sl = slice(a, axis=1, start=1, end=3)
ct = concat(a, a, a, axis=-2)
c1 = concat(b, axis=0)
output s1, e1, e2, u, v, mm, tr, tp, rs, s2, s3, s4, sm, ls, sl, ct, c1
)");
  auto shapeOf = [&](size_t i) { return graph.node(graph.outputs[i]).shape; };
  EXPECT_EQ(shapeOf(0), Shape{});
  EXPECT_EQ(shapeOf(1), (Shape{2, 3}));
  EXPECT_EQ(shapeOf(5), (Shape{4, 2, 5}));
  EXPECT_EQ(shapeOf(6), (Shape{3, 2}));
  EXPECT_EQ(shapeOf(7), (Shape{5, 4, 3}));
  EXPECT_EQ(shapeOf(8), (Shape{3, 2}));
  EXPECT_EQ(shapeOf(9), (Shape{3}));
  EXPECT_EQ(shapeOf(10), (Shape{2, 1}));
  EXPECT_EQ(shapeOf(11), (Shape{3}));
  EXPECT_EQ(shapeOf(12), (Shape{2, 3}));
  EXPECT_EQ(shapeOf(14), (Shape{2, 2}));
  EXPECT_EQ(shapeOf(15), (Shape{6, 3}));
  EXPECT_EQ(shapeOf(16), (Shape{3}));

  const Attributes &tr = graph.node(graph.outputs[6]).attrs;
  EXPECT_EQ(tr.perm, (std::vector<int64_t>{1, 0}));
  const Attributes &tp = graph.node(graph.outputs[7]).attrs;
  EXPECT_EQ(tp.perm, (std::vector<int64_t>{2, 0, 1}));
  const Attributes &s1 = graph.node(graph.outputs[0]).attrs;
  EXPECT_EQ(s1.axes, (std::vector<int64_t>{0, 1}));
  EXPECT_FALSE(s1.keepdims);
  const Attributes &s3 = graph.node(graph.outputs[10]).attrs;
  EXPECT_EQ(s3.axes, (std::vector<int64_t>{1}));
  EXPECT_TRUE(s3.keepdims);
  const Attributes &s4 = graph.node(graph.outputs[11]).attrs;
  EXPECT_EQ(s4.axes, (std::vector<int64_t>{0, 2}));
  const Attributes &sm = graph.node(graph.outputs[12]).attrs;
  EXPECT_EQ(sm.axes, (std::vector<int64_t>{1}));
  const Attributes &sl = graph.node(graph.outputs[14]).attrs;
  EXPECT_EQ(sl.axes, (std::vector<int64_t>{1}));
  EXPECT_EQ(sl.start, 1);
  EXPECT_EQ(sl.end, 3);
  const Attributes &ct = graph.node(graph.outputs[15]).attrs;
  EXPECT_EQ(ct.axes, (std::vector<int64_t>{0}));
  EXPECT_EQ(graph.node(graph.outputs[15]).operands.size(), 3u);
}

TEST(ParserTest, MultiLineCalls) {
  Graph graph = parseOk("input a : f32[2,\n  3]\nb = sum(a,   # comment\n"
                        "  axis=[0,\n 1])\noutput b\n");
  EXPECT_EQ(graph.node(1).shape, Shape{});
  EXPECT_EQ(graph.outputLocs[0].line, 6u);
}

TEST(ParserTest, ConstantsBeforeLeaves) {
  Graph graph = parseOk("c = 2 + 3\ninput x : f64\ny = c * x\noutput y\n");
  EXPECT_EQ(graph.node(0).kind, OpKind::Constant);
  EXPECT_EQ(graph.elementType, ElementType::F64);
  EXPECT_TRUE(failsAt("c = 1e39\ninput x : f32\noutput x\n", 1, 5,
                      "number '1e39' is out of range for f32"));
  // The same number is fine in an f64 model.
  parseOk("c = 1e39\ninput x : f64\noutput x\n");
}

TEST(ParserTest, ScalarLoss) {
  Graph graph = parseOk("input x : f32[3]\ny = exp(x)\noutput y, x\n");
  std::optional<Diagnostic> diag = checkScalarLoss(graph);
  ASSERT_TRUE(diag.has_value());
  EXPECT_EQ(diag->loc.line, 3u);
  EXPECT_EQ(diag->loc.column, 8u);
  EXPECT_NE(diag->message.find("'y'"), std::string::npos);
  EXPECT_NE(diag->message.find("[3]"), std::string::npos);
}

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

TEST(ParserErrorTest, LexicalErrorsComeInSourceOrder) {
  using namespace std::string_literals;
  EXPECT_TRUE(failsAt("input x : f32\ny = x @\noutput y\n", 2, 7,
                      "unexpected character '@'"));
  EXPECT_TRUE(failsAt("input x : f32\ny = x\0\noutput y\n"s, 2, 6, "NUL"));
  EXPECT_TRUE(
      failsAt("input x : f32 # \xC3\x28\noutput x\n", 1, 17, "invalid UTF-8"));
  // A parse error before the lexical error wins.
  EXPECT_TRUE(failsAt("input x : f32\ny = = x\n@\n", 2, 5,
                      "expected an expression, found '='"));
  EXPECT_TRUE(failsAt("input x : f32\ny = x * 1e400\noutput y\n", 2, 9,
                      "out of range"));
}

TEST(ParserErrorTest, NumbersOutOfRangeForF32) {
  EXPECT_TRUE(failsAt("input x : f32\ny = x + 1e39\noutput y\n", 2, 9,
                      "number '1e39' is out of range for f32"));
  EXPECT_TRUE(failsAt("input x : f32\ny = x + 3.4028236e38\noutput y\n", 2, 9,
                      "out of range for f32"));
  parseOk("input x : f32\ny = x + 3.4028234e38\noutput y\n");
}

TEST(ParserErrorTest, UnknownNamesAndOps) {
  EXPECT_TRUE(failsAt("input x : f32[3]\n\ny = foo(x)\noutput y\n", 3, 5,
                      "unknown op 'foo'"));
  EXPECT_TRUE(failsAt("input x : f32[3]\ny = x + z\noutput y\n", 2, 9,
                      "unknown name 'z'"));
  EXPECT_TRUE(failsAt("input x : f32[3]\ny = x(2)\noutput y\n", 2, 5,
                      "'x' is a value, not an op"));
  EXPECT_TRUE(failsAt("input x : f32[3]\ny = exp + x\noutput y\n", 2, 5,
                      "'exp' is an op"));
  EXPECT_TRUE(
      failsAt("input x : f32[3]\noutput w\n", 2, 8, "unknown name 'w'"));
}

TEST(ParserErrorTest, UseBeforeDefinition) {
  EXPECT_TRUE(failsAt("input x : f32\ny = z * x\nz = exp(x)\noutput y\n", 2, 5,
                      "'z' is used before its definition at 3:1"));
  EXPECT_TRUE(failsAt("y = exp(x)\ninput x : f32\noutput y\n", 1, 9,
                      "'x' is used before its definition at 2:7"));
}

TEST(ParserErrorTest, DuplicateDefinitions) {
  EXPECT_TRUE(failsAt("input x : f32\nparam x : f32\noutput x\n", 2, 7,
                      "'x' is already defined at 1:7"));
  EXPECT_TRUE(failsAt("input x : f32\ny = x\ny = x\noutput y\n", 3, 1,
                      "'y' is already defined at 2:1"));
}

TEST(ParserErrorTest, ReservedWordsAndOpsAsNames) {
  EXPECT_TRUE(failsAt("input output : f32\noutput output\n", 1, 7,
                      "'output' is a reserved word"));
  EXPECT_TRUE(failsAt("input x : f32\nf32 = x\noutput x\n", 2, 1,
                      "'f32' is a reserved word"));
  EXPECT_TRUE(failsAt("input x : f32\ntrue = x\noutput x\n", 2, 1,
                      "'true' is a reserved word"));
  EXPECT_TRUE(
      failsAt("input exp : f32\noutput exp\n", 1, 7, "'exp' is an op name"));
  EXPECT_TRUE(failsAt("input x : f32\nsum = x\noutput x\n", 2, 1,
                      "'sum' is an op name"));
  // Attribute keys are not reserved.
  parseOk("input axis : f32\nshape = axis\noutput shape\n");
}

TEST(ParserErrorTest, ModelStatement) {
  EXPECT_TRUE(failsAt("input x : f32\nmodel m\noutput x\n", 2, 1,
                      "'model' must be the first statement"));
  EXPECT_TRUE(failsAt("model m\nmodel n\ninput x : f32\noutput x\n", 2, 1,
                      "'model' must be the first statement"));
  EXPECT_TRUE(failsAt("model\ninput x : f32\noutput x\n", 1, 6,
                      "expected a model name"));
  EXPECT_EQ(parseOk("# comment\n\nmodel m1\ninput x : f32\noutput x\n").name,
            "m1");
}

TEST(ParserErrorTest, OutputStatement) {
  EXPECT_TRUE(failsAt("input x : f32\noutput x\ny = x\n", 3, 1,
                      "'output' must be the last statement"));
  EXPECT_TRUE(failsAt("input x : f32\noutput x\noutput x\n", 3, 1,
                      "only one 'output' statement"));
  EXPECT_TRUE(
      failsAt("input x : f32\ny = x\n", 3, 1, "missing 'output' statement"));
  EXPECT_TRUE(
      failsAt("input x : f32\ny = x", 2, 6, "missing 'output' statement"));
  EXPECT_TRUE(failsAt("input x : f32\noutput\n", 2, 7,
                      "expected an output name, found end of line"));
  EXPECT_TRUE(
      failsAt("input x : f32\noutput x, x\n", 2, 11, "'x' is listed twice"));
  EXPECT_TRUE(
      failsAt("input x : f32\noutput x,\n", 2, 10, "expected an output name"));
  EXPECT_TRUE(
      failsAt("input x : f32\noutput x y\n", 2, 10, "expected end of line"));
}

TEST(ParserErrorTest, NoLeaves) {
  EXPECT_TRUE(failsAt("c = 2\noutput c\n", 3, 1, "no 'input' or 'param'"));
  EXPECT_TRUE(failsAt("", 1, 1, "missing 'output'"));
}

TEST(ParserErrorTest, Types) {
  EXPECT_TRUE(failsAt("input x : f32\nparam w : f64[2]\noutput x\n", 2, 11,
                      "element type f64 differs from the model's element "
                      "type f32 (declared at 1:11)"));
  EXPECT_TRUE(failsAt("input x : f16\noutput x\n", 1, 11,
                      "expected a type (f32 or f64), found 'f16'"));
  EXPECT_TRUE(failsAt("input x f32\noutput x\n", 1, 9, "expected ':'"));
  EXPECT_TRUE(failsAt("input x : f32[1, 2, 3, 4, 5, 6, 7]\noutput x\n", 1, 33,
                      "at most 6 dimensions"));
  EXPECT_TRUE(failsAt("input x : f32[3, 0]\noutput x\n", 1, 18,
                      "must be positive, found 0"));
  EXPECT_TRUE(
      failsAt("input x : f32[-1]\noutput x\n", 1, 15, "positive integer"));
  EXPECT_TRUE(failsAt("input x : f32[2.5]\noutput x\n", 1, 15,
                      "positive integer, found '2.5'"));
  EXPECT_TRUE(
      failsAt("input x : f32[]\noutput x\n", 1, 15, "expected a dimension"));
  EXPECT_TRUE(failsAt("input x : f32[99999999999999999999]\noutput x\n", 1, 15,
                      "too large"));
  EXPECT_TRUE(failsAt("input x : f32[3\noutput x\n", 1, 14, "unclosed '['"));
}

TEST(ParserErrorTest, ByteSizeLimit) {
  // 2^46 f32 elements are exactly 2^48 bytes; one more dimension is not.
  parseOk("input x : f32[65536, 65536, 16384]\noutput x\n");
  EXPECT_TRUE(failsAt("input x : f64[65536, 65536, 16384]\noutput x\n", 1, 11,
                      "larger than 2^48 bytes"));
  EXPECT_TRUE(failsAt("input x : f32[4294967296, 4294967296, 4294967296]\n"
                      "output x\n",
                      1, 11, "larger than 2^48 bytes"));
  EXPECT_TRUE(failsAt("input a : f32[16777216, 1]\ninput b : f32[1, "
                      "16777216]\nc = a * b\noutput c\n",
                      3, 7, "larger than 2^48 bytes"));
  EXPECT_TRUE(failsAt("c = broadcast(2, shape=[65536, 65536, 65536])\n"
                      "input x : f32\noutput x\n",
                      1, 5, "larger than 2^48 bytes"));
}

TEST(ParserErrorTest, ShapeMismatchAtOperator) {
  EXPECT_TRUE(failsAt("input a : f32[3, 4]\ninput b : f32[5]\nc = a + b\n"
                      "output c\n",
                      3, 7,
                      "operands of 'add' have incompatible shapes [3, "
                      "4] and [5]"));
  EXPECT_TRUE(failsAt("input a : f32[2, 3]\ninput b : f32[4, 5]\n"
                      "c = exp(matmul(a, b))\noutput c\n",
                      3, 9,
                      "'matmul' needs inner dimensions to match: [2, "
                      "3] x [4, 5]"));
  EXPECT_TRUE(failsAt("input a : f32[2]\nc = concat(a, 1, axis=0)\noutput c\n",
                      2, 5, "'concat'"));
  EXPECT_TRUE(failsAt("input a : f32[2]\nc = add(a)\noutput c\n", 2, 5,
                      "'add' takes 2 operands, got 1"));
  EXPECT_TRUE(failsAt("input a : f32[2]\nc = exp()\noutput c\n", 2, 5,
                      "'exp' takes 1 operand, got 0"));
  EXPECT_TRUE(failsAt("input a : f32[2]\nc = concat(axis=0)\noutput c\n", 2, 5,
                      "'concat' takes at least 1 operands, got 0"));
}

TEST(ParserErrorTest, Attributes) {
  const char *prefix = "input a : f32[2, 3]\n";
  auto model = [&](const char *line) {
    return std::string(prefix) + line + "\noutput b\n";
  };
  EXPECT_TRUE(failsAt(model("b = sum(a, axes=0)"), 2, 12,
                      "'sum' has no attribute 'axes'"));
  EXPECT_TRUE(
      failsAt(model("b = exp(a, axis=0)"), 2, 12, "'exp' takes no attributes"));
  EXPECT_TRUE(failsAt(model("b = sum(a, axis=0, axis=1)"), 2, 20,
                      "attribute 'axis' is given twice"));
  EXPECT_TRUE(failsAt(model("b = slice(a, axis=0, end=1)"), 2, 5,
                      "'slice' needs attribute 'start'"));
  EXPECT_TRUE(failsAt(model("b = concat(a, a)"), 2, 5,
                      "'concat' needs attribute 'axis'"));
  EXPECT_TRUE(failsAt(model("b = reshape(a)"), 2, 5,
                      "'reshape' needs attribute 'shape'"));
  EXPECT_TRUE(failsAt(model("b = sum(a, keepdims=1)"), 2, 21,
                      "an integer is not a boolean"));
  EXPECT_TRUE(failsAt(model("b = sum(a, axis=true)"), 2, 17,
                      "must be an integer or a non-empty list"));
  EXPECT_TRUE(failsAt(model("b = softmax(a, axis=[1])"), 2, 21,
                      "attribute 'axis' of 'softmax' must be an integer"));
  EXPECT_TRUE(failsAt(model("b = transpose(a, perm=1)"), 2, 23,
                      "must be a list of integers"));
  EXPECT_TRUE(failsAt(model("b = sum(a, axis=0.5)"), 2, 17,
                      "expected an integer, found '0.5'"));
  EXPECT_TRUE(failsAt(model("b = sum(a, axis=[0, x])"), 2, 21,
                      "expected an integer, found 'x'"));
  EXPECT_TRUE(failsAt(model("b = sum(a, axis=)"), 2, 17,
                      "expected an attribute value"));
  EXPECT_TRUE(failsAt(model("b = sum(axis=0, a)"), 2, 17,
                      "operands must come before attributes"));
  EXPECT_TRUE(
      failsAt(model("b = sum(a, axis=[0, 0])"), 2, 21, "axis 0 repeats"));
  EXPECT_TRUE(
      failsAt(model("b = sum(a, axis=[1, -1])"), 2, 21, "axis -1 repeats"));
  EXPECT_TRUE(failsAt(model("b = sum(a, axis=[])"), 2, 17,
                      "must not be an empty list"));
  EXPECT_TRUE(failsAt(model("b = sum(a, axis=2)"), 2, 17,
                      "axis 2 is out of range for an operand of shape [2, "
                      "3]"));
  EXPECT_TRUE(failsAt(model("b = mean(a, axis=[0, -3])"), 2, 22,
                      "axis -3 is out of range"));
  EXPECT_TRUE(failsAt(model("b = transpose(a, perm=[0])"), 2, 23,
                      "'perm' needs 2 entries"));
  EXPECT_TRUE(
      failsAt(model("b = transpose(a, perm=[1, 1])"), 2, 27, "appears twice"));
  EXPECT_TRUE(
      failsAt(model("b = transpose(a, perm=[0, 2])"), 2, 27, "'perm' entry 2"));
  EXPECT_TRUE(failsAt(model("b = reshape(a, shape=[-1, 6])"), 2, 23,
                      "must be positive, got -1"));
  EXPECT_TRUE(failsAt(model("b = reshape(a, shape=[4])"), 2, 22,
                      "'reshape' cannot change the element count: [2, 3] "
                      "to [4]"));
  EXPECT_TRUE(failsAt(model("b = broadcast(a, shape=[3, 3])"), 2, 24,
                      "cannot broadcast [2, 3] to [3, 3]"));
  EXPECT_TRUE(failsAt(model("b = broadcast(a, shape=[1, 1, 1, 1, 1, 2, 3])"), 2,
                      24, "rank 7"));
  EXPECT_TRUE(failsAt(model("b = slice(a, axis=1, start=3, end=3)"), 2, 28,
                      "'start' 3 is out of range [0, 3)"));
  EXPECT_TRUE(failsAt(model("b = slice(a, axis=1, start=2, end=2)"), 2, 35,
                      "'end' 2 is out of range [3, 3]"));
  EXPECT_TRUE(
      failsAt(model("b = slice(a, axis=1, start=0, end=4)"), 2, 35, "'end' 4"));
  EXPECT_TRUE(failsAt(model("b = slice(a, axis=-3, start=0, end=1)"), 2, 19,
                      "axis -3 is out of range"));
  EXPECT_TRUE(failsAt(model("b = concat(a, a, axis=2)"), 2, 23,
                      "axis 2 is out of range"));
  EXPECT_TRUE(failsAt(model("b = sum(a, axis=99999999999999999999)"), 2, 17,
                      "too large"));
  // softmax of a scalar has no axis -1.
  EXPECT_TRUE(failsAt("input s : f32\nb = softmax(s)\noutput b\n", 2, 5,
                      "axis -1 is out of range for an operand of shape []"));
  // Negative axes are normalized.
  Graph graph = parseOk(model("b = softmax(a, axis=-2)"));
  EXPECT_EQ(graph.node(1).attrs.axes, (std::vector<int64_t>{0}));
}

TEST(ParserErrorTest, Syntax) {
  EXPECT_TRUE(
      failsAt("input x : f32\ny = exp(x\noutput y\n", 2, 8, "unclosed '('"));
  EXPECT_TRUE(failsAt("input x : f32\ny = (x + x", 2, 5, "unclosed '('"));
  EXPECT_TRUE(failsAt("input x : f32\ny = exp(x x)\noutput y\n", 2, 11,
                      "expected ')', found 'x'"));
  EXPECT_TRUE(failsAt("input x : f32\ny = exp(x))\noutput y\n", 2, 11,
                      "expected end of line"));
  EXPECT_TRUE(failsAt("input x : f32\ny = x +\noutput y\n", 2, 8,
                      "expected an expression, found end of line"));
  EXPECT_TRUE(failsAt("input x : f32\ny x\noutput y\n", 2, 3,
                      "expected '=' after 'y'"));
  EXPECT_TRUE(failsAt("input x : f32\n2 = x\noutput x\n", 2, 1,
                      "expected a statement, found '2'"));
  EXPECT_TRUE(failsAt("input x : f32\ny = add(x, x,)\noutput y\n", 2, 14,
                      "expected an expression, found ')'"));
}

TEST(ParserErrorTest, DeepNesting) {
  const int depth = 10000;
  std::string parens = "input x : f32\ny = " + std::string(depth, '(') + "x" +
                       std::string(depth, ')') + "\noutput y\n";
  EXPECT_TRUE(failsAt(parens, 2, 5 + kMaxNestingDepth,
                      "expression nested too deeply (more than 256 levels)"));
  std::string calls = "input x : f32\ny = ";
  for (int i = 0; i < depth; ++i)
    calls += "exp(";
  calls += "x" + std::string(depth, ')') + "\noutput y\n";
  EXPECT_TRUE(failsAt(calls, 2, 8 + 4 * kMaxNestingDepth, "nested too deeply"));
  // Exactly the limit works.
  std::string ok = "input x : f32\ny = " + std::string(kMaxNestingDepth, '(') +
                   "x" + std::string(kMaxNestingDepth, ')') + "\noutput y\n";
  parseOk(ok);
}

TEST(ParserErrorTest, LongChainsAndUnaryMinus) {
  std::string chain = "input x : f32\ny = x";
  for (int i = 0; i < 100000; ++i)
    chain += "+x";
  chain += "\nz = " + std::string(100000, '-') + "x\noutput y, z\n";
  Graph graph = parseOk(chain);
  EXPECT_EQ(graph.nodes.size(), 200001u);
  EXPECT_EQ(lastNode(graph).kind, OpKind::Neg);
  EXPECT_EQ(lastNode(graph).loc.column, 5u);
}

} // namespace

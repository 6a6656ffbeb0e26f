//===- Graph.cpp - Static facts about the Graph IR --------------*- C++ -*-===//
//
// The op table of the model format (names, arities, categories) and small
// helpers on element types and shapes. The table is indexed by OpKind, so
// its rows must stay in the enum's order; a static_assert checks the count.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Graph/Graph.h"

#include <iterator>

namespace adjoint::graph {

const char *elementTypeName(ElementType type) {
  return type == ElementType::F32 ? "f32" : "f64";
}

int64_t elementByteSize(ElementType type) {
  return type == ElementType::F32 ? 4 : 8;
}

int64_t numElements(const Shape &shape) {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

std::string formatShape(const Shape &shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i != 0)
      text += ", ";
    text += std::to_string(shape[i]);
  }
  text += "]";
  return text;
}

namespace {
// One row per OpKind, in the enum's order.
const OpInfo kOpTable[] = {
    {OpKind::Input, "input", 0},
    {OpKind::Param, "param", 0},
    {OpKind::Constant, "constant", 0},
    {OpKind::Add, "add", 2},
    {OpKind::Sub, "sub", 2},
    {OpKind::Mul, "mul", 2},
    {OpKind::Div, "div", 2},
    {OpKind::Pow, "pow", 2},
    {OpKind::Maximum, "maximum", 2},
    {OpKind::Minimum, "minimum", 2},
    {OpKind::Neg, "neg", 1},
    {OpKind::Exp, "exp", 1},
    {OpKind::Log, "log", 1},
    {OpKind::Sqrt, "sqrt", 1},
    {OpKind::Tanh, "tanh", 1},
    {OpKind::Sigmoid, "sigmoid", 1},
    {OpKind::Relu, "relu", 1},
    {OpKind::Sin, "sin", 1},
    {OpKind::Cos, "cos", 1},
    {OpKind::Abs, "abs", 1},
    {OpKind::Square, "square", 1},
    {OpKind::MatMul, "matmul", 2},
    {OpKind::Transpose, "transpose", 1},
    {OpKind::Reshape, "reshape", 1},
    {OpKind::Broadcast, "broadcast", 1},
    {OpKind::Sum, "sum", 1},
    {OpKind::Mean, "mean", 1},
    {OpKind::Max, "max", 1},
    {OpKind::LogSumExp, "logsumexp", 1},
    {OpKind::Softmax, "softmax", 1},
    {OpKind::LogSoftmax, "log_softmax", 1},
    {OpKind::Slice, "slice", 1},
    {OpKind::Concat, "concat", -1},
};
static_assert(std::size(kOpTable) == size_t(OpKind::Concat) + 1,
              "kOpTable needs one row per OpKind");
} // namespace

const OpInfo &getOpInfo(OpKind kind) {
  return kOpTable[static_cast<size_t>(kind)];
}

const OpInfo *lookupOp(std::string_view name) {
  for (const OpInfo &info : kOpTable)
    if (info.kind > OpKind::Constant && name == info.name)
      return &info;
  return nullptr;
}

bool isElementwiseBinary(OpKind kind) {
  return kind >= OpKind::Add && kind <= OpKind::Minimum;
}

bool isElementwiseUnary(OpKind kind) {
  return kind >= OpKind::Neg && kind <= OpKind::Square;
}

bool isReduction(OpKind kind) {
  return kind >= OpKind::Sum && kind <= OpKind::LogSumExp;
}

} // namespace adjoint::graph

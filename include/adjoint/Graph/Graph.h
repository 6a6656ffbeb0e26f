//===- Graph.h - The Graph IR of a model file -------------------*- C++ -*-===//
//
// The Graph IR is the parsed, checked form of a model file: a list of typed
// nodes in topological order (every operand precedes its user), each with a
// static shape, normalized attributes and the source position it came from.
// It knows nothing of MLIR; lib/Import lowers it into the `adj` dialect.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_GRAPH_GRAPH_H
#define ADJOINT_GRAPH_GRAPH_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace adjoint::graph {

/// The one element type of a model.
enum class ElementType { F32, F64 };

/// "f32" or "f64".
const char *elementTypeName(ElementType type);
/// Size of one element in bytes.
int64_t elementByteSize(ElementType type);

/// A static shape; empty for a scalar.
using Shape = std::vector<int64_t>;

/// Number of elements of a shape (1 for a scalar). The caller guarantees the
/// product does not overflow (the verifier checks sizes against 2^48 bytes).
int64_t numElements(const Shape &shape);

/// "[64, 784]", or "[]" for a scalar.
std::string formatShape(const Shape &shape);

/// A 1-based position in the model file; column counted in bytes.
struct SourceLoc {
  unsigned line = 0;
  unsigned column = 0;
};

/// Every kind of node. Leaves and constants first, then the ops of the
/// format's table.
enum class OpKind {
  Input,
  Param,
  Constant,
  // Elementwise binary, broadcasting.
  Add,
  Sub,
  Mul,
  Div,
  Pow,
  Maximum,
  Minimum,
  // Elementwise unary.
  Neg,
  Exp,
  Log,
  Sqrt,
  Tanh,
  Sigmoid,
  Relu,
  Sin,
  Cos,
  Abs,
  Square,
  // Structural.
  MatMul,
  Transpose,
  Reshape,
  Broadcast,
  // Reductions.
  Sum,
  Mean,
  Max,
  LogSumExp,
  Softmax,
  LogSoftmax,
  Slice,
  Concat,
};

/// Static facts about an op kind.
struct OpInfo {
  OpKind kind;
  /// The name in the model format ("log_softmax"); also the `adj` mnemonic.
  const char *name;
  /// Number of operands, or -1 for variadic (concat: one or more).
  int arity;
};

/// The info of a kind.
const OpInfo &getOpInfo(OpKind kind);
/// The op callable by this name in a model file, or nullptr (leaves and
/// constants are not callable).
const OpInfo *lookupOp(std::string_view name);

bool isElementwiseBinary(OpKind kind);
bool isElementwiseUnary(OpKind kind);
/// sum, mean, max, logsumexp.
bool isReduction(OpKind kind);

/// Attributes of a node, already normalized by the parser: axes are
/// non-negative; reduction axes are sorted and default to all axes.
struct Attributes {
  /// Reductions: the reduced axes (sorted, distinct). softmax, log_softmax,
  /// slice and concat: exactly one axis.
  std::vector<int64_t> axes;
  /// Reductions: keep reduced axes with size 1.
  bool keepdims = false;
  /// transpose: the permutation (default: reversed dimensions).
  std::vector<int64_t> perm;
  /// reshape, broadcast: the target shape.
  Shape shape;
  /// slice: the half-open range [start, end) along axes[0].
  int64_t start = 0;
  int64_t end = 0;
};

using NodeId = int64_t;

/// One value of the graph.
struct Node {
  OpKind kind = OpKind::Constant;
  /// The value's name for leaves and named statements; empty for the
  /// anonymous nodes of nested expressions.
  std::string name;
  std::vector<NodeId> operands;
  Attributes attrs;
  /// Constant: the scalar's value.
  double constant = 0.0;
  Shape shape;
  /// Leaves: the name in the declaration. Ops: the op name or the infix
  /// operator. Constants: the number.
  SourceLoc loc;
};

/// A checked model. `nodes` is in topological order.
struct Graph {
  std::string name;
  ElementType elementType = ElementType::F32;
  std::vector<Node> nodes;
  /// Leaves in declaration order, by kind.
  std::vector<NodeId> inputs;
  std::vector<NodeId> params;
  /// Outputs in the order of the `output` statement.
  std::vector<NodeId> outputs;
  /// The names in the `output` statement and where each is. A name may
  /// differ from its node's: `y = x` makes `y` another name of node `x`.
  std::vector<std::string> outputNames;
  std::vector<SourceLoc> outputLocs;

  const Node &node(NodeId id) const { return nodes[static_cast<size_t>(id)]; }
};

} // namespace adjoint::graph

#endif // ADJOINT_GRAPH_GRAPH_H

//===- ShapeInference.h - Result shapes of model ops ------------*- C++ -*-===//
//
// The single source of truth for the shape rules of the format: the model
// parser uses it to type every node, and the `adj` dialect's verifiers use
// it to check op result types, so the two can never disagree.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_GRAPH_SHAPEINFERENCE_H
#define ADJOINT_GRAPH_SHAPEINFERENCE_H

#include "adjoint/Graph/Graph.h"

#include <string>
#include <vector>

namespace adjoint::graph {

/// Result of inferring a shape: the shape, or an error message for people
/// ("operands of 'add' have incompatible shapes [3, 4] and [5]").
struct InferredShape {
  Shape shape;
  std::string error;
  bool ok() const { return error.empty(); }
};

/// NumPy broadcasting of two shapes.
InferredShape broadcastShapes(const Shape &lhs, const Shape &rhs);

/// The result shape of `kind` applied to operands of `operandShapes` with
/// normalized attributes `attrs` (see Attributes). Checks arity, ranks,
/// axes, permutations, element counts and slice bounds; never asserts, so
/// it is safe on any input. Not for leaves and constants.
InferredShape inferShape(OpKind kind, const std::vector<Shape> &operandShapes,
                         const Attributes &attrs);

/// The most dimensions any value may have.
constexpr int64_t kMaxRank = 6;
/// The largest byte size of any value (2^48).
constexpr int64_t kMaxByteSize = int64_t(1) << 48;

/// True if a value of `shape` and `type` is at most kMaxByteSize bytes,
/// computed with overflow checks.
bool fitsByteLimit(const Shape &shape, ElementType type);

} // namespace adjoint::graph

#endif // ADJOINT_GRAPH_SHAPEINFERENCE_H

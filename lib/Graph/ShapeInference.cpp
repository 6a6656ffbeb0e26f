//===- ShapeInference.cpp - Result shapes of model ops ----------*- C++ -*-===//
//
// The shape rules of the format's op table. Every function here validates
// its whole input (arity, ranks, dimensions, axes, permutations, element
// counts with overflow checks) and reports problems as messages naming the
// shapes involved; nothing asserts, because MLIR verifiers call inferShape
// on arbitrary IR.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Graph/ShapeInference.h"

#include <string>

namespace adjoint::graph {

namespace {

InferredShape failure(std::string message) { return {{}, std::move(message)}; }

std::string quotedName(OpKind kind) {
  return std::string("'") + getOpInfo(kind).name + "'";
}

/// Product of the dimensions, or false if it exceeds INT64_MAX. Dimensions
/// are known to be positive.
bool checkedProduct(const Shape &shape, int64_t &product) {
  product = 1;
  for (int64_t dim : shape) {
    if (product > INT64_MAX / dim)
      return false;
    product *= dim;
  }
  return true;
}

bool allPositive(const Shape &shape) {
  for (int64_t dim : shape)
    if (dim <= 0)
      return false;
  return true;
}

/// Checks an operand or target shape: rank and positive dimensions.
std::string checkShape(const Shape &shape, const std::string &what) {
  if (static_cast<int64_t>(shape.size()) > kMaxRank)
    return what + " " + formatShape(shape) + " has rank " +
           std::to_string(shape.size()) + ", more than " +
           std::to_string(kMaxRank);
  if (!allPositive(shape))
    return what + " " + formatShape(shape) + " has a non-positive dimension";
  return {};
}

/// Checks that `axes` holds exactly one axis in [0, rank).
std::string checkSingleAxis(OpKind kind, const Attributes &attrs,
                            const Shape &shape) {
  if (attrs.axes.size() != 1)
    return quotedName(kind) + " needs exactly one axis";
  int64_t axis = attrs.axes[0];
  if (axis < 0 || axis >= static_cast<int64_t>(shape.size()))
    return quotedName(kind) + " axis " + std::to_string(axis) +
           " is out of range for shape " + formatShape(shape);
  return {};
}

InferredShape inferMatMul(const Shape &lhs, const Shape &rhs) {
  std::string pair = formatShape(lhs) + " x " + formatShape(rhs);
  if (lhs.size() < 2 || rhs.size() < 2)
    return failure("'matmul' needs operands of rank at least 2: " + pair);
  if (lhs.size() != rhs.size())
    return failure("'matmul' needs operands of equal rank: " + pair);
  size_t rank = lhs.size();
  for (size_t i = 0; i + 2 < rank; ++i)
    if (lhs[i] != rhs[i])
      return failure("'matmul' needs equal batch dimensions: " + pair);
  if (lhs[rank - 1] != rhs[rank - 2])
    return failure("'matmul' needs inner dimensions to match: " + pair);
  Shape result(lhs.begin(), lhs.end() - 1);
  result.push_back(rhs[rank - 1]);
  return {result, {}};
}

InferredShape inferTranspose(const Shape &shape, const Attributes &attrs) {
  const std::vector<int64_t> &perm = attrs.perm;
  std::vector<bool> seen(shape.size(), false);
  bool valid = perm.size() == shape.size();
  for (size_t i = 0; valid && i < perm.size(); ++i) {
    int64_t p = perm[i];
    valid = p >= 0 && p < static_cast<int64_t>(shape.size()) &&
            !seen[static_cast<size_t>(p)];
    if (valid)
      seen[static_cast<size_t>(p)] = true;
  }
  if (!valid)
    return failure("'transpose' perm " + formatShape(perm) +
                   " is not a permutation of the dimensions of " +
                   formatShape(shape));
  Shape result;
  for (int64_t p : perm)
    result.push_back(shape[static_cast<size_t>(p)]);
  return {result, {}};
}

InferredShape inferReshape(const Shape &shape, const Attributes &attrs) {
  if (std::string error = checkShape(attrs.shape, "'reshape' target");
      !error.empty())
    return failure(error);
  int64_t from = 0, to = 0;
  if (!checkedProduct(shape, from) || !checkedProduct(attrs.shape, to) ||
      from != to)
    return failure("'reshape' cannot change the element count: " +
                   formatShape(shape) + " to " + formatShape(attrs.shape));
  return {attrs.shape, {}};
}

InferredShape inferBroadcast(const Shape &shape, const Attributes &attrs) {
  const Shape &target = attrs.shape;
  if (std::string error = checkShape(target, "'broadcast' target");
      !error.empty())
    return failure(error);
  bool valid = shape.size() <= target.size();
  size_t offset = valid ? target.size() - shape.size() : 0;
  for (size_t i = 0; valid && i < shape.size(); ++i)
    valid = shape[i] == 1 || shape[i] == target[offset + i];
  if (!valid)
    return failure("'broadcast' cannot broadcast " + formatShape(shape) +
                   " to " + formatShape(target));
  return {target, {}};
}

InferredShape inferReduction(OpKind kind, const Shape &shape,
                             const Attributes &attrs) {
  int64_t previous = -1;
  for (int64_t axis : attrs.axes) {
    if (axis < 0 || axis >= static_cast<int64_t>(shape.size()))
      return failure(quotedName(kind) + " axis " + std::to_string(axis) +
                     " is out of range for shape " + formatShape(shape));
    if (axis <= previous)
      return failure(quotedName(kind) + " axes " + formatShape(attrs.axes) +
                     " are not sorted and distinct");
    previous = axis;
  }
  Shape result;
  size_t next = 0;
  for (size_t i = 0; i < shape.size(); ++i) {
    bool reduced =
        next < attrs.axes.size() && attrs.axes[next] == static_cast<int64_t>(i);
    if (reduced)
      ++next;
    if (!reduced)
      result.push_back(shape[i]);
    else if (attrs.keepdims)
      result.push_back(1);
  }
  return {result, {}};
}

InferredShape inferSlice(const Shape &shape, const Attributes &attrs) {
  if (std::string error = checkSingleAxis(OpKind::Slice, attrs, shape);
      !error.empty())
    return failure(error);
  int64_t size = shape[static_cast<size_t>(attrs.axes[0])];
  if (attrs.start < 0 || attrs.start >= attrs.end || attrs.end > size)
    return failure("'slice' range [" + std::to_string(attrs.start) + ", " +
                   std::to_string(attrs.end) + ") is not within axis " +
                   std::to_string(attrs.axes[0]) + " of " + formatShape(shape) +
                   " or is empty");
  Shape result = shape;
  result[static_cast<size_t>(attrs.axes[0])] = attrs.end - attrs.start;
  return {result, {}};
}

InferredShape inferConcat(const std::vector<Shape> &shapes,
                          const Attributes &attrs) {
  const Shape &first = shapes.front();
  if (std::string error = checkSingleAxis(OpKind::Concat, attrs, first);
      !error.empty())
    return failure(error);
  size_t axis = static_cast<size_t>(attrs.axes[0]);
  Shape result = first;
  for (size_t i = 1; i < shapes.size(); ++i) {
    const Shape &other = shapes[i];
    bool valid = other.size() == first.size();
    for (size_t d = 0; valid && d < first.size(); ++d)
      valid = d == axis || other[d] == first[d];
    if (!valid)
      return failure("operands of 'concat' along axis " + std::to_string(axis) +
                     " have incompatible shapes " + formatShape(first) +
                     " and " + formatShape(other));
    if (result[axis] > INT64_MAX - other[axis])
      return failure("'concat' result is too large");
    result[axis] += other[axis];
  }
  return {result, {}};
}

InferredShape inferChecked(OpKind kind, const std::vector<Shape> &shapes,
                           const Attributes &attrs) {
  if (isElementwiseBinary(kind)) {
    InferredShape result = broadcastShapes(shapes[0], shapes[1]);
    if (!result.ok())
      result.error =
          "operands of " + quotedName(kind) + " have " + result.error;
    return result;
  }
  if (isElementwiseUnary(kind))
    return {shapes[0], {}};
  if (isReduction(kind))
    return inferReduction(kind, shapes[0], attrs);
  switch (kind) {
  case OpKind::MatMul:
    return inferMatMul(shapes[0], shapes[1]);
  case OpKind::Transpose:
    return inferTranspose(shapes[0], attrs);
  case OpKind::Reshape:
    return inferReshape(shapes[0], attrs);
  case OpKind::Broadcast:
    return inferBroadcast(shapes[0], attrs);
  case OpKind::Softmax:
  case OpKind::LogSoftmax:
    if (std::string error = checkSingleAxis(kind, attrs, shapes[0]);
        !error.empty())
      return failure(error);
    return {shapes[0], {}};
  case OpKind::Slice:
    return inferSlice(shapes[0], attrs);
  case OpKind::Concat:
    return inferConcat(shapes, attrs);
  default:
    return failure(quotedName(kind) + " is not an op");
  }
}

} // namespace

InferredShape broadcastShapes(const Shape &lhs, const Shape &rhs) {
  const Shape &longer = lhs.size() >= rhs.size() ? lhs : rhs;
  const Shape &shorter = lhs.size() >= rhs.size() ? rhs : lhs;
  size_t offset = longer.size() - shorter.size();
  Shape result = longer;
  for (size_t i = 0; i < shorter.size(); ++i) {
    int64_t a = longer[offset + i], b = shorter[i];
    if (a != b && a != 1 && b != 1)
      return failure("incompatible shapes " + formatShape(lhs) + " and " +
                     formatShape(rhs));
    result[offset + i] = a == 1 ? b : a;
  }
  return {result, {}};
}

InferredShape inferShape(OpKind kind, const std::vector<Shape> &operandShapes,
                         const Attributes &attrs) {
  if (kind <= OpKind::Constant || kind > OpKind::Concat)
    return failure("leaves and constants have no inferred shape");
  const OpInfo &info = getOpInfo(kind);
  size_t count = operandShapes.size();
  if (info.arity >= 0 ? count != static_cast<size_t>(info.arity) : count == 0)
    return failure(quotedName(kind) + " takes " +
                   (info.arity >= 0 ? std::to_string(info.arity)
                                    : std::string("one or more")) +
                   " operand" + (info.arity == 1 ? "" : "s") + ", got " +
                   std::to_string(count));
  for (const Shape &shape : operandShapes)
    if (std::string error = checkShape(shape, "operand of " + quotedName(kind));
        !error.empty())
      return failure(error);
  InferredShape result = inferChecked(kind, operandShapes, attrs);
  if (result.ok() && static_cast<int64_t>(result.shape.size()) > kMaxRank)
    return failure("result of " + quotedName(kind) + " " +
                   formatShape(result.shape) + " has rank more than " +
                   std::to_string(kMaxRank));
  return result;
}

bool fitsByteLimit(const Shape &shape, ElementType type) {
  int64_t bytes = elementByteSize(type);
  for (int64_t dim : shape) {
    if (dim <= 0 || bytes > kMaxByteSize / dim)
      return false;
    bytes *= dim;
  }
  return true;
}

} // namespace adjoint::graph

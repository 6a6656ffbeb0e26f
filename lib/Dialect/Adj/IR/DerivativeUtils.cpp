//===- DerivativeUtils.cpp - Helpers of the derivative rules ----*- C++ -*-===//
//
// AdjEmitter: builds `adj` ops with inferred result types for the VJP and
// JVP rules.
// Result shapes follow the same rules as the verifiers (NumPy broadcasting,
// reductions dropping or keeping axes), so every op built here verifies
// when its operands do.
//
//===----------------------------------------------------------------------===//

#include "DerivativeUtils.h"

#include "mlir/IR/BuiltinAttributes.h"

#include <algorithm>

using namespace mlir;

namespace adjoint::adj {

SmallVector<Value> unaryReads(ArrayRef<bool> needed, ArrayRef<Value> values) {
  if (!isNeeded(needed, 0))
    return {};
  return SmallVector<Value>(values);
}

SmallVector<Value> binaryReads(ArrayRef<bool> needed, ArrayRef<Value> forLhs,
                               ArrayRef<Value> forRhs) {
  SmallVector<Value> reads;
  auto add = [&](ArrayRef<Value> values) {
    for (Value value : values)
      if (!llvm::is_contained(reads, value))
        reads.push_back(value);
  };
  if (isNeeded(needed, 0))
    add(forLhs);
  if (isNeeded(needed, 1))
    add(forRhs);
  return reads;
}

ArrayRef<int64_t> getShapeOf(Value value) {
  return llvm::cast<RankedTensorType>(value.getType()).getShape();
}

SmallVector<int64_t> getKeepdimsShape(ArrayRef<int64_t> shape,
                                      ArrayRef<int64_t> axes) {
  SmallVector<int64_t> result(shape);
  for (int64_t axis : axes)
    result[axis] = 1;
  return result;
}

RankedTensorType AdjEmitter::getType(Value like,
                                     ArrayRef<int64_t> shape) const {
  return RankedTensorType::get(
      shape, llvm::cast<RankedTensorType>(like.getType()).getElementType());
}

/// NumPy broadcasting of two compatible shapes.
static SmallVector<int64_t> broadcastShapes(ArrayRef<int64_t> a,
                                            ArrayRef<int64_t> b) {
  ArrayRef<int64_t> longer = a.size() >= b.size() ? a : b;
  ArrayRef<int64_t> shorter = a.size() >= b.size() ? b : a;
  SmallVector<int64_t> shape(longer);
  size_t offset = longer.size() - shorter.size();
  for (size_t i = 0; i < shorter.size(); ++i)
    if (shape[offset + i] == 1)
      shape[offset + i] = shorter[i];
  return shape;
}

RankedTensorType AdjEmitter::getBroadcastType(Value lhs, Value rhs) const {
  return getType(lhs, broadcastShapes(getShapeOf(lhs), getShapeOf(rhs)));
}

Value AdjEmitter::constant(RankedTensorType type, double value) {
  Attribute element = builder.getFloatAttr(type.getElementType(), value);
  auto attr = llvm::cast<DenseFPElementsAttr>(
      DenseElementsAttr::get(type, ArrayRef<Attribute>(element)));
  return builder.create<ConstantOp>(loc, attr);
}

Value AdjEmitter::scalar(Value like, double value) {
  return constant(getType(like, {}), value);
}

Value AdjEmitter::zerosLike(Value like) {
  return constant(llvm::cast<RankedTensorType>(like.getType()), 0.0);
}

Value AdjEmitter::select(Value condition, Value onTrue, Value onFalse) {
  SmallVector<int64_t> shape = broadcastShapes(
      broadcastShapes(getShapeOf(condition), getShapeOf(onTrue)),
      getShapeOf(onFalse));
  return builder.create<SelectOp>(loc, getType(onTrue, shape), condition,
                                  onTrue, onFalse);
}

Value AdjEmitter::gate(Value mask, Value value) {
  return select(mask, value, scalar(value, 0.0));
}

Value AdjEmitter::addTerms(Value lhs, Value rhs) {
  if (!lhs || !rhs)
    return lhs ? lhs : rhs;
  return add(lhs, rhs);
}

RankedTensorType AdjEmitter::getReducedType(Value operand,
                                            ArrayRef<int64_t> axes,
                                            bool keepdims) const {
  SmallVector<int64_t> shape;
  for (auto [dim, size] : llvm::enumerate(getShapeOf(operand))) {
    if (!llvm::is_contained(axes, static_cast<int64_t>(dim)))
      shape.push_back(size);
    else if (keepdims)
      shape.push_back(1);
  }
  return getType(operand, shape);
}

Value AdjEmitter::sum(Value operand, ArrayRef<int64_t> axes, bool keepdims) {
  return builder.create<SumOp>(loc, getReducedType(operand, axes, keepdims),
                               operand, axes, keepdims);
}

Value AdjEmitter::mean(Value operand, ArrayRef<int64_t> axes, bool keepdims) {
  return builder.create<MeanOp>(loc, getReducedType(operand, axes, keepdims),
                                operand, axes, keepdims);
}

Value AdjEmitter::firstMaxMask(Value operand, ArrayRef<int64_t> axes) {
  return builder.create<FirstMaxMaskOp>(loc, operand.getType(), operand, axes);
}

Value AdjEmitter::reshape(Value operand, ArrayRef<int64_t> shape) {
  if (getShapeOf(operand) == shape)
    return operand;
  return builder.create<ReshapeOp>(loc, getType(operand, shape), operand);
}

Value AdjEmitter::broadcast(Value operand, ArrayRef<int64_t> shape) {
  if (getShapeOf(operand) == shape)
    return operand;
  return builder.create<BroadcastOp>(loc, getType(operand, shape), operand);
}

Value AdjEmitter::transpose(Value operand, ArrayRef<int64_t> perm) {
  ArrayRef<int64_t> shape = getShapeOf(operand);
  SmallVector<int64_t> resultShape;
  for (int64_t p : perm)
    resultShape.push_back(shape[p]);
  return builder.create<TransposeOp>(loc, getType(operand, resultShape),
                                     operand, perm);
}

Value AdjEmitter::transposeLastTwo(Value operand) {
  int64_t rank = getShapeOf(operand).size();
  SmallVector<int64_t> perm;
  for (int64_t dim = 0; dim < rank; ++dim)
    perm.push_back(dim);
  std::swap(perm[rank - 2], perm[rank - 1]);
  return transpose(operand, perm);
}

Value AdjEmitter::matmul(Value lhs, Value rhs) {
  SmallVector<int64_t> shape(getShapeOf(lhs));
  shape.back() = getShapeOf(rhs).back();
  return builder.create<MatMulOp>(loc, getType(lhs, shape), lhs, rhs);
}

Value AdjEmitter::slice(Value operand, int64_t axis, int64_t start,
                        int64_t end) {
  SmallVector<int64_t> shape(getShapeOf(operand));
  if (start == 0 && end == shape[axis])
    return operand;
  shape[axis] = end - start;
  return builder.create<SliceOp>(
      loc, getType(operand, shape), operand, builder.getI64IntegerAttr(axis),
      builder.getI64IntegerAttr(start), builder.getI64IntegerAttr(end));
}

Value AdjEmitter::concat(ValueRange inputs, int64_t axis) {
  if (inputs.size() == 1)
    return inputs.front();
  SmallVector<int64_t> shape(getShapeOf(inputs.front()));
  shape[axis] = 0;
  for (Value input : inputs)
    shape[axis] += getShapeOf(input)[axis];
  return builder.create<ConcatOp>(loc, getType(inputs.front(), shape), inputs,
                                  builder.getI64IntegerAttr(axis));
}

Value AdjEmitter::reduceTo(Value g, ArrayRef<int64_t> shape) {
  ArrayRef<int64_t> from = getShapeOf(g);
  if (from == shape)
    return g;
  size_t offset = from.size() - shape.size();
  SmallVector<int64_t> axes;
  for (size_t dim = 0; dim < from.size(); ++dim)
    if (dim < offset || (shape[dim - offset] == 1 && from[dim] != 1))
      axes.push_back(static_cast<int64_t>(dim));
  Value reduced = axes.empty() ? g : sum(g, axes, /*keepdims=*/false);
  return reshape(reduced, shape);
}

Value AdjEmitter::expandReduced(Value reduced, ArrayRef<int64_t> operandShape,
                                ArrayRef<int64_t> axes) {
  // Reducing leading axes only leaves a shape that already broadcasts
  // against the operand (NumPy aligns trailing dims): no reshape needed.
  bool leading = true;
  for (auto [index, axis] : llvm::enumerate(axes))
    leading = leading && axis == static_cast<int64_t>(index);
  if (leading)
    return reduced;
  return reshape(reduced, getKeepdimsShape(operandShape, axes));
}

} // namespace adjoint::adj

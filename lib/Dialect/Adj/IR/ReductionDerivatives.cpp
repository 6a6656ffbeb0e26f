//===- ReductionDerivatives.cpp - Rules of adj reductions -------*- C++ -*-===//
//
// DerivativeOpInterface's buildVJP and buildJVP for sum, mean, max,
// logsumexp, softmax, log_softmax and the internal first_max_mask. A
// reduction's cotangent `g` (and its result `y`) first get a shape that
// broadcasts against the operand (AdjEmitter::expandReduced: the keepdims
// shape, unless only leading axes were reduced); elementwise ops then
// spread it, and only sum and mean need an explicit adj.broadcast. In
// forward mode the operand's tangent `t` is weighted elementwise and
// reduced over the same axes, keepdims as the op. max takes the derivative
// at the first maximal element of each slice, in row-major order over the
// reduced axes (adj.first_max_mask), as the model format requires.
//
//===----------------------------------------------------------------------===//

#include "DerivativeUtils.h"

using namespace mlir;
using namespace adjoint::adj;

namespace {
/// exp(x - y) for y = logsumexp(x): the softmax over the reduced axes,
/// the derivative of logsumexp.
Value getLogSumExpWeights(AdjEmitter &e, LogSumExpOp op) {
  Value x = op.getOperand();
  Value y = e.expandReduced(op.getResult(), getShapeOf(x), op.getAxes());
  return e.unary<ExpOp>(e.sub(x, y));
}
} // namespace

SmallVector<Value> SumOp::getVJPReads(ArrayRef<bool>) {
  return {};
}

SmallVector<Value> SumOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  // d/dx sum(x) = 1: g spread over the reduced axes.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    ArrayRef<int64_t> shape = getShapeOf(getOperand());
    return e.broadcast(e.expandReduced(g, shape, getAxes()), shape);
  });
}

Value SumOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // Linear: ty = sum(t).
  AdjEmitter e(builder, getLoc());
  return e.sum(tangents[0], getAxes(), getKeepdims());
}

SmallVector<Value> MeanOp::getVJPReads(ArrayRef<bool>) {
  return {};
}

SmallVector<Value> MeanOp::buildVJP(OpBuilder &builder, Value g,
                                    ArrayRef<bool> needed) {
  // d/dx mean(x) = 1 / count: divide before spreading (fewer elements).
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    ArrayRef<int64_t> shape = getShapeOf(getOperand());
    double count = 1.0;
    for (int64_t axis : getAxes())
      count *= static_cast<double>(shape[axis]);
    Value scaled = count == 1.0 ? g : e.div(g, e.scalar(g, count));
    return e.broadcast(e.expandReduced(scaled, shape, getAxes()), shape);
  });
}

Value MeanOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // Linear: ty = mean(t).
  AdjEmitter e(builder, getLoc());
  return e.mean(tangents[0], getAxes(), getKeepdims());
}

SmallVector<Value> MaxOp::getVJPReads(ArrayRef<bool> needed) {
  return unaryReads(needed, {getOperand()});
}

SmallVector<Value> MaxOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  // g goes to the first maximal element of each slice, 0 elsewhere.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    Value x = getOperand();
    Value mask = e.firstMaxMask(x, getAxes());
    return e.gate(mask, e.expandReduced(g, getShapeOf(x), getAxes()));
  });
}

Value MaxOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // ty = t at the first maximal element of each slice: the sum of t gated
  // by the mask (one nonzero term per slice).
  AdjEmitter e(builder, getLoc());
  Value mask = e.firstMaxMask(getOperand(), getAxes());
  return e.sum(e.gate(mask, tangents[0]), getAxes(), getKeepdims());
}

SmallVector<Value> LogSumExpOp::getVJPReads(ArrayRef<bool> needed) {
  return unaryReads(needed, {getOperand(), getResult()});
}

SmallVector<Value> LogSumExpOp::buildVJP(OpBuilder &builder, Value g,
                                         ArrayRef<bool> needed) {
  // d/dx logsumexp(x) = exp(x - y), the softmax over the reduced axes.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    Value weights = getLogSumExpWeights(e, *this);
    Value spread = e.expandReduced(g, getShapeOf(getOperand()), getAxes());
    return e.mul(spread, weights);
  });
}

Value LogSumExpOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // ty = sum(t * exp(x - y)): t weighted by the softmax.
  AdjEmitter e(builder, getLoc());
  Value weights = getLogSumExpWeights(e, *this);
  return e.sum(e.mul(tangents[0], weights), getAxes(), getKeepdims());
}

SmallVector<Value> SoftmaxOp::getVJPReads(ArrayRef<bool> needed) {
  return unaryReads(needed, {getResult()});
}

SmallVector<Value> SoftmaxOp::buildVJP(OpBuilder &builder, Value g,
                                       ArrayRef<bool> needed) {
  // dx = y * (g - sum(g * y, axis, keepdims)).
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    Value y = getResult();
    int64_t axis[] = {static_cast<int64_t>(getAxis())};
    Value dot = e.sum(e.mul(g, y), axis, /*keepdims=*/true);
    return e.mul(y, e.sub(g, dot));
  });
}

Value SoftmaxOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // The Jacobian diag(y) - y y^T is symmetric:
  // ty = y * (t - sum(t * y, axis, keepdims)).
  return buildSymmetricJVP(*this, builder, tangents);
}

SmallVector<Value> LogSoftmaxOp::getVJPReads(ArrayRef<bool> needed) {
  return unaryReads(needed, {getResult()});
}

SmallVector<Value> LogSoftmaxOp::buildVJP(OpBuilder &builder, Value g,
                                          ArrayRef<bool> needed) {
  // dx = g - exp(y) * sum(g, axis, keepdims); exp(y) is the softmax.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    int64_t axis[] = {static_cast<int64_t>(getAxis())};
    Value total = e.sum(g, axis, /*keepdims=*/true);
    return e.sub(g, e.mul(e.unary<ExpOp>(getResult()), total));
  });
}

Value LogSoftmaxOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // y = x - logsumexp(x): ty = t - sum(exp(y) * t, axis, keepdims), exp(y)
  // being the softmax.
  AdjEmitter e(builder, getLoc());
  Value t = tangents[0];
  int64_t axis[] = {static_cast<int64_t>(getAxis())};
  Value softmax = e.unary<ExpOp>(getResult());
  Value dot = e.sum(e.mul(softmax, t), axis, /*keepdims=*/true);
  return e.sub(t, dot);
}

// A mask is piecewise constant.

SmallVector<Value> FirstMaxMaskOp::getVJPReads(ArrayRef<bool>) {
  return {};
}

SmallVector<Value> FirstMaxMaskOp::buildVJP(OpBuilder &, Value,
                                            ArrayRef<bool>) {
  return SmallVector<Value>(1);
}

Value FirstMaxMaskOp::buildJVP(OpBuilder &, ValueRange) { return Value(); }

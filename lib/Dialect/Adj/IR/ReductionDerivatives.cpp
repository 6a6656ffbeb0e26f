//===- ReductionDerivatives.cpp - VJPs of adj reductions --------*- C++ -*-===//
//
// DerivativeOpInterface::buildVJP for sum, mean, max, logsumexp, softmax,
// log_softmax and the internal first_max_mask. A reduction's cotangent `g`
// (and its result `y`) first get a shape that broadcasts against the
// operand (AdjEmitter::expandReduced: the keepdims shape, unless only
// leading axes were reduced); elementwise ops then spread it, and only sum
// and mean need an explicit adj.broadcast. max sends
// `g` to the first maximal element of each slice, in row-major order over
// the reduced axes (adj.first_max_mask), as the model format requires.
//
//===----------------------------------------------------------------------===//

#include "DerivativeUtils.h"

using namespace mlir;
using namespace adjoint::adj;

SmallVector<Value> SumOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  // d/dx sum(x) = 1: g spread over the reduced axes.
  AdjEmitter e(builder, getLoc());
  SmallVector<Value> result(1);
  if (!isNeeded(needed, 0))
    return result;
  ArrayRef<int64_t> shape = getShapeOf(getOperand());
  result[0] = e.broadcast(e.expandReduced(g, shape, getAxes()), shape);
  return result;
}

SmallVector<Value> MeanOp::buildVJP(OpBuilder &builder, Value g,
                                    ArrayRef<bool> needed) {
  // d/dx mean(x) = 1 / count: divide before spreading (fewer elements).
  AdjEmitter e(builder, getLoc());
  SmallVector<Value> result(1);
  if (!isNeeded(needed, 0))
    return result;
  ArrayRef<int64_t> shape = getShapeOf(getOperand());
  double count = 1.0;
  for (int64_t axis : getAxes())
    count *= static_cast<double>(shape[axis]);
  Value scaled = count == 1.0 ? g : e.div(g, e.scalar(g, count));
  result[0] = e.broadcast(e.expandReduced(scaled, shape, getAxes()), shape);
  return result;
}

SmallVector<Value> MaxOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  // g goes to the first maximal element of each slice, 0 elsewhere.
  AdjEmitter e(builder, getLoc());
  SmallVector<Value> result(1);
  if (!isNeeded(needed, 0))
    return result;
  Value x = getOperand();
  Value mask =
      builder.create<FirstMaxMaskOp>(getLoc(), x.getType(), x, getAxes());
  Value spread = e.expandReduced(g, getShapeOf(x), getAxes());
  result[0] = e.select(mask, spread, e.scalar(g, 0.0));
  return result;
}

SmallVector<Value> LogSumExpOp::buildVJP(OpBuilder &builder, Value g,
                                         ArrayRef<bool> needed) {
  // d/dx logsumexp(x) = exp(x - y), the softmax over the reduced axes.
  AdjEmitter e(builder, getLoc());
  SmallVector<Value> result(1);
  if (!isNeeded(needed, 0))
    return result;
  Value x = getOperand();
  ArrayRef<int64_t> shape = getShapeOf(x);
  Value y = e.expandReduced(getResult(), shape, getAxes());
  Value weights = e.unary<ExpOp>(e.sub(x, y));
  result[0] = e.mul(e.expandReduced(g, shape, getAxes()), weights);
  return result;
}

SmallVector<Value> SoftmaxOp::buildVJP(OpBuilder &builder, Value g,
                                       ArrayRef<bool> needed) {
  // dx = y * (g - sum(g * y, axis, keepdims)).
  AdjEmitter e(builder, getLoc());
  SmallVector<Value> result(1);
  if (!isNeeded(needed, 0))
    return result;
  Value y = getResult();
  int64_t axis[] = {static_cast<int64_t>(getAxis())};
  Value dot = e.sum(e.mul(g, y), axis, /*keepdims=*/true);
  result[0] = e.mul(y, e.sub(g, dot));
  return result;
}

SmallVector<Value> LogSoftmaxOp::buildVJP(OpBuilder &builder, Value g,
                                          ArrayRef<bool> needed) {
  // dx = g - exp(y) * sum(g, axis, keepdims); exp(y) is the softmax.
  AdjEmitter e(builder, getLoc());
  SmallVector<Value> result(1);
  if (!isNeeded(needed, 0))
    return result;
  int64_t axis[] = {static_cast<int64_t>(getAxis())};
  Value total = e.sum(g, axis, /*keepdims=*/true);
  result[0] = e.sub(g, e.mul(e.unary<ExpOp>(getResult()), total));
  return result;
}

SmallVector<Value> FirstMaxMaskOp::buildVJP(OpBuilder &, Value,
                                            ArrayRef<bool>) {
  // A mask is piecewise constant.
  return SmallVector<Value>(1);
}

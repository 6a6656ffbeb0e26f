//===- ElementwiseDerivatives.cpp - VJPs of elementwise adj ops -*- C++ -*-===//
//
// DerivativeOpInterface::buildVJP for the elementwise ops (binary, unary)
// and the internal mask ops. `g` is the result's cotangent, `y` the result.
// Binary ops broadcast, so each operand's cotangent is reduced back to its
// shape (AdjEmitter::reduceTo). Kinks and ties follow the model format:
// maximum/minimum ties go to `lhs`, relu'(0) = abs'(0) = 0. Gradients gated
// by a mask use adj.select, so an infinite `g` in the branch not taken
// gives 0 rather than NaN. pow follows PyTorch: d/da is 0 where b == 0, and
// d/db is 0 where a == 0 and b >= 0 (there log(a) = -inf).
//
//===----------------------------------------------------------------------===//

#include "DerivativeUtils.h"

using namespace mlir;
using namespace adjoint::adj;

namespace {

/// Cotangents of a broadcasting binary op from the unreduced cotangents
/// `lhsFn()` and `rhsFn()` (of the result's shape), built only if needed.
template <typename LhsFn, typename RhsFn>
SmallVector<Value> binaryVJP(AdjEmitter &e, Value lhs, Value rhs,
                             ArrayRef<bool> needed, LhsFn lhsFn, RhsFn rhsFn) {
  SmallVector<Value> result(2);
  if (isNeeded(needed, 0))
    result[0] = e.reduceTo(lhsFn(), getShapeOf(lhs));
  if (isNeeded(needed, 1))
    result[1] = e.reduceTo(rhsFn(), getShapeOf(rhs));
  return result;
}

/// `g` where `mask` is nonzero, 0 elsewhere.
Value gate(AdjEmitter &e, Value mask, Value g) {
  return e.select(mask, g, e.scalar(g, 0.0));
}

} // namespace

//===----------------------------------------------------------------------===//
// Binary
//===----------------------------------------------------------------------===//

SmallVector<Value> AddOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  AdjEmitter e(builder, getLoc());
  return binaryVJP(
      e, getLhs(), getRhs(), needed, [&] { return g; }, [&] { return g; });
}

SmallVector<Value> SubOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  AdjEmitter e(builder, getLoc());
  SmallVector<Value> result(2);
  if (isNeeded(needed, 0))
    result[0] = e.reduceTo(g, getShapeOf(getLhs()));
  // Negate after reducing: fewer elements, the same values.
  if (isNeeded(needed, 1))
    result[1] = e.unary<NegOp>(e.reduceTo(g, getShapeOf(getRhs())));
  return result;
}

SmallVector<Value> MulOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  AdjEmitter e(builder, getLoc());
  Value a = getLhs(), b = getRhs();
  return binaryVJP(
      e, a, b, needed, [&] { return e.mul(g, b); },
      [&] { return e.mul(g, a); });
}

SmallVector<Value> DivOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  // y = a / b: da = g / b, db = -g * a / b^2 = -(g * y / b).
  AdjEmitter e(builder, getLoc());
  Value b = getRhs(), y = getResult();
  SmallVector<Value> result(2);
  if (isNeeded(needed, 0))
    result[0] = e.reduceTo(e.div(g, b), getShapeOf(getLhs()));
  if (isNeeded(needed, 1))
    result[1] =
        e.unary<NegOp>(e.reduceTo(e.div(e.mul(g, y), b), getShapeOf(b)));
  return result;
}

SmallVector<Value> PowOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  // y = a^b: da = g * b * a^(b-1), 0 where b == 0 (a^0 is constant, and
  // 0 * 0^-1 would be NaN); db = g * y * log(a), 0 where a == 0 and b >= 0.
  AdjEmitter e(builder, getLoc());
  Value a = getLhs(), b = getRhs(), y = getResult();
  return binaryVJP(
      e, a, b, needed,
      [&] {
        Value power = e.binary<PowOp>(a, e.sub(b, e.scalar(b, 1.0)));
        Value da = e.mul(g, e.mul(b, power));
        return e.select(e.equal(b, e.scalar(b, 0.0)), e.scalar(g, 0.0), da);
      },
      [&] {
        Value db = e.mul(g, e.mul(y, e.unary<LogOp>(a)));
        Value zeroBase = e.mul(e.equal(a, e.scalar(a, 0.0)),
                               e.greaterEqual(b, e.scalar(b, 0.0)));
        return e.select(zeroBase, e.scalar(g, 0.0), db);
      });
}

SmallVector<Value> MaximumOp::buildVJP(OpBuilder &builder, Value g,
                                       ArrayRef<bool> needed) {
  // Ties go to a: da = g * [a >= b], db = g * [a < b].
  AdjEmitter e(builder, getLoc());
  Value a = getLhs(), b = getRhs();
  return binaryVJP(
      e, a, b, needed, [&] { return gate(e, e.greaterEqual(a, b), g); },
      [&] { return gate(e, e.greater(b, a), g); });
}

SmallVector<Value> MinimumOp::buildVJP(OpBuilder &builder, Value g,
                                       ArrayRef<bool> needed) {
  // Ties go to a: da = g * [a <= b], db = g * [a > b].
  AdjEmitter e(builder, getLoc());
  Value a = getLhs(), b = getRhs();
  return binaryVJP(
      e, a, b, needed, [&] { return gate(e, e.greaterEqual(b, a), g); },
      [&] { return gate(e, e.greater(a, b), g); });
}

//===----------------------------------------------------------------------===//
// Unary
//===----------------------------------------------------------------------===//

namespace {
/// The cotangent of a unary op's operand, `fn()`, if needed.
template <typename Fn>
SmallVector<Value> unaryVJP(ArrayRef<bool> needed, Fn fn) {
  SmallVector<Value> result(1);
  if (isNeeded(needed, 0))
    result[0] = fn();
  return result;
}
} // namespace

SmallVector<Value> NegOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] { return e.unary<NegOp>(g); });
}

SmallVector<Value> ExpOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  // exp' = exp = y.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] { return e.mul(g, getResult()); });
}

SmallVector<Value> LogOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  // log'(a) = 1 / a.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] { return e.div(g, getOperand()); });
}

SmallVector<Value> SqrtOp::buildVJP(OpBuilder &builder, Value g,
                                    ArrayRef<bool> needed) {
  // sqrt'(a) = 1 / (2 y).
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    Value y = getResult();
    return e.div(g, e.mul(e.scalar(y, 2.0), y));
  });
}

SmallVector<Value> TanhOp::buildVJP(OpBuilder &builder, Value g,
                                    ArrayRef<bool> needed) {
  // tanh' = 1 - y^2.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    Value y = getResult();
    return e.mul(g, e.sub(e.scalar(y, 1.0), e.mul(y, y)));
  });
}

SmallVector<Value> SigmoidOp::buildVJP(OpBuilder &builder, Value g,
                                       ArrayRef<bool> needed) {
  // sigmoid' = y (1 - y).
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    Value y = getResult();
    return e.mul(e.mul(g, e.sub(e.scalar(y, 1.0), y)), y);
  });
}

SmallVector<Value> ReluOp::buildVJP(OpBuilder &builder, Value g,
                                    ArrayRef<bool> needed) {
  // relu' = [a > 0]; relu'(0) = 0.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    Value a = getOperand();
    return gate(e, e.greater(a, e.scalar(a, 0.0)), g);
  });
}

SmallVector<Value> SinOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed,
                  [&] { return e.mul(g, e.unary<CosOp>(getOperand())); });
}

SmallVector<Value> CosOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  // cos' = -sin.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    return e.mul(g, e.unary<NegOp>(e.unary<SinOp>(getOperand())));
  });
}

SmallVector<Value> AbsOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  // abs' = sign; sign(0) = 0 gives abs'(0) = 0.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed,
                  [&] { return e.mul(g, e.unary<SignOp>(getOperand())); });
}

SmallVector<Value> SquareOp::buildVJP(OpBuilder &builder, Value g,
                                      ArrayRef<bool> needed) {
  // square' = 2 a.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    Value a = getOperand();
    return e.mul(g, e.mul(e.scalar(a, 2.0), a));
  });
}

//===----------------------------------------------------------------------===//
// Internal ops
//===----------------------------------------------------------------------===//

// Masks are piecewise constant: zero derivative almost everywhere.

SmallVector<Value> GreaterOp::buildVJP(OpBuilder &, Value, ArrayRef<bool>) {
  return SmallVector<Value>(2);
}

SmallVector<Value> GreaterEqualOp::buildVJP(OpBuilder &, Value,
                                            ArrayRef<bool>) {
  return SmallVector<Value>(2);
}

SmallVector<Value> EqualOp::buildVJP(OpBuilder &, Value, ArrayRef<bool>) {
  return SmallVector<Value>(2);
}

SmallVector<Value> SignOp::buildVJP(OpBuilder &, Value, ArrayRef<bool>) {
  return SmallVector<Value>(1);
}

SmallVector<Value> SelectOp::buildVJP(OpBuilder &builder, Value g,
                                      ArrayRef<bool> needed) {
  // The condition gets none; each branch gets g where it was taken.
  AdjEmitter e(builder, getLoc());
  Value condition = getCondition();
  SmallVector<Value> result(3);
  if (isNeeded(needed, 1))
    result[1] = e.reduceTo(gate(e, condition, g), getShapeOf(getTrueValue()));
  if (isNeeded(needed, 2))
    result[2] = e.reduceTo(e.select(condition, e.scalar(g, 0.0), g),
                           getShapeOf(getFalseValue()));
  return result;
}

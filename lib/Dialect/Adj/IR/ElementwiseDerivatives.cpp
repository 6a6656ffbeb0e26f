//===- ElementwiseDerivatives.cpp - Elementwise op rules --------*- C++ -*-===//
//
// DerivativeOpInterface's buildVJP and buildJVP for the elementwise ops
// (binary, unary) and the internal mask and select ops. `g` is the
// result's cotangent, `ta`, `tb` or `t` an operand's tangent (null when
// zero), `y` the result. Binary ops broadcast, so each operand's cotangent
// is reduced back to its shape (AdjEmitter::reduceTo), and a tangent term
// that does not reach the result's shape by itself is broadcast to it.
// Unary ops have a diagonal Jacobian: their JVP is their VJP's formula with
// `t` for `g` (buildSymmetricJVP). Kinks and ties follow the model format:
// maximum/minimum ties go to `lhs`, relu'(0) = abs'(0) = 0. Derivatives
// gated by a mask use adj.select, so an infinite `g` or `t` in the branch
// not taken gives 0 rather than NaN. pow follows PyTorch: d/da is 0 where
// b == 0, and d/db is 0 where a == 0 and b >= 0 (there log(a) = -inf).
// Masks are piecewise constant: their derivatives are zero (null).
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

/// The tangent of a binary op as the sum of the terms `lhsFn(ta)` and
/// `rhsFn(tb)` (each of the result's shape), built only for the non-null
/// tangents.
template <typename LhsFn, typename RhsFn>
Value binaryJVP(AdjEmitter &e, ValueRange tangents, LhsFn lhsFn, RhsFn rhsFn) {
  Value lhsTerm = tangents[0] ? lhsFn(tangents[0]) : Value();
  Value rhsTerm = tangents[1] ? rhsFn(tangents[1]) : Value();
  return e.addTerms(lhsTerm, rhsTerm);
}

/// `mask ? onTrue : onFalse` for two tangents of which one may be null
/// (zero), broadcast to `shape`.
Value selectTangents(AdjEmitter &e, Value mask, Value onTrue, Value onFalse,
                     ArrayRef<int64_t> shape) {
  if (!onTrue)
    onTrue = e.scalar(onFalse, 0.0);
  if (!onFalse)
    onFalse = e.scalar(onTrue, 0.0);
  return e.broadcast(e.select(mask, onTrue, onFalse), shape);
}

/// `v * (b * a^(b-1))`, the a-term of the derivative of a^b; 0 where
/// b == 0 (a^0 is constant, and 0 * 0^-1 would be NaN).
Value powBaseTerm(AdjEmitter &e, Value a, Value b, Value v) {
  Value power = e.binary<PowOp>(a, e.sub(b, e.scalar(b, 1.0)));
  Value term = e.mul(v, e.mul(b, power));
  Value constantPower = e.equal(b, e.scalar(b, 0.0));
  return e.select(constantPower, e.scalar(v, 0.0), term);
}

/// `v * (y * log(a))`, the b-term of the derivative of y = a^b; 0 where
/// a == 0 and b >= 0 (there log(a) = -inf).
Value powExponentTerm(AdjEmitter &e, Value a, Value b, Value y, Value v) {
  Value term = e.mul(v, e.mul(y, e.unary<LogOp>(a)));
  Value zeroBase = e.equal(a, e.scalar(a, 0.0));
  Value nonNegativeExponent = e.greaterEqual(b, e.scalar(b, 0.0));
  Value masked = e.mul(zeroBase, nonNegativeExponent);
  return e.select(masked, e.scalar(v, 0.0), term);
}

} // namespace

//===----------------------------------------------------------------------===//
// Binary
//===----------------------------------------------------------------------===//

SmallVector<Value> AddOp::getVJPReads(ArrayRef<bool>) {
  return {};
}

SmallVector<Value> AddOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  AdjEmitter e(builder, getLoc());
  return binaryVJP(
      e, getLhs(), getRhs(), needed, [&] { return g; }, [&] { return g; });
}

Value AddOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // ty = ta + tb; a lone tangent is broadcast to the result's shape.
  AdjEmitter e(builder, getLoc());
  return e.broadcast(e.addTerms(tangents[0], tangents[1]),
                     getShapeOf(getResult()));
}

SmallVector<Value> SubOp::getVJPReads(ArrayRef<bool>) {
  return {};
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

Value SubOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // ty = ta - tb; a lone tb is negated before it is broadcast to the
  // result's shape (fewer elements, the same values).
  AdjEmitter e(builder, getLoc());
  Value ta = tangents[0], tb = tangents[1];
  if (ta && tb)
    return e.sub(ta, tb);
  return e.broadcast(ta ? ta : e.unary<NegOp>(tb), getShapeOf(getResult()));
}

SmallVector<Value> MulOp::getVJPReads(ArrayRef<bool> needed) {
  return binaryReads(needed, {getRhs()}, {getLhs()});
}

SmallVector<Value> MulOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  AdjEmitter e(builder, getLoc());
  Value a = getLhs(), b = getRhs();
  return binaryVJP(
      e, a, b, needed, [&] { return e.mul(g, b); },
      [&] { return e.mul(g, a); });
}

Value MulOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // ty = ta * b + a * tb.
  AdjEmitter e(builder, getLoc());
  Value a = getLhs(), b = getRhs();
  return binaryJVP(
      e, tangents, [&](Value ta) { return e.mul(ta, b); },
      [&](Value tb) { return e.mul(a, tb); });
}

SmallVector<Value> DivOp::getVJPReads(ArrayRef<bool> needed) {
  return binaryReads(needed, {getRhs()}, {getResult(), getRhs()});
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

Value DivOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // y = a / b: ty = ta / b - a * tb / b^2 = (ta - y * tb) / b, one
  // division for both terms.
  AdjEmitter e(builder, getLoc());
  Value ta = tangents[0], tb = tangents[1];
  Value numerator = ta;
  if (tb) {
    Value ytb = e.mul(getResult(), tb);
    numerator = ta ? e.sub(ta, ytb) : e.unary<NegOp>(ytb);
  }
  return e.div(numerator, getRhs());
}

SmallVector<Value> PowOp::getVJPReads(ArrayRef<bool> needed) {
  return binaryReads(needed, {getLhs(), getRhs()},
                     {getLhs(), getRhs(), getResult()});
}

SmallVector<Value> PowOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  // y = a^b: da = g * b * a^(b-1), 0 where b == 0; db = g * y * log(a), 0
  // where a == 0 and b >= 0.
  AdjEmitter e(builder, getLoc());
  Value a = getLhs(), b = getRhs();
  return binaryVJP(
      e, a, b, needed, [&] { return powBaseTerm(e, a, b, g); },
      [&] { return powExponentTerm(e, a, b, getResult(), g); });
}

Value PowOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // y = a^b: ty = ta * b * a^(b-1) + tb * y * log(a), with the VJP's
  // zeros (b == 0 in the first term; a == 0 and b >= 0 in the second).
  AdjEmitter e(builder, getLoc());
  Value a = getLhs(), b = getRhs();
  return binaryJVP(
      e, tangents, [&](Value ta) { return powBaseTerm(e, a, b, ta); },
      [&](Value tb) { return powExponentTerm(e, a, b, getResult(), tb); });
}

SmallVector<Value> MaximumOp::getVJPReads(ArrayRef<bool> needed) {
  return binaryReads(needed, {getLhs(), getRhs()}, {getLhs(), getRhs()});
}

SmallVector<Value> MaximumOp::buildVJP(OpBuilder &builder, Value g,
                                       ArrayRef<bool> needed) {
  // Ties go to a: da = g * [a >= b], db = g * [a < b].
  AdjEmitter e(builder, getLoc());
  Value a = getLhs(), b = getRhs();
  return binaryVJP(
      e, a, b, needed, [&] { return e.gate(e.greaterEqual(a, b), g); },
      [&] { return e.gate(e.greater(b, a), g); });
}

Value MaximumOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // Ties go to a: ty = a >= b ? ta : tb.
  AdjEmitter e(builder, getLoc());
  Value mask = e.greaterEqual(getLhs(), getRhs());
  return selectTangents(e, mask, tangents[0], tangents[1],
                        getShapeOf(getResult()));
}

SmallVector<Value> MinimumOp::getVJPReads(ArrayRef<bool> needed) {
  return binaryReads(needed, {getLhs(), getRhs()}, {getLhs(), getRhs()});
}

SmallVector<Value> MinimumOp::buildVJP(OpBuilder &builder, Value g,
                                       ArrayRef<bool> needed) {
  // Ties go to a: da = g * [a <= b], db = g * [a > b].
  AdjEmitter e(builder, getLoc());
  Value a = getLhs(), b = getRhs();
  return binaryVJP(
      e, a, b, needed, [&] { return e.gate(e.greaterEqual(b, a), g); },
      [&] { return e.gate(e.greater(a, b), g); });
}

Value MinimumOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // Ties go to a: ty = a <= b ? ta : tb.
  AdjEmitter e(builder, getLoc());
  Value mask = e.greaterEqual(getRhs(), getLhs());
  return selectTangents(e, mask, tangents[0], tangents[1],
                        getShapeOf(getResult()));
}

//===----------------------------------------------------------------------===//
// Unary
//===----------------------------------------------------------------------===//

SmallVector<Value> NegOp::getVJPReads(ArrayRef<bool>) {
  return {};
}

SmallVector<Value> NegOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] { return e.unary<NegOp>(g); });
}

Value NegOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // ty = -t.
  return buildSymmetricJVP(*this, builder, tangents);
}

SmallVector<Value> ExpOp::getVJPReads(ArrayRef<bool> needed) {
  return unaryReads(needed, {getResult()});
}

SmallVector<Value> ExpOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  // exp' = exp = y.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] { return e.mul(g, getResult()); });
}

Value ExpOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // ty = t * y.
  return buildSymmetricJVP(*this, builder, tangents);
}

SmallVector<Value> LogOp::getVJPReads(ArrayRef<bool> needed) {
  return unaryReads(needed, {getOperand()});
}

SmallVector<Value> LogOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  // log'(a) = 1 / a.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] { return e.div(g, getOperand()); });
}

Value LogOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // ty = t / a.
  return buildSymmetricJVP(*this, builder, tangents);
}

SmallVector<Value> SqrtOp::getVJPReads(ArrayRef<bool> needed) {
  return unaryReads(needed, {getResult()});
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

Value SqrtOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // ty = t / (2 y).
  return buildSymmetricJVP(*this, builder, tangents);
}

SmallVector<Value> TanhOp::getVJPReads(ArrayRef<bool> needed) {
  return unaryReads(needed, {getResult()});
}

SmallVector<Value> TanhOp::buildVJP(OpBuilder &builder, Value g,
                                    ArrayRef<bool> needed) {
  // tanh' = 1 - y^2.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    Value y = getResult();
    Value one = e.scalar(y, 1.0);
    Value ySquared = e.mul(y, y);
    return e.mul(g, e.sub(one, ySquared));
  });
}

Value TanhOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // ty = t * (1 - y^2).
  return buildSymmetricJVP(*this, builder, tangents);
}

SmallVector<Value> SigmoidOp::getVJPReads(ArrayRef<bool> needed) {
  return unaryReads(needed, {getResult()});
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

Value SigmoidOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // ty = t * (1 - y) * y.
  return buildSymmetricJVP(*this, builder, tangents);
}

SmallVector<Value> ReluOp::getVJPReads(ArrayRef<bool> needed) {
  return unaryReads(needed, {getOperand()});
}

SmallVector<Value> ReluOp::buildVJP(OpBuilder &builder, Value g,
                                    ArrayRef<bool> needed) {
  // relu' = [a > 0]; relu'(0) = 0.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    Value a = getOperand();
    return e.gate(e.greater(a, e.scalar(a, 0.0)), g);
  });
}

Value ReluOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // ty = t where a > 0, 0 elsewhere.
  return buildSymmetricJVP(*this, builder, tangents);
}

SmallVector<Value> SinOp::getVJPReads(ArrayRef<bool> needed) {
  return unaryReads(needed, {getOperand()});
}

SmallVector<Value> SinOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed,
                  [&] { return e.mul(g, e.unary<CosOp>(getOperand())); });
}

Value SinOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // ty = t * cos(a).
  return buildSymmetricJVP(*this, builder, tangents);
}

SmallVector<Value> CosOp::getVJPReads(ArrayRef<bool> needed) {
  return unaryReads(needed, {getOperand()});
}

SmallVector<Value> CosOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  // cos' = -sin.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    return e.mul(g, e.unary<NegOp>(e.unary<SinOp>(getOperand())));
  });
}

Value CosOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // ty = t * -sin(a).
  return buildSymmetricJVP(*this, builder, tangents);
}

SmallVector<Value> AbsOp::getVJPReads(ArrayRef<bool> needed) {
  return unaryReads(needed, {getOperand()});
}

SmallVector<Value> AbsOp::buildVJP(OpBuilder &builder, Value g,
                                   ArrayRef<bool> needed) {
  // abs' = [a > 0] - [a < 0], so abs'(0) = 0. Gated by selects, as relu:
  // da = a > 0 ? g : (a < 0 ? -g : 0).
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    Value a = getOperand();
    Value zero = e.scalar(a, 0.0);
    Value positive = e.greater(a, zero);
    Value negative = e.greater(zero, a);
    Value negated = e.unary<NegOp>(g);
    Value notPositive = e.select(negative, negated, zero);
    return e.select(positive, g, notPositive);
  });
}

Value AbsOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // ty = a > 0 ? t : (a < 0 ? -t : 0).
  return buildSymmetricJVP(*this, builder, tangents);
}

SmallVector<Value> SquareOp::getVJPReads(ArrayRef<bool> needed) {
  return unaryReads(needed, {getOperand()});
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

Value SquareOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // ty = t * (2 a).
  return buildSymmetricJVP(*this, builder, tangents);
}

//===----------------------------------------------------------------------===//
// Internal ops
//===----------------------------------------------------------------------===//

// Masks are piecewise constant: zero derivative almost everywhere, in both
// directions.

SmallVector<Value> GreaterOp::getVJPReads(ArrayRef<bool>) {
  return {};
}

SmallVector<Value> GreaterOp::buildVJP(OpBuilder &, Value, ArrayRef<bool>) {
  return SmallVector<Value>(2);
}

Value GreaterOp::buildJVP(OpBuilder &, ValueRange) { return Value(); }

SmallVector<Value> GreaterEqualOp::getVJPReads(ArrayRef<bool>) {
  return {};
}

SmallVector<Value> GreaterEqualOp::buildVJP(OpBuilder &, Value,
                                            ArrayRef<bool>) {
  return SmallVector<Value>(2);
}

Value GreaterEqualOp::buildJVP(OpBuilder &, ValueRange) { return Value(); }

SmallVector<Value> EqualOp::getVJPReads(ArrayRef<bool>) {
  return {};
}

SmallVector<Value> EqualOp::buildVJP(OpBuilder &, Value, ArrayRef<bool>) {
  return SmallVector<Value>(2);
}

Value EqualOp::buildJVP(OpBuilder &, ValueRange) { return Value(); }

SmallVector<Value> SelectOp::getVJPReads(ArrayRef<bool> needed) {
  if (!isNeeded(needed, 1) && !isNeeded(needed, 2))
    return {};
  return {getCondition()};
}

SmallVector<Value> SelectOp::buildVJP(OpBuilder &builder, Value g,
                                      ArrayRef<bool> needed) {
  // The condition gets none; each branch gets g where it was taken.
  AdjEmitter e(builder, getLoc());
  Value condition = getCondition();
  SmallVector<Value> result(3);
  if (isNeeded(needed, 1))
    result[1] = e.reduceTo(e.gate(condition, g), getShapeOf(getTrueValue()));
  if (isNeeded(needed, 2))
    result[2] = e.reduceTo(e.select(condition, e.scalar(g, 0.0), g),
                           getShapeOf(getFalseValue()));
  return result;
}

Value SelectOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // The condition is piecewise constant: ty = c ? t_true : t_false, zero
  // (null) if both branches' tangents are.
  if (!tangents[1] && !tangents[2])
    return Value();
  AdjEmitter e(builder, getLoc());
  return selectTangents(e, getCondition(), tangents[1], tangents[2],
                        getShapeOf(getResult()));
}

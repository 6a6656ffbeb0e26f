//===- StructuralDerivatives.cpp - Shape-moving op rules --------*- C++ -*-===//
//
// DerivativeOpInterface's buildVJP and buildJVP for constant, matmul,
// transpose, reshape, broadcast, slice and concat. These move data rather
// than compute, so each VJP moves `g` back: matmul's by the transposed
// products, transpose's by the inverse permutation, slice's by padding with
// zero constants along the axis, concat's by slicing. They are linear (matmul
// in each operand), so each JVP applies the op itself to the tangents; a
// null (zero) tangent drops its matmul term, or becomes a zero constant
// among concat's pieces. Every piece keeps the forward op's location.
//
//===----------------------------------------------------------------------===//

#include "DerivativeUtils.h"

using namespace mlir;
using namespace adjoint::adj;

SmallVector<Value> ConstantOp::getVJPReads(ArrayRef<bool>) {
  return {};
}

SmallVector<Value> ConstantOp::buildVJP(OpBuilder &, Value, ArrayRef<bool>) {
  // No operands.
  return {};
}

Value ConstantOp::buildJVP(OpBuilder &, ValueRange) {
  // A constant's tangent is zero.
  return Value();
}

SmallVector<Value> MatMulOp::getVJPReads(ArrayRef<bool> needed) {
  return binaryReads(needed, {getRhs()}, {getLhs()});
}

SmallVector<Value> MatMulOp::buildVJP(OpBuilder &builder, Value g,
                                      ArrayRef<bool> needed) {
  // Y = A B (batched): dA = G B^T, dB = A^T G, transposing the last two
  // dimensions.
  AdjEmitter e(builder, getLoc());
  SmallVector<Value> result(2);
  if (isNeeded(needed, 0))
    result[0] = e.matmul(g, e.transposeLastTwo(getRhs()));
  if (isNeeded(needed, 1))
    result[1] = e.matmul(e.transposeLastTwo(getLhs()), g);
  return result;
}

Value MatMulOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // Bilinear: tY = tA B + A tB.
  AdjEmitter e(builder, getLoc());
  Value ta = tangents[0], tb = tangents[1];
  Value lhsTerm = ta ? e.matmul(ta, getRhs()) : Value();
  Value rhsTerm = tb ? e.matmul(getLhs(), tb) : Value();
  return e.addTerms(lhsTerm, rhsTerm);
}

SmallVector<Value> TransposeOp::getVJPReads(ArrayRef<bool>) {
  return {};
}

SmallVector<Value> TransposeOp::buildVJP(OpBuilder &builder, Value g,
                                         ArrayRef<bool> needed) {
  // Result dim i is operand dim perm[i], so the inverse sends it back.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    ArrayRef<int64_t> perm = getPerm();
    SmallVector<int64_t> inverse(perm.size());
    for (auto [i, p] : llvm::enumerate(perm))
      inverse[p] = static_cast<int64_t>(i);
    return e.transpose(g, inverse);
  });
}

Value TransposeOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // Linear: ty = transpose(t, perm).
  AdjEmitter e(builder, getLoc());
  return e.transpose(tangents[0], getPerm());
}

SmallVector<Value> ReshapeOp::getVJPReads(ArrayRef<bool>) {
  return {};
}

SmallVector<Value> ReshapeOp::buildVJP(OpBuilder &builder, Value g,
                                       ArrayRef<bool> needed) {
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed,
                  [&] { return e.reshape(g, getShapeOf(getOperand())); });
}

Value ReshapeOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // Linear: ty = reshape(t).
  AdjEmitter e(builder, getLoc());
  return e.reshape(tangents[0], getShapeOf(getResult()));
}

SmallVector<Value> BroadcastOp::getVJPReads(ArrayRef<bool>) {
  return {};
}

SmallVector<Value> BroadcastOp::buildVJP(OpBuilder &builder, Value g,
                                         ArrayRef<bool> needed) {
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed,
                  [&] { return e.reduceTo(g, getShapeOf(getOperand())); });
}

Value BroadcastOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // Linear: ty = broadcast(t).
  AdjEmitter e(builder, getLoc());
  return e.broadcast(tangents[0], getShapeOf(getResult()));
}

SmallVector<Value> SliceOp::getVJPReads(ArrayRef<bool>) {
  return {};
}

SmallVector<Value> SliceOp::buildVJP(OpBuilder &builder, Value g,
                                     ArrayRef<bool> needed) {
  // g placed at [start, end) along the axis of a zero tensor of the
  // operand's shape: zeros before, g, zeros after, skipping empty parts.
  AdjEmitter e(builder, getLoc());
  return unaryVJP(needed, [&] {
    auto axis = static_cast<int64_t>(getAxis());
    auto start = static_cast<int64_t>(getStart());
    auto end = static_cast<int64_t>(getEnd());
    SmallVector<int64_t> shape(getShapeOf(getOperand()));
    int64_t size = shape[axis];
    auto zeros = [&](int64_t length) {
      SmallVector<int64_t> partShape(shape);
      partShape[axis] = length;
      return e.constant(e.getType(g, partShape), 0.0);
    };
    SmallVector<Value> parts;
    if (start > 0)
      parts.push_back(zeros(start));
    parts.push_back(g);
    if (end < size)
      parts.push_back(zeros(size - end));
    return e.concat(parts, axis);
  });
}

Value SliceOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // Linear: ty = slice(t).
  AdjEmitter e(builder, getLoc());
  return e.slice(tangents[0], static_cast<int64_t>(getAxis()),
                 static_cast<int64_t>(getStart()),
                 static_cast<int64_t>(getEnd()));
}

SmallVector<Value> ConcatOp::getVJPReads(ArrayRef<bool>) {
  return {};
}

SmallVector<Value> ConcatOp::buildVJP(OpBuilder &builder, Value g,
                                      ArrayRef<bool> needed) {
  // Each input gets its own range of g along the axis.
  AdjEmitter e(builder, getLoc());
  auto axis = static_cast<int64_t>(getAxis());
  SmallVector<Value> result(getInputs().size());
  int64_t offset = 0;
  for (auto [index, input] : llvm::enumerate(getInputs())) {
    int64_t size = getShapeOf(input)[axis];
    if (isNeeded(needed, index))
      result[index] = e.slice(g, axis, offset, offset + size);
    offset += size;
  }
  return result;
}

Value ConcatOp::buildJVP(OpBuilder &builder, ValueRange tangents) {
  // The tangents joined in order, zeros for the inputs without one.
  AdjEmitter e(builder, getLoc());
  SmallVector<Value> parts;
  for (auto [input, tangent] : llvm::zip_equal(getInputs(), tangents))
    parts.push_back(tangent ? tangent : e.zerosLike(input));
  return e.concat(parts, static_cast<int64_t>(getAxis()));
}

//===- LoweringUtils.cpp - Shared helpers of adj-to-linalg ------*- C++ -*-===//
//
// The linalg.generic builders shared by the adj-to-linalg patterns: NumPy
// broadcasting maps, all-parallel generics, reductions into a tensor of the
// reduced shape (sums accumulate in f64), and keepdims expansion with
// tensor.expand_shape. Shapes are static; rank 0 is an ordinary case (a
// generic with no loops, an expand_shape with an empty reassociation).
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;

namespace adjoint::lowering {

bool hasStaticTensorTypes(Operation *op) {
  auto isStatic = [](Type type) {
    auto tensor = llvm::dyn_cast<RankedTensorType>(type);
    return tensor && tensor.hasStaticShape() &&
           llvm::isa<FloatType>(tensor.getElementType());
  };
  return llvm::all_of(op->getOperandTypes(), isStatic) &&
         llvm::all_of(op->getResultTypes(), isStatic);
}

Value createFloatConstant(OpBuilder &b, Location loc, Type type,
                          double value) {
  return b.create<arith::ConstantOp>(loc, b.getFloatAttr(type, value));
}

Value createEmpty(OpBuilder &b, Location loc, RankedTensorType type) {
  return b.create<tensor::EmptyOp>(loc, type.getShape(),
                                   type.getElementType());
}

Value createFilled(OpBuilder &b, Location loc, RankedTensorType type,
                   double value) {
  Value scalar = createFloatConstant(b, loc, type.getElementType(), value);
  Value empty = createEmpty(b, loc, type);
  return b.create<linalg::FillOp>(loc, scalar, empty).getResult(0);
}

Type getAccumulatorType(Type elementType) {
  if (elementType.isF32())
    return Float64Type::get(elementType.getContext());
  return elementType;
}

Value accumulate(OpBuilder &b, Location loc, Value accumulator, Value term) {
  return b.create<arith::AddFOp>(loc, accumulator, term,
                                 arith::FastMathFlags::reassoc);
}

Value castFloat(OpBuilder &b, Location loc, Value value, Type type) {
  Type from = value.getType();
  if (from == type)
    return value;
  if (from.getIntOrFloatBitWidth() < type.getIntOrFloatBitWidth())
    return b.create<arith::ExtFOp>(loc, type, value);
  return b.create<arith::TruncFOp>(loc, type, value);
}

Value finiteOrZero(OpBuilder &b, Location loc, Value value) {
  Type type = value.getType();
  Value magnitude = b.create<math::AbsFOp>(loc, value);
  Value inf = createFloatConstant(b, loc, type, INFINITY);
  // `one` is false for NaN, so a NaN maximum also shifts by 0 (and the NaN
  // still reaches the result through the summed terms).
  Value finite = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::ONE,
                                         magnitude, inf);
  Value zero = createFloatConstant(b, loc, type, 0.0);
  return b.create<arith::SelectOp>(loc, finite, value, zero);
}

SmallVector<int64_t> dropAxes(ArrayRef<int64_t> shape, ArrayRef<int64_t> axes) {
  SmallVector<int64_t> result;
  for (auto [dim, size] : llvm::enumerate(shape))
    if (!llvm::is_contained(axes, static_cast<int64_t>(dim)))
      result.push_back(size);
  return result;
}

AffineMap getBroadcastMap(MLIRContext *context, ArrayRef<int64_t> operandShape,
                          ArrayRef<int64_t> resultShape) {
  unsigned resultRank = resultShape.size();
  unsigned offset = resultRank - operandShape.size();
  SmallVector<AffineExpr> exprs;
  for (auto [dim, size] : llvm::enumerate(operandShape)) {
    unsigned loop = offset + dim;
    if (size == 1 && resultShape[loop] != 1)
      exprs.push_back(getAffineConstantExpr(0, context));
    else
      exprs.push_back(getAffineDimExpr(loop, context));
  }
  return AffineMap::get(resultRank, 0, exprs, context);
}

AffineMap getDropAxesMap(MLIRContext *context, unsigned rank,
                         ArrayRef<int64_t> axes) {
  SmallVector<AffineExpr> exprs;
  for (unsigned dim = 0; dim < rank; ++dim)
    if (!llvm::is_contained(axes, static_cast<int64_t>(dim)))
      exprs.push_back(getAffineDimExpr(dim, context));
  return AffineMap::get(rank, 0, exprs, context);
}

Value buildParallel(OpBuilder &b, Location loc, RankedTensorType resultType,
                    ValueRange inputs, ArrayRef<AffineMap> inputMaps,
                    ScalarBodyBuilder body) {
  unsigned rank = resultType.getRank();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Value init = createEmpty(b, loc, resultType);
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{resultType}, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = body(nested, nestedLoc, args.drop_back());
        nested.create<linalg::YieldOp>(nestedLoc, result);
      });
  return generic.getResult(0);
}

Value buildElementwise(OpBuilder &b, Location loc,
                       RankedTensorType resultType, ValueRange inputs,
                       ScalarBodyBuilder body) {
  SmallVector<AffineMap> maps;
  for (Value input : inputs)
    maps.push_back(getBroadcastMap(
        b.getContext(), llvm::cast<RankedTensorType>(input.getType()).getShape(),
        resultType.getShape()));
  return buildParallel(b, loc, resultType, inputs, maps, body);
}

Value buildReduction(OpBuilder &b, Location loc, ArrayRef<int64_t> domainShape,
                     ArrayRef<int64_t> axes, ValueRange inputs,
                     ArrayRef<AffineMap> inputMaps, Value init,
                     ScalarBodyBuilder body) {
  unsigned rank = domainShape.size();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(getDropAxesMap(b.getContext(), rank, axes));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  for (int64_t axis : axes)
    iterators[axis] = utils::IteratorType::reduction;
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
      iterators, [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = body(nested, nestedLoc, args);
        nested.create<linalg::YieldOp>(nestedLoc, result);
      });
  return generic.getResult(0);
}

Value buildSum(OpBuilder &b, Location loc, Value input,
               ArrayRef<int64_t> axes) {
  auto inputType = llvm::cast<RankedTensorType>(input.getType());
  Type accType = getAccumulatorType(inputType.getElementType());
  auto reducedType =
      RankedTensorType::get(dropAxes(inputType.getShape(), axes), accType);
  Value init = createFilled(b, loc, reducedType, 0.0);
  return buildReduction(
      b, loc, inputType.getShape(), axes, input,
      b.getMultiDimIdentityMap(inputType.getRank()), init,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) -> Value {
        Value element = castFloat(nested, nestedLoc, args[0], accType);
        return accumulate(nested, nestedLoc, args[1], element);
      });
}

Value buildMax(OpBuilder &b, Location loc, Value input,
               ArrayRef<int64_t> axes) {
  auto inputType = llvm::cast<RankedTensorType>(input.getType());
  auto reducedType = RankedTensorType::get(
      dropAxes(inputType.getShape(), axes), inputType.getElementType());
  Value init = createFilled(b, loc, reducedType, -INFINITY);
  return buildReduction(
      b, loc, inputType.getShape(), axes, input,
      b.getMultiDimIdentityMap(inputType.getRank()), init,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) -> Value {
        return nested.create<arith::MaximumFOp>(nestedLoc, args[1], args[0]);
      });
}

Value expandToKeepdims(OpBuilder &b, Location loc, Value reduced,
                       RankedTensorType keepdimsType, ArrayRef<int64_t> axes) {
  if (reduced.getType() == keepdimsType)
    return reduced;
  // Each kept dim takes the reduced (size-1) dims before it into its group;
  // trailing reduced dims join the last group. Reducing every dim leaves a
  // rank-0 tensor, expanded with an empty reassociation.
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices current;
  for (int64_t dim = 0; dim < keepdimsType.getRank(); ++dim) {
    current.push_back(dim);
    if (!llvm::is_contained(axes, dim)) {
      groups.push_back(current);
      current.clear();
    }
  }
  if (!groups.empty())
    groups.back().append(current.begin(), current.end());
  return b.create<tensor::ExpandShapeOp>(loc, keepdimsType, reduced, groups);
}

} // namespace adjoint::lowering

//===- Reductions.cpp - adj reductions and softmax to linalg ----*- C++ -*-===//
//
// Lowers sum, mean, max, logsumexp, softmax and log_softmax to
// linalg.generic reductions into a tensor of the reduced shape, then
// tensor.expand_shape for keepdims. Accuracy: sums (also the normalizers of
// the softmax family) accumulate in f64 for f32 inputs and are truncated
// once at the end. Stability: logsumexp and the softmax family shift by the
// maximum `m` along the reduced axes when it is finite, by 0 otherwise, so an
// all -inf slice gives logsumexp = -inf instead of NaN (as SciPy does).
// The internal first_max_mask (built by max's VJP) lowers here too: a max,
// a min-reduction of the linear indices of maximal elements, and a compare.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "adjoint/Dialect/Adj/IR/AdjOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

#include <limits>
#include <type_traits>

using namespace mlir;
using namespace adjoint;
using namespace adjoint::lowering;

namespace {

/// `type` with the sorted `axes` removed and element type `elementType`.
RankedTensorType getReducedType(RankedTensorType type, ArrayRef<int64_t> axes,
                                Type elementType) {
  return RankedTensorType::get(dropAxes(type.getShape(), axes), elementType);
}

/// sum and mean: an f64 (for f32) sum, then one generic that divides by the
/// element count (mean) and truncates to the element type.
template <typename OpTy>
struct SumLowering : AdjLoweringPattern<OpTy> {
  using AdjLoweringPattern<OpTy>::AdjLoweringPattern;

  LogicalResult
  lower(OpTy op, typename OpTy::Adaptor adaptor,
        ConversionPatternRewriter &rewriter) const override {
    constexpr bool isMean = std::is_same_v<OpTy, adj::MeanOp>;
    Location loc = op.getLoc();
    Value input = adaptor.getOperand();
    auto inputType = llvm::cast<RankedTensorType>(input.getType());
    auto resultType = llvm::cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> axes = op.getAxes();
    Type elementType = inputType.getElementType();
    auto reducedType = getReducedType(inputType, axes, elementType);

    double count = 1.0;
    for (int64_t axis : axes)
      count *= static_cast<double>(inputType.getDimSize(axis));
    bool divide = isMean && count != 1.0;
    Value reduced = buildSum(rewriter, loc, input, axes);
    if (divide || reduced.getType() != reducedType) {
      reduced = buildParallel(
          rewriter, loc, reducedType, reduced,
          rewriter.getMultiDimIdentityMap(reducedType.getRank()),
          [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
            Value value = args[0];
            if (divide) {
              Value divisor =
                  createFloatConstant(b, nestedLoc, value.getType(), count);
              value = b.create<arith::DivFOp>(nestedLoc, value, divisor);
            }
            return castFloat(b, nestedLoc, value, elementType);
          });
    }
    rewriter.replaceOp(
        op, expandToKeepdims(rewriter, loc, reduced, resultType, axes));
    return success();
  }
};

/// max: a maximumf reduction from -inf in the element type.
struct MaxLowering : AdjLoweringPattern<adj::MaxOp> {
  using AdjLoweringPattern<adj::MaxOp>::AdjLoweringPattern;

  LogicalResult
  lower(adj::MaxOp op, typename adj::MaxOp::Adaptor adaptor,
        ConversionPatternRewriter &rewriter) const override {
    Value reduced =
        buildMax(rewriter, op.getLoc(), adaptor.getOperand(), op.getAxes());
    rewriter.replaceOp(
        op, expandToKeepdims(rewriter, op.getLoc(), reduced,
                             llvm::cast<RankedTensorType>(op.getType()),
                             op.getAxes()));
    return success();
  }
};

/// Sums `exp(x - shift(m))` over `axes` in the accumulator type, where `m`
/// has the reduced shape and `shift` is `finiteOrZero`.
Value buildShiftedExpSum(OpBuilder &b, Location loc, Value input, Value max,
                         ArrayRef<int64_t> axes) {
  auto inputType = llvm::cast<RankedTensorType>(input.getType());
  Type accType = getAccumulatorType(inputType.getElementType());
  Value init = createFilled(b, loc, getReducedType(inputType, axes, accType),
                            0.0);
  unsigned rank = inputType.getRank();
  AffineMap maps[] = {b.getMultiDimIdentityMap(rank),
                      getDropAxesMap(b.getContext(), rank, axes)};
  return buildReduction(
      b, loc, inputType.getShape(), axes, ValueRange{input, max}, maps, init,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) -> Value {
        Value shift = finiteOrZero(nested, nestedLoc, args[1]);
        Value diff = nested.create<arith::SubFOp>(nestedLoc, args[0], shift);
        Value exp = nested.create<math::ExpOp>(nestedLoc, diff);
        Value term = castFloat(nested, nestedLoc, exp, accType);
        return accumulate(nested, nestedLoc, args[2], term);
      });
}

/// logsumexp: m = max, s = sum(exp(x - shift(m))), shift(m) + log(s).
struct LogSumExpLowering : AdjLoweringPattern<adj::LogSumExpOp> {
  using AdjLoweringPattern<adj::LogSumExpOp>::AdjLoweringPattern;

  LogicalResult
  lower(adj::LogSumExpOp op, typename adj::LogSumExpOp::Adaptor adaptor,
        ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getOperand();
    auto inputType = llvm::cast<RankedTensorType>(input.getType());
    ArrayRef<int64_t> axes = op.getAxes();
    Type elementType = inputType.getElementType();
    Type accType = getAccumulatorType(elementType);
    auto reducedType = getReducedType(inputType, axes, elementType);

    Value max = buildMax(rewriter, loc, input, axes);
    Value sum = buildShiftedExpSum(rewriter, loc, input, max, axes);
    AffineMap identity = rewriter.getMultiDimIdentityMap(reducedType.getRank());
    Value reduced = buildParallel(
        rewriter, loc, reducedType, ValueRange{max, sum}, {identity, identity},
        [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
          Value shift = castFloat(
              b, nestedLoc, finiteOrZero(b, nestedLoc, args[0]), accType);
          Value log = b.create<math::LogOp>(nestedLoc, args[1]);
          Value result = b.create<arith::AddFOp>(nestedLoc, shift, log);
          return castFloat(b, nestedLoc, result, elementType);
        });
    rewriter.replaceOp(
        op, expandToKeepdims(rewriter, loc, reduced,
                             llvm::cast<RankedTensorType>(op.getType()), axes));
    return success();
  }
};

/// softmax and log_softmax along `axis`, shifted by m = max along it:
///   softmax:     e = exp(x - shift(m)), e / sum(e)
///   log_softmax: (x - shift(m)) - log(sum(exp(x - shift(m))))
/// The division and the subtraction happen in the accumulator type.
template <typename OpTy>
struct SoftmaxLowering : AdjLoweringPattern<OpTy> {
  using AdjLoweringPattern<OpTy>::AdjLoweringPattern;

  LogicalResult
  lower(OpTy op, typename OpTy::Adaptor adaptor,
        ConversionPatternRewriter &rewriter) const override {
    constexpr bool isLog = std::is_same_v<OpTy, adj::LogSoftmaxOp>;
    Location loc = op.getLoc();
    Value input = adaptor.getOperand();
    auto type = llvm::cast<RankedTensorType>(input.getType());
    Type elementType = type.getElementType();
    Type accType = getAccumulatorType(elementType);
    int64_t axes[] = {static_cast<int64_t>(op.getAxis())};
    unsigned rank = type.getRank();
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap reducedMap = getDropAxesMap(rewriter.getContext(), rank, axes);

    Value max = buildMax(rewriter, loc, input, axes);
    Value result;
    if (isLog) {
      Value sum = buildShiftedExpSum(rewriter, loc, input, max, axes);
      result = buildParallel(
          rewriter, loc, type, ValueRange{input, max, sum},
          {identity, reducedMap, reducedMap},
          [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
            Value x = castFloat(b, nestedLoc, args[0], accType);
            Value shift = castFloat(
                b, nestedLoc, finiteOrZero(b, nestedLoc, args[1]), accType);
            Value shifted = b.create<arith::SubFOp>(nestedLoc, x, shift);
            Value log = b.create<math::LogOp>(nestedLoc, args[2]);
            Value value = b.create<arith::SubFOp>(nestedLoc, shifted, log);
            return castFloat(b, nestedLoc, value, elementType);
          });
    } else {
      Value exp = buildParallel(
          rewriter, loc, type, ValueRange{input, max}, {identity, reducedMap},
          [&](OpBuilder &b, Location nestedLoc, ValueRange args) -> Value {
            Value shift = finiteOrZero(b, nestedLoc, args[1]);
            Value diff = b.create<arith::SubFOp>(nestedLoc, args[0], shift);
            return b.create<math::ExpOp>(nestedLoc, diff);
          });
      Value sum = buildSum(rewriter, loc, exp, axes);
      result = buildParallel(
          rewriter, loc, type, ValueRange{exp, sum}, {identity, reducedMap},
          [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
            Value e = castFloat(b, nestedLoc, args[0], accType);
            Value value = b.create<arith::DivFOp>(nestedLoc, e, args[1]);
            return castFloat(b, nestedLoc, value, elementType);
          });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// The row-major linear index, over the sorted `axes` of `shape`, of the
/// current iteration of the enclosing linalg.generic (whose loops are the
/// dims of `shape`), as an i64.
Value buildLinearIndex(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                       ArrayRef<int64_t> axes) {
  Type i64 = b.getI64Type();
  Value linear;
  for (int64_t axis : axes) {
    Value index = b.create<arith::IndexCastOp>(
        loc, i64, b.create<linalg::IndexOp>(loc, axis));
    if (!linear) {
      linear = index;
      continue;
    }
    Value size = b.create<arith::ConstantIntOp>(loc, shape[axis], i64);
    linear = b.create<arith::AddIOp>(
        loc, b.create<arith::MulIOp>(loc, linear, size), index);
  }
  if (!linear)
    linear = b.create<arith::ConstantIntOp>(loc, 0, i64);
  return linear;
}

/// first_max_mask: m = max over `axes`; then the smallest linear index
/// (row-major over `axes`) of an element equal to m, or NaN (the maximum of
/// a slice holding NaN is NaN), by a minsi reduction from INT64_MAX; then
/// one parallel generic writing 1.0 where an element's linear index is its
/// slice's first, 0.0 elsewhere.
struct FirstMaxMaskLowering : AdjLoweringPattern<adj::FirstMaxMaskOp> {
  using AdjLoweringPattern<adj::FirstMaxMaskOp>::AdjLoweringPattern;

  LogicalResult
  lower(adj::FirstMaxMaskOp op, typename adj::FirstMaxMaskOp::Adaptor adaptor,
        ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getOperand();
    auto type = llvm::cast<RankedTensorType>(input.getType());
    ArrayRef<int64_t> shape = type.getShape();
    ArrayRef<int64_t> axes = op.getAxes();
    unsigned rank = type.getRank();
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap reducedMap = getDropAxesMap(rewriter.getContext(), rank, axes);
    Type i64 = rewriter.getI64Type();

    Value max = buildMax(rewriter, loc, input, axes);
    auto indexType = getReducedType(type, axes, i64);
    Value none = rewriter.create<arith::ConstantIntOp>(
        loc, std::numeric_limits<int64_t>::max(), i64);
    Value init = rewriter
                     .create<linalg::FillOp>(
                         loc, none, createEmpty(rewriter, loc, indexType))
                     .getResult(0);
    Value first = buildReduction(
        rewriter, loc, shape, axes, ValueRange{input, max},
        {identity, reducedMap}, init,
        [&](OpBuilder &b, Location nestedLoc, ValueRange args) -> Value {
          Value equal = b.create<arith::CmpFOp>(
              nestedLoc, arith::CmpFPredicate::OEQ, args[0], args[1]);
          Value isNaN = b.create<arith::CmpFOp>(
              nestedLoc, arith::CmpFPredicate::UNO, args[0], args[0]);
          Value hit = b.create<arith::OrIOp>(nestedLoc, equal, isNaN);
          Value linear = buildLinearIndex(b, nestedLoc, shape, axes);
          Value candidate =
              b.create<arith::SelectOp>(nestedLoc, hit, linear, args[2]);
          return b.create<arith::MinSIOp>(nestedLoc, args[2], candidate);
        });
    Value mask = buildParallel(
        rewriter, loc, type, ValueRange{first}, {reducedMap},
        [&](OpBuilder &b, Location nestedLoc, ValueRange args) -> Value {
          Value linear = buildLinearIndex(b, nestedLoc, shape, axes);
          Value isFirst = b.create<arith::CmpIOp>(
              nestedLoc, arith::CmpIPredicate::eq, linear, args[0]);
          Type elementType = type.getElementType();
          return b.create<arith::SelectOp>(
              nestedLoc, isFirst,
              createFloatConstant(b, nestedLoc, elementType, 1.0),
              createFloatConstant(b, nestedLoc, elementType, 0.0));
        });
    rewriter.replaceOp(op, mask);
    return success();
  }
};

} // namespace

void lowering::populateReductionPatterns(RewritePatternSet &patterns) {
  patterns.add<SumLowering<adj::SumOp>, SumLowering<adj::MeanOp>, MaxLowering,
               LogSumExpLowering, SoftmaxLowering<adj::SoftmaxOp>,
               SoftmaxLowering<adj::LogSoftmaxOp>, FirstMaxMaskLowering>(
      patterns.getContext());
}

//===- Structural.cpp - Shape-moving adj ops to linalg/tensor ---*- C++ -*-===//
//
// Lowers the ops that move data rather than compute elementwise: constant
// (arith.constant), matmul (a batched linalg.generic contraction into a
// zero-filled init; reading an operand that is a transpose of its last two
// dimensions through the indexing map), transpose (linalg.transpose), reshape
// (tensor.collapse_shape to 1-D then tensor.expand_shape; rank 0 uses empty
// reassociations), slice (tensor.extract_slice) and concat (tensor.empty
// plus one tensor.insert_slice per operand). Identity transposes and
// reshapes fold to their operand.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "adjoint/Dialect/Adj/IR/AdjOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace adjoint;
using namespace adjoint::lowering;

namespace {

/// constant: arith.constant with the same dense attribute.
struct ConstantLowering : OpConversionPattern<adj::ConstantOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(adj::ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, op.getValue());
    return success();
  }
};

/// Contractions of at most this many terms accumulate in the element type;
/// longer f32 ones in f64 (see MatMulLowering).
constexpr int64_t kMaxElementTypeContraction = 65536;

/// The operand of `value`'s adj.transpose if it only swaps the last two
/// dimensions (as the VJP of matmul builds), converted; else null.
Value getSwappedOperand(Value value, ConversionPatternRewriter &rewriter) {
  auto transpose = value.getDefiningOp<adj::TransposeOp>();
  if (!transpose)
    return Value();
  ArrayRef<int64_t> perm = transpose.getPerm();
  size_t rank = perm.size();
  for (size_t dim = 0; dim + 2 < rank; ++dim)
    if (perm[dim] != static_cast<int64_t>(dim))
      return Value();
  if (rank < 2 || perm[rank - 2] != static_cast<int64_t>(rank - 1) ||
      perm[rank - 1] != static_cast<int64_t>(rank - 2))
    return Value();
  return rewriter.getRemappedValue(transpose.getOperand());
}

/// matmul: loops (batch..., m, k, n) or (batch..., m, n, k), k a
/// reduction, into a zero-filled tensor of the accumulator type. An operand
/// that is a transpose of its last two dimensions is read in place through
/// a swapped indexing map, so the transposed copy is never built (and dies
/// unused); when both are, only the rhs is (the lhs's copy is read). A
/// contraction of
/// up to kMaxElementTypeContraction terms accumulates in the element type,
/// straight into the result: adj-matmul-kernel then sums it in blocks of
/// 256 terms, so its error grows with 256 plus the number of blocks, not
/// with the number of terms. A longer f32 one extends the operands and
/// sums the products (exact in f64) in f64, then truncates once, so it is
/// as accurate as a sum.
struct MatMulLowering : AdjLoweringPattern<adj::MatMulOp> {
  using AdjLoweringPattern<adj::MatMulOp>::AdjLoweringPattern;

  LogicalResult
  lower(adj::MatMulOp op, typename adj::MatMulOp::Adaptor adaptor,
        ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    auto resultType = llvm::cast<RankedTensorType>(op.getType());
    unsigned batch = resultType.getRank() - 2;
    unsigned loops = batch + 3;
    SmallVector<AffineExpr> lhs, rhs, out;
    for (unsigned dim = 0; dim < batch; ++dim) {
      AffineExpr expr = getAffineDimExpr(dim, context);
      lhs.push_back(expr);
      rhs.push_back(expr);
      out.push_back(expr);
    }
    // The innermost loop must walk memory contiguously to vectorize. Loops
    // (batch..., m, k, n): the innermost runs along rows of the rhs and of
    // the result. With a transposed rhs, whose rows run along k, loops
    // (batch..., m, n, k) instead: the innermost is a dot product of two
    // rows. Either way each result element sums its k terms in order.
    Value lhsValue = adaptor.getLhs(), rhsValue = adaptor.getRhs();
    Value swappedLhs = getSwappedOperand(op.getLhs(), rewriter);
    Value swappedRhs = getSwappedOperand(op.getRhs(), rewriter);
    // With both operands transposed, no register kernel of
    // adj-matmul-kernel has its vectors run along memory: the lhs is read
    // from its transposed copy instead, which the dot kernel takes.
    if (swappedLhs && swappedRhs)
      swappedLhs = Value();
    unsigned kLoop = swappedRhs ? batch + 2 : batch + 1;
    unsigned nLoop = swappedRhs ? batch + 1 : batch + 2;
    AffineExpr m = getAffineDimExpr(batch, context);
    AffineExpr k = getAffineDimExpr(kLoop, context);
    AffineExpr n = getAffineDimExpr(nLoop, context);
    if (swappedLhs) {
      lhsValue = swappedLhs;
      lhs.append({k, m});
    } else {
      lhs.append({m, k});
    }
    if (swappedRhs) {
      rhsValue = swappedRhs;
      rhs.append({n, k});
    } else {
      rhs.append({k, n});
    }
    out.append({m, n});
    AffineMap maps[] = {AffineMap::get(loops, 0, lhs, context),
                        AffineMap::get(loops, 0, rhs, context),
                        AffineMap::get(loops, 0, out, context)};
    SmallVector<utils::IteratorType> iterators(loops,
                                               utils::IteratorType::parallel);
    iterators[kLoop] = utils::IteratorType::reduction;

    Type elementType = resultType.getElementType();
    int64_t terms = llvm::cast<RankedTensorType>(op.getLhs().getType())
                        .getShape()
                        .back();
    Type accType = terms <= kMaxElementTypeContraction
                       ? elementType
                       : getAccumulatorType(elementType);
    auto accTensorType = RankedTensorType::get(resultType.getShape(), accType);
    Value init = createFilled(rewriter, loc, accTensorType, 0.0);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{accTensorType}, ValueRange{lhsValue, rhsValue},
        ValueRange{init}, maps, iterators,
        [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
          Value lhs = castFloat(b, nestedLoc, args[0], accType);
          Value rhs = castFloat(b, nestedLoc, args[1], accType);
          Value product = b.create<arith::MulFOp>(nestedLoc, lhs, rhs);
          Value sum = accumulate(b, nestedLoc, args[2], product);
          b.create<linalg::YieldOp>(nestedLoc, sum);
        });
    Value result = generic.getResult(0);
    if (accType != elementType)
      result = buildParallel(
          rewriter, loc, resultType, result,
          rewriter.getMultiDimIdentityMap(resultType.getRank()),
          [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
            return castFloat(b, nestedLoc, args[0], elementType);
          });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// transpose: linalg.transpose (result dim i is operand dim perm[i], as in
/// adj.transpose).
struct TransposeLowering : AdjLoweringPattern<adj::TransposeOp> {
  using AdjLoweringPattern<adj::TransposeOp>::AdjLoweringPattern;

  LogicalResult
  lower(adj::TransposeOp op, typename adj::TransposeOp::Adaptor adaptor,
        ConversionPatternRewriter &rewriter) const override {
    ArrayRef<int64_t> perm = op.getPerm();
    bool identity = llvm::all_of(llvm::enumerate(perm), [](auto entry) {
      return entry.value() == static_cast<int64_t>(entry.index());
    });
    if (identity) {
      rewriter.replaceOp(op, adaptor.getOperand());
      return success();
    }
    Location loc = op.getLoc();
    Value init =
        createEmpty(rewriter, loc, llvm::cast<RankedTensorType>(op.getType()));
    auto transpose = rewriter.create<linalg::TransposeOp>(
        loc, adaptor.getOperand(), init, perm);
    rewriter.replaceOp(op, transpose.getResult());
    return success();
  }
};

/// Reshapes `value` to the static `type` of equal element count, where
/// one of the two has rank at most 1: a collapse or an expand with one
/// group, or with none when one side is rank 0.
Value reshapeThroughVector(OpBuilder &b, Location loc, Value value,
                           RankedTensorType type) {
  auto from = llvm::cast<RankedTensorType>(value.getType());
  if (from == type)
    return value;
  // One group of every dim of the higher-rank side, or none when the lower
  // rank side is rank 0.
  auto groups = [](RankedTensorType low, RankedTensorType high) {
    SmallVector<ReassociationIndices> result;
    if (low.getRank() != 0)
      result.emplace_back(
          llvm::to_vector(llvm::seq<int64_t>(0, high.getRank())));
    return result;
  };
  if (from.getRank() > type.getRank())
    return b.create<tensor::CollapseShapeOp>(loc, type, value,
                                             groups(type, from));
  return b.create<tensor::ExpandShapeOp>(loc, type, value,
                                         groups(from, type));
}

/// reshape: collapse to 1-D, then expand to the target; either step is
/// skipped when it would be an identity.
struct ReshapeLowering : AdjLoweringPattern<adj::ReshapeOp> {
  using AdjLoweringPattern<adj::ReshapeOp>::AdjLoweringPattern;

  LogicalResult
  lower(adj::ReshapeOp op, typename adj::ReshapeOp::Adaptor adaptor,
        ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getOperand();
    auto inputType = llvm::cast<RankedTensorType>(input.getType());
    auto resultType = llvm::cast<RankedTensorType>(op.getType());
    auto flatType = RankedTensorType::get({inputType.getNumElements()},
                                          inputType.getElementType());
    Value flat = reshapeThroughVector(rewriter, loc, input, flatType);
    rewriter.replaceOp(op,
                       reshapeThroughVector(rewriter, loc, flat, resultType));
    return success();
  }
};

/// slice: tensor.extract_slice of [start, end) along `axis`, unit strides.
struct SliceLowering : AdjLoweringPattern<adj::SliceOp> {
  using AdjLoweringPattern<adj::SliceOp>::AdjLoweringPattern;

  LogicalResult
  lower(adj::SliceOp op, typename adj::SliceOp::Adaptor adaptor,
        ConversionPatternRewriter &rewriter) const override {
    auto resultType = llvm::cast<RankedTensorType>(op.getType());
    unsigned rank = resultType.getRank();
    SmallVector<int64_t> offsets(rank, 0);
    offsets[op.getAxis()] = static_cast<int64_t>(op.getStart());
    SmallVector<int64_t> strides(rank, 1);
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, resultType, adaptor.getOperand(), ValueRange{}, ValueRange{},
        ValueRange{}, rewriter.getDenseI64ArrayAttr(offsets),
        rewriter.getDenseI64ArrayAttr(resultType.getShape()),
        rewriter.getDenseI64ArrayAttr(strides));
    return success();
  }
};

/// concat: each operand inserted into a tensor.empty at its running offset
/// along `axis`.
struct ConcatLowering : AdjLoweringPattern<adj::ConcatOp> {
  using AdjLoweringPattern<adj::ConcatOp>::AdjLoweringPattern;

  LogicalResult
  lower(adj::ConcatOp op, typename adj::ConcatOp::Adaptor adaptor,
        ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = llvm::cast<RankedTensorType>(op.getType());
    unsigned rank = resultType.getRank();
    unsigned axis = op.getAxis();
    Value result = createEmpty(rewriter, loc, resultType);
    SmallVector<int64_t> offsets(rank, 0);
    SmallVector<int64_t> strides(rank, 1);
    for (Value input : adaptor.getInputs()) {
      auto inputType = llvm::cast<RankedTensorType>(input.getType());
      result = rewriter.create<tensor::InsertSliceOp>(
          loc, input, result, ValueRange{}, ValueRange{}, ValueRange{},
          rewriter.getDenseI64ArrayAttr(offsets),
          rewriter.getDenseI64ArrayAttr(inputType.getShape()),
          rewriter.getDenseI64ArrayAttr(strides));
      offsets[axis] += inputType.getDimSize(axis);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void lowering::populateStructuralPatterns(RewritePatternSet &patterns) {
  patterns.add<ConstantLowering, MatMulLowering, TransposeLowering,
               ReshapeLowering, SliceLowering, ConcatLowering>(
      patterns.getContext());
}

//===- LoweringUtils.h - Shared helpers of adj-to-linalg --------*- C++ -*-===//
//
// Private to lib/Conversion/AdjToLinalg: builders for the linalg.generic
// shapes every pattern uses (broadcasting elementwise maps, reductions into a
// tensor of the reduced shape, keepdims expansion) and the per-family
// populate functions the pass combines, and AdjLoweringPattern, the base of
// every pattern. Every helper assumes statically shaped ranked tensors of
// f32 or f64, which AdjLoweringPattern checks before a pattern builds
// anything.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_LIB_CONVERSION_ADJTOLINALG_LOWERINGUTILS_H
#define ADJOINT_LIB_CONVERSION_ADJTOLINALG_LOWERINGUTILS_H

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace adjoint::lowering {

/// Builds the scalar body of a linalg.generic from its block arguments
/// (inputs first, then the output/accumulator when the generic reads it).
using ScalarBodyBuilder = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

/// True if every operand and result of `op` is a statically shaped ranked
/// tensor; the patterns only build IR for such ops.
bool hasStaticTensorTypes(mlir::Operation *op);

/// The base of every adj lowering: it matches only ops with statically
/// shaped tensor types and hands them to `lower`, so no pattern repeats the
/// check.
template <typename OpTy>
class AdjLoweringPattern : public mlir::OpConversionPattern<OpTy> {
public:
  using mlir::OpConversionPattern<OpTy>::OpConversionPattern;
  using Adaptor = typename OpTy::Adaptor;

  mlir::LogicalResult
  matchAndRewrite(OpTy op, Adaptor adaptor,
                  mlir::ConversionPatternRewriter &rewriter) const final {
    if (!hasStaticTensorTypes(op))
      return rewriter.notifyMatchFailure(op, "needs static tensor types");
    return lower(op, adaptor, rewriter);
  }

protected:
  /// Replaces `op`, whose types are static tensors.
  virtual mlir::LogicalResult
  lower(OpTy op, Adaptor adaptor,
        mlir::ConversionPatternRewriter &rewriter) const = 0;
};

/// A scalar `arith.constant` of the float type `type`.
mlir::Value createFloatConstant(mlir::OpBuilder &b, mlir::Location loc,
                                mlir::Type type, double value);

/// `tensor.empty` of the static type `type`.
mlir::Value createEmpty(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::RankedTensorType type);

/// `tensor.empty` filled with `value` by `linalg.fill`.
mlir::Value createFilled(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::RankedTensorType type, double value);

/// The element type reductions accumulate in: f64 for f32 (and f64), so a
/// long f32 sum keeps about 1e-7 relative accuracy.
mlir::Type getAccumulatorType(mlir::Type elementType);

/// `accumulator + term` for a reduction's body, marked `reassoc`: LLVM may
/// then keep several partial sums, which is what vectorizing a reduction
/// takes (and no less accurate than one running sum).
mlir::Value accumulate(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value accumulator, mlir::Value term);

/// Converts the float scalar `value` to `type` (extf, truncf or nothing).
mlir::Value castFloat(mlir::OpBuilder &b, mlir::Location loc,
                      mlir::Value value, mlir::Type type);

/// `value` if it is finite, else 0: the shift that keeps a stable
/// log-sum-exp from computing `-inf - -inf` on an all `-inf` slice.
mlir::Value finiteOrZero(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value value);

/// `shape` without the dimensions in the sorted `axes`.
llvm::SmallVector<int64_t> dropAxes(llvm::ArrayRef<int64_t> shape,
                                    llvm::ArrayRef<int64_t> axes);

/// NumPy broadcasting as an indexing map from the result's loops to the
/// operand: missing leading dims are dropped, stretched size-1 dims read
/// index 0.
mlir::AffineMap getBroadcastMap(mlir::MLIRContext *context,
                                llvm::ArrayRef<int64_t> operandShape,
                                llvm::ArrayRef<int64_t> resultShape);

/// The map from `rank` loops to the loops not in the sorted `axes`: how a
/// tensor of the reduced shape is indexed inside the unreduced iteration.
mlir::AffineMap getDropAxesMap(mlir::MLIRContext *context, unsigned rank,
                               llvm::ArrayRef<int64_t> axes);

/// An all-parallel linalg.generic over `resultType`'s shape that reads
/// `inputs` through `inputMaps` and writes `body`'s value into a fresh
/// tensor.empty.
mlir::Value buildParallel(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::RankedTensorType resultType,
                          mlir::ValueRange inputs,
                          llvm::ArrayRef<mlir::AffineMap> inputMaps,
                          ScalarBodyBuilder body);

/// `buildParallel` with NumPy broadcasting maps for every input.
mlir::Value buildElementwise(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::RankedTensorType resultType,
                             mlir::ValueRange inputs, ScalarBodyBuilder body);

/// A linalg.generic iterating over `domainShape` that reduces the sorted
/// `axes` into `init` (a tensor of the reduced shape). `inputs` are read
/// through `inputMaps`; `body` gets the input elements and the accumulator
/// and returns the new accumulator.
mlir::Value buildReduction(mlir::OpBuilder &b, mlir::Location loc,
                           llvm::ArrayRef<int64_t> domainShape,
                           llvm::ArrayRef<int64_t> axes,
                           mlir::ValueRange inputs,
                           llvm::ArrayRef<mlir::AffineMap> inputMaps,
                           mlir::Value init, ScalarBodyBuilder body);

/// The sum of `input` over the sorted `axes` as a tensor of the reduced
/// shape in `getAccumulatorType` (f64 for an f32 input): each element is
/// extended and added to an f64 accumulator that starts at 0.
mlir::Value buildSum(mlir::OpBuilder &b, mlir::Location loc,
                     mlir::Value input, llvm::ArrayRef<int64_t> axes);

/// The maximum of `input` over the sorted `axes` (arith.maximumf, so NaN
/// propagates) as a tensor of the reduced shape that starts at -inf.
mlir::Value buildMax(mlir::OpBuilder &b, mlir::Location loc,
                     mlir::Value input, llvm::ArrayRef<int64_t> axes);

/// Expands `reduced` (a tensor of the reduced shape) to `keepdimsType`,
/// whose dims in the sorted `axes` have size 1, by tensor.expand_shape;
/// returns `reduced` if the types already agree.
mlir::Value expandToKeepdims(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::Value reduced,
                             mlir::RankedTensorType keepdimsType,
                             llvm::ArrayRef<int64_t> axes);

/// Patterns of one family each; `populateAdjToLinalgPatterns` adds them all.
void populateElementwisePatterns(mlir::RewritePatternSet &patterns);
void populateReductionPatterns(mlir::RewritePatternSet &patterns);
void populateStructuralPatterns(mlir::RewritePatternSet &patterns);

} // namespace adjoint::lowering

#endif // ADJOINT_LIB_CONVERSION_ADJTOLINALG_LOWERINGUTILS_H

//===- InnerVectorLoops.cpp - Short inner loops as vector code ---------===//
//
// A generic whose innermost loop is parallel and short (10 components of a
// Gaussian, say) is a problem for LLVM: it unrolls that loop completely,
// then vectorizes the loop around it, whose accesses are strided, with
// gathers and scatters. This lowering writes the innermost loop in vector
// ops of the target's register width instead, a masked vector for the
// last partial one: contiguous loads of the operands that run along it,
// broadcasts of those that do not, the body on vectors, and contiguous
// stores. The loops around it are plain scf.for loops in the op's order.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/InnerVectorLoops.h"
#include "LoopBounds.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace adjoint;

namespace {
/// How an operand is read along the innermost loop.
enum class Access { Contiguous, Invariant };
} // namespace

static bool isDimOrConstant(AffineExpr result) {
  return isa<AffineDimExpr, AffineConstantExpr>(result);
}

/// How `op` reads `operand` along its innermost loop `inner`, if it can be
/// vectorized: a memref of the identity layout whose last index is `inner`
/// and whose other indices do not involve it, or an operand that does not
/// involve it at all. A memref's indices must be loop values or constants.
static std::optional<Access> getAccess(linalg::GenericOp op, OpOperand &operand,
                                       unsigned inner) {
  AffineMap map = op.getMatchingIndexingMap(&operand);
  auto type = dyn_cast<MemRefType>(operand.get().getType());
  if (type && !llvm::all_of(map.getResults(), isDimOrConstant))
    return std::nullopt;
  if (!map.isFunctionOfDim(inner))
    return Access::Invariant;
  if (!type || !type.getLayout().isIdentity())
    return std::nullopt;
  ArrayRef<AffineExpr> results = map.getResults();
  auto last = dyn_cast<AffineDimExpr>(results.back());
  if (!last || last.getPosition() != inner ||
      llvm::any_of(results.drop_back(), [&](AffineExpr result) {
        return result.isFunctionOfDim(inner);
      }))
    return std::nullopt;
  return Access::Contiguous;
}

/// True if every op of the body computes on floats (or their comparisons)
/// elementwise, so that the same op on vectors means the same per lane.
static bool hasVectorizableBody(linalg::GenericOp op) {
  auto isFloatOrBool = [](Type type) {
    return isa<FloatType>(type) || type.isInteger(1);
  };
  return llvm::all_of(
      op.getBody()->without_terminator(), [&](Operation &nested) {
        if (isa<arith::ConstantOp>(nested))
          return true;
        return nested.getNumRegions() == 0 &&
               nested.hasTrait<OpTrait::Elementwise>() &&
               nested.hasTrait<OpTrait::Vectorizable>() && isPure(&nested) &&
               llvm::all_of(nested.getOperandTypes(), isFloatOrBool) &&
               llvm::all_of(nested.getResultTypes(), isFloatOrBool);
      });
}

int64_t adjoint::getInnerVectorLength(linalg::GenericOp op,
                                      unsigned vectorBits) {
  if (vectorBits == 0 || !op.hasPureBufferSemantics() || op.hasDynamicShape() ||
      op.getNumLoops() < 2)
    return 0;
  unsigned inner = op.getNumLoops() - 1;
  if (op.getIteratorTypesArray().back() != utils::IteratorType::parallel)
    return 0;
  int64_t extent = op.getStaticLoopRanges().back();
  Type elementType = getElementTypeOrSelf(op.getDpsInits().front().getType());
  if (!isa<FloatType>(elementType))
    return 0;
  int64_t length = vectorBits / elementType.getIntOrFloatBitWidth();
  // Long inner loops LLVM vectorizes well by itself.
  if (length < 2 || extent < 2 || extent > kMaxInnerVectors * length)
    return 0;
  for (OpOperand &operand : op->getOpOperands()) {
    if (!isa<FloatType>(getElementTypeOrSelf(operand.get().getType())))
      return 0;
    std::optional<Access> access = getAccess(op, operand, inner);
    if (!access || (op.isDpsInit(&operand) && *access != Access::Contiguous))
      return 0;
  }
  return hasVectorizableBody(op) ? length : 0;
}

/// `value` as a vector of `length` lanes: itself if it is one already,
/// else broadcast.
static Value toVector(OpBuilder &builder, Location loc, Value value,
                      int64_t length) {
  if (isa<VectorType>(value.getType()))
    return value;
  return builder.create<vector::BroadcastOp>(
      loc, VectorType::get({length}, value.getType()), value);
}

/// One vector of `width` lanes (masked when below `length`) of the inner
/// loop at `loops`.
static void emitVectorStep(OpBuilder &builder, Location loc,
                           linalg::GenericOp op, ValueRange loops,
                           int64_t length, int64_t width) {
  unsigned inner = op.getNumLoops() - 1;
  Value mask;
  if (width < length)
    mask = builder.create<vector::CreateMaskOp>(
        loc, VectorType::get({length}, builder.getI1Type()),
        ValueRange{builder.create<arith::ConstantIndexOp>(loc, width)});
  auto load = [&](OpOperand &operand) -> Value {
    Value value = operand.get();
    auto memref = dyn_cast<MemRefType>(value.getType());
    if (!memref)
      return toVector(builder, loc, value, length);
    AffineMap map = op.getMatchingIndexingMap(&operand);
    SmallVector<Value> indices = getIndices(builder, loc, map, loops);
    if (!map.isFunctionOfDim(inner))
      return toVector(builder, loc,
                      builder.create<memref::LoadOp>(loc, value, indices),
                      length);
    auto type = VectorType::get({length}, memref.getElementType());
    if (!mask)
      return builder.create<vector::LoadOp>(loc, type, value, indices);
    Value zeros =
        builder.create<arith::ConstantOp>(loc, type, builder.getZeroAttr(type));
    return builder.create<vector::MaskedLoadOp>(loc, type, value, indices, mask,
                                                zeros);
  };

  IRMapping mapping;
  for (OpOperand &operand : op->getOpOperands())
    mapping.map(op.getMatchingBlockArgument(&operand), load(operand));
  for (Operation &nested : op.getBody()->without_terminator()) {
    if (isa<arith::ConstantOp>(nested)) {
      builder.clone(nested, mapping);
      continue;
    }
    OperationState state(loc, nested.getName());
    for (Value operand : nested.getOperands())
      state.operands.push_back(
          toVector(builder, loc, mapping.lookupOrDefault(operand), length));
    for (Type type : nested.getResultTypes())
      state.types.push_back(VectorType::get({length}, type));
    state.attributes = nested.getAttrDictionary();
    Operation *vectorOp = builder.create(state);
    mapping.map(nested.getResults(), vectorOp->getResults());
  }
  for (auto [output, yielded] :
       llvm::zip(op.getDpsInitsMutable(),
                 op.getBody()->getTerminator()->getOperands())) {
    SmallVector<Value> indices =
        getIndices(builder, loc, op.getMatchingIndexingMap(&output), loops);
    Value value =
        toVector(builder, loc, mapping.lookupOrDefault(yielded), length);
    if (mask)
      builder.create<vector::MaskedStoreOp>(loc, output.get(), indices, mask,
                                            value);
    else
      builder.create<vector::StoreOp>(loc, value, output.get(), indices);
  }
}

void adjoint::lowerWithInnerVectors(RewriterBase &rewriter,
                                    linalg::GenericOp op, int64_t length,
                                    bool parallel) {
  Location loc = op.getLoc();
  SmallVector<int64_t> sizes = op.getStaticLoopRanges();
  int64_t extent = sizes.pop_back_val();
  LoopBounds bounds(rewriter, loc, sizes);
  auto innerLoop = [&](OpBuilder &builder, Location loc, ValueRange outer) {
    SmallVector<Value> loops(outer);
    loops.push_back(Value());
    for (int64_t start = 0; start < extent; start += length) {
      loops.back() = builder.create<arith::ConstantIndexOp>(loc, start);
      emitVectorStep(builder, loc, op, loops, length,
                     std::min(length, extent - start));
    }
  };
  // With threads, the outermost loop, if parallel, is an scf.parallel.
  if (!parallel ||
      op.getIteratorTypesArray().front() != utils::IteratorType::parallel) {
    scf::buildLoopNest(rewriter, loc, bounds.lower, bounds.upper, bounds.steps,
                       innerLoop);
    return;
  }
  rewriter.create<scf::ParallelOp>(
      loc, bounds.lower.front(), bounds.upper.front(), bounds.steps.front(),
      [&](OpBuilder &builder, Location loc, ValueRange outermost) {
        scf::buildLoopNest(
            builder, loc, ArrayRef(bounds.lower).drop_front(),
            ArrayRef(bounds.upper).drop_front(),
            ArrayRef(bounds.steps).drop_front(),
            [&](OpBuilder &nested, Location loc, ValueRange rest) {
              SmallVector<Value> outer(outermost);
              llvm::append_range(outer, rest);
              innerLoop(nested, loc, outer);
            });
      });
}

//===- FuseElementwise.cpp - The adj-fuse-elementwise pass ------*- C++ -*-===//
//
// Fuses each elementwise linalg.generic into the generic that uses its
// result, when that is its only use and the consumer reads each of its
// elements once: the consumer's indexing map for it is a permutation of
// the consumer's loops. So chains of elementwise ops, and the reductions
// they feed, become one loop; but a producer read through a broadcast or by
// a contraction (whose map leaves out a loop) stays materialized, since
// fusing it would compute each element once per iteration of the loops the
// map leaves out (tanh once per output column of a matmul, say). A fused
// body stays below `max-body-ops` ops: a chain of thousands of ops in one
// loop body would make LLVM's code generation superlinear in the model.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace adjoint {
#define GEN_PASS_DEF_FUSEELEMENTWISEPASS
#include "adjoint/Conversion/Passes.h.inc"
} // namespace adjoint

using namespace mlir;

/// The number of ops in the body of `op`, a linalg op.
static size_t getBodySize(Operation *op) {
  return op->getRegion(0).front().getOperations().size();
}

/// True if the producer of `use` should be fused into its consumer: its
/// only use, read once per element, and a fused body of at most
/// `maxBodyOps` ops.
static bool shouldFuse(OpOperand *use, size_t maxBodyOps) {
  Operation *producer = use->get().getDefiningOp();
  auto consumer = dyn_cast<linalg::GenericOp>(use->getOwner());
  if (!producer || !producer->hasOneUse() || !consumer ||
      !isa<linalg::GenericOp>(producer))
    return false;
  return consumer.getMatchingIndexingMap(use).isPermutation() &&
         getBodySize(producer) + getBodySize(consumer) <= maxBodyOps;
}

namespace {
struct FuseElementwisePass
    : adjoint::impl::FuseElementwisePassBase<FuseElementwisePass> {
  using FuseElementwisePassBase::FuseElementwisePassBase;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    size_t limit = maxBodyOps;
    linalg::populateElementwiseOpsFusionPatterns(
        patterns, [limit](OpOperand *use) { return shouldFuse(use, limit); });
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    GreedyRewriteConfig config;
    config.useTopDownTraversal = true;
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns),
                                            config)))
      signalPassFailure();
  }
};
} // namespace

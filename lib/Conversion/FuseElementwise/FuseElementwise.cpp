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
// A cheap producer with several such users (a difference, a broadcast) is
// copied into each of them after a first round of fusion, so that it is
// recomputed in their loops rather than stored.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
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

/// True if the consumer of `use` can take its producer into its loop: a
/// generic that reads each element once through `use` (its map is a
/// permutation of the loops), with at most `maxBodyOps` ops once fused.
static bool canFuseInto(OpOperand *use, Operation *producer,
                        size_t maxBodyOps) {
  auto consumer = dyn_cast<linalg::GenericOp>(use->getOwner());
  return consumer && consumer.isDpsInput(use) &&
         consumer.getMatchingIndexingMap(use).isPermutation() &&
         getBodySize(producer) + getBodySize(consumer) <= maxBodyOps;
}

/// True if the producer of `use` should be fused into its consumer: a
/// generic whose only use it is, and canFuseInto.
static bool shouldFuse(OpOperand *use, size_t maxBodyOps) {
  Operation *producer = use->get().getDefiningOp();
  return producer && isa<linalg::GenericOp>(producer) &&
         producer->hasOneUse() && canFuseInto(use, producer, maxBodyOps);
}

/// True if `op` is cheap enough to compute once per consumer instead of
/// storing: an all-parallel generic with one result whose body is at most
/// kMaxRecomputedOps arith ops (a broadcast, a difference), so
/// recomputing it costs less than a round trip of its result through
/// memory.
constexpr size_t kMaxRecomputedOps = 2;

static bool isCheapToRecompute(linalg::GenericOp op) {
  if (op.getNumResults() != 1 || op.getNumParallelLoops() != op.getNumLoops() ||
      getBodySize(op) > kMaxRecomputedOps + 1)
    return false;
  return llvm::all_of(op.getBody()->without_terminator(),
                      [](Operation &nested) {
                        return isa<arith::ArithDialect>(nested.getDialect());
                      });
}

/// Gives each use of a cheap multi-use producer that every consumer could
/// fuse (canFuseInto) a copy of its own, so that the value is recomputed
/// in each consumer's loop and never materialized.
/// Returns true if it copied any.
static bool cloneCheapProducers(Operation *root, size_t maxBodyOps) {
  bool cloned = false;
  SmallVector<linalg::GenericOp> producers;
  root->walk([&](linalg::GenericOp op) {
    if (!op->hasOneUse() && !op->use_empty() && isCheapToRecompute(op))
      producers.push_back(op);
  });
  for (linalg::GenericOp producer : producers) {
    SmallVector<OpOperand *> uses = llvm::map_to_vector(
        producer->getResult(0).getUses(), [](OpOperand &use) { return &use; });
    if (!llvm::all_of(uses, [&](OpOperand *use) {
          return canFuseInto(use, producer, maxBodyOps);
        }))
      continue;
    for (OpOperand *use : llvm::drop_begin(uses)) {
      OpBuilder builder(use->getOwner());
      use->set(builder.clone(*producer)->getResult(0));
    }
    cloned = true;
  }
  return cloned;
}

namespace {
struct FuseElementwisePass
    : adjoint::impl::FuseElementwisePassBase<FuseElementwisePass> {
  using FuseElementwisePassBase::FuseElementwisePassBase;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    size_t limit = maxBodyOps;
    RewritePatternSet patterns(context);
    linalg::populateElementwiseOpsFusionPatterns(
        patterns, [limit](OpOperand *use) { return shouldFuse(use, limit); });
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    FrozenRewritePatternSet frozen(std::move(patterns));
    GreedyRewriteConfig config;
    config.useTopDownTraversal = true;
    // Fuse, then copy what is still cheap once fused, then fuse the copies.
    if (failed(applyPatternsAndFoldGreedily(getOperation(), frozen, config)))
      return signalPassFailure();
    if (cloneCheapProducers(getOperation(), limit) &&
        failed(applyPatternsAndFoldGreedily(getOperation(), frozen, config)))
      signalPassFailure();
  }
};
} // namespace

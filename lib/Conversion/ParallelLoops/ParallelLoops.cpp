//===- ParallelLoops.cpp - The adj-parallel-loops pass ----------*- C++ -*-===//
//
// Chooses which scf.parallel loops run on threads: the outermost ones whose
// work is at least `min-work`. Every other scf.parallel (nested in one that
// runs on threads, or too small to pay for waking threads) becomes a nest
// of sequential scf.for loops. See the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/Passes.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"

namespace adjoint {
#define GEN_PASS_DEF_PARALLELLOOPSPASS
#include "adjoint/Conversion/Passes.h.inc"
} // namespace adjoint

using namespace mlir;

/// A loop's trip count when its bounds are constants; else a guess.
static int64_t getTripCount(Value lower, Value upper, Value step) {
  constexpr int64_t kUnknownTripCount = 64;
  return constantTripCount(lower, upper, step).value_or(kUnknownTripCount);
}

static int64_t estimateWork(Block &block);

/// About how many ops `op` executes: 1, or for a loop its trip count times
/// its body's work.
static int64_t estimateWork(Operation *op) {
  int64_t trips = 1;
  if (auto forOp = dyn_cast<scf::ForOp>(op))
    trips = getTripCount(forOp.getLowerBound(), forOp.getUpperBound(),
                         forOp.getStep());
  if (auto parallelOp = dyn_cast<scf::ParallelOp>(op))
    for (auto [lower, upper, step] :
         llvm::zip(parallelOp.getLowerBound(), parallelOp.getUpperBound(),
                   parallelOp.getStep()))
      trips *= getTripCount(lower, upper, step);
  int64_t body = op->getNumRegions() == 0 ? 1 : 0;
  for (Region &region : op->getRegions())
    for (Block &block : region)
      body += estimateWork(block);
  return trips * body;
}

static int64_t estimateWork(Block &block) {
  int64_t work = 0;
  for (Operation &op : block)
    work += estimateWork(&op);
  return work;
}

/// Replaces `op`, which has no reductions, by nested scf.for loops over
/// its dimensions, outermost first, around its body.
static void makeSequential(scf::ParallelOp op) {
  OpBuilder builder(op);
  Block *innermost = nullptr;
  for (auto [iv, lower, upper, step] :
       llvm::zip(op.getInductionVars(), op.getLowerBound(), op.getUpperBound(),
                 op.getStep())) {
    auto forOp = builder.create<scf::ForOp>(op.getLoc(), lower, upper, step);
    iv.replaceAllUsesWith(forOp.getInductionVar());
    innermost = forOp.getBody();
    builder.setInsertionPoint(innermost->getTerminator());
  }
  Block *body = op.getBody();
  innermost->getOperations().splice(innermost->getTerminator()->getIterator(),
                                    body->getOperations(), body->begin(),
                                    body->getTerminator()->getIterator());
  op.erase();
}

namespace {
struct ParallelLoopsPass
    : adjoint::impl::ParallelLoopsPassBase<ParallelLoopsPass> {
  using ParallelLoopsPassBase::ParallelLoopsPassBase;

  void runOnOperation() override {
    llvm::SmallPtrSet<Operation *, 16> threaded;
    SmallVector<scf::ParallelOp> sequential;
    bool failedOnReduction = false;
    getOperation()->walk<WalkOrder::PreOrder>([&](scf::ParallelOp op) {
      if (op.getNumReductions() != 0) {
        op.emitError("adj-parallel-loops: scf.parallel with reductions");
        failedOnReduction = true;
        return;
      }
      Operation *outer = op->getParentOfType<scf::ParallelOp>();
      while (outer && !threaded.contains(outer))
        outer = outer->getParentOfType<scf::ParallelOp>();
      if (!outer && estimateWork(op) >= minWork)
        threaded.insert(op);
      else
        sequential.push_back(op);
    });
    if (failedOnReduction)
      return signalPassFailure();
    for (scf::ParallelOp op : llvm::reverse(sequential))
      makeSequential(op);
  }
};
} // namespace

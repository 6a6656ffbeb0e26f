//===- LinalgToLoops.cpp - The adj-linalg-to-loops pass ---------*- C++ -*-===//
//
// Lowers linalg ops on buffers to loops: an op whose outermost loop is
// parallel to an scf.parallel over its parallel dimensions (which
// adj-parallel-loops may give to threads), any other op to sequential
// scf.for loops in its own order; a generic whose reductions are the
// innermost loops keeps its accumulators in registers (ReductionLoops.h),
// and one whose innermost loop is short and parallel becomes vector code
// (InnerVectorLoops.h).
// See the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/InnerVectorLoops.h"
#include "adjoint/Conversion/ReductionLoops.h"

#include "adjoint/Conversion/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"

namespace adjoint {
#define GEN_PASS_DEF_LINALGTOLOOPSPASS
#include "adjoint/Conversion/Passes.h.inc"
} // namespace adjoint

using namespace mlir;

/// True if `op`'s outermost loop is parallel, so that running it on
/// threads keeps the order in which it walks memory.
static bool hasParallelOutermostLoop(linalg::LinalgOp op) {
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  return !iterators.empty() &&
         iterators.front() == utils::IteratorType::parallel;
}

namespace {
struct LinalgToLoopsPass
    : adjoint::impl::LinalgToLoopsPassBase<LinalgToLoopsPass> {
  using LinalgToLoopsPassBase::LinalgToLoopsPassBase;

  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> ops;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (op.hasPureBufferSemantics())
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      rewriter.setInsertionPoint(op);
      auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
      if (generic && adjoint::hasInnermostReductions(generic)) {
        adjoint::lowerInnermostReductions(rewriter, generic, parallel);
        rewriter.eraseOp(op);
        continue;
      }
      if (int64_t length =
              generic ? adjoint::getInnerVectorLength(generic, vectorBits)
                      : 0) {
        adjoint::lowerWithInnerVectors(rewriter, generic, length, parallel);
        rewriter.eraseOp(op);
        continue;
      }
      FailureOr<linalg::LinalgLoops> loops =
          parallel && hasParallelOutermostLoop(op)
              ? linalg::linalgOpToParallelLoops(rewriter, op)
              : linalg::linalgOpToLoops(rewriter, op);
      if (failed(loops)) {
        op->emitError("adj-linalg-to-loops: cannot lower to loops");
        return signalPassFailure();
      }
      rewriter.eraseOp(op);
    }
  }
};
} // namespace

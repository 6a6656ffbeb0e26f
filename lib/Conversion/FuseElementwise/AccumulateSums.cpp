//===- AccumulateSums.cpp - The adj-accumulate-sums pass --------*- C++ -*-===//
//
// Folds `T + R`, where R is a sum reduction into zeros (a matmul, a sum
// over a batch) used only there, into R summing into T instead: one loop
// and one buffer fewer. Reverse mode adds up the gradient of a weight used
// at every step of a recurrence this way, dW = X1^T dZ1 + X2^T dZ2 + ...,
// which becomes one accumulator that every step's matmul adds to. See the
// pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace adjoint {
#define GEN_PASS_DEF_ACCUMULATESUMSPASS
#include "adjoint/Conversion/Passes.h.inc"
} // namespace adjoint

using namespace mlir;

/// True if `op` is an elementwise `a + b` of two tensors: two inputs and
/// an output with identity maps, all loops parallel, and a body that adds
/// the two inputs.
static bool isElementwiseAdd(linalg::GenericOp op) {
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      op.getNumParallelLoops() != op.getNumLoops() ||
      !llvm::all_of(op.getIndexingMapsArray(),
                    [](AffineMap map) { return map.isIdentity(); }))
    return false;
  Block *body = op.getBody();
  if (body->getOperations().size() != 2)
    return false;
  auto add = dyn_cast<arith::AddFOp>(body->front());
  auto yield = cast<linalg::YieldOp>(body->getTerminator());
  return add && yield.getOperand(0) == add.getResult() &&
         ((add.getLhs() == body->getArgument(0) &&
           add.getRhs() == body->getArgument(1)) ||
          (add.getLhs() == body->getArgument(1) &&
           add.getRhs() == body->getArgument(0)));
}

/// True if `value` is the only result of a generic that sums terms into
/// zeros: one output, initialized by a linalg.fill of zero, and a body
/// that yields `out + term` with a term that does not read `out`. Such a
/// generic computes `init + sum of terms` for any init.
static bool isSumIntoZeros(Value value) {
  auto op = value.getDefiningOp<linalg::GenericOp>();
  if (!op || op->getNumResults() != 1 || op.getNumDpsInits() != 1 ||
      op.getNumReductionLoops() == 0 || !value.hasOneUse())
    return false;
  auto fill = op.getDpsInits().front().getDefiningOp<linalg::FillOp>();
  if (!fill || !matchPattern(fill.getInputs().front(), m_AnyZeroFloat()))
    return false;
  Block *body = op.getBody();
  BlockArgument out = body->getArguments().back();
  auto add =
      body->getTerminator()->getOperand(0).getDefiningOp<arith::AddFOp>();
  if (!add || !out.hasOneUse())
    return false;
  return add.getLhs() == out || add.getRhs() == out;
}

namespace {
/// `T + R` -> R summing into T (see the file comment).
struct AccumulateIntoSum : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (!isElementwiseAdd(op))
      return failure();
    for (unsigned index = 0; index < 2; ++index) {
      Value sum = op.getDpsInputs()[index];
      Value other = op.getDpsInputs()[1 - index];
      if (!isSumIntoZeros(sum) || other.getType() != sum.getType() ||
          sum.getType() != op->getResult(0).getType())
        continue;
      // At the add, where both the sum's operands and the other value
      // are available.
      auto reduction = sum.getDefiningOp<linalg::GenericOp>();
      auto accumulated =
          cast<linalg::GenericOp>(rewriter.clone(*reduction.getOperation()));
      rewriter.modifyOpInPlace(
          accumulated, [&] { accumulated.getDpsInitsMutable()[0].set(other); });
      rewriter.replaceOp(op, accumulated->getResults());
      rewriter.eraseOp(reduction);
      return success();
    }
    return failure();
  }
};

struct AccumulateSumsPass
    : adjoint::impl::AccumulateSumsPassBase<AccumulateSumsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<AccumulateIntoSum>(&getContext());
    if (failed(
            applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

//===- AdjToLinalg.cpp - Lower adj ops to linalg on tensors -----*- C++ -*-===//
//
// The convert-adj-to-linalg pass: a partial conversion with every `adj` op
// illegal, driven by the patterns of Elementwise.cpp, Reductions.cpp and
// Structural.cpp. Ops that are not statically shaped tensors of floats are
// reported up front, so the patterns never see them.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "adjoint/Conversion/Passes.h"
#include "adjoint/Dialect/Adj/IR/AdjOps.h"

#include "mlir/Transforms/DialectConversion.h"

namespace adjoint {
#define GEN_PASS_DEF_CONVERTADJTOLINALGPASS
#include "adjoint/Conversion/Passes.h.inc"
} // namespace adjoint

using namespace mlir;

void adjoint::populateAdjToLinalgPatterns(RewritePatternSet &patterns) {
  lowering::populateElementwisePatterns(patterns);
  lowering::populateReductionPatterns(patterns);
  lowering::populateStructuralPatterns(patterns);
}

namespace {
struct ConvertAdjToLinalgPass
    : adjoint::impl::ConvertAdjToLinalgPassBase<ConvertAdjToLinalgPass> {
  void runOnOperation() override {
    WalkResult walk = getOperation()->walk([](Operation *op) {
      if (!llvm::isa<adjoint::adj::AdjDialect>(op->getDialect()) ||
          adjoint::lowering::hasStaticTensorTypes(op))
        return WalkResult::advance();
      op->emitOpError("cannot be lowered: needs statically shaped tensors");
      return WalkResult::interrupt();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();

    ConversionTarget target(getContext());
    target.addIllegalDialect<adjoint::adj::AdjDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(&getContext());
    adjoint::populateAdjToLinalgPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

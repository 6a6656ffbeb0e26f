//===- AdjToLinalg.cpp - Lower adj ops to linalg on tensors -----*- C++ -*-===//
//
// The convert-adj-to-linalg pass (placeholder: patterns are being written).
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/Passes.h"
#include "adjoint/Dialect/Adj/IR/AdjOps.h"

#include "mlir/Transforms/DialectConversion.h"

namespace adjoint {
#define GEN_PASS_DEF_CONVERTADJTOLINALGPASS
#include "adjoint/Conversion/Passes.h.inc"
} // namespace adjoint

using namespace mlir;

void adjoint::populateAdjToLinalgPatterns(RewritePatternSet &patterns) {}

namespace {
struct ConvertAdjToLinalgPass
    : adjoint::impl::ConvertAdjToLinalgPassBase<ConvertAdjToLinalgPass> {
  void runOnOperation() override {
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

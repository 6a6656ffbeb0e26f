//===- ApproximateMath.cpp - The adj-approximate-math pass ------*- C++ -*-===//
//
// Rewrites f32 transcendental functions (exp, log, tanh, sin, cos, ...)
// into MLIR's polynomial approximations: plain arithmetic that LLVM
// vectorizes, where a call to `tanhf` per element would keep the loop
// scalar; and f64 exp into our own expansion (ExpF64.cpp). Other f64
// functions are left to libm.
//
//===----------------------------------------------------------------------===//

#include "ApproximateMath.h"

#include "adjoint/Conversion/Passes.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace adjoint {
#define GEN_PASS_DEF_APPROXIMATEMATHPASS
#include "adjoint/Conversion/Passes.h.inc"
} // namespace adjoint

using namespace mlir;

namespace {
struct ApproximateMathPass
    : adjoint::impl::ApproximateMathPassBase<ApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns);
    adjoint::populateExpF64ExpansionPattern(patterns);
    if (failed(
            applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

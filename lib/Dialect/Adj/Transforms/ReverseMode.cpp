//===- ReverseMode.cpp - The adj-reverse-mode pass --------------*- C++ -*-===//
//
// Finds the function to differentiate and dispatches to the library
// (Adjoint.h), which builds @grad and @vjp. A missing function or any
// unsupported input is a diagnostic and a pass failure.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Dialect/Adj/Transforms/Adjoint.h"
#include "adjoint/Dialect/Adj/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace adjoint::adj {
#define GEN_PASS_DEF_REVERSEMODEPASS
#include "adjoint/Dialect/Adj/Transforms/Passes.h.inc"
} // namespace adjoint::adj

using namespace mlir;
using namespace adjoint;

namespace {
struct ReverseModePass : adj::impl::ReverseModePassBase<ReverseModePass> {
  using ReverseModePassBase::ReverseModePassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto func = module.lookupSymbol<func::FuncOp>(function);
    if (!func) {
      module.emitError("adj-reverse-mode: no function @")
          << function << " to differentiate";
      return signalPassFailure();
    }
    if (buildGrad && failed(adj::buildGradient(func, "grad")))
      return signalPassFailure();
    if (buildVjp && failed(adj::buildVjp(func, "vjp")))
      return signalPassFailure();
  }
};
} // namespace

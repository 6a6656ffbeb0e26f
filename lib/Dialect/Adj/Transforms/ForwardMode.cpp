//===- ForwardMode.cpp - The adj-forward-mode pass --------------*- C++ -*-===//
//
// Finds the functions to differentiate and dispatches to the library
// (Tangent.h), which builds @jvp and @hvp. A missing function or any
// unsupported input is a diagnostic and a pass failure.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Dialect/Adj/Transforms/Passes.h"
#include "adjoint/Dialect/Adj/Transforms/Tangent.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace adjoint::adj {
#define GEN_PASS_DEF_FORWARDMODEPASS
#include "adjoint/Dialect/Adj/Transforms/Passes.h.inc"
} // namespace adjoint::adj

using namespace mlir;
using namespace adjoint;

namespace {
struct ForwardModePass : adj::impl::ForwardModePassBase<ForwardModePass> {
  using ForwardModePassBase::ForwardModePassBase;

  void runOnOperation() override {
    if (buildJvp && failed(build(function, "jvp", adj::buildJvp)))
      return signalPassFailure();
    if (buildHvp && failed(build(gradFunction, "hvp", adj::buildHvp)))
      return signalPassFailure();
  }

  LogicalResult build(StringRef from, StringRef name,
                      FailureOr<func::FuncOp> (*builder)(func::FuncOp,
                                                         StringRef)) {
    ModuleOp module = getOperation();
    auto func = module.lookupSymbol<func::FuncOp>(from);
    if (!func)
      return module.emitError("adj-forward-mode: no function @")
             << from << " to differentiate into @" << name;
    return builder(func, name);
  }
};
} // namespace

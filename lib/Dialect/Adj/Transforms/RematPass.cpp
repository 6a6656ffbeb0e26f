//===- RematPass.cpp - The adj-remat pass -----------------------*- C++ -*-===//
//
// Parses the mode and calls the library (Remat.h) on each function.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Dialect/Adj/Transforms/Passes.h"
#include "adjoint/Dialect/Adj/Transforms/Remat.h"

namespace adjoint::adj {
#define GEN_PASS_DEF_REMATPASS
#include "adjoint/Dialect/Adj/Transforms/Passes.h.inc"
} // namespace adjoint::adj

using namespace mlir;
using namespace adjoint;

namespace {
struct RematPass : adj::impl::RematPassBase<RematPass> {
  using RematPassBase::RematPassBase;

  void runOnOperation() override {
    std::optional<adj::RematMode> parsed = adj::parseRematMode(mode);
    if (!parsed) {
      getOperation().emitError("adj-remat: unknown mode '")
          << mode << "' (expected none, cheap or auto)";
      return signalPassFailure();
    }
    adj::rematerialize(getOperation(), *parsed);
  }
};
} // namespace

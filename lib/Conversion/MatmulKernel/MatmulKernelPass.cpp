//===- MatmulKernelPass.cpp - The adj-matmul-kernel pass --------*- C++ -*-===//
//
// Replaces each matmul contraction on buffers that a register kernel covers
// (MatmulContraction.h) by that kernel's loops; see the pass description in
// Passes.td.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/MatmulContraction.h"
#include "KernelBuilder.h"

#include "adjoint/Conversion/Passes.h"

namespace adjoint {
#define GEN_PASS_DEF_MATMULKERNELPASS
#include "adjoint/Conversion/Passes.h.inc"
} // namespace adjoint

using namespace mlir;
using namespace adjoint;

namespace {
struct MatmulKernelPass
    : adjoint::impl::MatmulKernelPassBase<MatmulKernelPass> {
  using MatmulKernelPassBase::MatmulKernelPassBase;

  void runOnOperation() override {
    SmallVector<std::pair<linalg::GenericOp, Contraction>> contractions;
    getOperation().walk([&](linalg::GenericOp op) {
      if (std::optional<Contraction> contraction = matchContraction(op))
        contractions.emplace_back(op, *contraction);
    });
    for (auto &[op, contraction] : contractions) {
      ImplicitLocOpBuilder builder(op.getLoc(), op);
      KernelBuilder kernel(builder, contraction, vectorBits);
      if (contraction.kernel == ContractionKernel::Row)
        emitRowKernel(kernel);
      else
        emitDotKernel(kernel);
      op.erase();
    }
  }
};
} // namespace

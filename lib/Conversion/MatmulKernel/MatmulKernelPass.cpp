//===- MatmulKernelPass.cpp - The adj-matmul-kernel pass --------*- C++ -*-===//
//
// Replaces each matmul contraction on buffers that a register kernel covers
// (MatmulContraction.h) by a call of a private function holding that
// kernel's loops, one function per distinct contraction (operand types,
// indexing maps, whether C is overwritten), shared by every call; a zero
// fill of C right in front of the contraction is folded into the kernel.
// See the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "KernelBuilder.h"

#include "adjoint/Conversion/MatmulContraction.h"
#include "adjoint/Conversion/Passes.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"

namespace adjoint {
#define GEN_PASS_DEF_MATMULKERNELPASS
#include "adjoint/Conversion/Passes.h.inc"
} // namespace adjoint

using namespace mlir;
using namespace adjoint;

/// What makes two contractions the same kernel: operand types and maps,
/// and whether the kernel overwrites C.
using KernelKey =
    std::tuple<Type, Type, Type, AffineMap, AffineMap, AffineMap, unsigned>;

static KernelKey getKernelKey(const Contraction &contraction,
                              bool overwritesOut) {
  return {contraction.lhs.getType(),
          contraction.rhs.getType(),
          contraction.out.getType(),
          contraction.lhsMap,
          contraction.rhsMap,
          contraction.outMap,
          overwritesOut};
}

/// The linalg.fill of zero into exactly C right in front of `op`, whose
/// values the kernel can produce by overwriting C instead (it has a first
/// block of k to store); else null.
static linalg::FillOp getZeroFillOfOut(linalg::GenericOp op,
                                       const Contraction &contraction) {
  auto fill = dyn_cast_or_null<linalg::FillOp>(op->getPrevNode());
  if (!fill || contraction.getK() == 0 || !fill.hasPureBufferSemantics() ||
      fill.getOutputs().front() != contraction.out ||
      !matchPattern(fill.getInputs().front(), m_AnyZeroFloat()))
    return nullptr;
  return fill;
}

/// A private function `(lhs, rhs, out) -> ()` in `module` that runs the
/// kernel of `contraction` on its arguments.
static func::FuncOp createKernelFunction(ModuleOp module, SymbolTable &symbols,
                                         const Contraction &contraction,
                                         unsigned vectorBits,
                                         bool overwritesOut, Location loc) {
  OpBuilder moduleBuilder = OpBuilder::atBlockEnd(module.getBody());
  auto type = moduleBuilder.getFunctionType({contraction.lhs.getType(),
                                             contraction.rhs.getType(),
                                             contraction.out.getType()},
                                            {});
  auto func =
      moduleBuilder.create<func::FuncOp>(loc, "adj_matmul_kernel", type);
  func.setPrivate();
  symbols.insert(func); // Renames it adj_matmul_kernel_N if taken.
  Block *body = func.addEntryBlock();
  ImplicitLocOpBuilder builder = ImplicitLocOpBuilder::atBlockEnd(loc, body);
  Contraction onArguments = contraction;
  onArguments.lhs = body->getArgument(0);
  onArguments.rhs = body->getArgument(1);
  onArguments.out = body->getArgument(2);
  KernelBuilder kernel(builder, onArguments, vectorBits, overwritesOut);
  if (contraction.kernel == ContractionKernel::Row)
    emitRowKernel(kernel);
  else
    emitDotKernel(kernel);
  builder.create<func::ReturnOp>();
  return func;
}

namespace {
struct MatmulKernelPass
    : adjoint::impl::MatmulKernelPassBase<MatmulKernelPass> {
  using MatmulKernelPassBase::MatmulKernelPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<std::pair<linalg::GenericOp, Contraction>> contractions;
    module.walk([&](linalg::GenericOp op) {
      if (std::optional<Contraction> contraction = matchContraction(op))
        contractions.emplace_back(op, *contraction);
    });
    SymbolTable symbols(module);
    llvm::DenseMap<KernelKey, func::FuncOp> kernels;
    for (auto &[op, contraction] : contractions) {
      linalg::FillOp fill = getZeroFillOfOut(op, contraction);
      bool overwritesOut = static_cast<bool>(fill);
      if (fill)
        fill.erase();
      func::FuncOp &kernel = kernels[getKernelKey(contraction, overwritesOut)];
      if (!kernel)
        kernel = createKernelFunction(module, symbols, contraction, vectorBits,
                                      overwritesOut, op.getLoc());
      OpBuilder builder(op);
      builder.create<func::CallOp>(
          op.getLoc(), kernel,
          ValueRange{contraction.lhs, contraction.rhs, contraction.out});
      op.erase();
    }
  }
};
} // namespace

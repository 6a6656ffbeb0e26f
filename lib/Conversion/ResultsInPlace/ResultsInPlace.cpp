//===- ResultsInPlace.cpp - The adj-results-in-place pass -------*- C++ -*-===//
//
// After buffer-results-to-out-params, a function computes each result in a
// buffer of its own and copies it into the caller's out-parameter at the
// end. When that buffer is an allocation of the entry block copied into
// exactly one out-parameter that nothing else uses, the function can
// compute straight into the out-parameter: the allocation becomes the
// argument and the copy goes. This saves the buffer's memory and a pass
// over it; it relies on the ABI rule that results do not overlap
// arguments (docs/aot.md).
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace adjoint {
#define GEN_PASS_DEF_RESULTSINPLACEPASS
#include "adjoint/Conversion/Passes.h.inc"
} // namespace adjoint

using namespace mlir;

/// The allocation `copy` copies into an out-parameter of `func`, if it can
/// take the out-parameter's place; else null.
static memref::AllocOp getReplaceableAlloc(linalg::CopyOp copy,
                                           func::FuncOp func) {
  if (copy.getInputs().size() != 1 || copy.getOutputs().size() != 1)
    return nullptr;
  auto out = dyn_cast<BlockArgument>(copy.getOutputs().front());
  Block &entry = func.getBody().front();
  if (!out || out.getOwner() != &entry || !out.hasOneUse())
    return nullptr;
  auto alloc = copy.getInputs().front().getDefiningOp<memref::AllocOp>();
  if (!alloc || alloc->getBlock() != &entry || alloc.getType() != out.getType())
    return nullptr;
  // Copied into two out-parameters (a value returned twice): keep both
  // copies.
  for (Operation *user : alloc->getUsers())
    if (auto other = dyn_cast<linalg::CopyOp>(user))
      if (other != copy && llvm::is_contained(other.getInputs(),
                                              alloc.getResult()) &&
          llvm::any_of(other.getOutputs(), [&](Value output) {
            return isa<BlockArgument>(output);
          }))
        return nullptr;
  return alloc;
}

namespace {
struct ResultsInPlacePass
    : adjoint::impl::ResultsInPlacePassBase<ResultsInPlacePass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    SmallVector<std::pair<linalg::CopyOp, memref::AllocOp>> replacements;
    func.walk([&](linalg::CopyOp copy) {
      if (memref::AllocOp alloc = getReplaceableAlloc(copy, func))
        replacements.emplace_back(copy, alloc);
    });
    for (auto [copy, alloc] : replacements) {
      Value out = copy.getOutputs().front();
      copy.erase();
      alloc.getResult().replaceAllUsesWith(out);
      alloc.erase();
    }
  }
};
} // namespace

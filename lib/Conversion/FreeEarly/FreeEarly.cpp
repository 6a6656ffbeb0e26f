//===- FreeEarly.cpp - The adj-free-early pass ------------------*- C++ -*-===//
//
// Moves deallocations up to the last use of their buffer; see the pass
// description in Passes.td. A buffer's uses are those of its views too
// (ViewLikeOpInterface, and any op that takes the buffer and returns a
// memref, conservatively). A buffer used outside the block of its
// allocation keeps its deallocation where it is.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/Passes.h"

#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/DenseSet.h"

namespace adjoint {
#define GEN_PASS_DEF_FREEEARLYPASS
#include "adjoint/Conversion/Passes.h.inc"
} // namespace adjoint

using namespace mlir;

/// `buffer` and every memref an op derives from it, transitively.
static llvm::DenseSet<Value> getAliases(Value buffer) {
  llvm::DenseSet<Value> aliases;
  SmallVector<Value> worklist = {buffer};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    if (!aliases.insert(value).second)
      continue;
    for (Operation *user : value.getUsers())
      for (Value result : user->getResults())
        if (isa<BaseMemRefType>(result.getType()))
          worklist.push_back(result);
  }
  return aliases;
}

/// The last op of `block` that uses a value of `aliases` (or holds a use in
/// its regions), other than `dealloc`; null if a use is outside `block`.
static Operation *findLastUse(Block *block, Operation *alloc,
                              memref::DeallocOp dealloc,
                              const llvm::DenseSet<Value> &aliases) {
  Operation *last = alloc;
  for (Value alias : aliases) {
    for (Operation *user : alias.getUsers()) {
      if (user == dealloc)
        continue;
      Operation *ancestor = block->findAncestorOpInBlock(*user);
      if (!ancestor)
        return nullptr;
      if (last->isBeforeInBlock(ancestor))
        last = ancestor;
    }
  }
  return last;
}

static void freeEarly(memref::DeallocOp dealloc) {
  auto alloc = dealloc.getMemref().getDefiningOp<memref::AllocOp>();
  Block *block = dealloc->getBlock();
  if (!alloc || alloc->getBlock() != block)
    return;
  Operation *last =
      findLastUse(block, alloc, dealloc, getAliases(alloc.getResult()));
  if (last && last->isBeforeInBlock(dealloc))
    dealloc->moveAfter(last);
}

namespace {
struct FreeEarlyPass : adjoint::impl::FreeEarlyPassBase<FreeEarlyPass> {
  void runOnOperation() override {
    SmallVector<memref::DeallocOp> deallocs;
    getOperation().walk(
        [&](memref::DeallocOp dealloc) { deallocs.push_back(dealloc); });
    for (memref::DeallocOp dealloc : deallocs)
      freeEarly(dealloc);
  }
};
} // namespace

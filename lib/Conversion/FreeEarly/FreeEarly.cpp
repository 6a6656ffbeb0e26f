//===- FreeEarly.cpp - The adj-free-early pass ------------------*- C++ -*-===//
//
// Moves deallocations up to the last use of their buffer; see the pass
// description in Passes.td. A buffer's uses are those of its views too
// (ViewLikeOpInterface, and any op that takes the buffer and returns a
// memref, conservatively). A buffer used outside the block of its
// allocation keeps its deallocation where it is. Positions in a block are
// numbered once before anything moves (moving deallocations changes no
// other op's order), so the pass is linear in the number of uses, not
// quadratic in the block's length.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/Passes.h"

#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/DenseMap.h"
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

namespace {
/// Positions of the ops of the blocks that hold deallocations, numbered
/// when a block is first asked about.
class Positions {
public:
  int64_t of(Operation *op) {
    Block *block = op->getBlock();
    if (numbered.insert(block).second)
      for (auto [position, other] : llvm::enumerate(*block))
        positions[&other] = position;
    return positions.lookup(op);
  }

private:
  llvm::DenseSet<Block *> numbered;
  llvm::DenseMap<Operation *, int64_t> positions;
};
} // namespace

/// The last op of `block` that uses a value of `aliases` (or holds a use in
/// its regions), other than `dealloc`; null if a use is outside `block`.
static Operation *findLastUse(Block *block, Operation *alloc,
                              memref::DeallocOp dealloc,
                              const llvm::DenseSet<Value> &aliases,
                              Positions &positions) {
  Operation *last = alloc;
  for (Value alias : aliases) {
    for (Operation *user : alias.getUsers()) {
      if (user == dealloc)
        continue;
      Operation *ancestor = block->findAncestorOpInBlock(*user);
      if (!ancestor)
        return nullptr;
      if (positions.of(last) < positions.of(ancestor))
        last = ancestor;
    }
  }
  return last;
}

/// Where `dealloc` should go: after the op it returns, or nowhere (null).
static Operation *findNewPlace(memref::DeallocOp dealloc,
                               Positions &positions) {
  auto alloc = dealloc.getMemref().getDefiningOp<memref::AllocOp>();
  Block *block = dealloc->getBlock();
  if (!alloc || alloc->getBlock() != block)
    return nullptr;
  Operation *last = findLastUse(block, alloc, dealloc,
                                getAliases(alloc.getResult()), positions);
  if (last && positions.of(last) < positions.of(dealloc))
    return last;
  return nullptr;
}

namespace {
struct FreeEarlyPass : adjoint::impl::FreeEarlyPassBase<FreeEarlyPass> {
  void runOnOperation() override {
    SmallVector<memref::DeallocOp> deallocs;
    getOperation().walk(
        [&](memref::DeallocOp dealloc) { deallocs.push_back(dealloc); });
    Positions positions;
    SmallVector<std::pair<memref::DeallocOp, Operation *>> moves;
    for (memref::DeallocOp dealloc : deallocs)
      if (Operation *last = findNewPlace(dealloc, positions))
        moves.emplace_back(dealloc, last);
    for (auto [dealloc, last] : moves)
      dealloc->moveAfter(last);
  }
};
} // namespace

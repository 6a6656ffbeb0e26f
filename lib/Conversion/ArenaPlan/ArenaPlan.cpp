//===- ArenaPlan.cpp - The adj-arena-plan pass ------------------*- C++ -*-===//
//
// Collects the buffers of a function's entry block (static identity-layout
// allocations freed in the same block), has planArena place them, and
// rewrites them as views of one arena; see the pass description in
// Passes.td. Positions are op indices in the block, so the lifetimes are
// those the deallocations' order (adj-free-early) gives. An arena larger
// than the `max-bytes` option is an error located at the largest buffers'
// ops, which carry the model's locations.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/ArenaPlan.h"
#include "adjoint/Conversion/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "llvm/ADT/DenseMap.h"

namespace adjoint {
#define GEN_PASS_DEF_ARENAPLANPASS
#include "adjoint/Conversion/Passes.h.inc"
} // namespace adjoint

using namespace mlir;
using namespace adjoint;

namespace {
/// An allocation the arena takes over, with its deallocation.
struct Buffer {
  memref::AllocOp alloc;
  memref::DeallocOp dealloc;
};
} // namespace

/// Whether `alloc` can be a view of an arena: a static shape, the identity
/// layout, the default memory space, and no alignment above the arena's.
static bool isPlannable(memref::AllocOp alloc) {
  MemRefType type = alloc.getType();
  return type.hasStaticShape() && type.getLayout().isIdentity() &&
         !type.getMemorySpace() &&
         alloc.getAlignment().value_or(1) <= kArenaAlignment;
}

/// The deallocation of `alloc` in `block`, if it has exactly one there.
static memref::DeallocOp findDealloc(memref::AllocOp alloc, Block &block) {
  memref::DeallocOp found;
  for (Operation *user : alloc->getUsers()) {
    auto dealloc = dyn_cast<memref::DeallocOp>(user);
    if (!dealloc)
      continue;
    if (found || dealloc->getBlock() != &block)
      return {};
    found = dealloc;
  }
  return found;
}

/// Replaces each buffer with a view of one arena allocated at the start of
/// `block` at its offset in `layout`, and frees the arena before the
/// block's terminator.
static void rewriteIntoArena(Block &block, ArrayRef<Buffer> buffers,
                             const ArenaLayout &layout) {
  OpBuilder builder = OpBuilder::atBlockBegin(&block);
  Location loc = block.getParentOp()->getLoc();
  auto arenaType = MemRefType::get({layout.size}, builder.getI8Type());
  auto arena = builder.create<memref::AllocOp>(
      loc, arenaType, builder.getI64IntegerAttr(kArenaAlignment));
  arena->setAttr("adj.arena", builder.getUnitAttr());
  for (auto [buffer, offset] : llvm::zip(buffers, layout.offsets)) {
    memref::AllocOp alloc = buffer.alloc;
    builder.setInsertionPoint(alloc);
    Value shift =
        builder.create<arith::ConstantIndexOp>(alloc.getLoc(), offset);
    Value view = builder.create<memref::ViewOp>(alloc.getLoc(), alloc.getType(),
                                                arena, shift, ValueRange());
    buffer.dealloc->erase();
    alloc.replaceAllUsesWith(view);
    alloc.erase();
  }
  builder.setInsertionPoint(block.getTerminator());
  builder.create<memref::DeallocOp>(loc, arena);
}

/// The number of largest buffers an over-limit error names.
constexpr size_t kNamedBuffers = 3;

/// Reports that `func`'s arena of `size` bytes exceeds `maxBytes`, at the
/// largest buffer, with a note at each of the next largest.
static void reportOverLimit(func::FuncOp func, int64_t size, int64_t maxBytes,
                            ArrayRef<Buffer> buffers,
                            ArrayRef<BufferLifetime> lifetimes) {
  SmallVector<size_t> order(buffers.size());
  for (size_t index = 0; index < order.size(); ++index)
    order[index] = index;
  llvm::stable_sort(order, [&](size_t lhs, size_t rhs) {
    return lifetimes[lhs].bytes > lifetimes[rhs].bytes;
  });
  Location loc = order.empty() ? func.getLoc()
                               : buffers[order.front()].alloc->getLoc();
  InFlightDiagnostic diag =
      emitError(loc) << "@" << func.getSymName() << " needs " << size
                     << " bytes for its intermediate values, more than the "
                        "limit of "
                     << maxBytes << " bytes (--max-memory)";
  if (order.empty())
    return;
  diag << "; the largest, of "
       << lifetimes[order.front()].bytes << " bytes, is this value";
  for (size_t index : ArrayRef(order).drop_front().take_front(
           kNamedBuffers - 1))
    diag.attachNote(buffers[index].alloc->getLoc())
        << "and " << lifetimes[index].bytes << " bytes for this one";
}

namespace {
struct ArenaPlanPass : adjoint::impl::ArenaPlanPassBase<ArenaPlanPass> {
  using ArenaPlanPassBase::ArenaPlanPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    Block &block = func.getBody().front();
    llvm::DenseMap<Operation *, int64_t> positions;
    for (auto [position, op] : llvm::enumerate(block))
      positions[&op] = position;

    DataLayout dataLayout = DataLayout::closest(func);
    SmallVector<Buffer> buffers;
    SmallVector<BufferLifetime> lifetimes;
    for (auto alloc : block.getOps<memref::AllocOp>()) {
      memref::DeallocOp dealloc = findDealloc(alloc, block);
      if (!dealloc || !isPlannable(alloc))
        continue;
      MemRefType type = alloc.getType();
      int64_t bytes =
          type.getNumElements() *
          dataLayout.getTypeSize(type.getElementType()).getFixedValue();
      buffers.push_back({alloc, dealloc});
      lifetimes.push_back({bytes, positions[alloc], positions[dealloc]});
    }
    ArenaLayout layout = planArena(lifetimes, shareSpace);
    if (maxBytes > 0 && layout.size > maxBytes) {
      reportOverLimit(func, layout.size, maxBytes, buffers, lifetimes);
      return signalPassFailure();
    }
    if (!buffers.empty())
      rewriteIntoArena(block, buffers, layout);

    Builder builder(func.getContext());
    func->setAttr("adj.arena_size", builder.getI64IntegerAttr(layout.size));
    func->setAttr("adj.arena_lower_bound",
                  builder.getI64IntegerAttr(layout.lowerBound));
    func->setAttr("adj.arena_buffers",
                  builder.getI64IntegerAttr(buffers.size()));
  }
};
} // namespace

//===- ArenaLayout.cpp - Offsets of buffers in one arena --------*- C++ -*-===//
//
// planArena: greedy first fit by decreasing size over the buffers whose
// lifetimes overlap, and the lower bound by a sweep over the allocations
// (the total live is largest just after some allocation).
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/ArenaPlan.h"

#include <algorithm>
#include <numeric>

using namespace adjoint;

int64_t adjoint::getArenaSlotBytes(int64_t bytes) {
  return (bytes + kArenaAlignment - 1) / kArenaAlignment * kArenaAlignment;
}

static bool overlap(const BufferLifetime &a, const BufferLifetime &b) {
  return a.begin < b.end && b.begin < a.end;
}

/// The largest total of slot bytes live just after an allocation.
static int64_t getLowerBound(llvm::ArrayRef<BufferLifetime> buffers) {
  int64_t bound = 0;
  for (const BufferLifetime &allocated : buffers) {
    int64_t live = 0;
    for (const BufferLifetime &buffer : buffers)
      if (buffer.begin <= allocated.begin && allocated.begin < buffer.end)
        live += getArenaSlotBytes(buffer.bytes);
    bound = std::max(bound, live);
  }
  return bound;
}

/// The lowest offset at which `slot` bytes fit between the `taken` ranges
/// (offset, slot bytes), which are sorted by offset.
static int64_t findFirstFit(llvm::ArrayRef<std::pair<int64_t, int64_t>> taken,
                            int64_t slot) {
  int64_t offset = 0;
  for (auto [start, bytes] : taken) {
    if (offset + slot <= start)
      break;
    offset = std::max(offset, start + bytes);
  }
  return offset;
}

ArenaLayout adjoint::planArena(llvm::ArrayRef<BufferLifetime> buffers,
                               bool shareSpace) {
  ArenaLayout layout;
  layout.offsets.assign(buffers.size(), 0);
  layout.lowerBound = getLowerBound(buffers);
  if (!shareSpace) {
    for (size_t i = 0; i < buffers.size(); ++i) {
      layout.offsets[i] = layout.size;
      layout.size += getArenaSlotBytes(buffers[i].bytes);
    }
    return layout;
  }
  std::vector<size_t> order(buffers.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    int64_t slotA = getArenaSlotBytes(buffers[a].bytes);
    int64_t slotB = getArenaSlotBytes(buffers[b].bytes);
    if (slotA != slotB)
      return slotA > slotB;
    return buffers[a].begin < buffers[b].begin;
  });
  std::vector<size_t> placed;
  for (size_t index : order) {
    int64_t slot = getArenaSlotBytes(buffers[index].bytes);
    std::vector<std::pair<int64_t, int64_t>> taken;
    for (size_t other : placed)
      if (overlap(buffers[index], buffers[other]))
        taken.push_back(
            {layout.offsets[other], getArenaSlotBytes(buffers[other].bytes)});
    std::sort(taken.begin(), taken.end());
    layout.offsets[index] = findFirstFit(taken, slot);
    layout.size = std::max(layout.size, layout.offsets[index] + slot);
    placed.push_back(index);
  }
  return layout;
}

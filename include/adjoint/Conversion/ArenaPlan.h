//===- ArenaPlan.h - Offsets of buffers in one arena ------------*- C++ -*-===//
//
// The arithmetic of the adj-arena-plan pass, apart from the IR so it can be
// tested alone: given each buffer's size and lifetime (positions in one
// block), the offset of each in an arena and the arena's size.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_CONVERSION_ARENAPLAN_H
#define ADJOINT_CONVERSION_ARENAPLAN_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <vector>

namespace adjoint {

/// Every buffer starts at a multiple of this many bytes in the arena, and
/// the arena itself is allocated with this alignment.
constexpr int64_t kArenaAlignment = 64;

/// `bytes` rounded up to a multiple of kArenaAlignment: the space a buffer
/// takes in the arena.
int64_t getArenaSlotBytes(int64_t bytes);

/// A buffer to place: its size, and the positions in its block of its
/// allocation (`begin`) and deallocation (`end`, after `begin`). Two
/// buffers are live at once when their intervals overlap; positions are
/// distinct, so a buffer freed before another is allocated does not.
struct BufferLifetime {
  int64_t bytes = 0;
  int64_t begin = 0;
  int64_t end = 0;
};

/// Where the buffers go.
struct ArenaLayout {
  /// Per buffer, in the order given: its offset, a multiple of
  /// kArenaAlignment.
  std::vector<int64_t> offsets;
  /// The arena's size: the largest end of a slot (offset + slot bytes).
  int64_t size = 0;
  /// The largest total of slot bytes live at one position: no layout of
  /// aligned slots fits in less, so `size >= lowerBound`.
  int64_t lowerBound = 0;
};

/// Places `buffers` in one arena. With `shareSpace`, buffers whose
/// lifetimes do not overlap may share space: greedily, largest slot first
/// (ties: allocated first), each at the lowest offset where it overlaps no
/// buffer already placed that is live at the same time. Without, each gets
/// its own slot, in the order given, and the size is the sum of the slots.
ArenaLayout planArena(llvm::ArrayRef<BufferLifetime> buffers, bool shareSpace);

} // namespace adjoint

#endif // ADJOINT_CONVERSION_ARENAPLAN_H

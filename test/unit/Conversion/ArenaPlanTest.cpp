//===- ArenaPlanTest.cpp - Offsets of buffers in one arena ------*- C++ -*-===//
//
// planArena on lifetimes worked out by hand: slots of 64 bytes, sharing
// only between buffers not live at once, the first fit into a gap, and the
// lower bound (the most slot bytes live at one position); and on random
// lifetimes, against the definitions checked pair by pair.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/ArenaPlan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

using namespace adjoint;

TEST(ArenaPlanTest, SlotsAreMultiplesOf64) {
  EXPECT_EQ(getArenaSlotBytes(0), 0);
  EXPECT_EQ(getArenaSlotBytes(1), 64);
  EXPECT_EQ(getArenaSlotBytes(64), 64);
  EXPECT_EQ(getArenaSlotBytes(65), 128);
}

TEST(ArenaPlanTest, NoBuffers) {
  ArenaLayout layout = planArena({}, /*shareSpace=*/true);
  EXPECT_TRUE(layout.offsets.empty());
  EXPECT_EQ(layout.size, 0);
  EXPECT_EQ(layout.lowerBound, 0);
}

// a [0, 4) and c [5, 8) never live at once; b [2, 6) overlaps both.
TEST(ArenaPlanTest, DeadBufferSpaceIsReused) {
  std::vector<BufferLifetime> buffers = {{16, 0, 4}, {16, 2, 6}, {16, 5, 8}};
  ArenaLayout shared = planArena(buffers, /*shareSpace=*/true);
  EXPECT_EQ(shared.offsets, (std::vector<int64_t>{0, 64, 0}));
  EXPECT_EQ(shared.size, 128);
  EXPECT_EQ(shared.lowerBound, 128);

  ArenaLayout apart = planArena(buffers, /*shareSpace=*/false);
  EXPECT_EQ(apart.offsets, (std::vector<int64_t>{0, 64, 128}));
  EXPECT_EQ(apart.size, 192);
  EXPECT_EQ(apart.lowerBound, 128);
}

// A buffer freed early leaves a gap between two live ones, and a later
// buffer small enough goes into it:
//   a  128 bytes [0, 10)  at 0
//   b  100 bytes [1, 3)   live with a: at 128
//   c  128 bytes [2, 10)  live with a and b: at 256
//   d   64 bytes [5, 8)   live with a and c, not b: in b's gap, at 128
// The arena ends with c, at 384: a, b and c are all live at position 2,
// the most at once (d's position 5 has a, c and d: 320).
TEST(ArenaPlanTest, FirstFitIntoAGap) {
  std::vector<BufferLifetime> buffers = {
      {128, 0, 10}, {100, 1, 3}, {128, 2, 10}, {64, 5, 8}};
  ArenaLayout layout = planArena(buffers, /*shareSpace=*/true);
  EXPECT_EQ(layout.offsets, (std::vector<int64_t>{0, 128, 256, 128}));
  EXPECT_EQ(layout.size, 384);
  EXPECT_EQ(layout.lowerBound, 384);
}

// Largest first, whatever the order of allocation: wide (320 bytes) is
// placed before big (256), and the two share offset 0 as they are never
// live at once; fits is live with both, so it goes above wide.
//   big   200 bytes [0, 10)   at 0
//   fits  100 bytes [4, 12)   at 320
//   wide  300 bytes [11, 14)  at 0
// Most live at once: fits and wide at 11, 128 + 320 = 448 = the size.
TEST(ArenaPlanTest, LargestFirst) {
  std::vector<BufferLifetime> buffers = {
      {200, 0, 10}, {100, 4, 12}, {300, 11, 14}};
  ArenaLayout layout = planArena(buffers, /*shareSpace=*/true);
  EXPECT_EQ(layout.offsets, (std::vector<int64_t>{0, 320, 0}));
  EXPECT_EQ(layout.size, 448);
  EXPECT_EQ(layout.lowerBound, 448);
}

// Buffers all live at once: the arena is their sum, and so is the bound.
TEST(ArenaPlanTest, AllLiveAtOnce) {
  std::vector<BufferLifetime> buffers = {{64, 0, 9}, {4, 1, 9}, {1000, 2, 9}};
  ArenaLayout layout = planArena(buffers, /*shareSpace=*/true);
  EXPECT_EQ(layout.offsets, (std::vector<int64_t>{1024, 1088, 0}));
  EXPECT_EQ(layout.size, 1152);
  EXPECT_EQ(layout.lowerBound, 1152);
}

// Random lifetimes, short and long, against the definitions computed the
// slow way: each buffer is placed, largest slot first, at the lowest
// offset clear of every buffer placed before it that is live at the same
// time (checked against all of them), and the lower bound is the most slot
// bytes live at one allocation (summed over all buffers).
TEST(ArenaPlanTest, MatchesPairwiseDefinitions) {
  std::mt19937 random(8);
  for (int round = 0; round < 20; ++round) {
    std::vector<BufferLifetime> buffers;
    std::vector<int64_t> positions(400);
    for (size_t i = 0; i < positions.size(); ++i)
      positions[i] = static_cast<int64_t>(i);
    std::shuffle(positions.begin(), positions.end(), random);
    for (size_t i = 0; i + 1 < positions.size(); i += 2) {
      int64_t a = positions[i], b = positions[i + 1];
      buffers.push_back({1 + static_cast<int64_t>(random() % 300),
                         std::min(a, b), std::max(a, b)});
    }
    auto live = [](const BufferLifetime &x, const BufferLifetime &y) {
      return x.begin < y.end && y.begin < x.end;
    };
    ArenaLayout layout = planArena(buffers, /*shareSpace=*/true);

    std::vector<size_t> order(buffers.size());
    for (size_t i = 0; i < order.size(); ++i)
      order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      int64_t slotA = getArenaSlotBytes(buffers[a].bytes);
      int64_t slotB = getArenaSlotBytes(buffers[b].bytes);
      return slotA != slotB ? slotA > slotB : buffers[a].begin < buffers[b].begin;
    });
    std::vector<int64_t> offsets(buffers.size(), -1);
    int64_t size = 0;
    for (size_t index : order) {
      int64_t slot = getArenaSlotBytes(buffers[index].bytes);
      int64_t offset = 0;
      for (bool moved = true; moved;) {
        moved = false;
        for (size_t other = 0; other < buffers.size(); ++other) {
          int64_t otherSlot = getArenaSlotBytes(buffers[other].bytes);
          if (offsets[other] < 0 || !live(buffers[index], buffers[other]) ||
              offset + slot <= offsets[other] ||
              offsets[other] + otherSlot <= offset)
            continue;
          offset = offsets[other] + otherSlot;
          moved = true;
        }
      }
      offsets[index] = offset;
      size = std::max(size, offset + slot);
    }
    int64_t bound = 0;
    for (const BufferLifetime &allocated : buffers) {
      int64_t total = 0;
      for (const BufferLifetime &buffer : buffers)
        if (buffer.begin <= allocated.begin && allocated.begin < buffer.end)
          total += getArenaSlotBytes(buffer.bytes);
      bound = std::max(bound, total);
    }
    EXPECT_EQ(layout.offsets, offsets) << "round " << round;
    EXPECT_EQ(layout.size, size) << "round " << round;
    EXPECT_EQ(layout.lowerBound, bound) << "round " << round;
  }
}

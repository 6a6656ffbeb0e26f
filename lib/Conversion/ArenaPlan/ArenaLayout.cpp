//===- ArenaLayout.cpp - Offsets of buffers in one arena --------*- C++ -*-===//
//
// planArena: greedy first fit by decreasing size over the buffers whose
// lifetimes overlap, and the lower bound by a sweep over the allocations
// (the total live is largest just after some allocation). Both take
// O(n log n) plus the number of overlapping pairs, not O(n^2): a model of
// 100,000 ops has tens of thousands of buffers, each live with few others.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/ArenaPlan.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <map>
#include <numeric>

using namespace adjoint;

int64_t adjoint::getArenaSlotBytes(int64_t bytes) {
  return (bytes + kArenaAlignment - 1) / kArenaAlignment * kArenaAlignment;
}

/// The largest total of slot bytes live just after an allocation: a sweep
/// over the allocations in order, adding each slot at its begin and taking
/// it away at its end.
static int64_t getLowerBound(llvm::ArrayRef<BufferLifetime> buffers) {
  std::vector<std::pair<int64_t, int64_t>> begins, ends;
  for (const BufferLifetime &buffer : buffers) {
    begins.push_back({buffer.begin, getArenaSlotBytes(buffer.bytes)});
    ends.push_back({buffer.end, getArenaSlotBytes(buffer.bytes)});
  }
  std::sort(begins.begin(), begins.end());
  std::sort(ends.begin(), ends.end());
  int64_t bound = 0, live = 0;
  size_t ended = 0;
  for (size_t next = 0; next < begins.size();) {
    int64_t position = begins[next].first;
    for (; next < begins.size() && begins[next].first == position; ++next)
      live += begins[next].second;
    for (; ended < ends.size() && ends[ended].first <= position; ++ended)
      live -= ends[ended].second;
    bound = std::max(bound, live);
  }
  return bound;
}

namespace {
/// The buffers placed so far, indexed by lifetime. A placed buffer overlaps
/// a query's lifetime iff it is live at the query's begin (found by a
/// stabbing query of a segment tree over the begin positions) or begins
/// strictly inside it (found by begin position); the two are disjoint.
class PlacedBuffers {
public:
  explicit PlacedBuffers(llvm::ArrayRef<BufferLifetime> buffers)
      : buffers(buffers) {
    for (const BufferLifetime &buffer : buffers)
      points.push_back(buffer.begin);
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    nodes.resize(4 * std::max<size_t>(points.size(), 1));
  }

  void insert(size_t index) {
    const BufferLifetime &buffer = buffers[index];
    insert(1, 0, points.size(), pointIndex(buffer.begin),
           pointIndex(buffer.end), index);
    byBegin.insert({buffer.begin, index});
  }

  /// The placed buffers whose lifetimes overlap `query`'s, once each.
  std::vector<size_t> findOverlapping(const BufferLifetime &query) const {
    std::vector<size_t> found;
    size_t point = pointIndex(query.begin);
    if (point < points.size() && points[point] == query.begin)
      stab(point, found);
    for (auto it = byBegin.upper_bound(query.begin),
              end = byBegin.lower_bound(query.end);
         it != end; ++it)
      found.push_back(it->second);
    return found;
  }

private:
  /// The index of the first point at or after `position`.
  size_t pointIndex(int64_t position) const {
    return std::lower_bound(points.begin(), points.end(), position) -
           points.begin();
  }

  /// Records `index` at the nodes that cover the points [from, to) within
  /// `node`'s points [low, high).
  void insert(size_t node, size_t low, size_t high, size_t from, size_t to,
              size_t index) {
    if (to <= low || high <= from)
      return;
    if (from <= low && high <= to) {
      nodes[node].push_back(index);
      return;
    }
    size_t middle = (low + high) / 2;
    insert(2 * node, low, middle, from, to, index);
    insert(2 * node + 1, middle, high, from, to, index);
  }

  /// The buffers live at point `point`: those recorded on its path.
  void stab(size_t point, std::vector<size_t> &found) const {
    size_t node = 1, low = 0, high = points.size();
    while (true) {
      llvm::append_range(found, nodes[node]);
      if (high - low == 1)
        return;
      size_t middle = (low + high) / 2;
      if (point < middle) {
        node = 2 * node;
        high = middle;
      } else {
        node = 2 * node + 1;
        low = middle;
      }
    }
  }

  llvm::ArrayRef<BufferLifetime> buffers;
  /// The distinct begin positions, sorted.
  std::vector<int64_t> points;
  std::vector<std::vector<size_t>> nodes;
  std::multimap<int64_t, size_t> byBegin;
};
} // namespace

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
  PlacedBuffers placed(buffers);
  for (size_t index : order) {
    int64_t slot = getArenaSlotBytes(buffers[index].bytes);
    std::vector<std::pair<int64_t, int64_t>> taken;
    for (size_t other : placed.findOverlapping(buffers[index]))
      taken.push_back(
          {layout.offsets[other], getArenaSlotBytes(buffers[other].bytes)});
    std::sort(taken.begin(), taken.end());
    layout.offsets[index] = findFirstFit(taken, slot);
    layout.size = std::max(layout.size, layout.offsets[index] + slot);
    placed.insert(index);
  }
  return layout;
}

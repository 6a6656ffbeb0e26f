//===- RowKernel.cpp - The matmul kernel vectorized along n -----*- C++ -*-===//
//
// For B and C that run along n in memory: a tile of up to kRows rows by
// kVectors vectors of C. Each step of k loads kVectors vectors of B's row
// k, broadcasts one element of A per row, and multiply-adds into
// kRows x kVectors accumulators that stay in registers; at the end of a
// block of k the accumulators are added to C (stored, for the first block
// of a kernel that overwrites C).
//
//===----------------------------------------------------------------------===//

#include "KernelBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace adjoint;

namespace {
/// The tile: 6 x 2 accumulators, plus 2 vectors of B and a broadcast of A,
/// fit the 16 vector registers of AVX2 (and leave room in AVX-512's 32).
constexpr int64_t kRows = 6;
constexpr int64_t kVectors = 2;

/// One tile of the row kernel: the block of k and of C of `TileBounds`.
struct RowTile {
  KernelBuilder &kb;
  SmallVector<Value> loops;
  Value kStart;
  int64_t kSize;
  SmallVector<Value> rowIndices, columnIndices, masks;

  RowTile(KernelBuilder &kb, const TileBounds &bounds)
      : kb(kb), loops(bounds.loops), kStart(bounds.kStart),
        kSize(bounds.kSize) {
    int64_t length = kb.getVectorLength();
    for (int64_t r = 0; r < bounds.rows; ++r)
      rowIndices.push_back(kb.offsetIndex(bounds.row, r));
    for (int64_t offset = 0; offset < bounds.columns; offset += length) {
      columnIndices.push_back(kb.offsetIndex(bounds.column, offset));
      masks.push_back(kb.getMask(std::min(length, bounds.columns - offset)));
    }
  }

  /// The accumulators after the k loop, row-major.
  SmallVector<Value> emitSums() {
    const Contraction &c = kb.getContraction();
    ImplicitLocOpBuilder &b = kb.getBuilder();
    size_t vectors = columnIndices.size();
    SmallVector<Value> zeros(rowIndices.size() * vectors, kb.zeroVector());
    auto forOp = b.create<scf::ForOp>(kStart, kb.offsetIndex(kStart, kSize),
                                      kb.index(1), zeros);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(forOp.getBody());
    loops[c.kLoop] = forOp.getInductionVar();
    SmallVector<Value> rhs;
    for (size_t v = 0; v < vectors; ++v) {
      loops[c.nLoop] = columnIndices[v];
      rhs.push_back(
          kb.loadVector(c.rhs, kb.getIndices(c.rhsMap, loops), masks[v]));
    }
    SmallVector<Value> sums;
    ValueRange accumulators = forOp.getRegionIterArgs();
    for (size_t r = 0; r < rowIndices.size(); ++r) {
      loops[c.mLoop] = rowIndices[r];
      Value element =
          b.create<memref::LoadOp>(c.lhs, kb.getIndices(c.lhsMap, loops));
      Value splat = b.create<vector::BroadcastOp>(kb.getVectorType(), element);
      for (size_t v = 0; v < vectors; ++v)
        sums.push_back(
            kb.multiplyAdd(splat, rhs[v], accumulators[r * vectors + v]));
    }
    b.create<scf::YieldOp>(sums);
    return forOp.getResults();
  }

  /// Adds the block's sums to C (or stores them; see combineWithOut).
  void emit() {
    const Contraction &c = kb.getContraction();
    ImplicitLocOpBuilder &b = kb.getBuilder();
    SmallVector<Value> sums = emitSums();
    size_t vectors = columnIndices.size();
    for (size_t r = 0; r < rowIndices.size(); ++r) {
      loops[c.mLoop] = rowIndices[r];
      for (size_t v = 0; v < vectors; ++v) {
        loops[c.nLoop] = columnIndices[v];
        SmallVector<Value> indices = kb.getIndices(c.outMap, loops);
        Value blockSum = sums[r * vectors + v];
        Value sum = kb.combineWithOut(
            kb.getVectorType(), kStart,
            [&] { return kb.loadVector(c.out, indices, masks[v]); },
            [&](Value old) {
              return old ? b.create<arith::AddFOp>(old, blockSum) : blockSum;
            });
        kb.storeVector(sum, c.out, indices, masks[v]);
      }
    }
  }
};
} // namespace

void adjoint::emitRowKernel(KernelBuilder &kb) {
  kb.forEachTile(kRows, kVectors * kb.getVectorLength(), kKernelBlockK,
                 [&](const TileBounds &bounds) { RowTile(kb, bounds).emit(); });
}

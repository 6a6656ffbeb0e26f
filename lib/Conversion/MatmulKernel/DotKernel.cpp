//===- DotKernel.cpp - The matmul kernel vectorized along k -----*- C++ -*-===//
//
// For A and B that both run along k in memory (B read transposed): a tile
// of up to kTile rows of A by kTile rows of B. Each vector step of k loads
// one vector of every row and multiply-adds every pair into its own
// accumulator; at the end of a block of k each accumulator is reduced to a
// scalar and added to its element of C (stored, for the first block of a
// kernel that overwrites C). A last partial vector of k is a
// masked load, padded with zeros.
//
//===----------------------------------------------------------------------===//

#include "KernelBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace adjoint;

namespace {
/// Rows of A and of B per tile: kTile^2 accumulators plus 2 kTile loaded
/// vectors fit the target's vector registers (16, or 32 with AVX-512).
int64_t getTileSize(const KernelBuilder &kb) {
  return kb.getVectorType().getNumElements() *
                     kb.getVectorType().getElementTypeBitWidth() >=
                 512
             ? 4
             : 3;
}

/// One tile of the dot kernel; see RowTile in RowKernel.cpp.
struct DotTile {
  KernelBuilder &kb;
  SmallVector<Value> loops;
  Value kStart;
  int64_t kSize;
  SmallVector<Value> rowIndices, columnIndices;

  DotTile(KernelBuilder &kb, const TileBounds &bounds)
      : kb(kb), loops(bounds.loops), kStart(bounds.kStart),
        kSize(bounds.kSize) {
    for (int64_t r = 0; r < bounds.rows; ++r)
      rowIndices.push_back(kb.offsetIndex(bounds.row, r));
    for (int64_t col = 0; col < bounds.columns; ++col)
      columnIndices.push_back(kb.offsetIndex(bounds.column, col));
  }

  /// One vector step of k at `k`: the accumulators after adding every
  /// product of a row of A and a row of B.
  SmallVector<Value> emitStep(Value k, Value mask, ValueRange accumulators) {
    const Contraction &c = kb.getContraction();
    loops[c.kLoop] = k;
    SmallVector<Value> lhs, rhs, sums;
    for (Value row : rowIndices) {
      loops[c.mLoop] = row;
      lhs.push_back(kb.loadVector(c.lhs, kb.getIndices(c.lhsMap, loops), mask));
    }
    for (Value column : columnIndices) {
      loops[c.nLoop] = column;
      rhs.push_back(kb.loadVector(c.rhs, kb.getIndices(c.rhsMap, loops), mask));
    }
    for (size_t r = 0; r < lhs.size(); ++r)
      for (size_t col = 0; col < rhs.size(); ++col)
        sums.push_back(kb.multiplyAdd(lhs[r], rhs[col],
                                      accumulators[r * rhs.size() + col]));
    return sums;
  }

  void emit() {
    const Contraction &c = kb.getContraction();
    ImplicitLocOpBuilder &b = kb.getBuilder();
    int64_t length = kb.getVectorLength();
    int64_t fullVectors = kSize / length;
    SmallVector<Value> sums(rowIndices.size() * columnIndices.size(),
                            kb.zeroVector());
    if (fullVectors > 0) {
      auto forOp = b.create<scf::ForOp>(
          kStart, kb.offsetIndex(kStart, fullVectors * length),
          kb.index(length), sums);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(forOp.getBody());
      b.create<scf::YieldOp>(emitStep(forOp.getInductionVar(), Value(),
                                      forOp.getRegionIterArgs()));
      sums = forOp.getResults();
    }
    if (int64_t rest = kSize % length)
      sums = emitStep(kb.offsetIndex(kStart, fullVectors * length),
                      kb.getMask(rest), sums);
    for (size_t r = 0; r < rowIndices.size(); ++r) {
      loops[c.mLoop] = rowIndices[r];
      for (size_t col = 0; col < columnIndices.size(); ++col) {
        loops[c.nLoop] = columnIndices[col];
        SmallVector<Value> indices = kb.getIndices(c.outMap, loops);
        Value blockSums = sums[r * columnIndices.size() + col];
        Value sum = kb.combineWithOut(
            c.elementType, kStart,
            [&] { return b.create<memref::LoadOp>(c.out, indices); },
            [&](Value old) {
              return b.create<vector::ReductionOp>(
                  vector::CombiningKind::ADD, blockSums, old,
                  arith::FastMathFlags::reassoc);
            });
        b.create<memref::StoreOp>(sum, c.out, indices);
      }
    }
  }
};
} // namespace

void adjoint::emitDotKernel(KernelBuilder &kb) {
  kb.forEachTile(getTileSize(kb), getTileSize(kb),
                 kKernelBlockK * kb.getVectorLength(),
                 [&](const TileBounds &bounds) { DotTile(kb, bounds).emit(); });
}

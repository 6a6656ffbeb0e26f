//===- KernelBuilder.cpp - Building blocks of the matmul kernels ---------===//
//
// Loops, indices and (masked) vector memory accesses for the row and dot
// kernels.
//
//===----------------------------------------------------------------------===//

#include "KernelBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace adjoint;

KernelBuilder::KernelBuilder(ImplicitLocOpBuilder &builder,
                             const Contraction &contraction,
                             unsigned vectorBits, bool overwritesOut)
    : builder(builder), contraction(contraction), overwritesOut(overwritesOut) {
  unsigned elementBits = contraction.elementType.getIntOrFloatBitWidth();
  int64_t length = std::max<int64_t>(1, vectorBits / elementBits);
  vectorType = VectorType::get({length}, contraction.elementType);
}

Value KernelBuilder::index(int64_t value) {
  return builder.create<arith::ConstantIndexOp>(value);
}

Value KernelBuilder::offsetIndex(Value base, int64_t offset) {
  if (offset == 0)
    return base;
  return builder.create<arith::AddIOp>(base, index(offset));
}

void KernelBuilder::forEachBatch(function_ref<void(SmallVector<Value>)> body) {
  SmallVector<Value> loops(contraction.loopSizes.size());
  std::function<void(size_t)> nest = [&](size_t depth) {
    if (depth == contraction.batchLoops.size()) {
      body(loops);
      return;
    }
    unsigned loop = contraction.batchLoops[depth];
    auto forOp = builder.create<scf::ForOp>(
        index(0), index(contraction.loopSizes[loop]), index(1));
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPoint(forOp.getBody()->getTerminator());
    loops[loop] = forOp.getInductionVar();
    nest(depth + 1);
  };
  nest(0);
}

void KernelBuilder::forEachBlock(int64_t extent, int64_t blockSize,
                                 function_ref<void(Value, int64_t)> body,
                                 bool parallel) {
  int64_t fullBlocks = extent / blockSize;
  if (fullBlocks == 1) {
    body(index(0), blockSize);
  } else if (fullBlocks > 1 && parallel) {
    auto parallelOp = builder.create<scf::ParallelOp>(
        ValueRange{index(0)}, ValueRange{index(fullBlocks * blockSize)},
        ValueRange{index(blockSize)});
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPoint(parallelOp.getBody()->getTerminator());
    body(parallelOp.getInductionVars().front(), blockSize);
  } else if (fullBlocks > 1) {
    auto forOp = builder.create<scf::ForOp>(
        index(0), index(fullBlocks * blockSize), index(blockSize));
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPoint(forOp.getBody()->getTerminator());
    body(forOp.getInductionVar(), blockSize);
  }
  if (int64_t rest = extent % blockSize)
    body(index(fullBlocks * blockSize), rest);
}

void KernelBuilder::forEachTile(int64_t tileRows, int64_t tileColumns,
                                int64_t blockK,
                                function_ref<void(const TileBounds &)> tile) {
  forEachBatch([&](SmallVector<Value> loops) {
    forEachBlock(
        contraction.getN(), tileColumns,
        [&](Value column, int64_t columns) {
          forEachBlock(
              contraction.getK(), blockK, [&](Value kStart, int64_t kSize) {
                forEachBlock(
                    contraction.getM(), tileRows, [&](Value row, int64_t rows) {
                      tile({loops, kStart, kSize, row, rows, column, columns});
                    });
              });
        },
        /*parallel=*/true);
  });
}

SmallVector<Value> KernelBuilder::getIndices(AffineMap map,
                                             ArrayRef<Value> loops) {
  SmallVector<Value> indices;
  for (AffineExpr result : map.getResults())
    indices.push_back(loops[cast<AffineDimExpr>(result).getPosition()]);
  return indices;
}

Value KernelBuilder::getMask(int64_t width) {
  if (width == getVectorLength())
    return Value();
  auto maskType = VectorType::get({getVectorLength()}, builder.getI1Type());
  return builder.create<vector::CreateMaskOp>(maskType,
                                              ValueRange{index(width)});
}

Value KernelBuilder::zeroVector() {
  return builder.create<arith::ConstantOp>(vectorType,
                                           builder.getZeroAttr(vectorType));
}

Value KernelBuilder::loadVector(Value buffer, ValueRange indices, Value mask) {
  if (!mask)
    return builder.create<vector::LoadOp>(vectorType, buffer, indices);
  return builder.create<vector::MaskedLoadOp>(vectorType, buffer, indices, mask,
                                              zeroVector());
}

void KernelBuilder::storeVector(Value value, Value buffer, ValueRange indices,
                                Value mask) {
  if (!mask)
    builder.create<vector::StoreOp>(value, buffer, indices);
  else
    builder.create<vector::MaskedStoreOp>(buffer, indices, mask, value);
}

Value KernelBuilder::multiplyAdd(Value lhs, Value rhs, Value accumulator) {
  auto contract = arith::FastMathFlags::contract;
  Value product = builder.create<arith::MulFOp>(lhs, rhs, contract);
  return builder.create<arith::AddFOp>(accumulator, product, contract);
}

Value KernelBuilder::combineWithOut(Type type, Value kStart,
                                    function_ref<Value()> loadOld,
                                    function_ref<Value(Value)> combine) {
  if (!overwritesOut)
    return combine(loadOld());
  std::optional<int64_t> start = getConstantIntValue(kStart);
  if (start)
    return combine(*start == 0 ? Value() : loadOld());
  Value first =
      builder.create<arith::CmpIOp>(arith::CmpIPredicate::eq, kStart, index(0));
  auto ifOp = builder.create<scf::IfOp>(TypeRange{type}, first,
                                        /*withElseRegion=*/true);
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(ifOp.thenBlock());
  builder.create<scf::YieldOp>(combine(Value()));
  builder.setInsertionPointToStart(ifOp.elseBlock());
  builder.create<scf::YieldOp>(combine(loadOld()));
  return ifOp.getResult(0);
}

//===- ReductionLoops.cpp - Reductions with accumulators in registers ----===//
//
// MLIR's linalg-to-loops lowering loads and stores the output element in
// every iteration of a reduction loop. Output and inputs are views of the
// same arena, so LLVM cannot prove that the store leaves the inputs alone,
// cannot keep the accumulator in a register and does not vectorize the
// reduction. For a generic whose reduction loops are innermost, this
// lowering loads each output element once, carries it through the
// reduction loops as an scf.for iteration argument, and stores it once.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/ReductionLoops.h"
#include "LoopBounds.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace adjoint;

bool adjoint::hasInnermostReductions(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumReductionLoops() == 0 ||
      op.hasDynamicShape())
    return false;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  unsigned parallel = op.getNumParallelLoops();
  for (auto [dim, iterator] : llvm::enumerate(iterators))
    if ((iterator == utils::IteratorType::parallel) != (dim < parallel))
      return false;
  // Each output element is the same in every iteration of the reduction
  // loops (a fused op may also write a value that varies with them).
  for (OpOperand &output : op.getDpsInitsMutable()) {
    AffineMap map = op.getMatchingIndexingMap(&output);
    for (unsigned dim = parallel; dim < iterators.size(); ++dim)
      if (map.isFunctionOfDim(dim))
        return false;
  }
  return llvm::all_of(op->getOpOperands(), [&](OpOperand &operand) {
    return isa<MemRefType>(operand.get().getType()) || op.isDpsInput(&operand);
  });
}

/// The body of `op` at loop values `loops`, with `outputs` as the values of
/// its output block arguments; returns the yielded values.
static SmallVector<Value> cloneBody(OpBuilder &builder, Location loc,
                                    linalg::GenericOp op, ValueRange loops,
                                    ValueRange outputs) {
  IRMapping mapping;
  Block *body = op.getBody();
  for (OpOperand *input : op.getDpsInputOperands()) {
    Value value = input->get();
    if (isa<MemRefType>(value.getType()))
      value = builder.create<memref::LoadOp>(
          loc, value,
          getIndices(builder, loc, op.getMatchingIndexingMap(input), loops));
    mapping.map(op.getMatchingBlockArgument(input), value);
  }
  for (auto [output, value] : llvm::zip(op.getDpsInitsMutable(), outputs))
    mapping.map(op.getMatchingBlockArgument(&output), value);
  for (Operation &nested : body->without_terminator()) {
    if (auto index = dyn_cast<linalg::IndexOp>(nested)) {
      mapping.map(index.getResult(), loops[index.getDim()]);
      continue;
    }
    builder.clone(nested, mapping);
  }
  return llvm::map_to_vector(
      body->getTerminator()->getOperands(),
      [&](Value value) { return mapping.lookupOrDefault(value); });
}

void adjoint::lowerInnermostReductions(RewriterBase &rewriter,
                                       linalg::GenericOp op, bool parallel) {
  Location loc = op.getLoc();
  SmallVector<int64_t> sizes = op.getStaticLoopRanges();
  unsigned numParallel = op.getNumParallelLoops();
  LoopBounds bounds(rewriter, loc, sizes);

  // Inside the loops over the parallel dimensions: load the outputs, run
  // the reduction loops on them as iteration arguments, store the results.
  auto reduce = [&](OpBuilder &builder, Location loc, ValueRange outer) {
    // The outputs do not depend on the reduction loops: index them with
    // the loops' lower bounds there.
    SmallVector<Value> outputLoops(outer);
    llvm::append_range(outputLoops,
                       ArrayRef(bounds.lower).drop_front(numParallel));
    SmallVector<SmallVector<Value>> outputIndices;
    SmallVector<Value> initial;
    for (OpOperand &output : op.getDpsInitsMutable()) {
      outputIndices.push_back(getIndices(
          builder, loc, op.getMatchingIndexingMap(&output), outputLoops));
      initial.push_back(builder.create<memref::LoadOp>(loc, output.get(),
                                                       outputIndices.back()));
    }
    scf::LoopNest nest = scf::buildLoopNest(
        builder, loc, ArrayRef(bounds.lower).drop_front(numParallel),
        ArrayRef(bounds.upper).drop_front(numParallel),
        ArrayRef(bounds.steps).drop_front(numParallel), initial,
        [&](OpBuilder &inner, Location loc, ValueRange reductionLoops,
            ValueRange accumulators) -> scf::ValueVector {
          SmallVector<Value> loops(outer);
          llvm::append_range(loops, reductionLoops);
          return cloneBody(inner, loc, op, loops, accumulators);
        });
    for (auto [output, indices, result] :
         llvm::zip(op.getDpsInits(), outputIndices, nest.results))
      builder.create<memref::StoreOp>(loc, result, output, indices);
  };

  ArrayRef<Value> lbs = ArrayRef(bounds.lower).take_front(numParallel);
  ArrayRef<Value> ubs = ArrayRef(bounds.upper).take_front(numParallel);
  ArrayRef<Value> steps = ArrayRef(bounds.steps).take_front(numParallel);
  if (parallel && numParallel > 0)
    rewriter.create<scf::ParallelOp>(loc, lbs, ubs, steps, reduce);
  else
    scf::buildLoopNest(rewriter, loc, lbs, ubs, steps, reduce);
}

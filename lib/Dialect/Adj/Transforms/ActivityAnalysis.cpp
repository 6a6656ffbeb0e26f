//===- ActivityAnalysis.cpp - Which values need adjoints --------*- C++ -*-===//
//
// Two sweeps over a single block in program order: forward from the varied
// arguments (an op's results are varied if any operand is), backward from
// the useful returned values (an op's operands are useful if any result
// is). Static graphs have one block, so one sweep each way is a fixpoint.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Dialect/Adj/Transforms/ActivityAnalysis.h"

#include "mlir/Transforms/RegionUtils.h"

using namespace mlir;
using namespace adjoint::adj;

/// The values `op` reads: its operands and, for an op with regions, the
/// values its regions capture from above (an opaque op depends on both).
static SmallVector<Value> getInputs(Operation &op) {
  SmallVector<Value> inputs(op.getOperands());
  if (op.getNumRegions() != 0) {
    llvm::SetVector<Value> captured;
    getUsedValuesDefinedAbove(op.getRegions(), captured);
    inputs.append(captured.begin(), captured.end());
  }
  return inputs;
}

ActivityAnalysis::ActivityAnalysis(func::FuncOp func,
                                   ArrayRef<unsigned> variedArgs,
                                   ArrayRef<unsigned> usefulResults) {
  if (func.isExternal() || !func.getBody().hasOneBlock())
    return;
  Block &block = func.getBody().front();

  for (unsigned index : variedArgs)
    varied.insert(block.getArgument(index));
  for (Operation &op : block) {
    if (llvm::any_of(getInputs(op),
                     [&](Value input) { return varied.contains(input); }))
      varied.insert(op.result_begin(), op.result_end());
  }

  Operation *terminator = block.getTerminator();
  for (unsigned index : usefulResults)
    useful.insert(terminator->getOperand(index));
  for (Operation &op : llvm::reverse(block.without_terminator())) {
    if (llvm::any_of(op.getResults(),
                     [&](Value result) { return useful.contains(result); }))
      for (Value input : getInputs(op))
        useful.insert(input);
  }
}

bool ActivityAnalysis::isActive(Operation *op) const {
  return llvm::any_of(op->getResults(),
                      [&](Value result) { return isActive(result); });
}

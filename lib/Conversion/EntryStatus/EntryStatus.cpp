//===- EntryStatus.cpp - The adj-entry-status pass --------------*- C++ -*-===//
//
// Gives every public function an i32 status result and a null check after
// each allocation; see the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

namespace adjoint {
#define GEN_PASS_DEF_ENTRYSTATUSPASS
#include "adjoint/Conversion/Passes.h.inc"
} // namespace adjoint

using namespace mlir;

/// `return STATUS : i32` at the end of `block`.
static void createStatusReturn(OpBuilder &builder, Location loc, Block *block,
                               int32_t status) {
  builder.setInsertionPointToEnd(block);
  Value value = builder.create<arith::ConstantIntOp>(loc, status, 32);
  builder.create<func::ReturnOp>(loc, value);
}

/// Adds the status result, returns 0 where `func` returned, and branches to
/// a block returning 1 after each allocation whose pointer is null.
static LogicalResult addStatus(func::FuncOp func) {
  if (func.getNumResults() != 0)
    return func.emitOpError("has results; adj-entry-status needs them to be "
                            "out-parameters already");
  OpBuilder builder(func.getContext());
  Type status = builder.getI32Type();
  func.setType(builder.getFunctionType(func.getArgumentTypes(), {status}));

  for (auto ret : llvm::to_vector(func.getOps<func::ReturnOp>())) {
    Block *block = ret->getBlock();
    Location loc = ret.getLoc();
    ret.erase();
    createStatusReturn(builder, loc, block, 0);
  }
  SmallVector<memref::AllocOp> allocs;
  func.walk([&](memref::AllocOp alloc) { allocs.push_back(alloc); });
  if (allocs.empty())
    return success();

  Block *failed = builder.createBlock(&func.getBody(), func.getBody().end());
  createStatusReturn(builder, func.getLoc(), failed, 1);
  for (memref::AllocOp alloc : allocs) {
    Block *before = alloc->getBlock();
    if (before->getParentOp() != func)
      return alloc.emitOpError("is inside a region; adj-entry-status runs "
                               "after the lowering to a CFG");
    Block *after = before->splitBlock(std::next(alloc->getIterator()));
    builder.setInsertionPointToEnd(before);
    Location loc = alloc.getLoc();
    Value pointer =
        builder.create<memref::ExtractAlignedPointerAsIndexOp>(loc, alloc);
    Value zero = builder.create<arith::ConstantIndexOp>(loc, 0);
    Value isNull = builder.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq,
                                                 pointer, zero);
    builder.create<cf::CondBranchOp>(loc, isNull, failed, after);
  }
  return success();
}

namespace {
struct EntryStatusPass : adjoint::impl::EntryStatusPassBase<EntryStatusPass> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (func.isPublic() && !func.isExternal() && failed(addStatus(func)))
        return signalPassFailure();
  }
};
} // namespace

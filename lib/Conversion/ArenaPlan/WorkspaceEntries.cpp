//===- WorkspaceEntries.cpp - The adj-workspace-entries pass ----*- C++ -*-===//
//
// Adds `@E_workspace` (E in a caller's arena) and `@E_workspace_size` for
// each public function `@E`; see the pass description in Passes.td. Relies
// on adj-arena-plan: the arena is the one `memref.alloc` marked `adj.arena`
// and its size is the function's `adj.arena_size`.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

namespace adjoint {
#define GEN_PASS_DEF_WORKSPACEENTRIESPASS
#include "adjoint/Conversion/Passes.h.inc"
} // namespace adjoint

using namespace mlir;

/// `@name`: `func` with the arena as a last argument.
static func::FuncOp createWorkspaceVariant(func::FuncOp func, StringRef name,
                                           int64_t size) {
  auto variant = cast<func::FuncOp>(func->clone());
  variant.setSymName(name);
  for (StringRef name :
       {"adj.arena_size", "adj.arena_lower_bound", "adj.arena_buffers"})
    variant->removeAttr(name);
  Builder builder(func.getContext());
  auto arenaType = MemRefType::get({size}, builder.getI8Type());
  unsigned index = variant.getNumArguments();
  variant.insertArgument(index, arenaType, {}, func.getLoc());
  Value workspace = variant.getArgument(index);
  SmallVector<memref::AllocOp> arenas;
  variant.walk([&](memref::AllocOp alloc) {
    if (alloc->hasAttr("adj.arena"))
      arenas.push_back(alloc);
  });
  for (memref::AllocOp arena : arenas) {
    for (Operation *user : llvm::to_vector(arena->getUsers()))
      if (isa<memref::DeallocOp>(user))
        user->erase();
    arena.replaceAllUsesWith(workspace);
    arena.erase();
  }
  return variant;
}

/// `@name() -> i64` returning `size`.
static func::FuncOp createSizeFunction(Location loc, StringRef name,
                                       int64_t size) {
  OpBuilder builder(loc.getContext());
  auto sizeFunc = func::FuncOp::create(
      loc, name, builder.getFunctionType({}, {builder.getI64Type()}));
  builder.setInsertionPointToStart(sizeFunc.addEntryBlock());
  Value value = builder.create<arith::ConstantIntOp>(loc, size, 64);
  builder.create<func::ReturnOp>(loc, value);
  return sizeFunc;
}

namespace {
struct WorkspaceEntriesPass
    : adjoint::impl::WorkspaceEntriesPassBase<WorkspaceEntriesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> entries;
    for (auto func : module.getOps<func::FuncOp>())
      if (func.isPublic() && !func.isExternal())
        entries.push_back(func);
    for (func::FuncOp func : entries) {
      auto size = func->getAttrOfType<IntegerAttr>("adj.arena_size");
      if (!size) {
        func.emitOpError("has no adj.arena_size; run adj-arena-plan first");
        return signalPassFailure();
      }
      std::string variantName = (func.getSymName() + "_workspace").str();
      std::string sizeName = variantName + "_size";
      for (StringRef name : {variantName, sizeName})
        if (symbols.lookup(name)) {
          func.emitOpError("cannot add @") << name << ": the name is taken";
          return signalPassFailure();
        }
      symbols.insert(createWorkspaceVariant(func, variantName, size.getInt()));
      symbols.insert(
          createSizeFunction(func.getLoc(), sizeName, size.getInt()));
    }
  }
};
} // namespace

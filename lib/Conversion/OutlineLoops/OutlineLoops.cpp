//===- OutlineLoops.cpp - The adj-outline-loops pass ------------*- C++ -*-===//
//
// Cuts the loop nests of a long function into runs of bounded size and
// moves each run into a private, never-inlined function; see the pass
// description in Passes.td. A run's inputs defined outside it are copied
// into the part when their ops are pure and their own inputs can be had
// the same way (views of the arena, constants), and passed as arguments
// otherwise; everything is linear in the size of the function.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"

namespace adjoint {
#define GEN_PASS_DEF_OUTLINELOOPSPASS
#include "adjoint/Conversion/Passes.h.inc"
} // namespace adjoint

using namespace mlir;

/// True for a top-level op that a part may take: a loop nest or another op
/// without results, but not a deallocation or the terminator.
static bool isLoopNest(Operation &op) {
  return op.getNumResults() == 0 && !op.hasTrait<OpTrait::IsTerminator>() &&
         !isa<memref::DeallocOp>(op);
}

/// The number of ops in `op`, itself included.
static size_t countOps(Operation &op) {
  size_t count = 0;
  op.walk([&](Operation *) { ++count; });
  return count;
}

/// True if a value of `type` can be an argument of a part: passed as a bare
/// pointer (a memref of static shape and identity layout) or a scalar.
static bool isPassable(Type type) {
  if (auto memref = dyn_cast<MemRefType>(type))
    return memref.hasStaticShape() && memref.getLayout().isIdentity();
  return type.isIntOrIndexOrFloat();
}

namespace {
/// What a run needs from outside: the arguments of the part, and the ops
/// copied into it in order (every operand of one is an argument or the
/// result of one before it).
struct Inputs {
  llvm::SetVector<Value> arguments;
  llvm::SetVector<Operation *> copied;
};
} // namespace

/// Adds `value`, defined outside the run, to `inputs`: the ops that compute
/// it if they can be copied, else the value as an argument. False if it
/// cannot be had either way.
static bool addInput(Value value, Inputs &inputs) {
  Operation *op = value.getDefiningOp();
  if (op && inputs.copied.contains(op))
    return true;
  if (op && op->getNumRegions() == 0 && isPure(op)) {
    for (Value operand : op->getOperands())
      if (!addInput(operand, inputs))
        return false;
    inputs.copied.insert(op);
    return true;
  }
  if (!isPassable(value.getType()))
    return false;
  inputs.arguments.insert(value);
  return true;
}

/// The inputs of `run`: the values its ops (and ops in their regions) use
/// that are defined outside it. std::nullopt if one cannot be had.
static std::optional<Inputs> findInputs(ArrayRef<Operation *> run) {
  Inputs inputs;
  bool ok = true;
  for (Operation *op : run)
    op->walk([&](Operation *nested) {
      for (Value operand : nested->getOperands()) {
        Operation *definer = operand.getDefiningOp();
        if (!definer)
          definer = operand.getParentBlock()->getParentOp();
        if (!op->isAncestor(definer))
          ok &= addInput(operand, inputs);
      }
    });
  if (!ok)
    return std::nullopt;
  return inputs;
}

/// Moves `run` into a new private function `name` inserted after `after`,
/// and calls it right after the run's last op. That is where the run's ops
/// ran: the ops between them do not touch memory.
static func::FuncOp outlineRun(ArrayRef<Operation *> run, const Inputs &inputs,
                               StringRef name, Operation *after,
                               SymbolTable &symbols) {
  Location loc = run.front()->getLoc();
  SmallVector<Type> types;
  for (Value argument : inputs.arguments)
    types.push_back(argument.getType());
  OpBuilder builder(after->getContext());
  auto part =
      func::FuncOp::create(loc, name, builder.getFunctionType(types, {}));
  part.setPrivate();
  part->setAttr("no_inline", builder.getUnitAttr());
  symbols.insert(part, std::next(after->getIterator()));

  Block *body = part.addEntryBlock();
  IRMapping mapping;
  for (auto [value, argument] :
       llvm::zip(inputs.arguments, body->getArguments()))
    mapping.map(value, argument);
  builder.setInsertionPointToEnd(body);
  for (Operation *op : inputs.copied)
    builder.clone(*op, mapping);
  auto ret = builder.create<func::ReturnOp>(loc);

  builder.setInsertionPointAfter(run.back());
  builder.create<func::CallOp>(loc, part, inputs.arguments.getArrayRef());
  for (Operation *op : run) {
    op->moveBefore(ret);
    op->walk([&](Operation *nested) {
      for (OpOperand &operand : nested->getOpOperands())
        if (Value mapped = mapping.lookupOrNull(operand.get()))
          operand.set(mapped);
    });
  }
  return part;
}

/// Erases the pure ops of `block` that nothing uses any more (the views the
/// parts copied), last first so their operands follow.
static void eraseUnused(Block &block) {
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(block)))
    if (op.use_empty() && op.getNumResults() > 0 && isPure(&op))
      op.erase();
}

/// True for an op with results that may sit between the loop nests of one
/// run: one that touches no memory the nests may write.
static bool mayBeInsideRun(Operation &op) {
  return op.getNumResults() > 0 && (isPure(&op) || isa<memref::AllocOp>(op));
}

/// The runs of `block`'s loop nests, each of at most `maxOps` ops unless
/// one nest alone is larger; `total` is the number of ops in all of them.
static SmallVector<SmallVector<Operation *>>
findRuns(Block &block, size_t maxOps, size_t &total) {
  SmallVector<SmallVector<Operation *>> runs(1);
  size_t size = 0;
  total = 0;
  for (Operation &op : block) {
    bool nest = isLoopNest(op);
    size_t count = nest ? countOps(op) : 0;
    bool full = nest && size + count > maxOps;
    if ((full || (!nest && !mayBeInsideRun(op))) && !runs.back().empty()) {
      runs.emplace_back();
      size = 0;
    }
    if (!nest)
      continue;
    runs.back().push_back(&op);
    size += count;
    total += count;
  }
  return runs;
}

/// Splits `func` into parts if its loop nests hold more than `maxOps` ops.
static void outlineFunction(func::FuncOp func, size_t maxOps,
                            SymbolTable &symbols) {
  if (func.isExternal() || !func.getBody().hasOneBlock())
    return;
  Block &block = func.getBody().front();
  size_t total = 0;
  SmallVector<SmallVector<Operation *>> runs = findRuns(block, maxOps, total);
  if (total <= maxOps)
    return;
  Operation *last = func;
  unsigned count = 0;
  for (ArrayRef<Operation *> run : runs) {
    if (run.empty())
      continue;
    if (std::optional<Inputs> inputs = findInputs(run))
      last = outlineRun(run, *inputs,
                        (func.getSymName() + ".part" + Twine(count++)).str(),
                        last, symbols);
  }
  eraseUnused(block);
}

namespace {
struct OutlineLoopsPass
    : adjoint::impl::OutlineLoopsPassBase<OutlineLoopsPass> {
  using OutlineLoopsPassBase::OutlineLoopsPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    for (auto func : llvm::to_vector(module.getOps<func::FuncOp>()))
      outlineFunction(func, maxOps, symbols);
  }
};
} // namespace

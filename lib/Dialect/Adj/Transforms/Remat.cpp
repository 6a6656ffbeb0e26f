//===- Remat.cpp - Recomputing forward values in the reverse sweep -*- C++ -*-===//
//
// See Remat.h. A *slice* is what recomputing a set of values takes: their
// ops and, transitively, the ops of operands that are neither arguments nor
// kept, all of them forward ops that are Recomputable (constants always
// are). The slice is copied in forward order right before the first op of
// the reverse sweep that reads one of the values, and the reverse sweep's
// uses of the values move to the copies.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Dialect/Adj/Transforms/Remat.h"

#include "FunctionBuilding.h"
#include "adjoint/Dialect/Adj/IR/AdjOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSwitch.h"

#include <cmath>

using namespace mlir;
using namespace adjoint;
using namespace adjoint::adj;

std::optional<RematMode> adj::parseRematMode(StringRef name) {
  return llvm::StringSwitch<std::optional<RematMode>>(name)
      .Case("none", RematMode::None)
      .Case("cheap", RematMode::Cheap)
      .Case("auto", RematMode::Auto)
      .Default(std::nullopt);
}

StringRef adj::getRematModeName(RematMode mode) {
  switch (mode) {
  case RematMode::None:
    return "none";
  case RematMode::Cheap:
    return "cheap";
  case RematMode::Auto:
    return "auto";
  }
  llvm_unreachable("unknown RematMode");
}

StringRef adj::getProvenanceMarker(Location loc) {
  auto fused = dyn_cast<FusedLoc>(loc);
  auto marker =
      fused ? dyn_cast_or_null<StringAttr>(fused.getMetadata()) : nullptr;
  return marker ? marker.getValue() : StringRef();
}

/// The first op of the reverse sweep, or null if `block` has none.
static Operation *findReverseSweep(Block &block) {
  for (Operation &op : block)
    if (getProvenanceMarker(&op).starts_with("adj."))
      return &op;
  return nullptr;
}

static int64_t getNumElements(Value value) {
  return cast<ShapedType>(value.getType()).getNumElements();
}

namespace {
/// The forward ops of one function and the values its reverse sweep keeps.
class Rematerializer {
public:
  Rematerializer(Block &block, Operation *reverseStart);

  /// RematMode::Auto's checkpointing.
  void recomputeRunsBetweenCheckpoints();
  /// RematMode::Cheap.
  void recomputeSingleOps();

  /// Kept values in forward order.
  SmallVector<Value> getKept() const;

private:
  bool isForward(Operation *op) const { return forwardOps.contains(op); }
  bool isAvailable(Value value) const {
    return isa<BlockArgument>(value) || kept.contains(value);
  }

  /// The ops that recompute `values`, in forward order; std::nullopt if a
  /// value needs an op that is not Recomputable (or, unless
  /// `throughIntermediates`, any op but the values' own and constants).
  std::optional<SmallVector<Operation *>>
  getSlice(ArrayRef<Value> values, bool throughIntermediates) const;

  /// Copies `slice` before the first reverse use of `values` and moves the
  /// reverse sweep's uses of `values` to the copies.
  void recompute(ArrayRef<Value> values, ArrayRef<Operation *> slice);

  Block &block;
  llvm::DenseSet<Operation *> forwardOps;
  /// Kept values whose ops are Recomputable, other than constants and
  /// values the function returns.
  SmallVector<Value> candidates;
  llvm::DenseSet<Value> kept;
};
} // namespace

Rematerializer::Rematerializer(Block &block, Operation *reverseStart)
    : block(block) {
  for (Operation &op : llvm::make_range(block.begin(),
                                        reverseStart->getIterator()))
    forwardOps.insert(&op);
  Operation *terminator = block.getTerminator();
  for (Operation &op : llvm::make_range(block.begin(),
                                        reverseStart->getIterator())) {
    for (Value result : op.getResults()) {
      bool readByReverse = false, returned = false;
      for (Operation *user : result.getUsers()) {
        returned |= user == terminator;
        readByReverse |= user != terminator && !isForward(user);
      }
      if (!readByReverse)
        continue;
      kept.insert(result);
      if (!returned && op.hasTrait<Recomputable>() &&
          !op.hasTrait<OpTrait::ConstantLike>())
        candidates.push_back(result);
    }
  }
}

SmallVector<Value> Rematerializer::getKept() const {
  SmallVector<Value> result;
  for (Operation &op : block)
    for (Value value : op.getResults())
      if (kept.contains(value))
        result.push_back(value);
  return result;
}

std::optional<SmallVector<Operation *>>
Rematerializer::getSlice(ArrayRef<Value> values,
                         bool throughIntermediates) const {
  llvm::DenseSet<Operation *> slice;
  SmallVector<Value> worklist(values);
  llvm::DenseSet<Value> own(values.begin(), values.end());
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    Operation *op = value.getDefiningOp();
    if (!op || !isForward(op) || !op->hasTrait<Recomputable>())
      return std::nullopt;
    bool allowed = own.contains(value) || throughIntermediates ||
                   op->hasTrait<OpTrait::ConstantLike>();
    if (!allowed)
      return std::nullopt;
    if (!slice.insert(op).second)
      continue;
    for (Value operand : op->getOperands())
      if (!isAvailable(operand))
        worklist.push_back(operand);
  }
  SmallVector<Operation *> ordered(slice.begin(), slice.end());
  llvm::sort(ordered, [](Operation *lhs, Operation *rhs) {
    return lhs->isBeforeInBlock(rhs);
  });
  return ordered;
}

void Rematerializer::recompute(ArrayRef<Value> values,
                               ArrayRef<Operation *> slice) {
  Operation *firstUse = nullptr;
  for (Value value : values)
    for (Operation *user : value.getUsers())
      if (!isForward(user) && (!firstUse || user->isBeforeInBlock(firstUse)))
        firstUse = user;
  OpBuilder builder(firstUse);
  IRMapping mapping;
  for (Operation *op : slice) {
    Operation *copy = builder.clone(*op, mapping);
    copy->setLoc(tagLoc(op->getLoc(), kRematLoc));
  }
  for (Value value : values) {
    value.replaceUsesWithIf(mapping.lookup(value), [&](OpOperand &use) {
      return !isForward(use.getOwner());
    });
    kept.erase(value);
  }
}

void Rematerializer::recomputeRunsBetweenCheckpoints() {
  size_t count = candidates.size();
  if (count < 2)
    return;
  auto spacing = static_cast<size_t>(std::ceil(std::sqrt(double(count))));
  SmallVector<SmallVector<Value>> runs(1);
  for (auto [index, value] : llvm::enumerate(candidates)) {
    if ((index + 1) % spacing == 0)
      runs.emplace_back();
    else
      runs.back().push_back(value);
  }
  for (ArrayRef<Value> run : runs) {
    if (run.empty())
      continue;
    std::optional<SmallVector<Operation *>> slice =
        getSlice(run, /*throughIntermediates=*/true);
    if (!slice)
      continue;
    int64_t saved = 0, work = 0;
    for (Value value : run)
      saved += getNumElements(value);
    for (Operation *op : *slice)
      work += getNumElements(op->getResult(0));
    if (work <= kMaxRematWork * saved)
      recompute(run, *slice);
  }
}

void Rematerializer::recomputeSingleOps() {
  for (Value value : candidates) {
    // A value that copies read is needed when they run: recomputing it
    // there would keep it just as long.
    bool readByCopies = llvm::any_of(value.getUsers(), [](Operation *user) {
      return getProvenanceMarker(user) == kRematLoc;
    });
    if (!kept.contains(value) || readByCopies)
      continue;
    std::optional<SmallVector<Operation *>> slice =
        getSlice(value, /*throughIntermediates=*/false);
    if (slice)
      recompute(value, *slice);
  }
}

void adj::rematerialize(func::FuncOp func, RematMode mode) {
  if (mode == RematMode::None || func.isExternal())
    return;
  Block &block = func.getBody().front();
  Operation *reverseStart = findReverseSweep(block);
  if (!reverseStart)
    return;
  Rematerializer remat(block, reverseStart);
  if (mode == RematMode::Auto)
    remat.recomputeRunsBetweenCheckpoints();
  remat.recomputeSingleOps();
}

ReverseSweepMemory adj::getReverseSweepMemory(func::FuncOp func) {
  ReverseSweepMemory memory;
  if (func.isExternal())
    return memory;
  Block &block = func.getBody().front();
  Operation *reverseStart = findReverseSweep(block);
  if (!reverseStart)
    return memory;
  memory.kept = Rematerializer(block, reverseStart).getKept();
  for (Operation &op : block)
    if (getProvenanceMarker(&op) == kRematLoc)
      memory.recomputed.push_back(&op);
  return memory;
}

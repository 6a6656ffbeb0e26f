//===- Adjoint.cpp - Reverse-mode adjoint functions -------------*- C++ -*-===//
//
// Builds @grad and @vjp from a single-block function. The new function
// first clones the whole body (the forward sweep: every forward value a
// rule reads stays an explicit SSA value), then walks the original ops in
// reverse order and, for every active op whose result has a cotangent,
// calls DerivativeOpInterface::buildVJP on its clone, checking that the
// rule reads no forward value its getVJPReads does not declare (so the
// declarations are exactly what adj-remat and the memory report see as
// kept). Cotangents are keyed
// by the original values; a value that reaches the results along several
// paths gets the sum of its cotangents (`adj.add`). The only ops created
// here are `adj.constant` (the seed and zero gradients) and `adj.add`; the
// rules create everything else. Every op of the reverse sweep carries a
// provenance location (see Adjoint.h). Everything is checked before a
// function is built, and a function is appended to the module only once
// complete.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Dialect/Adj/Transforms/Adjoint.h"

#include "FunctionBuilding.h"
#include "adjoint/Dialect/Adj/IR/AdjOps.h"
#include "adjoint/Dialect/Adj/Transforms/ActivityAnalysis.h"
#include "adjoint/Interfaces/DerivativeOpInterface.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace adjoint;
using namespace adjoint::adj;

//===----------------------------------------------------------------------===//
// The sweeps
//===----------------------------------------------------------------------===//

namespace {
/// The forward and reverse sweeps of one new function. Cotangents are kept
/// per original value; the IR they refer to lives in the new function.
class ReverseSweep {
public:
  ReverseSweep(func::FuncOp func, const ActivityAnalysis &activity,
               Block &newBody)
      : func(func), block(func.getBody().front()), activity(activity),
        builder(OpBuilder::atBlockEnd(&newBody)) {}

  /// Clones `func`'s body into the new block; `func`'s arguments map to the
  /// first arguments of the new block.
  void buildForward();

  /// The new function's value for an original value.
  Value lookup(Value original) const { return mapping.lookup(original); }

  /// Adds `cotangent` to the cotangent of the original value `original`.
  LogicalResult accumulate(Value original, Value cotangent, Location loc);

  /// Walks the ops in reverse and propagates the cotangents.
  LogicalResult buildReverse();

  /// The cotangent of an original value, or zeros when nothing reached it.
  Value getCotangentOrZero(Value original, Location loc);

  OpBuilder &getBuilder() { return builder; }

private:
  /// True for an argument of `func` or a value of the forward sweep.
  bool isForwardValue(Value value) const;

  /// Fails if an op the rule of `rule` (a clone) built after `lastBefore`
  /// reads a forward value that `rule.getVJPReads(needed)` does not declare.
  LogicalResult checkDeclaredReads(Operation *lastBefore,
                                   DerivativeOpInterface rule,
                                   ArrayRef<bool> needed, Operation *original);

  func::FuncOp func;
  Block &block;
  const ActivityAnalysis &activity;
  OpBuilder builder;
  IRMapping mapping;
  llvm::DenseMap<Operation *, Operation *> clones;
  llvm::DenseSet<Operation *> forwardOps;
  llvm::DenseMap<Value, Value> cotangents;
};
} // namespace

void ReverseSweep::buildForward() {
  Block *newBody = builder.getInsertionBlock();
  for (auto [original, argument] :
       llvm::zip(block.getArguments(), newBody->getArguments()))
    mapping.map(original, argument);
  for (Operation &op : block.without_terminator()) {
    Operation *clone = builder.clone(op, mapping);
    clones[&op] = clone;
    forwardOps.insert(clone);
  }
}

bool ReverseSweep::isForwardValue(Value value) const {
  if (auto argument = dyn_cast<BlockArgument>(value))
    return argument.getArgNumber() < block.getNumArguments();
  return forwardOps.contains(value.getDefiningOp());
}

LogicalResult ReverseSweep::checkDeclaredReads(Operation *lastBefore,
                                               DerivativeOpInterface rule,
                                               ArrayRef<bool> needed,
                                               Operation *original) {
  SmallVector<Value> declared = rule.getVJPReads(needed);
  Block *body = builder.getInsertionBlock();
  Block::iterator first =
      lastBefore ? std::next(lastBefore->getIterator()) : body->begin();
  for (Operation &built : llvm::make_range(first, body->end()))
    for (Value operand : built.getOperands())
      if (isForwardValue(operand) && !llvm::is_contained(declared, operand))
        return original->emitOpError(
                   "derivative rule reads a forward value its getVJPReads "
                   "does not declare (in '")
               << built.getName() << "')";
  return success();
}

LogicalResult ReverseSweep::accumulate(Value original, Value cotangent,
                                       Location loc) {
  if (cotangent.getType() != original.getType())
    return emitError(loc) << "derivative rule gave a cotangent of type "
                          << cotangent.getType() << " for a value of type "
                          << original.getType();
  auto [it, inserted] = cotangents.try_emplace(original, cotangent);
  if (!inserted)
    it->second = builder.create<adj::AddOp>(tagLoc(loc, kSumCotangentsLoc),
                                            original.getType(), it->second,
                                            cotangent);
  return success();
}

LogicalResult ReverseSweep::buildReverse() {
  Block *newBody = builder.getInsertionBlock();
  for (Operation &op : llvm::reverse(block.without_terminator())) {
    if (!activity.isActive(&op))
      continue;
    auto found = cotangents.find(op.getResult(0));
    if (found == cotangents.end())
      continue;
    Value resultCotangent = found->second;
    // All users come later in the block, so this cotangent is complete.
    cotangents.erase(found);

    SmallVector<bool> needed =
        llvm::map_to_vector(op.getOperands(), [&](Value operand) {
          return activity.isActive(operand);
        });
    builder.setInsertionPointToEnd(newBody);
    Operation *lastBefore = newBody->empty() ? nullptr : &newBody->back();
    auto rule = cast<DerivativeOpInterface>(clones.lookup(&op));
    SmallVector<Value> operandCotangents =
        rule.buildVJP(builder, resultCotangent, needed);
    builder.setInsertionPointToEnd(newBody);
    if (failed(checkDeclaredReads(lastBefore, rule, needed, &op)))
      return failure();
    tagOpsAfter(*newBody, lastBefore, op.getLoc(), kVjpLoc);
    if (operandCotangents.size() != op.getNumOperands())
      return op.emitOpError("derivative rule gave ")
             << operandCotangents.size() << " cotangents for "
             << op.getNumOperands() << " operands";
    for (auto [index, operand] : llvm::enumerate(op.getOperands())) {
      if (!needed[index] || !operandCotangents[index])
        continue;
      if (failed(accumulate(operand, operandCotangents[index], op.getLoc())))
        return failure();
    }
  }
  return success();
}

Value ReverseSweep::getCotangentOrZero(Value original, Location loc) {
  if (Value cotangent = cotangents.lookup(original))
    return cotangent;
  return createSplat(builder, original.getType(), 0.0,
                     tagLoc(loc, kZeroCotangentLoc));
}

//===----------------------------------------------------------------------===//
// Building the functions
//===----------------------------------------------------------------------===//

FailureOr<func::FuncOp> adj::buildGradient(func::FuncOp func,
                                           StringRef gradName) {
  if (failed(checkFunction(func, gradName)))
    return failure();
  FailureOr<SmallVector<unsigned>> params = getParams(func);
  if (failed(params))
    return failure();
  if (func.getNumResults() == 0)
    return func.emitOpError("has no result; @")
           << gradName << " needs a scalar loss as the first result";

  Block &block = func.getBody().front();
  Value loss = block.getTerminator()->getOperand(0);
  Type lossType = loss.getType();
  auto lossTensor = dyn_cast<RankedTensorType>(lossType);
  if (!isFloatTensor(lossType) || lossTensor.getRank() != 0)
    return emitError(getResultLoc(func, loss))
           << "the loss (result #0 of @" << func.getSymName()
           << ") must be a scalar to build @" << gradName
           << ", but it has shape " << describeShape(lossType);

  unsigned lossIndex = 0;
  ActivityAnalysis activity(func, *params, lossIndex);
  if (failed(checkActiveOps(block, activity, "reverse mode")))
    return failure();

  SmallVector<Type> resultTypes{lossType};
  for (unsigned param : *params)
    resultTypes.push_back(func.getArgument(param).getType());
  FunctionType type = FunctionType::get(func.getContext(),
                                        func.getArgumentTypes(), resultTypes);
  OwningOpRef<func::FuncOp> grad = createFunction(func, gradName, type);

  ReverseSweep sweep(func, activity, grad->getBody().front());
  sweep.buildForward();
  if (activity.isActive(loss)) {
    Location loc = getResultLoc(func, loss);
    // dL/dL = 1.
    Value seed = createSplat(sweep.getBuilder(), lossType, 1.0,
                             tagLoc(loc, kSeedLoc));
    if (failed(sweep.accumulate(loss, seed, loc)))
      return failure();
  }
  if (failed(sweep.buildReverse()))
    return failure();

  SmallVector<Value> results{sweep.lookup(loss)};
  for (unsigned param : *params)
    results.push_back(
        sweep.getCotangentOrZero(func.getArgument(param), func.getLoc()));
  sweep.getBuilder().create<func::ReturnOp>(func.getLoc(), results);

  if (DictionaryAttr attrs = func.getResultAttrDict(0))
    grad->setResultAttrs(0, attrs);
  for (auto [index, param] : llvm::enumerate(*params))
    setResultName(*grad, index + 1,
            func.getArgAttrOfType<StringAttr>(param, kNameAttr), ".grad");
  return append(func, std::move(grad));
}

FailureOr<func::FuncOp> adj::buildVjp(func::FuncOp func, StringRef vjpName) {
  if (failed(checkFunction(func, vjpName)))
    return failure();
  FailureOr<SmallVector<unsigned>> params = getParams(func);
  if (failed(params))
    return failure();

  Block &block = func.getBody().front();
  Operation *terminator = block.getTerminator();
  SmallVector<unsigned> allResults =
      llvm::to_vector(llvm::seq<unsigned>(0, func.getNumResults()));
  ActivityAnalysis activity(func, *params, allResults);
  if (failed(checkActiveOps(block, activity, "reverse mode")))
    return failure();

  unsigned numArgs = func.getNumArguments();
  SmallVector<Type> argTypes(func.getArgumentTypes());
  llvm::append_range(argTypes, func.getResultTypes());
  SmallVector<Type> resultTypes;
  for (unsigned param : *params)
    resultTypes.push_back(func.getArgument(param).getType());
  FunctionType type =
      FunctionType::get(func.getContext(), argTypes, resultTypes);
  OwningOpRef<func::FuncOp> vjp = createFunction(func, vjpName, type);
  Block &body = vjp->getBody().front();

  ReverseSweep sweep(func, activity, body);
  sweep.buildForward();
  for (auto [index, result] : llvm::enumerate(terminator->getOperands())) {
    if (!activity.isActive(result))
      continue;
    // A value returned twice gets the sum of both cotangents.
    if (failed(sweep.accumulate(result, body.getArgument(numArgs + index),
                                getResultLoc(func, result))))
      return failure();
  }
  if (failed(sweep.buildReverse()))
    return failure();

  SmallVector<Value> results;
  for (unsigned param : *params)
    results.push_back(
        sweep.getCotangentOrZero(func.getArgument(param), func.getLoc()));
  sweep.getBuilder().create<func::ReturnOp>(func.getLoc(), results);

  for (unsigned index = 0, e = func.getNumResults(); index < e; ++index)
    setArgName(*vjp, numArgs + index,
               func.getResultAttrOfType<StringAttr>(index, kNameAttr),
               ".cotangent");
  for (auto [index, param] : llvm::enumerate(*params))
    setResultName(*vjp, index,
                  func.getArgAttrOfType<StringAttr>(param, kNameAttr), ".grad");
  return append(func, std::move(vjp));
}

//===- Adjoint.cpp - Reverse-mode adjoint functions -------------*- C++ -*-===//
//
// Builds @grad and @vjp from a single-block function. The new function
// first clones the whole body (the forward sweep: every forward value a
// rule reads stays an explicit SSA value), then walks the original ops in
// reverse order and, for every active op whose result has a cotangent,
// calls DerivativeOpInterface::buildVJP on its clone. Cotangents are keyed
// by the original values; a value that reaches the results along several
// paths gets the sum of its cotangents (`adj.add`). The only ops created
// here are `adj.constant` (the seed and zero gradients) and `adj.add`; the
// rules create everything else. Everything is checked before a function is
// built, and a function is appended to the module only once complete.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Dialect/Adj/Transforms/Adjoint.h"

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
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace adjoint;
using namespace adjoint::adj;

//===----------------------------------------------------------------------===//
// Checks
//===----------------------------------------------------------------------===//

/// True if `type` is a ranked tensor of floats, which `adj.constant` (the
/// seed and zero gradients) can build.
static bool isFloatTensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && isa<FloatType>(tensor.getElementType());
}

/// `[2, 3]` for a ranked type, the type itself otherwise.
static std::string describeShape(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (auto shaped = dyn_cast<RankedTensorType>(type)) {
    os << '[';
    llvm::interleaveComma(shaped.getShape(), os);
    os << "] (" << type << ')';
  } else {
    os << type;
  }
  return text;
}

/// The function has a body of one block, and the symbol `newName` is free
/// in the symbol table that holds it.
static LogicalResult checkFunction(func::FuncOp func, StringRef newName) {
  if (func.isExternal())
    return func.emitOpError("has no body to differentiate");
  if (!func.getBody().hasOneBlock())
    return func.emitOpError(
        "must have a single block (a static graph) to be differentiated");
  Operation *symbolTable = SymbolTable::getNearestSymbolTable(func);
  if (!symbolTable)
    return func.emitOpError("is not in a module; cannot add @") << newName;
  if (SymbolTable::lookupSymbolIn(symbolTable, newName))
    return func.emitOpError("cannot be differentiated into @")
           << newName << ": the symbol already exists";
  return success();
}

/// The indices of the arguments with `adj.leaf = "param"`. Arguments with
/// `"input"` or without the attribute are not differentiated.
static FailureOr<SmallVector<unsigned>> getParams(func::FuncOp func) {
  SmallVector<unsigned> params;
  for (unsigned index = 0, e = func.getNumArguments(); index < e; ++index) {
    Attribute leaf = func.getArgAttr(index, kLeafKindAttr);
    if (!leaf)
      continue;
    auto kind = dyn_cast<StringAttr>(leaf);
    if (!kind || (kind.getValue() != "param" && kind.getValue() != "input"))
      return func.emitOpError("argument #")
             << index << " has " << kLeafKindAttr << " = " << leaf
             << "; expected \"input\" or \"param\"";
    if (kind.getValue() != "param")
      continue;
    Type type = func.getArgument(index).getType();
    if (!isFloatTensor(type))
      return func.emitOpError("param argument #")
             << index << " has type " << type
             << "; a param must be a ranked tensor of floats";
    params.push_back(index);
  }
  return params;
}

/// Every active op has one result and a derivative rule.
static LogicalResult checkActiveOps(Block &block,
                                    const ActivityAnalysis &activity) {
  for (Operation &op : block.without_terminator()) {
    if (!activity.isActive(&op))
      continue;
    if (!isa<DerivativeOpInterface>(op))
      return op.emitOpError(
          "is on a path from a param to the differentiated result but has no "
          "derivative rule (DerivativeOpInterface)");
    if (op.getNumResults() != 1)
      return op.emitOpError("has ")
             << op.getNumResults()
             << " results; reverse mode differentiates ops with one result";
  }
  return success();
}

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

  /// A splat `adj.constant` of `type` (a ranked tensor of floats).
  Value createSplat(Type type, double value, Location loc);

  OpBuilder &getBuilder() { return builder; }

private:
  func::FuncOp func;
  Block &block;
  const ActivityAnalysis &activity;
  OpBuilder builder;
  IRMapping mapping;
  llvm::DenseMap<Operation *, Operation *> clones;
  llvm::DenseMap<Value, Value> cotangents;
};
} // namespace

void ReverseSweep::buildForward() {
  Block *newBody = builder.getInsertionBlock();
  for (auto [original, argument] :
       llvm::zip(block.getArguments(), newBody->getArguments()))
    mapping.map(original, argument);
  for (Operation &op : block.without_terminator())
    clones[&op] = builder.clone(op, mapping);
}

LogicalResult ReverseSweep::accumulate(Value original, Value cotangent,
                                       Location loc) {
  if (cotangent.getType() != original.getType())
    return emitError(loc) << "derivative rule gave a cotangent of type "
                          << cotangent.getType() << " for a value of type "
                          << original.getType();
  auto [it, inserted] = cotangents.try_emplace(original, cotangent);
  if (!inserted)
    it->second = builder.create<adj::AddOp>(loc, original.getType(), it->second,
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
    auto rule = cast<DerivativeOpInterface>(clones.lookup(&op));
    SmallVector<Value> operandCotangents =
        rule.buildVJP(builder, resultCotangent, needed);
    builder.setInsertionPointToEnd(newBody);
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

Value ReverseSweep::createSplat(Type type, double value, Location loc) {
  auto tensor = cast<RankedTensorType>(type);
  auto attr = cast<DenseFPElementsAttr>(DenseElementsAttr::get(
      tensor, builder.getFloatAttr(tensor.getElementType(), value)));
  return builder.create<adj::ConstantOp>(loc, tensor, attr);
}

Value ReverseSweep::getCotangentOrZero(Value original, Location loc) {
  if (Value cotangent = cotangents.lookup(original))
    return cotangent;
  return createSplat(original.getType(), 0.0, loc);
}

//===----------------------------------------------------------------------===//
// Building the functions
//===----------------------------------------------------------------------===//

/// `adj.name` of `name` + `suffix`, or nothing when `name` is null.
static void setName(func::FuncOp func, unsigned resultIndex, StringAttr name,
                    StringRef suffix) {
  if (!name)
    return;
  func.setResultAttr(
      resultIndex, kNameAttr,
      StringAttr::get(func.getContext(), name.getValue() + suffix));
}

/// Creates a detached function with `func`'s location, its argument
/// attributes on the first arguments, and an entry block.
static OwningOpRef<func::FuncOp>
createFunction(func::FuncOp func, StringRef name, FunctionType type) {
  OpBuilder builder(func.getContext());
  OwningOpRef<func::FuncOp> newFunc =
      builder.create<func::FuncOp>(func.getLoc(), name, type);
  for (unsigned index = 0, e = func.getNumArguments(); index < e; ++index)
    if (DictionaryAttr attrs = func.getArgAttrDict(index))
      newFunc->setArgAttrs(index, attrs);
  newFunc->addEntryBlock();
  return newFunc;
}

/// Appends the finished function to the symbol table that holds `func`, so
/// @grad and @vjp follow the functions they differentiate in build order.
static func::FuncOp append(func::FuncOp func,
                           OwningOpRef<func::FuncOp> newFunc) {
  SymbolTable symbolTable(SymbolTable::getNearestSymbolTable(func));
  func::FuncOp result = newFunc.release();
  symbolTable.insert(result);
  return result;
}

/// The location of a returned value: its op's, or the function's.
static Location getResultLoc(func::FuncOp func, Value value) {
  if (Operation *def = value.getDefiningOp())
    return def->getLoc();
  return func.getLoc();
}

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
  if (failed(checkActiveOps(block, activity)))
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
    if (failed(
            sweep.accumulate(loss, sweep.createSplat(lossType, 1.0, loc), loc)))
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
    setName(*grad, index + 1,
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
  if (failed(checkActiveOps(block, activity)))
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
    if (auto name = func.getResultAttrOfType<StringAttr>(index, kNameAttr))
      vjp->setArgAttr(
          numArgs + index, kNameAttr,
          StringAttr::get(func.getContext(), name.getValue() + ".cotangent"));
  for (auto [index, param] : llvm::enumerate(*params))
    setName(*vjp, index, func.getArgAttrOfType<StringAttr>(param, kNameAttr),
            ".grad");
  return append(func, std::move(vjp));
}

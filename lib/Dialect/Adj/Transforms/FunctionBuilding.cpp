//===- FunctionBuilding.cpp - Shared steps of the AD builders ---*- C++ -*-===//
//
// Checks report at the function or the op concerned; the builders rely on
// them, so they run before any IR is created.
//
//===----------------------------------------------------------------------===//

#include "FunctionBuilding.h"

#include "adjoint/Dialect/Adj/IR/AdjOps.h"
#include "adjoint/Dialect/Adj/Transforms/Adjoint.h"
#include "adjoint/Interfaces/DerivativeOpInterface.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace adjoint;
using namespace adjoint::adj;

bool adj::isFloatTensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && isa<FloatType>(tensor.getElementType());
}

std::string adj::describeShape(Type type) {
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

LogicalResult adj::checkFunction(func::FuncOp func, StringRef newName) {
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

FailureOr<SmallVector<unsigned>> adj::getParams(func::FuncOp func) {
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

LogicalResult adj::checkActiveOps(Block &block,
                                  const ActivityAnalysis &activity,
                                  StringRef mode) {
  for (Operation &op : block.without_terminator()) {
    if (!activity.isActive(&op))
      continue;
    if (!isa<DerivativeOpInterface>(op))
      return op.emitOpError(
          "is on a path from a param to the differentiated result but has no "
          "derivative rule (DerivativeOpInterface)");
    if (op.getNumResults() != 1)
      return op.emitOpError("has ") << op.getNumResults() << " results; "
                                    << mode
                                    << " differentiates ops with one result";
  }
  return success();
}

Location adj::tagLoc(Location loc, StringRef marker) {
  MLIRContext *context = loc.getContext();
  return FusedLoc::get(context, {loc}, StringAttr::get(context, marker));
}

void adj::tagOpsAfter(Block &block, Operation *lastBefore, Location loc,
                      StringRef marker) {
  Block::iterator first =
      lastBefore ? std::next(lastBefore->getIterator()) : block.begin();
  Location tagged = tagLoc(loc, marker);
  for (Operation &op : llvm::make_range(first, block.end()))
    op.setLoc(tagged);
}

Value adj::createSplat(OpBuilder &builder, Type type, double value,
                       Location loc) {
  auto tensor = cast<RankedTensorType>(type);
  auto attr = cast<DenseFPElementsAttr>(DenseElementsAttr::get(
      tensor, builder.getFloatAttr(tensor.getElementType(), value)));
  return builder.create<ConstantOp>(loc, tensor, attr);
}

Location adj::getResultLoc(func::FuncOp func, Value value) {
  if (Operation *def = value.getDefiningOp())
    return def->getLoc();
  return func.getLoc();
}

void adj::setResultName(func::FuncOp func, unsigned resultIndex,
                        StringAttr name, StringRef suffix) {
  if (name)
    func.setResultAttr(
        resultIndex, kNameAttr,
        StringAttr::get(func.getContext(), name.getValue() + suffix));
}

void adj::setArgName(func::FuncOp func, unsigned argIndex, StringAttr name,
                     StringRef suffix) {
  if (name)
    func.setArgAttr(argIndex, kNameAttr,
                    StringAttr::get(func.getContext(), name.getValue() + suffix));
}

OwningOpRef<func::FuncOp> adj::createFunction(func::FuncOp func,
                                              StringRef name,
                                              FunctionType type) {
  OpBuilder builder(func.getContext());
  OwningOpRef<func::FuncOp> newFunc =
      builder.create<func::FuncOp>(func.getLoc(), name, type);
  for (unsigned index = 0, e = func.getNumArguments(); index < e; ++index)
    if (DictionaryAttr attrs = func.getArgAttrDict(index))
      newFunc->setArgAttrs(index, attrs);
  newFunc->addEntryBlock();
  return newFunc;
}

func::FuncOp adj::append(func::FuncOp func, OwningOpRef<func::FuncOp> newFunc) {
  SymbolTable symbolTable(SymbolTable::getNearestSymbolTable(func));
  func::FuncOp result = newFunc.release();
  symbolTable.insert(result);
  return result;
}

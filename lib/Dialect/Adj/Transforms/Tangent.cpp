//===- Tangent.cpp - Forward-mode tangent functions -------------*- C++ -*-===//
//
// One sweep in program order: each op is cloned into the new function and,
// if it is active, its DerivativeOpInterface::buildJVP rule is called on
// the clone right after, with the tangents of its operands (null where an
// operand's tangent is zero). Tangents are kept per original value. The
// only ops created here are `adj.constant` zeros for results no tangent
// reaches; the rules create everything else.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Dialect/Adj/Transforms/Tangent.h"

#include "FunctionBuilding.h"

#include "adjoint/Dialect/Adj/Transforms/ActivityAnalysis.h"
#include "adjoint/Dialect/Adj/Transforms/Adjoint.h"
#include "adjoint/Interfaces/DerivativeOpInterface.h"

#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace adjoint;
using namespace adjoint::adj;

namespace {
/// The tangent sweep into one new function.
class TangentSweep {
public:
  TangentSweep(func::FuncOp func, const ActivityAnalysis &activity,
               Block &newBody)
      : func(func), activity(activity), body(newBody),
        builder(OpBuilder::atBlockEnd(&newBody)) {}

  /// Maps `func`'s arguments to the first arguments of the new block, and
  /// the tangent of the i-th param to argument `firstTangentArg + i`.
  void seed(ArrayRef<unsigned> params, unsigned firstTangentArg);

  /// Clones every op and builds the tangents of the active ones.
  LogicalResult run();

  /// The new function's value for an original value.
  Value lookup(Value original) const { return mapping.lookup(original); }

  /// The tangent of an original value, or zeros when it is zero.
  Value getTangentOrZero(Value original, Location loc);

  OpBuilder &getBuilder() { return builder; }

private:
  LogicalResult buildTangent(Operation &op, Operation &clone);

  func::FuncOp func;
  const ActivityAnalysis &activity;
  Block &body;
  OpBuilder builder;
  IRMapping mapping;
  llvm::DenseMap<Value, Value> tangents;
};
} // namespace

void TangentSweep::seed(ArrayRef<unsigned> params, unsigned firstTangentArg) {
  for (auto [original, argument] :
       llvm::zip(func.getArguments(), body.getArguments()))
    mapping.map(original, argument);
  for (auto [index, param] : llvm::enumerate(params))
    tangents[func.getArgument(param)] =
        body.getArgument(firstTangentArg + index);
}

LogicalResult TangentSweep::run() {
  for (Operation &op : func.getBody().front().without_terminator()) {
    Operation *clone = builder.clone(op, mapping);
    if (activity.isActive(&op) && failed(buildTangent(op, *clone)))
      return failure();
  }
  return success();
}

LogicalResult TangentSweep::buildTangent(Operation &op, Operation &clone) {
  SmallVector<Value> operandTangents = llvm::map_to_vector(
      op.getOperands(), [&](Value operand) { return tangents.lookup(operand); });
  if (llvm::all_of(operandTangents, [](Value tangent) { return !tangent; }))
    return success();
  Operation *lastBefore = &body.back();
  Value tangent =
      cast<DerivativeOpInterface>(clone).buildJVP(builder, operandTangents);
  builder.setInsertionPointToEnd(&body);
  tagOpsAfter(body, lastBefore, op.getLoc(), kJvpLoc);
  if (!tangent)
    return success();
  Value result = op.getResult(0);
  if (tangent.getType() != result.getType())
    return op.emitOpError("derivative rule gave a tangent of type ")
           << tangent.getType() << " for a result of type "
           << result.getType();
  tangents[result] = tangent;
  return success();
}

Value TangentSweep::getTangentOrZero(Value original, Location loc) {
  if (Value tangent = tangents.lookup(original))
    return tangent;
  return createSplat(builder, original.getType(), 0.0,
                     tagLoc(loc, kZeroTangentLoc));
}

/// Builds `name` from `func`: its arguments, then one tangent per param;
/// results: `func`'s results if `keepResults`, then the tangents of the
/// results in `differentiated`. Tangent arguments are named
/// `PARAM.tangent`, tangent results `RESULT.tangent`.
static FailureOr<func::FuncOp>
buildTangentFunction(func::FuncOp func, StringRef name,
                     ArrayRef<unsigned> differentiated, bool keepResults) {
  if (failed(checkFunction(func, name)))
    return failure();
  FailureOr<SmallVector<unsigned>> params = getParams(func);
  if (failed(params))
    return failure();
  Block &block = func.getBody().front();
  ActivityAnalysis activity(func, *params, differentiated);
  if (failed(checkActiveOps(block, activity, "forward mode")))
    return failure();

  unsigned numArgs = func.getNumArguments();
  SmallVector<Type> argTypes(func.getArgumentTypes());
  for (unsigned param : *params)
    argTypes.push_back(func.getArgument(param).getType());
  SmallVector<Type> resultTypes;
  if (keepResults)
    llvm::append_range(resultTypes, func.getResultTypes());
  for (unsigned index : differentiated)
    resultTypes.push_back(func.getResultTypes()[index]);
  FunctionType type =
      FunctionType::get(func.getContext(), argTypes, resultTypes);
  OwningOpRef<func::FuncOp> newFunc = createFunction(func, name, type);

  TangentSweep sweep(func, activity, newFunc->getBody().front());
  sweep.seed(*params, numArgs);
  if (failed(sweep.run()))
    return failure();

  Operation *terminator = block.getTerminator();
  SmallVector<Value> results;
  if (keepResults)
    for (Value result : terminator->getOperands())
      results.push_back(sweep.lookup(result));
  for (unsigned index : differentiated) {
    Value result = terminator->getOperand(index);
    results.push_back(
        sweep.getTangentOrZero(result, getResultLoc(func, result)));
  }
  sweep.getBuilder().create<func::ReturnOp>(func.getLoc(), results);

  for (auto [index, param] : llvm::enumerate(*params))
    setArgName(*newFunc, numArgs + index,
               func.getArgAttrOfType<StringAttr>(param, kNameAttr),
               ".tangent");
  unsigned resultIndex = 0;
  if (keepResults)
    for (; resultIndex < func.getNumResults(); ++resultIndex)
      if (DictionaryAttr attrs = func.getResultAttrDict(resultIndex))
        newFunc->setResultAttrs(resultIndex, attrs);
  for (unsigned index : differentiated)
    setResultName(*newFunc, resultIndex++,
                  func.getResultAttrOfType<StringAttr>(index, kNameAttr),
                  ".tangent");
  return append(func, std::move(newFunc));
}

FailureOr<func::FuncOp> adj::buildJvp(func::FuncOp func, StringRef jvpName) {
  SmallVector<unsigned> allResults =
      llvm::to_vector(llvm::seq<unsigned>(0, func.getNumResults()));
  return buildTangentFunction(func, jvpName, allResults, /*keepResults=*/true);
}

FailureOr<func::FuncOp> adj::buildHvp(func::FuncOp gradFunc,
                                      StringRef hvpName) {
  if (gradFunc.getNumResults() == 0)
    return gradFunc.emitOpError("has no result; @")
           << hvpName << " needs a gradient function (the loss, then one "
           << "gradient per param)";
  FailureOr<SmallVector<unsigned>> params = getParams(gradFunc);
  if (failed(params))
    return failure();
  SmallVector<unsigned> gradients =
      llvm::to_vector(llvm::seq<unsigned>(1, gradFunc.getNumResults()));
  bool gradientPerParam =
      gradients.size() == params->size() &&
      llvm::all_of(llvm::zip(gradients, *params), [&](auto pair) {
        auto [gradient, param] = pair;
        return gradFunc.getResultTypes()[gradient] ==
               gradFunc.getArgument(param).getType();
      });
  if (!gradientPerParam)
    return gradFunc.emitOpError("is not a gradient function: @")
           << hvpName << " needs the loss, then one gradient per param of "
           << "the param's type";
  return buildTangentFunction(gradFunc, hvpName, gradients,
                              /*keepResults=*/false);
}

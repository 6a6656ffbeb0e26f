//===- CheckFinite.cpp - The first op that gives NaN or infinity -*- C++ -*-===//
//
// See CheckFinite.h. The exposed values are appended to the entry point's
// results before lowering, so the usual pipeline and JIT run it; the
// driver's own results come first, unchanged.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/CheckFinite.h"

#include "adjoint/Compiler/Jit.h"
#include "adjoint/Compiler/Pipeline.h"
#include "adjoint/Support/Arrays.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"

#include <cmath>

using namespace mlir;
using namespace adjoint;

/// Appends every tensor value of `func`'s body but constants to its
/// results, and returns the op of each, in the body's order.
static SmallVector<Operation *> exposeValues(func::FuncOp func) {
  Block &block = func.getBody().front();
  Operation *terminator = block.getTerminator();
  SmallVector<Value> results(terminator->getOperands());
  SmallVector<Operation *> ops;
  for (Operation &op : block.without_terminator()) {
    if (op.hasTrait<OpTrait::ConstantLike>())
      continue;
    for (Value value : op.getResults()) {
      if (!isa<RankedTensorType>(value.getType()))
        continue;
      func.insertResult(func.getNumResults(), value.getType(),
                        DictionaryAttr());
      results.push_back(value);
      ops.push_back(&op);
    }
  }
  terminator->setOperands(results);
  return ops;
}

/// The row-major index of the first element of `array` that is not
/// finite, if any.
static std::optional<int64_t> findNonFinite(const NpyArray &array,
                                            double &value) {
  std::vector<double> values = toDoubles(array);
  for (size_t index = 0; index < values.size(); ++index)
    if (!std::isfinite(values[index])) {
      value = values[index];
      return static_cast<int64_t>(index);
    }
  return std::nullopt;
}

std::optional<NonFiniteValue> adjoint::findFirstNonFinite(
    MLIRContext &context, const graph::Graph &graph, StringRef fileName,
    const std::string &entry, std::vector<NpyArray> &arguments,
    const CodegenOptions &options, std::string &error, bool &compileFailed) {
  compileFailed = true;
  OwningOpRef<ModuleOp> module = buildModule(context, graph, fileName, {entry});
  if (!module)
    return std::nullopt;
  auto func = module->lookupSymbol<func::FuncOp>(entry);
  unsigned ownResults = func.getNumResults();
  SmallVector<Operation *> ops = exposeValues(func);
  // Op names and locations outlive the module through the context.
  SmallVector<std::pair<std::string, Location>> described;
  for (Operation *op : ops)
    described.emplace_back(op->getName().stripDialect().str(), op->getLoc());
  SmallVector<Type> resultTypes(func.getResultTypes());

  std::optional<TargetSpec> target = resolveTarget(options, error);
  if (!target || failed(lowerToStage(*module, Stage::LLVM, {}, nullptr,
                                     /*workspaceEntries=*/false,
                                     {target->vectorBits, options.threads})))
    return std::nullopt;
  std::unique_ptr<JitModule> jit =
      JitModule::create(*module, {entry}, options, error);
  if (!jit)
    return std::nullopt;

  std::vector<NpyArray> results;
  for (Type type : resultTypes) {
    auto tensor = cast<RankedTensorType>(type);
    results.push_back(makeArray(graph.elementType,
                                graph::Shape(tensor.getShape().begin(),
                                             tensor.getShape().end())));
  }
  std::optional<int> status = jit->call(entry, arguments, results);
  if (!status || *status != 0) {
    error = "the instrumented entry point '" + entry + "' could not run";
    return std::nullopt;
  }
  compileFailed = false;
  for (auto [index, op] : llvm::enumerate(described)) {
    double value = 0;
    if (std::optional<int64_t> element =
            findNonFinite(results[ownResults + index], value))
      return NonFiniteValue{op.second, op.first, *element, value};
  }
  return std::nullopt;
}

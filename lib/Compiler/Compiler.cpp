//===- Compiler.cpp - The one API from a model to runnable code -*- C++ -*-===//
//
// Entry signatures follow the format's "Entry points" table: arguments are
// the inputs then the params in declaration order; `forward` gives the
// outputs, `grad` the loss then one gradient per param, `vjp` (which also
// takes one cotangent per output) one gradient per param; `jvp` (which
// takes one tangent per param) the outputs then one tangent per output;
// `hvp` (which takes one vector per param, `NAME.tangent`) one
// Hessian-vector product per param, written as `NAME.grad` as the format
// says. The derivative entries come from adj-reverse-mode and
// adj-forward-mode.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/Compiler.h"

#include "adjoint/Support/Stopwatch.h"

#include "adjoint/Compiler/Pipeline.h"
#include "adjoint/Import/GraphToMLIR.h"

#include "mlir/IR/Verifier.h"

#include <algorithm>

using namespace adjoint;

const std::vector<std::string> &adjoint::supportedEntries() {
  static const std::vector<std::string> entries = {kForwardEntry, "grad",
                                                    "vjp", "jvp", "hvp"};
  return entries;
}

static BufferSpec getLeafBuffer(const graph::Graph &graph, graph::NodeId id,
                                const std::string &suffix = "") {
  const graph::Node &node = graph.node(id);
  return {node.name + suffix, node.shape};
}

std::optional<EntrySignature>
adjoint::getEntrySignature(const graph::Graph &graph,
                           const std::string &entry) {
  const std::vector<std::string> &entries = supportedEntries();
  if (std::find(entries.begin(), entries.end(), entry) == entries.end())
    return std::nullopt;
  EntrySignature signature;
  signature.entry = entry;
  for (graph::NodeId id : graph.inputs)
    signature.arguments.push_back(getLeafBuffer(graph, id));
  for (graph::NodeId id : graph.params)
    signature.arguments.push_back(getLeafBuffer(graph, id));
  // Outputs by the names in the output statement: `y = x` makes `y` another
  // name of node `x`.
  auto outputBuffer = [&](size_t index, const std::string &suffix) {
    return BufferSpec{graph.outputNames[index] + suffix,
                      graph.node(graph.outputs[index]).shape};
  };
  if (entry == kForwardEntry) {
    for (size_t i = 0; i < graph.outputs.size(); ++i)
      signature.results.push_back(outputBuffer(i, ""));
    return signature;
  }
  if (entry == "vjp")
    for (size_t i = 0; i < graph.outputs.size(); ++i)
      signature.arguments.push_back(outputBuffer(i, ".cotangent"));
  if (entry == "jvp" || entry == "hvp")
    for (graph::NodeId id : graph.params)
      signature.arguments.push_back(getLeafBuffer(graph, id, ".tangent"));
  if (entry == "jvp") {
    for (size_t i = 0; i < graph.outputs.size(); ++i)
      signature.results.push_back(outputBuffer(i, ""));
    for (size_t i = 0; i < graph.outputs.size(); ++i)
      signature.results.push_back(outputBuffer(i, ".tangent"));
    return signature;
  }
  if (entry == "grad")
    signature.results.push_back(outputBuffer(0, ""));
  for (graph::NodeId id : graph.params)
    signature.results.push_back(getLeafBuffer(graph, id, ".grad"));
  return signature;
}

mlir::OwningOpRef<mlir::ModuleOp>
adjoint::buildModule(mlir::MLIRContext &context, const graph::Graph &graph,
                     llvm::StringRef fileName,
                     const std::vector<std::string> &entries,
                     const MemoryOptions &memory) {
  mlir::OwningOpRef<mlir::ModuleOp> module =
      importGraph(context, graph, fileName);
  if (mlir::failed(mlir::verify(*module)))
    return nullptr;
  RematMode remat = memory.keepAll ? RematMode::None : memory.remat;
  if (mlir::failed(buildDerivatives(
          *module, DerivativeEntries::fromNames(entries), remat)))
    return nullptr;
  return module;
}

std::unique_ptr<JitModule>
adjoint::compileForJit(mlir::ModuleOp module,
                       const std::vector<std::string> &entries,
                       const CodegenOptions &options, std::string &error,
                       const MemoryOptions &memory, MemoryPlans *plans,
                       CompileTimes *times) {
  std::optional<TargetSpec> target = resolveTarget(options, error);
  if (!target)
    return nullptr;
  Stopwatch stopwatch;
  if (mlir::failed(lowerToStage(module, Stage::LLVM, memory, plans,
                                /*workspaceEntries=*/false,
                                {target->vectorBits, options.threads})))
    return nullptr;
  if (times)
    times->lowering += stopwatch.lap();
  return JitModule::create(module, entries, options, error, times);
}

//===- Compiler.cpp - The one API from a model to runnable code -*- C++ -*-===//
//
// Entry signatures follow the format's "Entry points" table: arguments are
// the inputs then the params in declaration order; `forward` gives the
// outputs in order.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/Compiler.h"

#include "adjoint/Compiler/Pipeline.h"
#include "adjoint/Import/GraphToMLIR.h"

#include "mlir/IR/Verifier.h"

using namespace adjoint;

const std::vector<std::string> &adjoint::supportedEntries() {
  static const std::vector<std::string> entries = {kForwardEntry};
  return entries;
}

static BufferSpec getLeafBuffer(const graph::Graph &graph, graph::NodeId id) {
  const graph::Node &node = graph.node(id);
  return {node.name, node.shape};
}

std::optional<EntrySignature>
adjoint::getEntrySignature(const graph::Graph &graph,
                           const std::string &entry) {
  if (entry != kForwardEntry)
    return std::nullopt;
  EntrySignature signature;
  signature.entry = entry;
  for (graph::NodeId id : graph.inputs)
    signature.arguments.push_back(getLeafBuffer(graph, id));
  for (graph::NodeId id : graph.params)
    signature.arguments.push_back(getLeafBuffer(graph, id));
  // Outputs by the names in the output statement: `y = x` makes `y` another
  // name of node `x`.
  for (size_t i = 0; i < graph.outputs.size(); ++i)
    signature.results.push_back(
        {graph.outputNames[i], graph.node(graph.outputs[i]).shape});
  return signature;
}

mlir::OwningOpRef<mlir::ModuleOp>
adjoint::buildModule(mlir::MLIRContext &context, const graph::Graph &graph,
                     llvm::StringRef fileName,
                     const std::vector<std::string> &entries) {
  mlir::OwningOpRef<mlir::ModuleOp> module =
      importGraph(context, graph, fileName);
  if (mlir::failed(mlir::verify(*module)))
    return nullptr;
  return module;
}

std::unique_ptr<JitModule>
adjoint::compileForJit(mlir::ModuleOp module,
                       const std::vector<std::string> &entries,
                       std::string &error) {
  if (mlir::failed(lowerToStage(module, Stage::LLVM)))
    return nullptr;
  return JitModule::create(module, entries, error);
}

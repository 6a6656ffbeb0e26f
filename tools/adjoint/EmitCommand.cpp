//===- EmitCommand.cpp - `adjoint emit` -------------------------*- C++ -*-===//
//
// Prints a model at one stage of compilation: the Graph IR, the `adj`
// module of @forward, the adjoint IR (@grad and @vjp), a Graphviz picture
// of the forward and adjoint graphs, linalg on tensors, or the LLVM
// dialect. The later stages hold every entry point.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "adjoint/Compiler/Compiler.h"
#include "adjoint/Compiler/Pipeline.h"
#include "adjoint/Dialect/Adj/Transforms/AdjointDot.h"
#include "adjoint/Graph/GraphPrinter.h"
#include "adjoint/Graph/Parser.h"
#include "adjoint/Import/GraphToMLIR.h"
#include "adjoint/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/Support/raw_ostream.h"

#include <iostream>
#include <map>
#include <utility>

using namespace adjoint;
using namespace adjoint::driver;

const CommandSpec &driver::emitCommandSpec() {
  static const CommandSpec spec = {
      "emit",
      "Prints MODEL at one stage of compilation. The stages: graph (the "
      "parsed Graph IR), adj (@forward in the adj dialect), grad (the adjoint IR of "
      "reverse mode: @forward, @grad and @vjp), jvp (the tangent IR of "
      "forward mode: @forward, @jvp, and @hvp over @grad), dot (Graphviz "
      "of the forward graph and its adjoint graph; render with `dot "
      "-Tsvg`), linalg (linalg on tensors) or llvm (the LLVM dialect); "
      "linalg and llvm hold every entry point. @grad and @hvp are left out "
      "when the first output is not a scalar; dot then shows the adjoint "
      "of @vjp.",
      {"MODEL"},
      {{"stage", "STAGE", "The stage to print",
        {"graph", "adj", "grad", "jvp", "dot", "linalg", "llvm"}, "adj"}}};
  return spec;
}

/// Prints the dot graph of `module`, naming forward ops by the statements
/// of `graph` at their locations.
static int printDot(mlir::ModuleOp module, const graph::Graph &graph) {
  std::map<std::pair<unsigned, unsigned>, std::string> names;
  for (const graph::Node &node : graph.nodes)
    if (!node.name.empty())
      names[{node.loc.line, node.loc.column}] = node.name;
  auto nameOf = [&](mlir::Location loc) -> std::string {
    auto fileLoc = mlir::dyn_cast<mlir::FileLineColLoc>(loc);
    if (!fileLoc)
      return "";
    auto found = names.find({fileLoc.getLine(), fileLoc.getColumn()});
    return found == names.end() ? "" : found->second;
  };
  return mlir::failed(adj::printAdjointDot(module, llvm::outs(), nameOf)) ? 1
                                                                          : 0;
}

/// The entry points the module printed at `stage` holds.
static std::vector<std::string> getStageEntries(const std::string &stage,
                                                const graph::Graph &graph) {
  bool scalarLoss = !graph::checkScalarLoss(graph);
  std::vector<std::string> entries = {kForwardEntry};
  bool reverse = stage != "adj" && stage != "jvp";
  bool forward = stage == "jvp" || stage == "linalg" || stage == "llvm";
  if (reverse)
    entries.push_back("vjp");
  if (forward)
    entries.push_back("jvp");
  if (reverse && scalarLoss)
    entries.push_back("grad");
  if (forward && scalarLoss)
    entries.push_back("hvp");
  return entries;
}

int driver::emitCommand(const ParsedArgs &args) {
  const CommandSpec &spec = emitCommandSpec();
  if (!applyMLIROptions(args.mlirOptions))
    return 1;
  std::optional<LoadedModel> model = loadModel(args.positionals[0]);
  if (!model)
    return 1;
  std::string stageName = args.get(spec, "stage");
  if (stageName == "graph") {
    graph::printGraph(model->graph, std::cout);
    return 0;
  }
  std::vector<std::string> entries = getStageEntries(stageName, model->graph);
  std::optional<Stage> stage = parseStage(stageName);

  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  ModelDiagnostics diagnostics(context, *model);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      buildModule(context, model->graph, model->path, entries);
  if (!module || mlir::failed(lowerToStage(*module, stage.value_or(Stage::Adj))))
    return 1;
  if (stageName == "dot")
    return printDot(*module, model->graph);
  module->print(llvm::outs());
  llvm::outs() << "\n";
  return 0;
}

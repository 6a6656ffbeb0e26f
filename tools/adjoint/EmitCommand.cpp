//===- EmitCommand.cpp - `adjoint emit` -------------------------*- C++ -*-===//
//
// Prints a model at one stage of compilation: the Graph IR, the `adj`
// module of @forward, the adjoint IR (@grad and @vjp), linalg on tensors,
// or the LLVM dialect. The later stages hold every entry point.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "adjoint/Compiler/Compiler.h"
#include "adjoint/Compiler/Pipeline.h"
#include "adjoint/Graph/GraphPrinter.h"
#include "adjoint/Graph/Parser.h"
#include "adjoint/Import/GraphToMLIR.h"
#include "adjoint/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/Support/raw_ostream.h"

#include <iostream>

using namespace adjoint;
using namespace adjoint::driver;

const CommandSpec &driver::emitCommandSpec() {
  static const CommandSpec spec = {
      "emit",
      "Prints MODEL at one stage of compilation: graph (the parsed Graph "
      "IR), adj (@forward in the adj dialect), grad (the adjoint IR: "
      "@forward, @grad and @vjp), linalg (linalg on tensors) or llvm (the "
      "LLVM dialect). @grad is left out when the first output is not a "
      "scalar.",
      {"MODEL"},
      {{"stage", "STAGE", "The stage to print",
        {"graph", "adj", "grad", "linalg", "llvm"}, "adj"}}};
  return spec;
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
  std::vector<std::string> entries = {kForwardEntry};
  if (stageName != "adj") {
    entries.push_back("vjp");
    if (!graph::checkScalarLoss(model->graph))
      entries.push_back("grad");
  }
  Stage stage = stageName == "grad" ? Stage::Adj : *parseStage(stageName);

  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  ModelDiagnostics diagnostics(context, *model);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      buildModule(context, model->graph, model->path, entries);
  if (!module || mlir::failed(lowerToStage(*module, stage)))
    return 1;
  module->print(llvm::outs());
  llvm::outs() << "\n";
  return 0;
}

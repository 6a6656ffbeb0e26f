//===- RunCommand.cpp - `adjoint run` ---------------------------*- C++ -*-===//
//
// JIT-compiles one entry point of a model and runs it on .npy data (or
// seeded random data), then summarises, prints or writes the results as
// the format's "Data files for the driver" section says.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "adjoint/Compiler/CompiledModel.h"
#include "adjoint/Graph/Parser.h"
#include "adjoint/InitAll.h"
#include "adjoint/Support/Arrays.h"
#include "adjoint/Support/Npy.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include <iostream>

using namespace adjoint;
using namespace adjoint::driver;

const CommandSpec &driver::runCommandSpec() {
  static const CommandSpec spec = {
      "run",
      "JIT-compiles one entry point of MODEL and runs it. Leaves (and vjp's "
      "cotangents) are read from DIR/NAME.npy (DIR/OUTPUT.cotangent.npy) "
      "with --data, else filled with seeded values uniform in [-1, 1).",
      {"MODEL"},
      {{"entry", "ENTRY", "The entry point to run",
        {"forward", "grad", "vjp", "jvp", "hvp"}, "forward"},
       {"data", "DIR", "Read inputs and params from DIR/NAME.npy", {}, ""},
       {"out", "DIR", "Write the results to DIR/NAME.npy", {}, ""},
       {"seed", "N", "Seed of the generated data without --data", {}, "0"},
       {"print", "", "Print every value of the results", {}, ""},
       {"target-cpu", "CPU",
        "Generate code for native (this machine's CPU), generic, or an LLVM "
        "CPU name",
        {},
        "native"}}};
  return spec;
}

int driver::runCommand(const ParsedArgs &args) {
  const CommandSpec &spec = runCommandSpec();
  std::optional<uint64_t> seed = parseUnsigned(args.get(spec, "seed"));
  if (!seed)
    return reportError("run", "'--seed' needs a non-negative integer, got '" +
                                  args.get(spec, "seed") + "'");
  if (!applyMLIROptions(args.mlirOptions))
    return 1;
  std::optional<LoadedModel> model = loadModel(args.positionals[0]);
  if (!model)
    return 1;
  std::string entry = args.get(spec, "entry");
  std::optional<EntrySignature> signature =
      getEntrySignature(model->graph, entry);
  if (!signature)
    return reportError("run", "the entry point '" + entry +
                                  "' is not available in this build yet");
  if (entry == "grad" || entry == "hvp")
    if (std::optional<graph::Diagnostic> diag =
            graph::checkScalarLoss(model->graph)) {
      std::cerr << graph::formatDiagnostic(model->path, model->source, *diag);
      return 1;
    }

  std::vector<NpyArray> arguments;
  if (!loadBuffers(signature->arguments, model->graph.elementType,
                   args.get(spec, "data"), *seed, arguments))
    return 1;

  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  ModelDiagnostics diagnostics(context, *model);
  std::vector<std::string> entries = {entry};
  std::string error;
  CodegenOptions codegen;
  codegen.targetCpu = args.get(spec, "target-cpu");
  std::optional<CompiledModel> compiled = CompiledModel::compile(
      context, model->graph, model->path, entries, error, codegen);
  if (!compiled)
    return error.empty() ? 1 : reportError("run", error);
  std::vector<NpyArray> results = compiled->run(entry, arguments);

  for (auto [buffer, array] : llvm::zip(signature->results, results)) {
    std::cout << buffer.name << ": " << summarizeArray(array) << "\n";
    if (args.has("print"))
      std::cout << formatArray(array) << "\n";
  }
  std::vector<std::string> names;
  for (const BufferSpec &buffer : signature->results)
    names.push_back(buffer.name);
  if (args.has("out") && !writeArrays(args.get(spec, "out"), names, results))
    return 1;
  return 0;
}

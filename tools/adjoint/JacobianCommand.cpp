//===- JacobianCommand.cpp - `adjoint jacobian` -----------------*- C++ -*-===//
//
// Computes the full Jacobian of every output with respect to every param,
// with forward mode (jvp) or reverse mode (vjp), and says which mode it
// used and why. Writes OUT/OUTPUT.PARAM.jacobian.npy.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "adjoint/Compiler/Jacobian.h"
#include "adjoint/InitAll.h"
#include "adjoint/Support/Arrays.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include <iostream>

using namespace adjoint;
using namespace adjoint::driver;

const CommandSpec &driver::jacobianCommandSpec() {
  static const CommandSpec spec = {
      "jacobian",
      "Computes the Jacobian of every output of MODEL with respect to every "
      "param. Each has the output's shape followed by the param's, and is "
      "built with forward mode (one jvp per param element) or reverse mode "
      "(one vjp per output element); auto picks forward mode when the params "
      "have fewer elements than the outputs.",
      {"MODEL"},
      {{"mode", "MODE", "The AD mode", {"auto", "forward", "reverse"}, "auto"},
       {"data", "DIR", "Read inputs and params from DIR/NAME.npy", {}, ""},
       {"out", "DIR", "Write DIR/OUTPUT.PARAM.jacobian.npy", {}, ""},
       {"seed", "N", "Seed of the generated data without --data", {}, "0"},
       {"print", "", "Print every value of the Jacobians", {}, ""}}};
  return spec;
}

/// "forward mode (auto: 3 param elements < 8 output elements)".
static std::string describeMode(JacobianMode mode, bool automatic,
                                const graph::Graph &graph) {
  std::string text = mode == JacobianMode::Forward ? "forward mode, "
                                                   : "reverse mode, ";
  int64_t params = countParamElements(graph);
  int64_t outputs = countOutputElements(graph);
  int64_t calls = mode == JacobianMode::Forward ? params : outputs;
  text += std::to_string(calls) + " " + getJacobianEntry(mode) +
          (calls == 1 ? " call" : " calls");
  if (automatic)
    text += std::string(" (auto: ") + std::to_string(params) +
            " param elements " + (mode == JacobianMode::Forward ? "<" : ">=") +
            " " + std::to_string(outputs) + " output elements)";
  return text;
}

int driver::jacobianCommand(const ParsedArgs &args) {
  const CommandSpec &spec = jacobianCommandSpec();
  std::optional<uint64_t> seed = parseUnsigned(args.get(spec, "seed"));
  if (!seed)
    return reportError("jacobian",
                       "'--seed' needs a non-negative integer, got '" +
                           args.get(spec, "seed") + "'");
  if (!applyMLIROptions(args.mlirOptions))
    return 1;
  std::optional<LoadedModel> model = loadModel(args.positionals[0]);
  if (!model)
    return 1;
  const graph::Graph &graph = model->graph;
  if (graph.params.empty()) {
    std::cout << "no params: no Jacobian to compute\n";
    return 0;
  }
  bool automatic = args.get(spec, "mode") == "auto";
  JacobianMode mode = automatic ? chooseJacobianMode(graph)
                                : *parseJacobianMode(args.get(spec, "mode"));
  std::string entry = getJacobianEntry(mode);

  Buffers leaves;
  if (!loadLeaves(graph, args.get(spec, "data"), *seed, leaves))
    return 1;

  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  ModelDiagnostics diagnostics(context, *model);
  std::string error;
  std::optional<CompiledModel> compiled =
      CompiledModel::compile(context, graph, model->path, {entry}, error);
  if (!compiled)
    return error.empty() ? 1 : reportError("jacobian", error);

  std::cout << describeMode(mode, automatic, graph) << "\n";
  std::vector<Jacobian> jacobians =
      computeJacobians(*compiled, graph, leaves, mode);
  std::vector<std::string> names;
  std::vector<NpyArray> arrays;
  for (Jacobian &jacobian : jacobians) {
    std::cout << jacobian.name << ": " << summarizeArray(jacobian.values)
              << "\n";
    if (args.has("print"))
      std::cout << formatArray(jacobian.values) << "\n";
    names.push_back(jacobian.name);
    arrays.push_back(std::move(jacobian.values));
  }
  if (args.has("out") && !writeArrays(args.get(spec, "out"), names, arrays))
    return 1;
  return 0;
}

//===- CheckCommand.cpp - `adjoint check` -----------------------*- C++ -*-===//
//
// Compares the derivative entry points of a model (grad, vjp, jvp, hvp)
// with central finite differences of its forward function and gradient
// compiled in f64 (an f32 model is compiled twice), prints the largest
// error per param and exits 1 when one is over the tolerance.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "adjoint/Compiler/ModelCheck.h"
#include "adjoint/Graph/Parser.h"
#include "adjoint/InitAll.h"
#include "adjoint/Support/Arrays.h"
#include "adjoint/Support/Npy.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include <cstdio>
#include <iostream>

using namespace adjoint;
using namespace adjoint::driver;

const CommandSpec &driver::checkCommandSpec() {
  static const CommandSpec spec = {
      "check",
      "Checks MODEL's derivatives against central finite differences in "
      "f64. grad, vjp and jvp are checked against the forward function, hvp "
      "against the gradient, and jvp against vjp through <Jv,u> = <v,J^T "
      "u>. "
      "Prints the largest error per param with the metric |x-y| / max(1, "
      "|x|+|y|) and exits 1 if one is over the tolerance.",
      {"MODEL"},
      {{"tol", "T", "Largest error accepted", {}, "1e-4"},
       {"step", "H", "Finite-difference step (scaled by max(1, |x|))", {},
        "1e-6"},
       {"samples", "N", "Coordinates checked one by one per param", {}, "16"},
       {"data", "DIR", "Read inputs and params from DIR/NAME.npy", {}, ""},
       {"seed", "N", "Seed of the generated data and samples", {}, "0"}}};
  return spec;
}

/// Compiles `entries` of `graph`; std::nullopt after reporting an error.
static std::optional<CompiledModel>
compile(mlir::MLIRContext &context, const LoadedModel &model,
        const graph::Graph &graph, const std::vector<std::string> &entries) {
  std::string error;
  std::optional<CompiledModel> compiled =
      CompiledModel::compile(context, graph, model.path, entries, error);
  if (!compiled && !error.empty())
    reportError("check", error);
  return compiled;
}

/// One column of the report: the error, or "-" for an entry not checked.
static void printColumn(std::optional<double> error) {
  if (error)
    std::printf(" %11.3e", *error);
  else
    std::printf(" %11s", "-");
}

int driver::checkCommand(const ParsedArgs &args) {
  const CommandSpec &spec = checkCommandSpec();
  std::optional<double> tolerance = parsePositiveNumber(args.get(spec, "tol"));
  std::optional<double> step = parsePositiveNumber(args.get(spec, "step"));
  std::optional<uint64_t> samples = parseUnsigned(args.get(spec, "samples"));
  std::optional<uint64_t> seed = parseUnsigned(args.get(spec, "seed"));
  if (!tolerance || !step)
    return reportError("check", "'--tol' and '--step' need a positive number");
  if (!samples || *samples == 0 || *samples > (1u << 30) || !seed)
    return reportError("check", "'--samples' needs a positive integer and "
                                "'--seed' a non-negative one");
  if (!applyMLIROptions(args.mlirOptions))
    return 1;
  std::optional<LoadedModel> model = loadModel(args.positionals[0]);
  if (!model)
    return 1;
  const graph::Graph &graph = model->graph;
  if (graph.params.empty()) {
    std::cout << "no params: nothing to check\n";
    return 0;
  }
  bool scalarLoss = !graph::checkScalarLoss(graph);

  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  ModelDiagnostics diagnostics(context, *model);
  std::optional<CompiledModel> derivatives =
      compile(context, *model, graph, getCheckedEntries(graph));
  std::optional<CompiledModel> forward64 =
      derivatives
          ? compile(context, *model, widenToF64(graph),
                    getReferenceEntries(graph))
          : std::nullopt;
  if (!forward64)
    return 1;

  // The leaves, read or generated in the model's type, then widened.
  Buffers leaves;
  if (!loadLeaves(graph, args.get(spec, "data"), *seed, leaves))
    return 1;

  GradientCheckOptions options;
  options.step = *step;
  options.coordinatesPerParam = static_cast<int64_t>(*samples);
  options.seed = *seed;
  std::vector<ParamCheck> report =
      checkCompiledModel(graph, *derivatives, *forward64, leaves, options);

  if (!scalarLoss)
    std::cout << "note: the first output is not a scalar; grad and hvp are "
                 "not checked\n";
  std::printf("%-20s %11s %11s %11s %11s %11s\n", "param", "grad", "vjp",
              "jvp", "hvp", "<Jv,u>");
  double worst = 0;
  for (const ParamCheck &param : report) {
    auto ifScalarLoss = [&](double error) {
      return scalarLoss ? std::optional<double>(error) : std::nullopt;
    };
    std::printf("%-20s", param.name.c_str());
    printColumn(ifScalarLoss(param.gradError));
    printColumn(param.vjpError);
    printColumn(param.jvpError);
    printColumn(ifScalarLoss(param.hvpError));
    printColumn(param.dualityError);
    std::printf("\n");
    worst = std::max(worst, param.worst());
  }
  bool ok = worst <= *tolerance;
  std::printf("largest error %.3e %s tolerance %.3e: %s\n", worst,
              ok ? "<=" : ">", *tolerance, ok ? "ok" : "MISMATCH");
  std::fflush(stdout);
  return ok ? 0 : 1;
}

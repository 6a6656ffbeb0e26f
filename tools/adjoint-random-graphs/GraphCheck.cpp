//===- GraphCheck.cpp - Derivatives against differences ---------*- C++ -*-===//
//
// The defaults make a run of 1,000 models fail by chance with probability
// about 2e-4, not counting real bugs:
// - Kinks. relu, abs, maximum, minimum and max are not differentiable
//   where an operand crosses zero or a tie. A central difference with step
//   h straddles such a point when the operand is within about h |dv/dx| of
//   it, which for values of density <= 0.5 per unit near the kink and
//   |dv/dx| <= 2 is a chance of about 2h per perturbation. Each kink
//   element is perturbed by about 5 differences (grad and vjp, one
//   coordinate and one random direction each, and jvp's direction), so
//   about 10h per element. hvp, whose differences of the gradient would
//   measure the jump at a kink, is only checked on models without kinks.
//   Models average 9 kink elements (measured over 20,000 seeds): about
//   9e-8 per model and 9e-5 per run at h = 1e-9. Measured: one straddle in
//   400 models at h = 1e-4, i.e. 2.5e-5 per run at h = 1e-9.
// - f32 rounding. In f32 models the kink ops only see values f32 computes
//   exactly (see RandomGraph.cpp), so the f32 derivative and the f64
//   reference take the same branch; only exact ties of two distinct random
//   f32 values remain (probability about 2^-24 per pair): about 1.5e-8 per
//   element, 7e-5 per run (half the models are f32).
// - Rounding in the differences. The f64 difference quotient errs by about
//   1.1e-16 |phi| / h; the generator bounds values so |phi| stays below a
//   few hundred, i.e. at most a few 1e-5 at h = 1e-9, under the f64
//   tolerance 1e-4. Measured: the largest error over 1,000 models is
//   about 4e-6.
// - f32 conditioning. An f32 model's derivatives are computed from f32
//   intermediate values, each off by up to 6e-8 of its size; the f64
//   reference has none of that. Where a large value feeds a curved op
//   through a wide fan-in, the error grows by both: in seed
//   13737837379699804830, sin(sum of 72 terms) of a sum near 100 puts
//   about 1e-4 on every gradient, while the same model in f64 is within
//   1e-6. Hence the f32 tolerance of 1e-3: such errors are about one model
//   in a few thousand at 1e-4, while a wrong rule or a lost term is off by
//   1e-2 or more.
//
//===----------------------------------------------------------------------===//

#include "GraphCheck.h"

#include "adjoint/Graph/Parser.h"
#include "adjoint/Import/GraphToMLIR.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace adjoint;
using namespace adjoint::randomgraph;

const CheckSettings &randomgraph::defaultCheckSettings() {
  static const CheckSettings settings = {1e-9, 1e-4, 1e-3, 16};
  return settings;
}

/// The ops whose derivatives jump (kinks and ties).
static bool hasKinkOps(const graph::Graph &graph) {
  return llvm::any_of(graph.nodes, [](const graph::Node &node) {
    switch (node.kind) {
    case graph::OpKind::Relu:
    case graph::OpKind::Abs:
    case graph::OpKind::Maximum:
    case graph::OpKind::Minimum:
    case graph::OpKind::Max:
      return true;
    default:
      return false;
    }
  });
}

/// Reverse mode's entries, and forward mode's; hvp only for graphs of
/// smooth ops, since a finite difference of the gradient across a kink
/// measures its jump.
static std::vector<std::string> derivativeEntries(const graph::Graph &graph) {
  std::vector<std::string> entries = getCheckedEntries(graph);
  if (hasKinkOps(graph))
    llvm::erase(entries, "hvp");
  return entries;
}

static std::vector<CheckError>
runDerivativeChecks(const graph::Graph &graph, const CompiledModel &derivatives,
                    const CompiledModel &reference, const Buffers &leaves,
                    const GradientCheckOptions &options) {
  bool scalarLoss = !graph::checkScalarLoss(graph);
  bool smooth = !hasKinkOps(graph);
  std::vector<CheckError> errors;
  for (const ParamCheck &param :
       checkCompiledModel(graph, derivatives, reference, leaves, options)) {
    if (scalarLoss)
      errors.push_back({param.name + " grad", param.gradError});
    errors.push_back({param.name + " vjp", param.vjpError});
    errors.push_back({param.name + " jvp", param.jvpError});
    errors.push_back({param.name + " <Jv,u>", param.dualityError});
    if (scalarLoss && smooth)
      errors.push_back({param.name + " hvp", param.hvpError});
  }
  return errors;
}

const std::vector<PropertyCheck> &randomgraph::propertyChecks() {
  static const std::vector<PropertyCheck> checks = {
      {"derivatives", derivativeEntries, runDerivativeChecks}};
  return checks;
}

/// The union of the entries of every check, in order.
static std::vector<std::string> neededEntries(const graph::Graph &graph) {
  std::vector<std::string> entries;
  for (const PropertyCheck &check : propertyChecks())
    for (const std::string &entry : check.entries(graph))
      if (std::find(entries.begin(), entries.end(), entry) == entries.end())
        entries.push_back(entry);
  return entries;
}

/// The leaves of `adjoint check --seed seed`: each filled in the model's
/// type from (seed, its argument index), then widened.
static Buffers makeLeaves(const graph::Graph &graph,
                          const CompiledModel &forward64, uint64_t seed) {
  Buffers leaves;
  const EntrySignature &signature = forward64.getSignature(kForwardEntry);
  for (size_t i = 0; i < signature.arguments.size(); ++i) {
    NpyArray array = makeArray(graph.elementType, signature.arguments[i].shape);
    fillUniform(array, seed, i);
    leaves.push_back(toDoubles(array));
  }
  return leaves;
}

static std::map<std::string, int> countOps(const graph::Graph &graph) {
  std::map<std::string, int> counts;
  for (const graph::Node &node : graph.nodes)
    if (node.kind != graph::OpKind::Input &&
        node.kind != graph::OpKind::Param &&
        node.kind != graph::OpKind::Constant)
      ++counts[graph::getOpInfo(node.kind).name];
  return counts;
}

/// Compiles `graph` for `entries`; on failure, returns std::nullopt and
/// appends the diagnostics to `error`.
static std::optional<CompiledModel>
compile(mlir::MLIRContext &context, const graph::Graph &graph,
        const std::string &fileName, const std::vector<std::string> &entries,
        std::string &error) {
  llvm::raw_string_ostream os(error);
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &diag) {
    os << diag.getLocation() << ": " << diag.str() << "\n";
    return mlir::success();
  });
  std::string jitError;
  // Unoptimized code: the models are tiny, and LLVM's O2 and optimizing
  // code generation would be most of each model's compile time.
  CodegenOptions codegen;
  codegen.optimize = false;
  std::optional<CompiledModel> compiled = CompiledModel::compile(
      context, graph, fileName, entries, jitError, codegen);
  os << jitError;
  if (!compiled && error.empty())
    os << "compilation failed without a diagnostic";
  return compiled;
}

GraphResult randomgraph::checkModel(mlir::MLIRContext &context,
                                    const std::string &text,
                                    const std::string &fileName, uint64_t seed,
                                    const CheckSettings &settings) {
  GraphResult result;
  graph::Diagnostic diag;
  std::optional<graph::Graph> graph = graph::parseModel(text, fileName, diag);
  if (!graph) {
    result.outcome = Outcome::Error;
    result.detail = graph::formatDiagnostic(fileName, text, diag);
    return result;
  }
  result.opCounts = countOps(*graph);

  // An f64 model is its own f64 reference: one module serves both.
  bool wide = graph->elementType == graph::ElementType::F64;
  std::vector<std::string> entries = neededEntries(*graph);
  std::vector<std::string> referenceEntries = getReferenceEntries(*graph);
  if (wide)
    for (const std::string &entry : referenceEntries)
      if (!llvm::is_contained(entries, entry))
        entries.push_back(entry);
  std::string error;
  std::optional<CompiledModel> derivatives =
      compile(context, *graph, fileName, entries, error);
  std::optional<CompiledModel> widened;
  if (derivatives && !wide)
    widened =
        compile(context, widenToF64(*graph), fileName, referenceEntries, error);
  if (!derivatives || (!wide && !widened)) {
    result.outcome = Outcome::Error;
    result.detail = error;
    return result;
  }
  const CompiledModel *forward64 = wide ? &*derivatives : &*widened;

  GradientCheckOptions options;
  options.step = settings.step;
  options.coordinatesPerParam = settings.samples;
  options.seed = seed;
  Buffers leaves = makeLeaves(*graph, *forward64, seed);
  for (const PropertyCheck &check : propertyChecks())
    for (const CheckError &checkError :
         check.run(*graph, *derivatives, *forward64, leaves, options))
      if (checkError.error > result.worstError) {
        result.worstError = checkError.error;
        result.detail = std::string(check.name) + ": " + checkError.label;
      }
  result.tolerance = settings.toleranceFor(!wide);
  if (result.worstError > result.tolerance)
    result.outcome = Outcome::Mismatch;
  return result;
}

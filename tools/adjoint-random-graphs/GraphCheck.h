//===- GraphCheck.h - A model's derivatives against differences -*- C++ -*-===//
//
// Parses a model text, compiles the entry points its property checks need
// (and the f64 forward function), generates its leaves from a seed as
// `adjoint check --seed` does, and runs every property check: today one,
// of every derivative entry point (grad, vjp, jvp, <Jv,u> and, for models
// without kink ops, hvp), as `adjoint check` does.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_TOOLS_GRAPHCHECK_H
#define ADJOINT_TOOLS_GRAPHCHECK_H

#include "adjoint/Compiler/ModelCheck.h"

#include <map>
#include <string>
#include <vector>

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace adjoint::randomgraph {

/// How every model is checked. The defaults are the property test's; see
/// GraphCheck.cpp for why they make a failing run unlikely.
struct CheckSettings {
  double step;
  /// Largest error accepted in an f64 model.
  double tolerance;
  /// Largest error accepted in an f32 model, whose intermediate values
  /// carry f32 rounding that the f64 reference does not.
  double f32Tolerance;
  int64_t samples;

  double toleranceFor(bool f32) const { return f32 ? f32Tolerance : tolerance; }
};
const CheckSettings &defaultCheckSettings();

/// One error of a check: what was compared ("w1 grad") and how far off.
struct CheckError {
  std::string label;
  double error = 0;
};

/// A derivative property checked on every model: the entry points it needs
/// and its errors at the given leaves (inputs then params, in f64).
struct PropertyCheck {
  const char *name;
  std::vector<std::string> (*entries)(const graph::Graph &graph);
  std::vector<CheckError> (*run)(const graph::Graph &graph,
                                 const CompiledModel &derivatives,
                                 const CompiledModel &forward64,
                                 const Buffers &leaves,
                                 const GradientCheckOptions &options);
};

/// The checks run on every model, in order.
const std::vector<PropertyCheck> &propertyChecks();

enum class Outcome { Pass, Mismatch, Error };

struct GraphResult {
  Outcome outcome = Outcome::Pass;
  /// The largest error and its label ("reverse: w1 grad"), or, for an
  /// Error, why the model did not parse or compile.
  double worstError = 0;
  /// The tolerance the model was held to (by its element type).
  double tolerance = 0;
  std::string detail;
  /// Nodes of each op (by its format name) in the parsed graph.
  std::map<std::string, int> opCounts;
};

/// Checks the model `text` with leaves and samples drawn from `seed`.
/// `fileName` names the model in diagnostics.
GraphResult checkModel(mlir::MLIRContext &context, const std::string &text,
                       const std::string &fileName, uint64_t seed,
                       const CheckSettings &settings);

} // namespace adjoint::randomgraph

#endif // ADJOINT_TOOLS_GRAPHCHECK_H

//===- ModelCheck.h - A compiled model against finite differences -*- C++ -*-===//
//
// Connects GradientCheck to compiled code: the derivative entry points of
// a model (compiled in its own element type) are checked against finite
// differences of its forward function (and, for hvp, of its gradient)
// compiled in f64. `adjoint check`,
// the random-graph property test and the unit tests share it.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_COMPILER_MODELCHECK_H
#define ADJOINT_COMPILER_MODELCHECK_H

#include "adjoint/Compiler/CompiledModel.h"
#include "adjoint/Compiler/GradientCheck.h"

namespace adjoint {

/// The derivative entries that can be checked for `graph`: `vjp` and `jvp`,
/// and `grad` and `hvp` when the first output is a scalar.
std::vector<std::string> getCheckedEntries(const graph::Graph &graph);

/// The entries the reference needs, compiled from widenToF64(graph):
/// `forward`, and `grad` when the first output is a scalar.
std::vector<std::string> getReferenceEntries(const graph::Graph &graph);

/// `graph` with every value in f64: the model the finite differences use.
graph::Graph widenToF64(const graph::Graph &graph);

/// Checks the entries of getCheckedEntries(graph) compiled in `derivatives`
/// against `reference`, compiled from widenToF64(graph) with
/// getReferenceEntries(graph), at `leaves` (inputs then params, in
/// declaration order). An entry `derivatives` lacks is not checked.
std::vector<ParamCheck> checkCompiledModel(const graph::Graph &graph,
                                           const CompiledModel &derivatives,
                                           const CompiledModel &reference,
                                           const Buffers &leaves,
                                           const GradientCheckOptions &options);

} // namespace adjoint

#endif // ADJOINT_COMPILER_MODELCHECK_H

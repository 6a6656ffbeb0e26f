//===- Jacobian.h - Full Jacobians from jvp or vjp --------------*- C++ -*-===//
//
// The Jacobian of every output with respect to every param, built column
// by column with `jvp` (forward mode: one call per param element) or row by
// row with `vjp` (reverse mode: one call per output element).
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_COMPILER_JACOBIAN_H
#define ADJOINT_COMPILER_JACOBIAN_H

#include "adjoint/Compiler/CompiledModel.h"

#include <optional>
#include <string>
#include <vector>

namespace adjoint {

enum class JacobianMode { Forward, Reverse };

/// Parses "forward" and "reverse".
std::optional<JacobianMode> parseJacobianMode(const std::string &name);

/// The cheaper mode: forward when the params have fewer elements in total
/// than the outputs (one jvp per param element against one vjp per output
/// element), else reverse.
JacobianMode chooseJacobianMode(const graph::Graph &graph);

/// Total elements of the params and of the outputs.
int64_t countParamElements(const graph::Graph &graph);
int64_t countOutputElements(const graph::Graph &graph);

/// The entry point `mode` calls: "jvp" or "vjp".
const char *getJacobianEntry(JacobianMode mode);

/// d OUTPUT / d PARAM, of shape OUTPUT's shape + PARAM's shape.
struct Jacobian {
  /// "OUTPUT.PARAM.jacobian", the driver's file name stem.
  std::string name;
  NpyArray values;
};

/// One Jacobian per output and param, output-major, at `leaves` (inputs
/// then params), in the model's element type. `model` must hold the entry
/// getJacobianEntry(mode).
std::vector<Jacobian> computeJacobians(const CompiledModel &model,
                                       const graph::Graph &graph,
                                       const Buffers &leaves,
                                       JacobianMode mode);

} // namespace adjoint

#endif // ADJOINT_COMPILER_JACOBIAN_H

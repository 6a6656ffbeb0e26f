//===- ModelCheck.cpp - A compiled model against finite differences -*- C++ -*-===//
//
// Wraps compiled entry points as the double-buffer callables GradientCheck
// takes; `grad`'s first result (the loss) and `jvp`'s outputs are dropped.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/ModelCheck.h"

#include "adjoint/Graph/Parser.h"
#include "adjoint/Import/GraphToMLIR.h"

using namespace adjoint;

std::vector<std::string>
adjoint::getCheckedEntries(const graph::Graph &graph) {
  std::vector<std::string> entries = {"vjp", "jvp"};
  if (!graph::checkScalarLoss(graph)) {
    entries.push_back("grad");
    entries.push_back("hvp");
  }
  return entries;
}

std::vector<std::string>
adjoint::getReferenceEntries(const graph::Graph &graph) {
  std::vector<std::string> entries = {kForwardEntry};
  if (!graph::checkScalarLoss(graph))
    entries.push_back("grad");
  return entries;
}

/// `values` without its first `count` buffers.
static Buffers dropFirst(Buffers values, size_t count) {
  values.erase(values.begin(), values.begin() + count);
  return values;
}

/// `leaves` followed by `extra`: the arguments of vjp, jvp and hvp.
static Buffers concat(const Buffers &leaves, const Buffers &extra) {
  Buffers arguments = leaves;
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return arguments;
}

graph::Graph adjoint::widenToF64(const graph::Graph &graph) {
  graph::Graph wide = graph;
  wide.elementType = graph::ElementType::F64;
  return wide;
}

std::vector<ParamCheck>
adjoint::checkCompiledModel(const graph::Graph &graph,
                            const CompiledModel &derivatives,
                            const CompiledModel &reference,
                            const Buffers &leaves,
                            const GradientCheckOptions &options) {
  CheckedEntries checked;
  checked.numInputs = graph.inputs.size();
  for (graph::NodeId id : graph.params)
    checked.paramNames.push_back(graph.node(id).name);
  checked.forward64 = [&](const Buffers &x) {
    return reference.call(kForwardEntry, x);
  };
  if (reference.hasEntry("grad"))
    checked.grad64 = [&](const Buffers &x) {
      return dropFirst(reference.call("grad", x), 1);
    };
  if (derivatives.hasEntry("grad"))
    checked.grad = [&](const Buffers &x) {
      return dropFirst(derivatives.call("grad", x), 1);
    };
  if (derivatives.hasEntry("vjp"))
    checked.vjp = [&](const Buffers &x, const Buffers &cotangents) {
      return derivatives.call("vjp", concat(x, cotangents));
    };
  if (derivatives.hasEntry("jvp"))
    checked.jvp = [&](const Buffers &x, const Buffers &tangents) {
      return dropFirst(derivatives.call("jvp", concat(x, tangents)),
                       graph.outputs.size());
    };
  if (derivatives.hasEntry("hvp"))
    checked.hvp = [&](const Buffers &x, const Buffers &vectors) {
      return derivatives.call("hvp", concat(x, vectors));
    };
  return checkGradients(checked, leaves, options);
}

//===- ModelCheck.cpp - A compiled model against finite differences -*- C++ -*-===//
//
// Wraps compiled entry points as the double-buffer callables GradientCheck
// takes; `grad`'s first result (the loss) is dropped.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/ModelCheck.h"

#include "adjoint/Graph/Parser.h"
#include "adjoint/Import/GraphToMLIR.h"

using namespace adjoint;

std::vector<std::string>
adjoint::getCheckedEntries(const graph::Graph &graph) {
  std::vector<std::string> entries = {"vjp"};
  if (!graph::checkScalarLoss(graph))
    entries.push_back("grad");
  return entries;
}

graph::Graph adjoint::widenToF64(const graph::Graph &graph) {
  graph::Graph wide = graph;
  wide.elementType = graph::ElementType::F64;
  return wide;
}

std::vector<ParamCheck>
adjoint::checkCompiledModel(const graph::Graph &graph,
                            const CompiledModel &derivatives,
                            const CompiledModel &forward64,
                            const Buffers &leaves,
                            const GradientCheckOptions &options) {
  CheckedEntries checked;
  checked.numInputs = graph.inputs.size();
  for (graph::NodeId id : graph.params)
    checked.paramNames.push_back(graph.node(id).name);
  checked.forward64 = [&](const Buffers &x) {
    return forward64.call(kForwardEntry, x);
  };
  if (!graph::checkScalarLoss(graph))
    checked.grad = [&](const Buffers &x) {
      Buffers results = derivatives.call("grad", x);
      results.erase(results.begin()); // the loss
      return results;
    };
  checked.vjp = [&](const Buffers &x, const Buffers &cotangents) {
    Buffers arguments = x;
    arguments.insert(arguments.end(), cotangents.begin(), cotangents.end());
    return derivatives.call("vjp", arguments);
  };
  return checkGradients(checked, leaves, options);
}

//===- Jacobian.cpp - Full Jacobians from jvp or vjp ------------*- C++ -*-===//
//
// A Jacobian block J[o][p] is kept as doubles in row-major order of its
// shape (output shape + param shape): element (i, j) is at i * |p| + j.
// Forward mode fills column j of every block of param p from one jvp along
// the unit tangent e_j; reverse mode fills row i of every block of output
// o from one vjp with the unit cotangent e_i.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/Jacobian.h"

using namespace adjoint;

std::optional<JacobianMode>
adjoint::parseJacobianMode(const std::string &name) {
  if (name == "forward")
    return JacobianMode::Forward;
  if (name == "reverse")
    return JacobianMode::Reverse;
  return std::nullopt;
}

int64_t adjoint::countParamElements(const graph::Graph &graph) {
  int64_t count = 0;
  for (graph::NodeId id : graph.params)
    count += graph::numElements(graph.node(id).shape);
  return count;
}

int64_t adjoint::countOutputElements(const graph::Graph &graph) {
  int64_t count = 0;
  for (graph::NodeId id : graph.outputs)
    count += graph::numElements(graph.node(id).shape);
  return count;
}

JacobianMode adjoint::chooseJacobianMode(const graph::Graph &graph) {
  return countParamElements(graph) < countOutputElements(graph)
             ? JacobianMode::Forward
             : JacobianMode::Reverse;
}

const char *adjoint::getJacobianEntry(JacobianMode mode) {
  return mode == JacobianMode::Forward ? "jvp" : "vjp";
}

/// Zeros shaped like the buffers of `shapes`.
static Buffers zerosOf(const std::vector<graph::Shape> &shapes) {
  Buffers zeros;
  for (const graph::Shape &shape : shapes)
    zeros.emplace_back(static_cast<size_t>(graph::numElements(shape)), 0.0);
  return zeros;
}

/// `leaves` followed by `extra`.
static Buffers append(Buffers leaves, const Buffers &extra) {
  leaves.insert(leaves.end(), extra.begin(), extra.end());
  return leaves;
}

std::vector<Jacobian> adjoint::computeJacobians(const CompiledModel &model,
                                                const graph::Graph &graph,
                                                const Buffers &leaves,
                                                JacobianMode mode) {
  std::vector<graph::Shape> paramShapes, outputShapes;
  for (graph::NodeId id : graph.params)
    paramShapes.push_back(graph.node(id).shape);
  for (graph::NodeId id : graph.outputs)
    outputShapes.push_back(graph.node(id).shape);
  size_t numOutputs = outputShapes.size(), numParams = paramShapes.size();
  // blocks[o * numParams + p] = d output o / d param p.
  std::vector<std::vector<double>> blocks;
  for (const graph::Shape &output : outputShapes)
    for (const graph::Shape &param : paramShapes)
      blocks.emplace_back(static_cast<size_t>(graph::numElements(output) *
                                              graph::numElements(param)),
                          0.0);

  if (mode == JacobianMode::Forward) {
    Buffers tangents = zerosOf(paramShapes);
    for (size_t p = 0; p < numParams; ++p) {
      size_t width = tangents[p].size();
      for (size_t j = 0; j < width; ++j) {
        tangents[p][j] = 1.0;
        Buffers results = model.call("jvp", append(leaves, tangents));
        tangents[p][j] = 0.0;
        for (size_t o = 0; o < numOutputs; ++o) {
          const std::vector<double> &column = results[numOutputs + o];
          for (size_t i = 0; i < column.size(); ++i)
            blocks[o * numParams + p][i * width + j] = column[i];
        }
      }
    }
  } else {
    Buffers cotangents = zerosOf(outputShapes);
    for (size_t o = 0; o < numOutputs; ++o) {
      for (size_t i = 0; i < cotangents[o].size(); ++i) {
        cotangents[o][i] = 1.0;
        Buffers rows = model.call("vjp", append(leaves, cotangents));
        cotangents[o][i] = 0.0;
        for (size_t p = 0; p < numParams; ++p)
          std::copy(rows[p].begin(), rows[p].end(),
                    blocks[o * numParams + p].begin() + i * rows[p].size());
      }
    }
  }

  std::vector<Jacobian> jacobians;
  for (size_t o = 0; o < numOutputs; ++o) {
    for (size_t p = 0; p < numParams; ++p) {
      graph::Shape shape = outputShapes[o];
      shape.insert(shape.end(), paramShapes[p].begin(), paramShapes[p].end());
      jacobians.push_back(
          {graph.outputNames[o] + "." + graph.node(graph.params[p]).name +
               ".jacobian",
           fromDoubles(graph.elementType, shape, blocks[o * numParams + p])});
    }
  }
  return jacobians;
}

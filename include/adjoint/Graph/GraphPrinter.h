//===- GraphPrinter.h - Readable dump of a Graph ----------------*- C++ -*-===//
//
// Prints a Graph one node per line, as `adjoint emit MODEL --stage=graph`
// shows it. The format is stable for tests:
//
//   model mlp : f32
//   %0 = input x : [64, 784]  # 4:7
//   %4 = matmul(%0, %2) : [64, 256]  # 10:15
//   %5 h = tanh(%4) : [64, 256]  # 10:10
//   %7 = sum(%6, axis=[1], keepdims=false) : [64]  # 12:15
//   %9 = constant 2 : []  # 12:30
//   output %12 (loss)
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_GRAPH_GRAPHPRINTER_H
#define ADJOINT_GRAPH_GRAPHPRINTER_H

#include "adjoint/Graph/Graph.h"

#include <ostream>
#include <string>

namespace adjoint::graph {

/// Writes the dump of `graph` to `os`.
void printGraph(const Graph &graph, std::ostream &os);

/// The dump of `graph` as a string.
std::string printGraphToString(const Graph &graph);

/// The shortest decimal text that reads back as `value` ("2", "0.1",
/// "1e-30").
std::string formatNumber(double value);

} // namespace adjoint::graph

#endif // ADJOINT_GRAPH_GRAPHPRINTER_H

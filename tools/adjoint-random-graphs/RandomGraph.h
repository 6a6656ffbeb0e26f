//===- RandomGraph.h - Random well-typed model files ------------*- C++ -*-===//
//
// Generates, from a 64-bit seed, the text of a random well-typed model file
// over every op of the format: broadcasting, reductions with axes lists,
// negative axes and keepdims, every matmul form, transpose, reshape,
// broadcast, slice and concat, sometimes nested. Values stay moderate and
// every op stays in its smooth domain, so finite differences are a fair
// oracle. The property tests of derivatives are built on it.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_TOOLS_RANDOMGRAPH_H
#define ADJOINT_TOOLS_RANDOMGRAPH_H

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace adjoint::randomgraph {

/// A generated model. Its first output is a scalar loss that depends on
/// every statement; sometimes more outputs follow.
struct RandomModel {
  uint64_t seed = 0;
  std::string text;
  /// The shape and syntax patterns the text exercises (see allPatterns()).
  std::set<std::string> patterns;
};

/// The model of `seed`; the same seed gives the same text on every
/// platform.
RandomModel generateModel(uint64_t seed);

/// Every pattern generateModel reports, for coverage summaries and tests.
const std::vector<std::string> &allPatterns();

} // namespace adjoint::randomgraph

#endif // ADJOINT_TOOLS_RANDOMGRAPH_H

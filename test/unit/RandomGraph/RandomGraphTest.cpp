//===- RandomGraphTest.cpp - Tests of the model generator -------*- C++ -*-===//
//
// The generator of the random-graph property test: one text per seed, and
// every text a well-typed model whose first output is a scalar loss, with
// every op of the format and every pattern appearing across seeds.
//
//===----------------------------------------------------------------------===//

#include "RandomGraph.h"

#include "adjoint/Graph/Parser.h"

#include <gtest/gtest.h>

#include <map>

using namespace adjoint;
using namespace adjoint::randomgraph;

namespace {
constexpr uint64_t kSeeds = 2000;

TEST(RandomGraph, SameSeedSameModel) {
  for (uint64_t seed : {0ULL, 1ULL, 42ULL, ~0ULL}) {
    RandomModel first = generateModel(seed);
    RandomModel second = generateModel(seed);
    EXPECT_EQ(first.text, second.text);
    EXPECT_EQ(first.patterns, second.patterns);
    EXPECT_EQ(first.seed, seed);
  }
  EXPECT_NE(generateModel(1).text, generateModel(2).text);
}

TEST(RandomGraph, EveryModelParsesWithAScalarLossAndParams) {
  for (uint64_t seed = 0; seed < kSeeds; ++seed) {
    RandomModel model = generateModel(seed);
    graph::Diagnostic diag;
    std::optional<graph::Graph> graph =
        graph::parseModel(model.text, "rg.adj", diag);
    ASSERT_TRUE(graph) << graph::formatDiagnostic("rg.adj", model.text, diag);
    EXPECT_FALSE(graph::checkScalarLoss(*graph)) << model.text;
    EXPECT_FALSE(graph->params.empty()) << model.text;
    EXPECT_EQ(graph->outputNames.front(), "loss") << model.text;
  }
}

TEST(RandomGraph, EveryOpAndPatternAppears) {
  std::map<graph::OpKind, int> ops;
  std::map<std::string, int> patterns;
  for (uint64_t seed = 0; seed < kSeeds; ++seed) {
    RandomModel model = generateModel(seed);
    graph::Diagnostic diag;
    std::optional<graph::Graph> graph =
        graph::parseModel(model.text, "rg.adj", diag);
    ASSERT_TRUE(graph);
    for (const graph::Node &node : graph->nodes)
      ++ops[node.kind];
    for (const std::string &pattern : model.patterns)
      ++patterns[pattern];
  }
  for (int kind = static_cast<int>(graph::OpKind::Input);
       kind <= static_cast<int>(graph::OpKind::Concat); ++kind)
    EXPECT_GT(ops[static_cast<graph::OpKind>(kind)], 0)
        << graph::getOpInfo(static_cast<graph::OpKind>(kind)).name;
  for (const std::string &pattern : allPatterns())
    EXPECT_GT(patterns[pattern], 0) << pattern;
  EXPECT_EQ(patterns.size(), allPatterns().size()) << "unlisted pattern";
}
} // namespace

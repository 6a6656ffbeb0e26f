//===- RematTest.cpp - What adj-remat keeps and recomputes -------*- C++ -*-===//
//
// Counts worked out by hand for chains of tanh layers, whose rule reads
// each layer's result: parsing the mode names, and the kept and recomputed
// values of @grad under each mode, through the same derivatives pipeline
// as the driver.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/Pipeline.h"
#include "adjoint/Dialect/Adj/Transforms/Remat.h"
#include "adjoint/Import/GraphToMLIR.h"
#include "adjoint/InitAll.h"
#include "adjoint/Graph/Parser.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

using namespace adjoint;
using namespace mlir;

namespace {
/// `layers` layers y_i = tanh(y_{i-1}), y_0 = x : f32[16], loss sum(y_n).
std::string tanhChain(int layers) {
  std::string text = "model chain\nparam x : f32[16]\ny0 = x * 1.0\n";
  for (int i = 1; i <= layers; ++i)
    text += "y" + std::to_string(i) + " = tanh(y" + std::to_string(i - 1) +
            ")\n";
  return text + "loss = sum(y" + std::to_string(layers) + ")\noutput loss\n";
}

class RematTest : public ::testing::Test {
protected:
  RematTest() : context(makeRegistry()) {}

  static DialectRegistry makeRegistry() {
    DialectRegistry registry;
    registerAllDialects(registry);
    return registry;
  }

  /// What @grad of `model` keeps and recomputes under `mode`.
  adj::ReverseSweepMemory buildGrad(const std::string &model,
                                    adj::RematMode mode) {
    graph::Diagnostic diag;
    std::optional<graph::Graph> graph =
        graph::parseModel(model, "chain.adj", diag);
    EXPECT_TRUE(graph) << diag.message;
    module = importGraph(context, *graph, "chain.adj");
    DerivativeEntries entries;
    entries.grad = true;
    EXPECT_TRUE(succeeded(buildDerivatives(*module, entries, mode)));
    return adj::getReverseSweepMemory(
        module->lookupSymbol<func::FuncOp>("grad"));
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

TEST(RematModeTest, NamesRoundTrip) {
  for (adj::RematMode mode :
       {adj::RematMode::None, adj::RematMode::Cheap, adj::RematMode::Auto})
    EXPECT_EQ(adj::parseRematMode(adj::getRematModeName(mode)), mode);
  EXPECT_FALSE(adj::parseRematMode("sometimes"));
  EXPECT_FALSE(adj::parseRematMode(""));
}

TEST_F(RematTest, NoneKeepsEveryLayer) {
  // y1..y50 are read by their own rules (y0 = x * 1.0 only by mul's rule
  // for x's cotangent, which reads the constant 1.0, not y0).
  adj::ReverseSweepMemory memory =
      buildGrad(tanhChain(50), adj::RematMode::None);
  EXPECT_EQ(memory.kept.size(), 51u); // y1..y50 and the constant 1.0
  EXPECT_TRUE(memory.recomputed.empty());
}

TEST_F(RematTest, CheapRecomputesEveryOtherLayer) {
  // In forward order: y1 reads y0, not kept: kept. y2 reads y1, kept:
  // recomputed. y3 reads y2, no longer kept: kept; and so on. Of 50
  // layers, the 25 even ones are recomputed, the 25 odd ones kept.
  adj::ReverseSweepMemory memory =
      buildGrad(tanhChain(50), adj::RematMode::Cheap);
  EXPECT_EQ(memory.kept.size(), 26u); // 25 layers and the constant
  EXPECT_EQ(memory.recomputed.size(), 25u);
}

TEST_F(RematTest, AutoKeepsCheckpointsOnly) {
  // 50 candidates, a checkpoint every ceil(sqrt(50)) = 8: y8, y16, ...,
  // y48 (6 of them). The runs y1..y7 (from y0, which is recomputed too as
  // x * 1.0: 8 ops for 7 values), y9..y15, ..., y41..y47 and y49..y50 are
  // recomputed: 7 * 6 + 2 = 44 layers plus y0 in the first run. The cheap
  // step then leaves the checkpoints alone: copies read each of them.
  adj::ReverseSweepMemory memory =
      buildGrad(tanhChain(50), adj::RematMode::Auto);
  EXPECT_EQ(memory.kept.size(), 7u); // 6 checkpoints and the constant
  EXPECT_EQ(memory.recomputed.size(), 45u);
}
} // namespace

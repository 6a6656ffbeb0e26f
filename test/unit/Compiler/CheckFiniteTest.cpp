//===- CheckFiniteTest.cpp - The first non-finite value ----------*- C++ -*-===//
//
// findFirstNonFinite on small models whose values are worked out by hand:
// the first op in the body's order whose value is not finite, its element
// and value, and the provenance of a derivative op; nothing for a model
// whose values are all finite.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/CheckFinite.h"
#include "adjoint/Graph/Parser.h"
#include "adjoint/InitAll.h"
#include "adjoint/Support/Arrays.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace adjoint;

namespace {
class CheckFiniteTest : public ::testing::Test {
protected:
  CheckFiniteTest() : context(makeRegistry()) {}

  static mlir::DialectRegistry makeRegistry() {
    mlir::DialectRegistry registry;
    registerAllDialects(registry);
    return registry;
  }

  /// Runs `entry` of `model` with x = `x` (f32[3]).
  std::optional<NonFiniteValue> check(const char *model,
                                      const std::string &entry,
                                      std::vector<double> x) {
    graph::Diagnostic diag;
    std::optional<graph::Graph> graph = graph::parseModel(model, "m.adj", diag);
    EXPECT_TRUE(graph) << diag.message;
    std::vector<NpyArray> arguments = {
        fromDoubles(graph::ElementType::F32, {3}, x)};
    std::string error;
    bool compileFailed = true;
    std::optional<NonFiniteValue> found =
        findFirstNonFinite(context, *graph, "m.adj", entry, arguments, {},
                           error, compileFailed);
    EXPECT_FALSE(compileFailed) << error;
    return found;
  }

  mlir::MLIRContext context;
};

constexpr const char *kLog = R"(
model m
param x : f32[3]
loss = sum(exp(log(x)))
output loss
)";

TEST_F(CheckFiniteTest, FirstNonFiniteForwardOp) {
  // log(-1) = NaN at element 1; exp(NaN) after it is NaN too, but log
  // comes first.
  std::optional<NonFiniteValue> found = check(kLog, "forward", {1, -1, 2});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->opName, "log");
  EXPECT_EQ(found->index, 1);
  EXPECT_TRUE(std::isnan(found->value));
  auto loc = llvm::dyn_cast<mlir::FileLineColLoc>(found->loc);
  ASSERT_TRUE(loc);
  EXPECT_EQ(loc.getLine(), 4u);
}

TEST_F(CheckFiniteTest, AllFinite) {
  EXPECT_FALSE(check(kLog, "forward", {1, 2, 3}));
  EXPECT_FALSE(check(kLog, "grad", {1, 2, 3}));
}

TEST_F(CheckFiniteTest, DerivativeOpHasItsRuleMarker) {
  // sqrt(x * 0) = 0 is finite; its VJP g / (2 * 0) = +inf is the first
  // value that is not, at element 0.
  std::optional<NonFiniteValue> found = check(R"(
model m
param x : f32[3]
loss = sum(sqrt(x * 0.0))
output loss
)",
                                              "grad", {1, 2, 3});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->opName, "div");
  EXPECT_EQ(found->index, 0);
  EXPECT_EQ(found->value, INFINITY);
  auto fused = llvm::dyn_cast<mlir::FusedLoc>(found->loc);
  ASSERT_TRUE(fused);
  EXPECT_EQ(llvm::cast<mlir::StringAttr>(fused.getMetadata()).getValue(),
            "adj.vjp");
}
} // namespace

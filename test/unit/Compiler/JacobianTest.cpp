//===- JacobianTest.cpp - Tests of full Jacobians ---------------*- C++ -*-===//
//
// The mode choice, and Jacobians in both modes against a closed form:
// y = a * x + b * x^2 (elementwise over 4 points) with scalar params a, b
// has dy/da = x and dy/db = x^2; the loss L = sum(y) has dL/da = sum(x).
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/Jacobian.h"

#include "adjoint/Graph/Parser.h"
#include "adjoint/Import/GraphToMLIR.h"
#include "adjoint/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

using namespace adjoint;

namespace {
constexpr const char *kCurve = R"(
model curve
input x : f64[4]
param a : f64
param b : f64
y = a * x + b * x * x
L = sum(y)
output L, y
)";

graph::Graph parse(const char *source) {
  graph::Diagnostic diag;
  std::optional<graph::Graph> graph = graph::parseModel(source, "m.adj", diag);
  EXPECT_TRUE(graph) << diag.message;
  return graph ? *graph : graph::Graph();
}

TEST(JacobianModeTest, ForwardWhenParamsHaveFewerElements) {
  graph::Graph curve = parse(kCurve);
  EXPECT_EQ(countParamElements(curve), 2);
  EXPECT_EQ(countOutputElements(curve), 5);
  EXPECT_EQ(chooseJacobianMode(curve), JacobianMode::Forward);
  EXPECT_STREQ(getJacobianEntry(JacobianMode::Forward), "jvp");

  // Equal counts (3 and 3) go to reverse mode.
  graph::Graph square = parse("input x : f64[3]\nparam w : f64[3]\n"
                              "y = x * w\noutput y\n");
  EXPECT_EQ(chooseJacobianMode(square), JacobianMode::Reverse);
  EXPECT_STREQ(getJacobianEntry(JacobianMode::Reverse), "vjp");
}

TEST(JacobianModeTest, ParsesModeNames) {
  EXPECT_EQ(parseJacobianMode("forward"), JacobianMode::Forward);
  EXPECT_EQ(parseJacobianMode("reverse"), JacobianMode::Reverse);
  EXPECT_EQ(parseJacobianMode("auto"), std::nullopt);
}

class JacobianTest : public ::testing::TestWithParam<JacobianMode> {};

TEST_P(JacobianTest, MatchesClosedForm) {
  graph::Graph graph = parse(kCurve);
  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  std::string error;
  std::optional<CompiledModel> model = CompiledModel::compile(
      context, graph, "curve.adj", {getJacobianEntry(GetParam())}, error);
  ASSERT_TRUE(model) << error;

  std::vector<double> x = {0.5, -1.0, 2.0, 3.0};
  std::vector<Jacobian> jacobians =
      computeJacobians(*model, graph, {x, {0.7}, {-0.2}}, GetParam());
  ASSERT_EQ(jacobians.size(), 4u);
  EXPECT_EQ(jacobians[0].name, "L.a.jacobian");
  EXPECT_EQ(jacobians[3].name, "y.b.jacobian");
  // Shapes: output shape + param shape, scalars contributing nothing.
  EXPECT_EQ(jacobians[0].values.shape, graph::Shape{});
  EXPECT_EQ(jacobians[2].values.shape, graph::Shape{4});

  double sumX = 0, sumX2 = 0;
  for (double value : x) {
    sumX += value;
    sumX2 += value * value;
  }
  EXPECT_DOUBLE_EQ(toDoubles(jacobians[0].values)[0], sumX);
  EXPECT_DOUBLE_EQ(toDoubles(jacobians[1].values)[0], sumX2);
  std::vector<double> dyda = toDoubles(jacobians[2].values);
  std::vector<double> dydb = toDoubles(jacobians[3].values);
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_DOUBLE_EQ(dyda[i], x[i]);
    EXPECT_DOUBLE_EQ(dydb[i], x[i] * x[i]);
  }
}

INSTANTIATE_TEST_SUITE_P(BothModes, JacobianTest,
                         ::testing::Values(JacobianMode::Forward,
                                           JacobianMode::Reverse));
} // namespace

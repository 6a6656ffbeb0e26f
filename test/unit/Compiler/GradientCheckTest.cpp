//===- GradientCheckTest.cpp - Tests of the gradient checker ----*- C++ -*-===//
//
// The checker against hand-derived gradients: it passes a right gradient
// and catches a wrong one, for grad and vjp, on one coordinate or many.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/GradientCheck.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace adjoint;

namespace {
/// f(x, t) = x * t^2 elementwise (one output); the loss is its sum. The
/// true gradient of the loss wrt t is 2 x t; `factor` replaces the 2.
CheckedEntries makeEntries(double factor) {
  CheckedEntries entries;
  entries.numInputs = 1;
  entries.paramNames = {"t"};
  entries.forward64 = [](const Buffers &leaves) {
    std::vector<double> out(leaves[0].size());
    for (size_t i = 0; i < out.size(); ++i)
      out[i] = leaves[0][i] * leaves[1][i] * leaves[1][i];
    return Buffers{out};
  };
  // The "loss" is the first element of the first output, so give it its
  // own function: sum of f.
  auto sumForward = entries.forward64;
  entries.forward64 = [sumForward](const Buffers &leaves) {
    Buffers outputs = sumForward(leaves);
    double sum = 0;
    for (double value : outputs[0])
      sum += value;
    return Buffers{{sum}, outputs[0]};
  };
  entries.grad = [factor](const Buffers &leaves) {
    std::vector<double> g(leaves[1].size());
    for (size_t i = 0; i < g.size(); ++i)
      g[i] = factor * leaves[0][i] * leaves[1][i];
    return Buffers{g};
  };
  entries.vjp = [factor](const Buffers &leaves, const Buffers &cotangents) {
    // d/dt of u0 * sum(f) + <u1, f> = (u0 + u1) * factor * x * t.
    std::vector<double> g(leaves[1].size());
    for (size_t i = 0; i < g.size(); ++i)
      g[i] = (cotangents[0][0] + cotangents[1][i]) * factor * leaves[0][i] *
             leaves[1][i];
    return Buffers{g};
  };
  return entries;
}

Buffers makeLeaves(size_t size) {
  Buffers leaves(2, std::vector<double>(size));
  for (size_t i = 0; i < size; ++i) {
    // Values of order one, as a model's leaves are.
    leaves[0][i] = 0.5 + 0.1 * static_cast<double>(i % 10);
    leaves[1][i] = -1.0 + 0.3 * static_cast<double>(i % 7);
  }
  return leaves;
}
} // namespace

TEST(CheckErrorTest, Metric) {
  EXPECT_EQ(checkError(2.0, 2.0), 0.0);
  EXPECT_DOUBLE_EQ(checkError(0.0, 0.5), 0.5);       // max(1, 0.5) = 1
  EXPECT_DOUBLE_EQ(checkError(10.0, 12.0), 2.0 / 22.0);
  EXPECT_TRUE(std::isinf(checkError(NAN, 1.0)));
  EXPECT_EQ(checkError(NAN, NAN), 0.0);
}

TEST(GradientCheckTest, RightGradientPasses) {
  std::vector<ParamCheck> report =
      checkGradients(makeEntries(2.0), makeLeaves(5), {});
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0].name, "t");
  EXPECT_LT(report[0].gradError, 1e-7);
  EXPECT_LT(report[0].vjpError, 1e-7);
}

TEST(GradientCheckTest, WrongGradientIsCaught) {
  std::vector<ParamCheck> report =
      checkGradients(makeEntries(3.0), makeLeaves(5), {});
  EXPECT_GT(report[0].gradError, 0.1);
  EXPECT_GT(report[0].vjpError, 0.1);
}

TEST(GradientCheckTest, SampledCoordinatesAndDirectionOnLargeParams) {
  GradientCheckOptions options;
  options.coordinatesPerParam = 4;
  EXPECT_LT(checkGradients(makeEntries(2.0), makeLeaves(200), options)[0]
                .gradError,
            1e-7);
  // A gradient wrong in one coordinate only is still caught: the largest
  // gradient entry is always among the sampled coordinates.
  CheckedEntries entries = makeEntries(2.0);
  auto right = entries.grad;
  entries.grad = [right](const Buffers &leaves) {
    Buffers g = right(leaves);
    g[0][137] += 50.0;
    return g;
  };
  entries.vjp = nullptr;
  EXPECT_GT(checkGradients(entries, makeLeaves(200), options)[0].gradError,
            1e-3);
}

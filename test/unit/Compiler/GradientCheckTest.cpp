//===- GradientCheckTest.cpp - Tests of the gradient checker ----*- C++ -*-===//
//
// The checker against hand-derived derivatives: it passes right ones and
// catches wrong ones, for grad and vjp (on one coordinate or many), jvp,
// hvp and the duality of jvp and vjp.
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

/// makeEntries(2) plus the forward-mode entries of the same f, with
/// `factor` replacing the 2 in jvp and hvp only. Outputs are (sum f, f);
/// d f / dt = 2 x t, so jvp(v) = (sum(2 x t v), 2 x t v); the loss's
/// Hessian in t is diag(2 x), so hvp(v) = 2 x v.
CheckedEntries makeTangentEntries(double factor) {
  CheckedEntries entries = makeEntries(2.0);
  entries.grad64 = entries.grad;
  entries.jvp = [factor](const Buffers &leaves, const Buffers &tangents) {
    std::vector<double> tangent(leaves[1].size());
    double sum = 0;
    for (size_t i = 0; i < tangent.size(); ++i) {
      tangent[i] = factor * leaves[0][i] * leaves[1][i] * tangents[0][i];
      sum += tangent[i];
    }
    return Buffers{{sum}, tangent};
  };
  entries.hvp = [factor](const Buffers &leaves, const Buffers &vectors) {
    std::vector<double> product(leaves[1].size());
    for (size_t i = 0; i < product.size(); ++i)
      product[i] = factor * leaves[0][i] * vectors[0][i];
    return Buffers{product};
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

TEST(GradientCheckTest, RightTangentsPass) {
  std::vector<ParamCheck> report =
      checkGradients(makeTangentEntries(2.0), makeLeaves(5), {});
  ASSERT_EQ(report.size(), 1u);
  EXPECT_LT(report[0].jvpError, 1e-7);
  EXPECT_LT(report[0].hvpError, 1e-7);
  EXPECT_LT(report[0].dualityError, 1e-12);
  EXPECT_LT(report[0].worst(), 1e-7);
}

TEST(GradientCheckTest, WrongTangentsAreCaught) {
  std::vector<ParamCheck> report =
      checkGradients(makeTangentEntries(3.0), makeLeaves(5), {});
  EXPECT_GT(report[0].jvpError, 0.1);
  EXPECT_GT(report[0].hvpError, 0.1);
  // jvp is wrong and vjp right, so <J v, u> and <v, J^T u> differ.
  EXPECT_GT(report[0].dualityError, 0.01);
  EXPECT_LT(report[0].gradError, 1e-7);
  EXPECT_EQ(report[0].worst(), std::max({report[0].jvpError,
                                         report[0].hvpError,
                                         report[0].dualityError}));
}

TEST(GradientCheckTest, HvpNeedsTheF64Gradient) {
  CheckedEntries entries = makeTangentEntries(3.0);
  entries.grad64 = nullptr;
  EXPECT_EQ(checkGradients(entries, makeLeaves(5), {})[0].hvpError, 0.0);
}

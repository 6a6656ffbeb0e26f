//===- GradientCheck.cpp - Derivatives against finite differences -*- C++ -*-===//
//
// For a scalar function phi of the params (the loss for grad; <u, f> for a
// random cotangent u for vjp) with claimed gradient G, compares G_i with
// (phi(x + h e_i) - phi(x - h e_i)) / 2h on sampled coordinates, and
// <G, v> with the same difference along a random direction v.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/GradientCheck.h"

#include <algorithm>
#include <cmath>
#include <random>

using namespace adjoint;

double adjoint::checkError(double x, double y) {
  if (std::isnan(x) || std::isnan(y))
    return std::isnan(x) && std::isnan(y) ? 0.0 : INFINITY;
  if (x == y)
    return 0.0;
  return std::fabs(x - y) / std::max(1.0, std::fabs(x) + std::fabs(y));
}

namespace {
using ScalarFn = std::function<double(const Buffers &leaves)>;

/// Largest error of `gradient` (of param `param`) against differences of
/// `phi`.
class ParamChecker {
public:
  ParamChecker(const ScalarFn &phi, const GradientCheckOptions &options,
               std::mt19937_64 &rng)
      : phi(phi), options(options), rng(rng) {}

  double check(Buffers leaves, size_t leaf, const std::vector<double> &gradient) {
    double worst = 0;
    std::vector<double> &x = leaves[leaf];
    for (size_t i : pickCoordinates(x.size(), gradient)) {
      double saved = x[i];
      double h = options.step * std::max(1.0, std::fabs(saved));
      x[i] = saved + h;
      double plus = phi(leaves);
      x[i] = saved - h;
      double minus = phi(leaves);
      x[i] = saved;
      worst = std::max(worst, checkError(gradient[i], (plus - minus) / (2 * h)));
    }
    // One random direction through every coordinate at once.
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    std::vector<double> direction(x.size());
    double scale = 1.0, projected = 0.0;
    for (size_t i = 0; i < x.size(); ++i) {
      direction[i] = uniform(rng);
      scale = std::max(scale, std::fabs(x[i]));
      projected += gradient[i] * direction[i];
    }
    double h = options.step * scale;
    std::vector<double> saved = x;
    for (size_t i = 0; i < x.size(); ++i)
      x[i] = saved[i] + h * direction[i];
    double plus = phi(leaves);
    for (size_t i = 0; i < x.size(); ++i)
      x[i] = saved[i] - h * direction[i];
    double minus = phi(leaves);
    return std::max(worst, checkError(projected, (plus - minus) / (2 * h)));
  }

private:
  /// All coordinates of a small param; else the largest gradient entry and
  /// random others.
  std::vector<size_t> pickCoordinates(size_t size,
                                      const std::vector<double> &gradient) {
    std::vector<size_t> picked;
    size_t limit = static_cast<size_t>(std::max<int64_t>(
        1, options.coordinatesPerParam));
    if (size <= limit) {
      for (size_t i = 0; i < size; ++i)
        picked.push_back(i);
      return picked;
    }
    picked.push_back(static_cast<size_t>(
        std::max_element(gradient.begin(), gradient.end(),
                         [](double a, double b) {
                           return std::fabs(a) < std::fabs(b);
                         }) -
        gradient.begin()));
    std::uniform_int_distribution<size_t> index(0, size - 1);
    while (picked.size() < limit)
      picked.push_back(index(rng));
    return picked;
  }

  const ScalarFn &phi;
  const GradientCheckOptions &options;
  std::mt19937_64 &rng;
};
} // namespace

std::vector<ParamCheck>
adjoint::checkGradients(const CheckedEntries &entries, const Buffers &leaves,
                        const GradientCheckOptions &options) {
  std::mt19937_64 rng(options.seed);
  std::vector<ParamCheck> report;
  for (const std::string &name : entries.paramNames)
    report.push_back({name, 0.0, 0.0});

  if (entries.grad) {
    ScalarFn loss = [&](const Buffers &x) {
      return entries.forward64(x).front().front();
    };
    Buffers gradients = entries.grad(leaves);
    ParamChecker checker(loss, options, rng);
    for (size_t p = 0; p < report.size(); ++p)
      report[p].gradError =
          checker.check(leaves, entries.numInputs + p, gradients[p]);
  }

  if (entries.vjp) {
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    Buffers cotangents = entries.forward64(leaves);
    for (std::vector<double> &cotangent : cotangents)
      for (double &value : cotangent)
        value = uniform(rng);
    ScalarFn projection = [&](const Buffers &x) {
      Buffers outputs = entries.forward64(x);
      double sum = 0;
      for (size_t o = 0; o < outputs.size(); ++o)
        for (size_t i = 0; i < outputs[o].size(); ++i)
          sum += cotangents[o][i] * outputs[o][i];
      return sum;
    };
    Buffers gradients = entries.vjp(leaves, cotangents);
    ParamChecker checker(projection, options, rng);
    for (size_t p = 0; p < report.size(); ++p)
      report[p].vjpError =
          checker.check(leaves, entries.numInputs + p, gradients[p]);
  }
  return report;
}

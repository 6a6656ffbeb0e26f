//===- GradientCheck.cpp - Derivatives against finite differences -*- C++ -*-===//
//
// For a scalar function phi of the params (the loss for grad; <u, f> for a
// random cotangent u for vjp) with claimed gradient G, compares G_i with
// (phi(x + h e_i) - phi(x - h e_i)) / 2h on sampled coordinates, and
// <G, v> with the same difference along a random direction v. For jvp and
// hvp, each param p in turn is moved along a random direction v (the other
// params stay): jvp's tangents are compared with (f(x + h v) - f(x - h v))
// / 2h on every output, hvp's products with the same difference of the
// f64 gradient, and <jvp(v), u> with <v, vjp(u)_p>.
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

double ParamCheck::worst() const {
  return std::max({gradError, vjpError, jvpError, hvpError, dualityError});
}

/// Values uniform in [-1, 1), shaped like `like`.
static Buffers randomLike(const Buffers &like, std::mt19937_64 &rng) {
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  Buffers values = like;
  for (std::vector<double> &buffer : values)
    for (double &value : buffer)
      value = uniform(rng);
  return values;
}

static double dot(const Buffers &a, const Buffers &b) {
  double sum = 0;
  for (size_t i = 0; i < a.size(); ++i)
    for (size_t j = 0; j < a[i].size(); ++j)
      sum += a[i][j] * b[i][j];
  return sum;
}

/// The largest error between `claimed` and `reference`, element by element.
static double largestError(const Buffers &claimed, const Buffers &reference) {
  double worst = 0;
  for (size_t i = 0; i < claimed.size(); ++i)
    for (size_t j = 0; j < claimed[i].size(); ++j)
      worst = std::max(worst, checkError(claimed[i][j], reference[i][j]));
  return worst;
}

/// (f(x + h v) - f(x - h v)) / 2h, where v moves leaf `leaf` along
/// `direction` and h is the step scaled by the leaf's largest magnitude.
static Buffers centralDifference(
    const std::function<Buffers(const Buffers &)> &f, Buffers leaves,
    size_t leaf, const std::vector<double> &direction, double step) {
  std::vector<double> saved = leaves[leaf];
  double scale = 1.0;
  for (double value : saved)
    scale = std::max(scale, std::fabs(value));
  double h = step * scale;
  for (size_t i = 0; i < saved.size(); ++i)
    leaves[leaf][i] = saved[i] + h * direction[i];
  Buffers difference = f(leaves);
  for (size_t i = 0; i < saved.size(); ++i)
    leaves[leaf][i] = saved[i] - h * direction[i];
  Buffers minus = f(leaves);
  for (size_t o = 0; o < difference.size(); ++o)
    for (size_t i = 0; i < difference[o].size(); ++i)
      difference[o][i] = (difference[o][i] - minus[o][i]) / (2 * h);
  return difference;
}

/// The jvp, hvp and duality checks of every param; `cotangents` and
/// `vjpGradients` come from the vjp check (empty if there was none).
static void checkTangents(const CheckedEntries &entries, const Buffers &leaves,
                          const GradientCheckOptions &options,
                          const Buffers &cotangents,
                          const Buffers &vjpGradients, std::mt19937_64 &rng,
                          std::vector<ParamCheck> &report) {
  Buffers params(leaves.begin() + entries.numInputs, leaves.end());
  for (size_t p = 0; p < report.size(); ++p) {
    size_t leaf = entries.numInputs + p;
    Buffers tangents = params;
    for (std::vector<double> &tangent : tangents)
      std::fill(tangent.begin(), tangent.end(), 0.0);
    tangents[p] = randomLike({params[p]}, rng).front();
    if (entries.jvp) {
      Buffers claimed = entries.jvp(leaves, tangents);
      report[p].jvpError = largestError(
          claimed, centralDifference(entries.forward64, leaves, leaf,
                                     tangents[p], options.step));
      if (entries.vjp)
        report[p].dualityError =
            checkError(dot(claimed, cotangents),
                       dot({tangents[p]}, {vjpGradients[p]}));
    }
    if (entries.hvp && entries.grad64)
      report[p].hvpError = largestError(
          entries.hvp(leaves, tangents),
          centralDifference(entries.grad64, leaves, leaf, tangents[p],
                            options.step));
  }
}

std::vector<ParamCheck>
adjoint::checkGradients(const CheckedEntries &entries, const Buffers &leaves,
                        const GradientCheckOptions &options) {
  std::mt19937_64 rng(options.seed);
  std::vector<ParamCheck> report;
  for (const std::string &name : entries.paramNames)
    report.push_back({name});

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

  Buffers cotangents, vjpGradients;
  if (entries.vjp) {
    cotangents = randomLike(entries.forward64(leaves), rng);
    ScalarFn projection = [&](const Buffers &x) {
      Buffers outputs = entries.forward64(x);
      double sum = 0;
      for (size_t o = 0; o < outputs.size(); ++o)
        for (size_t i = 0; i < outputs[o].size(); ++i)
          sum += cotangents[o][i] * outputs[o][i];
      return sum;
    };
    vjpGradients = entries.vjp(leaves, cotangents);
    ParamChecker checker(projection, options, rng);
    for (size_t p = 0; p < report.size(); ++p)
      report[p].vjpError =
          checker.check(leaves, entries.numInputs + p, vjpGradients[p]);
  }
  checkTangents(entries, leaves, options, cotangents, vjpGradients, rng,
                report);
  return report;
}

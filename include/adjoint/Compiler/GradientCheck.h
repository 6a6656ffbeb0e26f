//===- GradientCheck.h - Derivatives against finite differences -*- C++ -*-===//
//
// Checks the derivative entry points of a model against central finite
// differences evaluated in f64: `grad`, `vjp` and `jvp` against differences
// of the forward function, `hvp` against differences of the gradient, and
// `jvp` against `vjp` through <J v, u> = <v, J^T u>. The entry points are
// callables on double buffers, so the check is independent of how they
// were compiled (and unit-testable with hand-written functions).
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_COMPILER_GRADIENTCHECK_H
#define ADJOINT_COMPILER_GRADIENTCHECK_H

#include "adjoint/Support/Arrays.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace adjoint {

/// The model's entry points on double buffers. `leaves` are the inputs then
/// the params, in declaration order.
struct CheckedEntries {
  /// Number of leading leaves that are inputs (no gradient).
  size_t numInputs = 0;
  /// Names of the params, for the report.
  std::vector<std::string> paramNames;
  /// forward in f64: leaves -> outputs.
  std::function<Buffers(const Buffers &leaves)> forward64;
  /// grad: leaves -> one gradient per param. Empty if not checked.
  std::function<Buffers(const Buffers &leaves)> grad;
  /// vjp: leaves, one cotangent per output -> one gradient per param.
  /// Empty if not checked.
  std::function<Buffers(const Buffers &leaves, const Buffers &cotangents)>
      vjp;
  /// jvp: leaves, one tangent per param -> one tangent per output. Empty if
  /// not checked.
  std::function<Buffers(const Buffers &leaves, const Buffers &tangents)> jvp;
  /// hvp: leaves, one vector per param -> one Hessian-vector product per
  /// param. Checked against differences of `grad64`; both or neither.
  std::function<Buffers(const Buffers &leaves, const Buffers &vectors)> hvp;
  /// grad in f64: leaves -> one gradient per param.
  std::function<Buffers(const Buffers &leaves)> grad64;
};

struct GradientCheckOptions {
  /// Finite-difference step, scaled by max(1, |x|) per coordinate.
  double step = 1e-6;
  /// Coordinates of each param checked one by one (all if the param is
  /// smaller); every param is also checked along one random direction.
  int64_t coordinatesPerParam = 16;
  uint64_t seed = 0;
};

/// Largest error per param, with the metric |x - y| / max(1, |x| + |y|).
/// The jvp, hvp and duality checks perturb this param alone, along a random
/// direction; jvp compares every output's tangent and hvp every param's
/// Hessian-vector product.
struct ParamCheck {
  std::string name;
  double gradError = 0;
  double vjpError = 0;
  double jvpError = 0;
  double hvpError = 0;
  /// <J v, u> against <v, J^T u>, from jvp and vjp.
  double dualityError = 0;

  /// The largest of the errors.
  double worst() const;
};

/// The metric of the report.
double checkError(double x, double y);

/// Runs the checks at `leaves`.
std::vector<ParamCheck> checkGradients(const CheckedEntries &entries,
                                       const Buffers &leaves,
                                       const GradientCheckOptions &options);

} // namespace adjoint

#endif // ADJOINT_COMPILER_GRADIENTCHECK_H

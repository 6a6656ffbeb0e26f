//===- ApproximateMath.h - Our math expansions ---------------*- C++ -*-===//
//
// The expansions adj-approximate-math adds to MLIR's f32 approximations.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_CONVERSION_APPROXIMATEMATH_APPROXIMATEMATH_H
#define ADJOINT_CONVERSION_APPROXIMATEMATH_APPROXIMATEMATH_H

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace adjoint {

/// f64 math.exp in arith ops that vectorize, within about 1 ulp
/// (ExpF64.cpp).
void populateExpF64ExpansionPattern(mlir::RewritePatternSet &patterns);

} // namespace adjoint

#endif // ADJOINT_CONVERSION_APPROXIMATEMATH_APPROXIMATEMATH_H

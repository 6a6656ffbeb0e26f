//===- Adjoint.h - Reverse-mode adjoint functions ---------------*- C++ -*-===//
//
// The library behind `adj-reverse-mode`: builds the gradient (@grad) and the
// vector-Jacobian product (@vjp) of a single-block function of ops that
// implement DerivativeOpInterface. Arguments with `adj.leaf = "param"` are
// differentiated; the others (`"input"`) are constants of the derivative.
// Unsupported input is reported as a diagnostic and a failure; on failure
// no function is added to the module.
//
// Provenance: the forward sweep keeps the forward ops' locations; every op
// the reverse sweep adds has the location `fused<"MARKER">[LOC]`, a FusedLoc
// of one location with a StringAttr marker:
//   "adj.vjp"             built by the derivative rule of the forward op at
//                         LOC (every op of the rule, whatever it is);
//   "adj.sum-cotangents"  an `adj.add` summing two cotangents of one value;
//                         LOC is the forward op whose rule gave the newer one
//                         (or the returned value's, for a value returned
//                         twice by @vjp);
//   "adj.seed"            the `dL/dL = 1` of @grad; LOC is the loss's op;
//   "adj.zero-cotangent"  zeros returned for a param that no cotangent
//                         reaches; LOC is the function's.
// The lowering passes copy locations, so the markers reach the LLVM dialect.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_DIALECT_ADJ_TRANSFORMS_ADJOINT_H
#define ADJOINT_DIALECT_ADJ_TRANSFORMS_ADJOINT_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/StringRef.h"

namespace adjoint::adj {

/// Argument attribute: "input" or "param".
constexpr const char *kLeafKindAttr = "adj.leaf";
/// Argument and result attribute: the value's name in the model file.
constexpr const char *kNameAttr = "adj.name";

/// Provenance markers of the reverse sweep's locations (see above).
constexpr const char *kVjpLoc = "adj.vjp";
constexpr const char *kSumCotangentsLoc = "adj.sum-cotangents";
constexpr const char *kSeedLoc = "adj.seed";
constexpr const char *kZeroCotangentLoc = "adj.zero-cotangent";

/// Builds `gradName` and appends it to `func`'s module: same arguments (and
/// argument attributes) as `func`; results: `func`'s first result (which must
/// be a rank-0 tensor, the loss), then the gradient of the loss with respect to
/// each param argument, in argument order. A gradient of param `W` is named
/// `adj.name = "W.grad"`.
mlir::FailureOr<mlir::func::FuncOp> buildGradient(mlir::func::FuncOp func,
                                                  llvm::StringRef gradName);

/// Builds `vjpName` and appends it to `func`'s module: `func`'s arguments, then
/// one cotangent per result of `func` (of the result's type); results: the
/// cotangent of each param argument, in argument order.
mlir::FailureOr<mlir::func::FuncOp> buildVjp(mlir::func::FuncOp func,
                                             llvm::StringRef vjpName);

} // namespace adjoint::adj

#endif // ADJOINT_DIALECT_ADJ_TRANSFORMS_ADJOINT_H

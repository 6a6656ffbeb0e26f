//===- Tangent.h - Forward-mode tangent functions ---------------*- C++ -*-===//
//
// The library behind `adj-forward-mode`: builds the Jacobian-vector product
// (@jvp) of a single-block function of ops that implement
// DerivativeOpInterface, and the Hessian-vector product (@hvp) as forward
// mode over a gradient function built by adj-reverse-mode. Params are the
// arguments with `adj.leaf = "param"`, as in reverse mode. Every op the
// tangent sweep adds has the location `fused<"adj.jvp">[LOC]` (LOC: the op
// whose rule built it) or `fused<"adj.zero-tangent">[LOC]` (zeros returned
// for a result no tangent reaches). On failure, no function is added.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_DIALECT_ADJ_TRANSFORMS_TANGENT_H
#define ADJOINT_DIALECT_ADJ_TRANSFORMS_TANGENT_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/StringRef.h"

namespace adjoint::adj {

/// Provenance markers of the tangent sweep's locations.
constexpr const char *kJvpLoc = "adj.jvp";
constexpr const char *kZeroTangentLoc = "adj.zero-tangent";

/// Builds `jvpName` and appends it to `func`'s module: `func`'s arguments,
/// then one tangent per param argument (of its type, named `NAME.tangent`);
/// results: `func`'s results, then the tangent of each (`NAME.tangent`).
mlir::FailureOr<mlir::func::FuncOp> buildJvp(mlir::func::FuncOp func,
                                            llvm::StringRef jvpName);

/// Builds `hvpName` from `gradFunc`, a function whose results are a loss
/// and then one gradient per param (such as @grad): `gradFunc`'s arguments,
/// then one vector per param; results: the tangent of each gradient along
/// those vectors, which is the Hessian of the loss times the vector.
mlir::FailureOr<mlir::func::FuncOp> buildHvp(mlir::func::FuncOp gradFunc,
                                            llvm::StringRef hvpName);

} // namespace adjoint::adj

#endif // ADJOINT_DIALECT_ADJ_TRANSFORMS_TANGENT_H

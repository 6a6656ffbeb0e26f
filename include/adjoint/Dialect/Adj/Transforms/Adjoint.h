//===- Adjoint.h - Reverse-mode adjoint functions ---------------*- C++ -*-===//
//
// The library behind `adj-reverse-mode`: builds the gradient (@grad) and the
// vector-Jacobian product (@vjp) of a single-block function of ops that
// implement DerivativeOpInterface. Arguments with `adj.leaf = "param"` are
// differentiated; the others (`"input"`) are constants of the derivative.
// Unsupported input is reported as a diagnostic and a failure; on failure
// no function is added to the module.
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

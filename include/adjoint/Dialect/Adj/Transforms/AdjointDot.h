//===- AdjointDot.h - Graphviz of a function and its adjoint ----*- C++ -*-===//
//
// The printer behind `adjoint emit --stage=dot`: the forward graph of
// @forward and, beside it, its adjoint graph, with one node per cotangent
// and reverse edges labelled with the local gradient each derivative rule
// emits. The labels are printed from the IR the rules build, never from a
// table of op names, so they follow the rules wherever they change.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_DIALECT_ADJ_TRANSFORMS_ADJOINTDOT_H
#define ADJOINT_DIALECT_ADJ_TRANSFORMS_ADJOINTDOT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace adjoint::adj {

/// The model-file name of the value an op at `loc` computes, or "".
using LocNamer = llvm::function_ref<std::string(mlir::Location)>;

/// Writes a Graphviz digraph of `module` after adj-reverse-mode: the
/// adjoint of @forward's first result when the module has @grad, else of
/// every result (the @vjp). Forward values are named by `nameOf` where it
/// knows them, by `adj.name` attributes, or `%N` (the N-th value of
/// @forward, arguments first). Fails with a diagnostic when the module has
/// no @forward with @grad or @vjp.
mlir::LogicalResult printAdjointDot(mlir::ModuleOp module,
                                    llvm::raw_ostream &os,
                                    LocNamer nameOf = {});

/// `value` as a compact expression: `g` is printed as "g"; splat
/// `adj.constant`s by their value; ops in `g`'s block are expanded, with
/// infix `+ - * /` and prefix `-` for add, sub, mul, div and neg and
/// `mnemonic(operands)` for the others; any other value is a leaf printed
/// by `nameOf`.
std::string
printExpression(mlir::Value value, mlir::Value g,
                llvm::function_ref<std::string(mlir::Value)> nameOf);

/// `text` as a double-quoted Graphviz string.
std::string quoteDot(llvm::StringRef text);

} // namespace adjoint::adj

#endif // ADJOINT_DIALECT_ADJ_TRANSFORMS_ADJOINTDOT_H

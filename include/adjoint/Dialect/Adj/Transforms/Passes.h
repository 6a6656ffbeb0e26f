//===- Passes.h - Transformations of the adj dialect ------------*- C++ -*-===//
//
// Declarations and registration of the passes in Passes.td.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_DIALECT_ADJ_TRANSFORMS_PASSES_H
#define ADJOINT_DIALECT_ADJ_TRANSFORMS_PASSES_H

#include "adjoint/Dialect/Adj/IR/AdjOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace adjoint::adj {

#define GEN_PASS_DECL
#include "adjoint/Dialect/Adj/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "adjoint/Dialect/Adj/Transforms/Passes.h.inc"

} // namespace adjoint::adj

#endif // ADJOINT_DIALECT_ADJ_TRANSFORMS_PASSES_H

//===- Passes.h - adjoint's conversion passes -------------------*- C++ -*-===//
//
// Declarations and registration of the passes in Passes.td.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_CONVERSION_PASSES_H
#define ADJOINT_CONVERSION_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace adjoint {

/// Adds the patterns that rewrite every `adj` op into linalg, tensor, arith
/// and math ops on tensors.
void populateAdjToLinalgPatterns(mlir::RewritePatternSet &patterns);

#define GEN_PASS_DECL
#include "adjoint/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "adjoint/Conversion/Passes.h.inc"

} // namespace adjoint

#endif // ADJOINT_CONVERSION_PASSES_H

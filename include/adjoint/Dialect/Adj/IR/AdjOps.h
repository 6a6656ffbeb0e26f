//===- AdjOps.h - The adj dialect's ops -------------------------*- C++ -*-===//
//
// Declares the `adj` ops generated from AdjOps.td, the ShapeRules trait
// that verifies them with the model format's shape rules, and the
// Recomputable marker trait.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_DIALECT_ADJ_IR_ADJOPS_H
#define ADJOINT_DIALECT_ADJ_IR_ADJOPS_H

#include "adjoint/Dialect/Adj/IR/AdjDialect.h"
#include "adjoint/Graph/Graph.h"
#include "adjoint/Interfaces/DerivativeOpInterface.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace adjoint::adj {

/// The model-format kind of an `adj` op (found by its mnemonic), or
/// std::nullopt for `adj.constant` and ops of other dialects.
std::optional<graph::OpKind> getGraphKind(mlir::Operation *op);

/// The graph attributes (axes, keepdims, perm, shape, slice bounds) that
/// the shape rules read, taken from `op`'s attributes and result type.
graph::Attributes getGraphAttributes(mlir::Operation *op);

/// Checks `op`'s result type against the format's shape rules and that all
/// operands and the result share one element type.
mlir::LogicalResult verifyShapeRules(mlir::Operation *op);

/// Op trait: verify with verifyShapeRules.
template <typename ConcreteType>
class ShapeRules : public mlir::OpTrait::TraitBase<ConcreteType, ShapeRules> {
public:
  static mlir::LogicalResult verifyTrait(mlir::Operation *op) {
    return verifyShapeRules(op);
  }
};

/// Op trait: elementwise (or a broadcast, reshape or constant), so computing
/// it again costs one pass over its result; `adj-remat` may recompute it in
/// the reverse sweep instead of keeping it.
template <typename ConcreteType>
class Recomputable
    : public mlir::OpTrait::TraitBase<ConcreteType, Recomputable> {};

} // namespace adjoint::adj

#define GET_OP_CLASSES
#include "adjoint/Dialect/Adj/IR/AdjOps.h.inc"

#endif // ADJOINT_DIALECT_ADJ_IR_ADJOPS_H

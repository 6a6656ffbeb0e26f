//===- ActivityAnalysis.h - Which values need adjoints ----------*- C++ -*-===//
//
// Activity analysis for reverse-mode AD on a single-block function: a value
// is *varied* if it depends on a `param` argument (forward through op
// operands), *useful* if a chosen subset of the returned values depends on
// it (backward through op operands), and *active* if both. Only active
// values get cotangents; nothing is computed for inputs or constants.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_DIALECT_ADJ_TRANSFORMS_ACTIVITYANALYSIS_H
#define ADJOINT_DIALECT_ADJ_TRANSFORMS_ACTIVITYANALYSIS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseSet.h"

namespace adjoint::adj {

/// Varied/useful/active sets of a function's values. The function must have
/// a single block (ops with regions count as opaque: their results depend on
/// their operands only).
class ActivityAnalysis {
public:
  /// Seeds "varied" with the arguments whose index is in `variedArgs` and
  /// "useful" with the returned values whose index is in `usefulResults`.
  ActivityAnalysis(mlir::func::FuncOp func, llvm::ArrayRef<unsigned> variedArgs,
                   llvm::ArrayRef<unsigned> usefulResults);

  bool isVaried(mlir::Value value) const { return varied.contains(value); }
  bool isUseful(mlir::Value value) const { return useful.contains(value); }
  /// Varied and useful: the value gets a cotangent.
  bool isActive(mlir::Value value) const {
    return isVaried(value) && isUseful(value);
  }
  /// True if any result of `op` is active.
  bool isActive(mlir::Operation *op) const;

private:
  llvm::DenseSet<mlir::Value> varied;
  llvm::DenseSet<mlir::Value> useful;
};

} // namespace adjoint::adj

#endif // ADJOINT_DIALECT_ADJ_TRANSFORMS_ACTIVITYANALYSIS_H

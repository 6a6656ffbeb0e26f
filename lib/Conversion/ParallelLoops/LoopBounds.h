//===- LoopBounds.h - Bounds of static loop nests ---------------*- C++ -*-===//
//
// The index constants for loops from 0 to static sizes in steps of 1, as
// scf::buildLoopNest and scf.parallel take them.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_CONVERSION_PARALLELLOOPS_LOOPBOUNDS_H
#define ADJOINT_CONVERSION_PARALLELLOOPS_LOOPBOUNDS_H

#include "mlir/Dialect/Arith/IR/Arith.h"

namespace adjoint {

/// Lower bounds (0), upper bounds (the sizes) and steps (1) of a loop nest.
struct LoopBounds {
  llvm::SmallVector<mlir::Value> lower, upper, steps;

  LoopBounds(mlir::OpBuilder &builder, mlir::Location loc,
             llvm::ArrayRef<int64_t> sizes) {
    for (int64_t size : sizes) {
      lower.push_back(builder.create<mlir::arith::ConstantIndexOp>(loc, 0));
      upper.push_back(builder.create<mlir::arith::ConstantIndexOp>(loc, size));
      steps.push_back(builder.create<mlir::arith::ConstantIndexOp>(loc, 1));
    }
  }
};

} // namespace adjoint

#endif // ADJOINT_CONVERSION_PARALLELLOOPS_LOOPBOUNDS_H

//===- LoopBounds.h - Bounds of static loop nests ---------------*- C++ -*-===//
//
// What adj-linalg-to-loops' own lowerings share: the index constants for
// loops from 0 to static sizes in steps of 1, as scf::buildLoopNest and
// scf.parallel take them, and an operand's indices at given loop values.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_CONVERSION_PARALLELLOOPS_LOOPBOUNDS_H
#define ADJOINT_CONVERSION_PARALLELLOOPS_LOOPBOUNDS_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
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

/// The indices of `map` at loop values `loops` (one per dim of `map`):
/// the loop value of a dim, an index constant, or an affine.apply.
inline llvm::SmallVector<mlir::Value> getIndices(mlir::OpBuilder &builder,
                                                 mlir::Location loc,
                                                 mlir::AffineMap map,
                                                 mlir::ValueRange loops) {
  llvm::SmallVector<mlir::Value> indices;
  for (mlir::AffineExpr result : map.getResults()) {
    if (auto dim = llvm::dyn_cast<mlir::AffineDimExpr>(result))
      indices.push_back(loops[dim.getPosition()]);
    else if (auto constant = llvm::dyn_cast<mlir::AffineConstantExpr>(result))
      indices.push_back(builder.create<mlir::arith::ConstantIndexOp>(
          loc, constant.getValue()));
    else
      indices.push_back(builder.create<mlir::affine::AffineApplyOp>(
          loc, mlir::AffineMap::get(map.getNumDims(), 0, result), loops));
  }
  return indices;
}

} // namespace adjoint

#endif // ADJOINT_CONVERSION_PARALLELLOOPS_LOOPBOUNDS_H

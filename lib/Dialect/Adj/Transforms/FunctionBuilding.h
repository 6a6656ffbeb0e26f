//===- FunctionBuilding.h - Shared steps of the AD builders -----*- C++ -*-===//
//
// Private to lib/Dialect/Adj/Transforms: what reverse mode (Adjoint.cpp)
// and forward mode (Tangent.cpp) both do to a function before and after
// their sweeps: check it, find its params, check the active ops, create
// and append the new function, and tag the ops a rule built with their
// provenance location.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_LIB_DIALECT_ADJ_TRANSFORMS_FUNCTIONBUILDING_H
#define ADJOINT_LIB_DIALECT_ADJ_TRANSFORMS_FUNCTIONBUILDING_H

#include "adjoint/Dialect/Adj/Transforms/ActivityAnalysis.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>

namespace adjoint::adj {

/// True if `type` is a ranked tensor of floats, which `adj.constant` (the
/// seed and zero derivatives) can build.
bool isFloatTensor(mlir::Type type);

/// `[2, 3] (tensor<2x3xf32>)` for a ranked type, the type itself otherwise.
std::string describeShape(mlir::Type type);

/// The function has a body of one block, and the symbol `newName` is free
/// in the symbol table that holds it.
mlir::LogicalResult checkFunction(mlir::func::FuncOp func,
                                  llvm::StringRef newName);

/// The indices of the arguments with `adj.leaf = "param"`. Arguments with
/// `"input"` or without the attribute are not differentiated.
mlir::FailureOr<llvm::SmallVector<unsigned>>
getParams(mlir::func::FuncOp func);

/// Every active op has one result and a derivative rule. `mode` ("reverse
/// mode") names the pass in the error.
mlir::LogicalResult checkActiveOps(mlir::Block &block,
                                   const ActivityAnalysis &activity,
                                   llvm::StringRef mode);

/// `loc` tagged with a provenance marker: `fused<"marker">[loc]`.
mlir::Location tagLoc(mlir::Location loc, llvm::StringRef marker);

/// Sets the location of the ops of `block` after `lastBefore` (all ops if
/// null), which a rule just built, to `tagLoc(loc, marker)`.
void tagOpsAfter(mlir::Block &block, mlir::Operation *lastBefore,
                 mlir::Location loc, llvm::StringRef marker);

/// A splat `adj.constant` of `type` (a ranked tensor of floats).
mlir::Value createSplat(mlir::OpBuilder &builder, mlir::Type type,
                        double value, mlir::Location loc);

/// The location of a returned value: its op's, or the function's.
mlir::Location getResultLoc(mlir::func::FuncOp func, mlir::Value value);

/// Sets `adj.name` of result `resultIndex` of `func` to `name` + `suffix`;
/// nothing when `name` is null.
void setResultName(mlir::func::FuncOp func, unsigned resultIndex,
                   mlir::StringAttr name, llvm::StringRef suffix);

/// Sets `adj.name` of argument `argIndex` of `func` to `name` + `suffix`;
/// nothing when `name` is null.
void setArgName(mlir::func::FuncOp func, unsigned argIndex,
                mlir::StringAttr name, llvm::StringRef suffix);

/// Creates a detached function with `func`'s location, its argument
/// attributes on the first arguments, and an entry block.
mlir::OwningOpRef<mlir::func::FuncOp>
createFunction(mlir::func::FuncOp func, llvm::StringRef name,
               mlir::FunctionType type);

/// Appends the finished function to the symbol table that holds `func`, so
/// new functions follow the functions they differentiate in build order.
mlir::func::FuncOp append(mlir::func::FuncOp func,
                          mlir::OwningOpRef<mlir::func::FuncOp> newFunc);

} // namespace adjoint::adj

#endif // ADJOINT_LIB_DIALECT_ADJ_TRANSFORMS_FUNCTIONBUILDING_H

//===- AdjDialect.cpp - The adj dialect -------------------------*- C++ -*-===//
//
// Registers the `adj` ops with the dialect.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Dialect/Adj/IR/AdjDialect.h"
#include "adjoint/Dialect/Adj/IR/AdjOps.h"

using namespace mlir;
using namespace adjoint::adj;

#include "adjoint/Dialect/Adj/IR/AdjDialect.cpp.inc"

void AdjDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "adjoint/Dialect/Adj/IR/AdjOps.cpp.inc"
      >();
}

Operation *AdjDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  auto dense = llvm::dyn_cast<DenseFPElementsAttr>(value);
  if (!dense || dense.getType() != type)
    return nullptr;
  return builder.create<ConstantOp>(loc, dense);
}

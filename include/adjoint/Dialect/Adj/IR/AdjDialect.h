//===- AdjDialect.h - The adj dialect ---------------------------*- C++ -*-===//
//
// Declares the `adj` dialect class generated from AdjBase.td.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_DIALECT_ADJ_IR_ADJDIALECT_H
#define ADJOINT_DIALECT_ADJ_IR_ADJDIALECT_H

#include "mlir/IR/Dialect.h"

#include "adjoint/Dialect/Adj/IR/AdjDialect.h.inc"

#endif // ADJOINT_DIALECT_ADJ_IR_ADJDIALECT_H

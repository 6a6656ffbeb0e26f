//===- DerivativeOpInterface.h - Per-op derivative rules --------*- C++ -*-===//
//
// Declares DerivativeOpInterface, generated from DerivativeOpInterface.td.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_INTERFACES_DERIVATIVEOPINTERFACE_H
#define ADJOINT_INTERFACES_DERIVATIVEOPINTERFACE_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"

#include "adjoint/Interfaces/DerivativeOpInterface.h.inc"

#endif // ADJOINT_INTERFACES_DERIVATIVEOPINTERFACE_H

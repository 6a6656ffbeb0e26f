//===- DerivativeOpInterface.cpp - Per-op derivative rules ------*- C++ -*-===//
//
// Instantiates the generated interface definitions.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Interfaces/DerivativeOpInterface.h"

#include "adjoint/Interfaces/DerivativeOpInterface.cpp.inc"

//===- InitAll.cpp - Register adjoint's dialects and passes -----*- C++ -*-===//
//
// Registers `adj`, the upstream dialects with their interface models and
// LLVM IR translations, and adjoint's passes.
//
//===----------------------------------------------------------------------===//

#include "adjoint/InitAll.h"

#include "adjoint/Conversion/Passes.h"
#include "adjoint/Dialect/Adj/IR/AdjDialect.h"
#include "adjoint/Dialect/Adj/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"

void adjoint::registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<adj::AdjDialect>();
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerBuiltinDialectTranslation(registry);
  mlir::registerLLVMDialectTranslation(registry);
  mlir::registerOpenMPDialectTranslation(registry);
}

void adjoint::registerAllPasses() {
  registerAdjointConversionPasses();
  adj::registerAdjPasses();
}

//===- LLVMCodegen.h - LLVM dialect to optimized LLVM IR --------*- C++ -*-===//
//
// The step shared by the JIT and AOT back ends: translate a module in the
// LLVM dialect to LLVM IR for a target machine and optimize it.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_COMPILER_LLVMCODEGEN_H
#define ADJOINT_COMPILER_LLVMCODEGEN_H

#include "mlir/IR/BuiltinOps.h"

#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
} // namespace llvm

namespace adjoint {

/// Initializes LLVM's native target once per process.
void initializeNativeTarget();

/// Translates `module` (all LLVM dialect) to LLVM IR with `machine`'s triple
/// and data layout, then runs LLVM's O2 pipeline. Returns nullptr and sets
/// `error` on failure.
std::unique_ptr<llvm::Module>
translateAndOptimize(mlir::ModuleOp module, llvm::LLVMContext &context,
                     llvm::TargetMachine &machine, std::string &error);

} // namespace adjoint

#endif // ADJOINT_COMPILER_LLVMCODEGEN_H

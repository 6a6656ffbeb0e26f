//===- LLVMCodegen.cpp - LLVM dialect to optimized LLVM IR ------*- C++ -*-===//
//
// Translation through MLIR's LLVM IR exporter and optimization with LLVM's
// new pass manager at O2, tuned for the given target machine.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/LLVMCodegen.h"

#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"

void adjoint::initializeNativeTarget() {
  static bool initialized = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
    return true;
  }();
  (void)initialized;
}

/// Drops the `adj.*` argument and result attributes (leaf names and kinds),
/// which mean nothing to LLVM.
static void dropAdjAttributes(mlir::ModuleOp module) {
  auto isAdj = [](mlir::NamedAttribute attr) {
    return attr.getName().strref().starts_with("adj.");
  };
  module.walk([&](mlir::FunctionOpInterface func) {
    for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
      for (mlir::NamedAttribute attr : llvm::to_vector(func.getArgAttrs(i)))
        if (isAdj(attr))
          func.removeArgAttr(i, attr.getName());
    for (unsigned i = 0, e = func.getNumResults(); i < e; ++i)
      for (mlir::NamedAttribute attr : llvm::to_vector(func.getResultAttrs(i)))
        if (isAdj(attr))
          func.removeResultAttr(i, attr.getName());
  });
}

std::unique_ptr<llvm::Module>
adjoint::translateAndOptimize(mlir::ModuleOp module,
                              llvm::LLVMContext &context,
                              llvm::TargetMachine &machine,
                              std::string &error) {
  dropAdjAttributes(module);
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, context);
  if (!llvmModule) {
    error = "cannot translate the module to LLVM IR";
    return nullptr;
  }
  llvmModule->setTargetTriple(machine.getTargetTriple().str());
  llvmModule->setDataLayout(machine.createDataLayout());

  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager cgsccs;
  llvm::ModuleAnalysisManager modules;
  llvm::PassBuilder builder(&machine);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(cgsccs);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, cgsccs, modules);
  llvm::ModulePassManager passes =
      builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2);
  passes.run(*llvmModule, modules);
  return llvmModule;
}

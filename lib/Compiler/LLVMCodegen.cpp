//===- LLVMCodegen.cpp - LLVM dialect to optimized LLVM IR ------*- C++ -*-===//
//
// Translation through MLIR's LLVM IR exporter and optimization with LLVM's
// new pass manager at O2, tuned for the given target machine. Entry points
// are renamed and everything else made internal before optimizing, so
// helpers inline and two models linked into one program cannot clash.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/LLVMCodegen.h"

#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

void adjoint::initializeNativeTarget() {
  static bool initialized = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
    return true;
  }();
  (void)initialized;
}

/// The width of `target`'s vector registers; see TargetSpec::vectorBits.
static unsigned getVectorBits(const adjoint::TargetSpec &target) {
  std::string error;
  const llvm::Target *llvmTarget =
      llvm::TargetRegistry::lookupTarget(target.triple, error);
  if (!llvmTarget)
    return 128;
  std::unique_ptr<llvm::MCSubtargetInfo> info(llvmTarget->createMCSubtargetInfo(
      target.triple, target.cpu, target.features));
  if (info && info->checkFeatures("+avx512f"))
    return 512;
  if (info && info->checkFeatures("+avx"))
    return 256;
  return 128;
}

/// The triple, CPU and features of `options.targetCpu`.
static std::optional<adjoint::TargetSpec>
resolveTargetCpu(const adjoint::CodegenOptions &options, std::string &error) {
  using adjoint::TargetSpec;
  using adjoint::initializeNativeTarget;
  initializeNativeTarget();
  TargetSpec target;
  target.triple = llvm::sys::getProcessTriple();
  if (options.targetCpu == "native") {
    target.cpu = llvm::sys::getHostCPUName().str();
    llvm::SubtargetFeatures features;
    for (const llvm::StringMapEntry<bool> &feature :
         llvm::sys::getHostCPUFeatures())
      features.AddFeature(feature.getKey(), feature.getValue());
    target.features = features.getString();
    return target;
  }
  target.cpu = options.targetCpu;
  if (target.cpu == "generic")
    return target;
  const llvm::Target *llvmTarget =
      llvm::TargetRegistry::lookupTarget(target.triple, error);
  if (!llvmTarget)
    return std::nullopt;
  std::unique_ptr<llvm::MCSubtargetInfo> info(
      llvmTarget->createMCSubtargetInfo(target.triple, "", ""));
  if (!info || !info->isCPUStringValid(target.cpu)) {
    error = "unknown target CPU '" + target.cpu + "' for " + target.triple +
            " (use native, generic or a CPU name LLVM knows, e.g. from "
            "`llc-19 -mcpu=help`)";
    return std::nullopt;
  }
  return target;
}

std::optional<adjoint::TargetSpec>
adjoint::resolveTarget(const CodegenOptions &options, std::string &error) {
  std::optional<TargetSpec> target = resolveTargetCpu(options, error);
  if (target)
    target->vectorBits = getVectorBits(*target);
  return target;
}

std::unique_ptr<llvm::TargetMachine>
adjoint::createTargetMachine(const TargetSpec &target,
                             const CodegenOptions &options, bool pic,
                             std::string &error) {
  const llvm::Target *llvmTarget =
      llvm::TargetRegistry::lookupTarget(target.triple, error);
  if (!llvmTarget)
    return nullptr;
  std::optional<llvm::Reloc::Model> relocation;
  if (pic)
    relocation = llvm::Reloc::PIC_;
  std::unique_ptr<llvm::TargetMachine> machine(
      llvmTarget->createTargetMachine(
          target.triple, target.cpu, target.features, llvm::TargetOptions(),
          relocation, std::nullopt,
          options.optimize ? llvm::CodeGenOptLevel::Default
                           : llvm::CodeGenOptLevel::None));
  if (!machine)
    error = "cannot create a target machine for " + target.triple;
  return machine;
}

/// Renames the entry points to their exported names and makes every other
/// defined function internal. False if an entry point is missing.
static bool exportEntries(llvm::Module &module,
                          const llvm::StringMap<std::string> &exported,
                          std::string &error) {
  for (const llvm::StringMapEntry<std::string> &entry : exported)
    if (!module.getFunction(entry.getKey())) {
      error = "no entry point '" + entry.getKey().str() +
              "' in the compiled module";
      return false;
    }
  for (llvm::Function &function : module) {
    if (function.isDeclaration())
      continue;
    auto found = exported.find(function.getName());
    if (found == exported.end())
      function.setLinkage(llvm::GlobalValue::InternalLinkage);
  }
  for (const llvm::StringMapEntry<std::string> &entry : exported) {
    llvm::Function *function = module.getFunction(entry.getKey());
    function->setName(entry.getValue());
    if (function->getName() != entry.getValue()) {
      error = "cannot export '" + entry.getKey().str() + "' as '" +
              entry.getValue() + "': the name is taken";
      return false;
    }
  }
  return true;
}

/// Drops the `adj.*` function, argument and result attributes (leaf names
/// and kinds, arena plans), which mean nothing to LLVM.
static void dropAdjAttributes(mlir::ModuleOp module) {
  auto isAdj = [](mlir::NamedAttribute attr) {
    return attr.getName().strref().starts_with("adj.");
  };
  module.walk([&](mlir::FunctionOpInterface func) {
    for (mlir::NamedAttribute attr :
         llvm::to_vector(func->getDiscardableAttrs()))
      if (isAdj(attr))
        func->removeDiscardableAttr(attr.getName());
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

std::unique_ptr<llvm::Module> adjoint::translateAndOptimize(
    mlir::ModuleOp module, llvm::LLVMContext &context,
    llvm::TargetMachine &machine, const llvm::StringMap<std::string> &exported,
    const CodegenOptions &options, std::string &error) {
  dropAdjAttributes(module);
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, context);
  if (!llvmModule) {
    error = "cannot translate the module to LLVM IR";
    return nullptr;
  }
  llvmModule->setTargetTriple(machine.getTargetTriple().str());
  llvmModule->setDataLayout(machine.createDataLayout());
  // The CPU and features travel with each function, so the IR (as
  // `--emit-llvm` writes it) compiles for the same target elsewhere.
  for (llvm::Function &function : *llvmModule) {
    if (function.isDeclaration())
      continue;
    function.addFnAttr("target-cpu", machine.getTargetCPU());
    if (!machine.getTargetFeatureString().empty())
      function.addFnAttr("target-features", machine.getTargetFeatureString());
  }
  if (!exportEntries(*llvmModule, exported, error))
    return nullptr;
  if (!options.optimize)
    return llvmModule;

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

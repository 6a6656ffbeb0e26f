//===- ObjectFile.cpp - Ahead-of-time compilation to an object --*- C++ -*-===//
//
// Objects are position-independent, so they link into executables and
// shared libraries alike. The entry points need only libc (malloc, free,
// memcpy) and libm: the lowering calls no MLIR runtime library.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/ObjectFile.h"

#include "adjoint/Compiler/CHeader.h"
#include "adjoint/Compiler/Pipeline.h"

#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

using namespace adjoint;

bool adjoint::compileToObject(mlir::ModuleOp module,
                              const std::vector<std::string> &entries,
                              const std::string &prefix,
                              const CodegenOptions &options, ObjectCode &code,
                              std::string &error, const MemoryOptions &memory) {
  code.memoryPlans.clear();
  std::optional<TargetSpec> target = resolveTarget(options, error);
  if (!target)
    return false;
  if (mlir::failed(lowerToStage(module, Stage::LLVM, memory, &code.memoryPlans,
                                /*workspaceEntries=*/true,
                                {target->vectorBits, options.threads})))
    return false;
  std::unique_ptr<llvm::TargetMachine> machine =
      createTargetMachine(*target, options, /*pic=*/true, error);
  if (!machine)
    return false;

  llvm::LLVMContext context;
  llvm::StringMap<std::string> exported;
  for (const std::string &entry : entries)
    for (const std::string &function :
         {entry, getWorkspaceEntry(entry), getWorkspaceSizeEntry(entry)})
      exported[function] = getExportedName(prefix, function);
  std::unique_ptr<llvm::Module> llvmModule = translateAndOptimize(
      module, context, *machine, exported, options, error);
  if (!llvmModule)
    return false;

  code.llvmIR.clear();
  llvm::raw_string_ostream irStream(code.llvmIR);
  llvmModule->print(irStream, nullptr);

  llvm::SmallVector<char, 0> buffer;
  llvm::raw_svector_ostream objectStream(buffer);
  llvm::legacy::PassManager passes;
  if (machine->addPassesToEmitFile(passes, objectStream, nullptr,
                                   llvm::CodeGenFileType::ObjectFile)) {
    error = "the target machine cannot emit an object file";
    return false;
  }
  passes.run(*llvmModule);
  code.object.assign(buffer.begin(), buffer.end());
  return true;
}

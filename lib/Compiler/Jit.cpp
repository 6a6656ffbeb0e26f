//===- Jit.cpp - Run compiled entry points in this process ------*- C++ -*-===//
//
// Each entry point `i32 f(ptr, ..., ptr)` gets a wrapper `i32
// f.packed(ptr args)` that loads its arguments from an array, so the driver
// can call an entry of any arity through one C signature. Symbols the code needs (malloc, free,
// libm, and with threads the OpenMP runtime, loaded on demand) resolve
// from the running process.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/Jit.h"

#include "adjoint/Compiler/LLVMCodegen.h"
#include "adjoint/Support/Stopwatch.h"

#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"

using namespace adjoint;

JitModule::~JitModule() = default;

static constexpr const char *kPackedSuffix = ".packed";

/// Adds `name.packed(ptr args)` calling `name` with args[0], args[1], ...
static void addPackedWrapper(llvm::Module &module, llvm::StringRef name) {
  llvm::Function *entry = module.getFunction(name);
  llvm::LLVMContext &context = module.getContext();
  llvm::Type *ptrType = llvm::PointerType::getUnqual(context);
  auto *wrapperType = llvm::FunctionType::get(
      llvm::Type::getInt32Ty(context), {ptrType}, /*isVarArg=*/false);
  auto *wrapper = llvm::Function::Create(
      wrapperType, llvm::Function::ExternalLinkage, name + kPackedSuffix,
      module);
  llvm::IRBuilder<> builder(llvm::BasicBlock::Create(context, "entry", wrapper));
  llvm::SmallVector<llvm::Value *> args;
  for (auto [index, param] : llvm::enumerate(entry->args())) {
    llvm::Value *slot = builder.CreateConstGEP1_64(ptrType, wrapper->getArg(0),
                                                   index);
    args.push_back(builder.CreateLoad(param.getType(), slot));
  }
  builder.CreateRet(builder.CreateCall(entry, args));
}

/// Loads the OpenMP runtime that code with threads calls (__kmpc_*), so
/// that its symbols resolve from the process; false and `error` set when
/// it is missing.
static bool loadOpenMPRuntime(std::string &error) {
  std::string message;
  if (!llvm::sys::DynamicLibrary::LoadLibraryPermanently(ADJOINT_LIBOMP_PATH,
                                                         &message))
    return true;
  error = "--threads needs the OpenMP runtime " ADJOINT_LIBOMP_PATH
          " (Debian: libomp-19-dev): " +
          message;
  return false;
}

std::unique_ptr<JitModule>
JitModule::create(mlir::ModuleOp module, llvm::ArrayRef<std::string> entries,
                  const CodegenOptions &options, std::string &error,
                  CompileTimes *times) {
  Stopwatch stopwatch;
  auto fail = [&](llvm::Error err) -> std::unique_ptr<JitModule> {
    error = llvm::toString(std::move(err));
    return nullptr;
  };
  std::optional<TargetSpec> target = resolveTarget(options, error);
  if (!target || (options.threads != 1 && !loadOpenMPRuntime(error)))
    return nullptr;
  llvm::orc::JITTargetMachineBuilder machineBuilder{
      llvm::Triple(target->triple)};
  machineBuilder.setCPU(target->cpu);
  machineBuilder.addFeatures({target->features});
  machineBuilder.setCodeGenOptLevel(options.optimize
                                        ? llvm::CodeGenOptLevel::Default
                                        : llvm::CodeGenOptLevel::None);
  std::unique_ptr<llvm::TargetMachine> machine =
      createTargetMachine(*target, options, /*pic=*/false, error);
  if (!machine)
    return nullptr;

  auto context = std::make_unique<llvm::LLVMContext>();
  llvm::StringMap<std::string> exported;
  for (const std::string &entry : entries)
    exported[entry] = entry;
  std::unique_ptr<llvm::Module> llvmModule = translateAndOptimize(
      module, *context, *machine, exported, options, error);
  if (!llvmModule)
    return nullptr;
  if (times)
    times->llvmOptimization += stopwatch.lap();
  for (const std::string &entry : entries)
    addPackedWrapper(*llvmModule, entry);

  llvm::Expected<std::unique_ptr<llvm::orc::LLJIT>> jit =
      llvm::orc::LLJITBuilder()
          .setJITTargetMachineBuilder(std::move(machineBuilder))
          .create();
  if (!jit)
    return fail(jit.takeError());
  char prefix = (*jit)->getDataLayout().getGlobalPrefix();
  llvm::Expected<std::unique_ptr<llvm::orc::DynamicLibrarySearchGenerator>>
      process = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
          prefix);
  if (!process)
    return fail(process.takeError());
  (*jit)->getMainJITDylib().addGenerator(std::move(*process));
  if (llvm::Error err = (*jit)->addIRModule(llvm::orc::ThreadSafeModule(
          std::move(llvmModule), std::move(context))))
    return fail(std::move(err));

  std::unique_ptr<JitModule> result(new JitModule());
  for (const std::string &entry : entries) {
    auto address = (*jit)->lookup(entry + kPackedSuffix);
    if (!address)
      return fail(address.takeError());
    result->packedEntries[entry] = address->toPtr<PackedFn>();
  }
  result->jit = std::move(*jit);
  if (times)
    times->codegen += stopwatch.lap();
  return result;
}

std::optional<int> JitModule::call(llvm::StringRef entry,
                                   std::vector<NpyArray> &arguments,
                                   std::vector<NpyArray> &results) const {
  auto it = packedEntries.find(entry);
  if (it == packedEntries.end())
    return std::nullopt;
  llvm::SmallVector<void *> pointers;
  for (auto *arrays : {&arguments, &results})
    for (NpyArray &array : *arrays)
      pointers.push_back(array.data.data());
  return it->second(pointers.data());
}

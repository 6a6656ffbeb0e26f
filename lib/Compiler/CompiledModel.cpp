//===- CompiledModel.cpp - A model's entry points, JIT-compiled -*- C++ -*-===//
//
// Arguments and results are passed to the compiled code as one bare pointer
// per buffer, arguments first, as the pipeline's calling convention gives.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/CompiledModel.h"

#include "adjoint/Support/Arrays.h"
#include "adjoint/Support/Stopwatch.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ErrorHandling.h"

using namespace adjoint;

std::optional<CompiledModel>
CompiledModel::fromModule(mlir::ModuleOp module, const graph::Graph &graph,
                          const std::vector<std::string> &entries,
                          std::string &error, const CodegenOptions &options,
                          const MemoryOptions &memory) {
  CompiledModel compiled;
  compiled.type = graph.elementType;
  for (const std::string &entry : entries) {
    std::optional<EntrySignature> signature = getEntrySignature(graph, entry);
    if (!signature) {
      error = "the entry point '" + entry + "' is not available";
      return std::nullopt;
    }
    compiled.signatures[entry] = std::move(*signature);
  }
  readReverseSweepMemory(module, compiled.memoryPlans);
  compiled.jit = compileForJit(module, entries, options, error, memory,
                               &compiled.memoryPlans, &compiled.times);
  if (!compiled.jit)
    return std::nullopt;
  return compiled;
}

std::optional<CompiledModel>
CompiledModel::compile(mlir::MLIRContext &context, const graph::Graph &graph,
                       llvm::StringRef fileName,
                       const std::vector<std::string> &entries,
                       std::string &error, const CodegenOptions &options,
                       const MemoryOptions &memory) {
  Stopwatch stopwatch;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      buildModule(context, graph, fileName, entries, memory);
  if (!module)
    return std::nullopt;
  double derivatives = stopwatch.lap();
  std::optional<CompiledModel> compiled =
      fromModule(*module, graph, entries, error, options, memory);
  if (compiled)
    compiled->times.derivatives = derivatives;
  return compiled;
}

const MemoryPlan *CompiledModel::getMemoryPlan(const std::string &entry) const {
  if (!hasEntry(entry))
    return nullptr;
  auto found = memoryPlans.find(entry);
  return found == memoryPlans.end() ? nullptr : &found->second;
}

std::vector<NpyArray> CompiledModel::run(const std::string &entry,
                                         std::vector<NpyArray> &arguments) const {
  const EntrySignature &signature = getSignature(entry);
  std::vector<NpyArray> results;
  for (const BufferSpec &buffer : signature.results)
    results.push_back(makeArray(type, buffer.shape));
  std::optional<int> status = jit->call(signature.entry, arguments, results);
  if (!status || *status != 0)
    llvm::report_fatal_error(
        llvm::Twine("adjoint: error: the entry point '") + entry +
            (status ? "' could not obtain memory" : "' was not compiled"),
        /*gen_crash_diag=*/false);
  return results;
}

Buffers CompiledModel::call(const std::string &entry,
                            const Buffers &arguments) const {
  std::vector<NpyArray> arrays;
  for (auto [buffer, values] :
       llvm::zip(getSignature(entry).arguments, arguments))
    arrays.push_back(fromDoubles(type, buffer.shape, values));
  Buffers results;
  for (const NpyArray &array : run(entry, arrays))
    results.push_back(toDoubles(array));
  return results;
}

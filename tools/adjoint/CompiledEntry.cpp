//===- CompiledEntry.cpp - One entry point, compiled and ready --*- C++ -*-===//
//
// What `run` and `bench` share: the options that choose an entry point, its
// data and how it is compiled (target CPU, --remat, --keep-all), loading
// the model and the arguments, JIT-compiling, and the memory report.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "adjoint/Graph/Parser.h"
#include "adjoint/InitAll.h"
#include "adjoint/Support/MemorySize.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

using namespace adjoint;
using namespace adjoint::driver;

std::vector<OptionSpec> driver::memoryOptionSpecs() {
  return {
      {"remat",
       "MODE",
       "What the reverse sweep recomputes instead of keeping: nothing, "
       "single cheap ops, or also runs of them between checkpoints",
       {"none", "cheap", "auto"},
       "auto"},
      {"keep-all",
       "",
       "Keep every intermediate to the end of the call, each in its own "
       "space (the reference plan of the memory benchmark)",
       {},
       ""},
      {"max-memory",
       "SIZE",
       "Refuse to compile an entry point whose intermediate values need "
       "more than SIZE bytes (K, M, G: powers of 1024), or 'available': "
       "the memory this machine has available",
       {},
       "available"},
  };
}

std::vector<OptionSpec> driver::compiledEntryOptions() {
  std::vector<OptionSpec> options = {
      {"entry",
       "ENTRY",
       "The entry point to run",
       {"forward", "grad", "vjp", "jvp", "hvp"},
       "forward"},
      {"data", "DIR", "Read inputs and params from DIR/NAME.npy", {}, ""},
      {"seed", "N", "Seed of the generated data without --data", {}, "0"},
      {"target-cpu",
       "CPU",
       "Generate code for native (this machine's CPU), generic, or an LLVM "
       "CPU name",
       {},
       "native"},
      {"threads",
       "N",
       "Run the largest parallel loops on N threads (OpenMP); 0: one per "
       "core. Results do not depend on N",
       {},
       "1"},
      {"memory-report",
       "",
       "Print the memory plan of the entry point and the peak resident "
       "memory measured while it ran",
       {},
       ""},
  };
  std::vector<OptionSpec> memory = memoryOptionSpecs();
  options.insert(options.end() - 1, memory.begin(), memory.end());
  return options;
}

std::optional<MemoryOptions>
driver::getMemoryOptions(const std::string &command, const CommandSpec &spec,
                         const ParsedArgs &args) {
  if (args.has("keep-all") && args.has("remat") &&
      args.get(spec, "remat") != "none") {
    reportError(command, "'--keep-all' keeps every value: it cannot be "
                         "combined with '--remat=" +
                             args.get(spec, "remat") + "'");
    return std::nullopt;
  }
  MemoryOptions memory;
  memory.remat = *parseRematMode(args.get(spec, "remat"));
  memory.keepAll = args.has("keep-all");
  std::string maxMemory = args.get(spec, "max-memory");
  std::optional<int64_t> maxBytes = maxMemory == "available"
                                        ? getAvailableMemory()
                                        : parseMemorySize(maxMemory);
  if (!maxBytes && maxMemory != "available") {
    reportError(command, "'--max-memory' needs a size in bytes such as "
                         "4096, 64K, 512M or 2G, or 'available'; got '" +
                             maxMemory + "'");
    return std::nullopt;
  }
  // Without /proc/meminfo there is no default limit.
  memory.maxBytes = maxBytes.value_or(0);
  return memory;
}

/// The thread count of --threads (0: one per core); std::nullopt after
/// reporting a value that is not a count.
static std::optional<unsigned> getThreads(const std::string &command,
                                          const CommandSpec &spec,
                                          const ParsedArgs &args) {
  constexpr uint64_t kMaxThreads = 1024;
  std::optional<uint64_t> threads = parseUnsigned(args.get(spec, "threads"));
  if (!threads || *threads > kMaxThreads) {
    reportError(command, "'--threads' needs a thread count from 0 (one per "
                         "core) to " +
                             std::to_string(kMaxThreads) + ", got '" +
                             args.get(spec, "threads") + "'");
    return std::nullopt;
  }
  if (*threads == 0)
    return std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(*threads);
}

std::unique_ptr<CompiledEntry> CompiledEntry::load(const std::string &command,
                                                   const CommandSpec &spec,
                                                   const ParsedArgs &args) {
  std::optional<uint64_t> seed = parseUnsigned(args.get(spec, "seed"));
  if (!seed) {
    reportError(command, "'--seed' needs a non-negative integer, got '" +
                             args.get(spec, "seed") + "'");
    return nullptr;
  }
  std::optional<unsigned> threads = getThreads(command, spec, args);
  std::optional<MemoryOptions> memory = getMemoryOptions(command, spec, args);
  if (!threads || !memory || !applyMLIROptions(args.mlirOptions))
    return nullptr;
  auto entry = std::make_unique<CompiledEntry>();
  std::optional<LoadedModel> model = loadModel(args.positionals[0]);
  if (!model)
    return nullptr;
  entry->model = std::move(*model);
  entry->name = args.get(spec, "entry");
  entry->memory = *memory;
  std::optional<EntrySignature> signature =
      getEntrySignature(entry->model.graph, entry->name);
  if (!signature) {
    reportError(command, "the entry point '" + entry->name +
                             "' is not available in this build yet");
    return nullptr;
  }
  entry->signature = std::move(*signature);
  int64_t bufferBytes = 0;
  for (const auto *buffers :
       {&entry->signature.arguments, &entry->signature.results})
    for (const BufferSpec &buffer : *buffers)
      bufferBytes += graph::numElements(buffer.shape) *
                     graph::elementByteSize(entry->model.graph.elementType);
  if (memory->maxBytes > 0 && bufferBytes > memory->maxBytes) {
    reportError(command, "the arguments and results of '" + entry->name +
                             "' take " + std::to_string(bufferBytes) +
                             " bytes, more than the limit of " +
                             std::to_string(memory->maxBytes) +
                             " bytes (--max-memory)");
    return nullptr;
  }
  if (entry->name == "grad" || entry->name == "hvp")
    if (std::optional<graph::Diagnostic> diag =
            graph::checkScalarLoss(entry->model.graph)) {
      std::cerr << graph::formatDiagnostic(entry->model.path,
                                           entry->model.source, *diag);
      return nullptr;
    }
  if (!loadBuffers(entry->signature.arguments, entry->model.graph.elementType,
                   args.get(spec, "data"), *seed, entry->arguments))
    return nullptr;

  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  ModelDiagnostics diagnostics(context, entry->model);
  std::string error;
  CodegenOptions codegen;
  codegen.targetCpu = args.get(spec, "target-cpu");
  codegen.threads = *threads;
  entry->compiled =
      CompiledModel::compile(context, entry->model.graph, entry->model.path,
                             {entry->name}, error, codegen, entry->memory);
  if (!entry->compiled) {
    if (!error.empty())
      reportError(command, error);
    return nullptr;
  }
  return entry;
}

/// "1 value", "2 values".
static std::string count(size_t n, const char *noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

/// "1234567 bytes (1.2 MB)".
static std::string formatBytes(int64_t bytes) {
  std::ostringstream text;
  text << bytes << " bytes";
  if (bytes >= 1000 * 1000)
    text << " (" << std::fixed << std::setprecision(1) << bytes / 1e6 << " MB)";
  return text.str();
}

void CompiledEntry::printMemoryReport(std::ostream &os,
                                      std::optional<int64_t> measuredPeak,
                                      const std::string &measureError) const {
  os << "memory report for '" << name << "' ("
     << (memory.keepAll ? std::string("keep-all")
                        : "remat " + getRematModeName(memory.remat).str())
     << "):\n";
  const MemoryPlan *plan = compiled->getMemoryPlan(name);
  if (!plan) {
    os << "  no memory plan was recorded for this entry point\n";
  } else {
    os << "  arena: " << formatBytes(plan->arenaBytes) << " in "
       << count(plan->numBuffers ? 1 : 0, "allocation") << " ("
       << count(plan->numBuffers, "buffer") << ")\n";
    os << "  lower bound: " << formatBytes(plan->lowerBoundBytes)
       << " (the largest total live at one point)\n";
    auto list = [&](const char *title,
                    const std::vector<MemoryPlan::Value> &values) {
      int64_t total = 0;
      for (const MemoryPlan::Value &value : values)
        total += value.bytes;
      os << "  " << title << ": " << count(values.size(), "value") << ", "
         << total << " bytes\n";
      for (const MemoryPlan::Value &value : values)
        os << "    " << value.location << " " << value.bytes << " bytes\n";
    };
    list("kept for the reverse sweep", plan->kept);
    list("recomputed in the reverse sweep", plan->recomputed);
  }
  if (measuredPeak)
    os << "  peak resident memory: " << formatBytes(*measuredPeak)
       << " (growth of peak RSS during the call)\n";
  else
    os << "  peak resident memory: not measured (" << measureError << ")\n";
}

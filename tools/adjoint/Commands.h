//===- Commands.h - The adjoint driver's subcommands ------------*- C++ -*-===//
//
// Each subcommand is a spec (options, help) and a function that runs it and
// returns the process exit status. Shared helpers load a model file and set
// up MLIR for a command.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_TOOLS_ADJOINT_COMMANDS_H
#define ADJOINT_TOOLS_ADJOINT_COMMANDS_H

#include "adjoint/Compiler/CompiledModel.h"
#include "adjoint/Compiler/Compiler.h"
#include "adjoint/Graph/Graph.h"
#include "adjoint/Support/Arrays.h"
#include "adjoint/Support/CommandLine.h"
#include "adjoint/Support/Npy.h"

#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace adjoint::driver {

/// A parsed model file, with its text kept for diagnostics.
struct LoadedModel {
  std::string path;
  std::string source;
  graph::Graph graph;
};

/// Reads and parses `path`; on error prints it to stderr and returns
/// std::nullopt.
std::optional<LoadedModel> loadModel(const std::string &path);

/// Fills `arrays` with one array per buffer: read from DIR/NAME.npy when
/// `dataDir` is not empty, else from the generator seeded by `seed` (the
/// stream is the buffer's index). On a bad file prints its error and
/// returns false.
bool loadBuffers(const std::vector<BufferSpec> &buffers,
                 graph::ElementType type, const std::string &dataDir,
                 uint64_t seed, std::vector<NpyArray> &arrays);

/// The inputs then params of `graph` as doubles, loaded as loadBuffers
/// does in the model's element type; false after printing an error.
bool loadLeaves(const graph::Graph &graph, const std::string &dataDir,
                uint64_t seed, Buffers &leaves);

/// Writes `arrays[i]` to DIR/`names[i]`.npy, creating DIR; every file or,
/// on error (printed), none.
bool writeArrays(const std::string &dir, const std::vector<std::string> &names,
                 const std::vector<NpyArray> &arrays);

/// Prints "adjoint COMMAND: error: MESSAGE" to stderr and returns 1.
int reportError(const std::string &command, const std::string &message);

/// Hands `--mlir-*` options to MLIR's command-line parser. False (after
/// printing the error) if one is unknown.
bool applyMLIROptions(const std::vector<std::string> &options);

/// Prints MLIR diagnostics with the model's source line and a caret for the
/// lifetime of the object.
class ModelDiagnostics {
public:
  ModelDiagnostics(mlir::MLIRContext &context, const LoadedModel &model);
  ~ModelDiagnostics();

private:
  struct Impl;
  Impl *impl;
};

/// The options of commands that compile and run one entry point: --entry,
/// --data, --seed, --target-cpu, --remat, --keep-all, --memory-report.
std::vector<OptionSpec> compiledEntryOptions();

/// --remat and --keep-all, for every command that compiles.
std::vector<OptionSpec> memoryOptionSpecs();

/// The MemoryOptions of --remat and --keep-all; std::nullopt after
/// reporting that they conflict.
std::optional<MemoryOptions> getMemoryOptions(const std::string &command,
                                              const CommandSpec &spec,
                                              const ParsedArgs &args);

/// One entry point of a model, JIT-compiled, with its arguments loaded.
struct CompiledEntry {
  std::string name;
  LoadedModel model;
  EntrySignature signature;
  std::vector<NpyArray> arguments;
  MemoryOptions memory;
  std::optional<CompiledModel> compiled;

  /// Loads, checks and compiles as the options of compiledEntryOptions()
  /// say; null after printing an error.
  static std::unique_ptr<CompiledEntry>
  load(const std::string &command, const CommandSpec &spec,
       const ParsedArgs &args);

  /// The arena, its lower bound, what the reverse sweep keeps and
  /// recomputes, and `measuredPeak` (or why it is missing).
  void printMemoryReport(std::ostream &os, std::optional<int64_t> measuredPeak,
                         const std::string &measureError) const;
};

const CommandSpec &runCommandSpec();
int runCommand(const ParsedArgs &args);

const CommandSpec &emitCommandSpec();
int emitCommand(const ParsedArgs &args);

const CommandSpec &checkCommandSpec();
int checkCommand(const ParsedArgs &args);

const CommandSpec &compileCommandSpec();
int compileCommand(const ParsedArgs &args);

const CommandSpec &benchCommandSpec();
int benchCommand(const ParsedArgs &args);

const CommandSpec &jacobianCommandSpec();
int jacobianCommand(const ParsedArgs &args);

} // namespace adjoint::driver

#endif // ADJOINT_TOOLS_ADJOINT_COMMANDS_H

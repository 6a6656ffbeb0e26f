//===- CompiledModel.h - A model's entry points, JIT-compiled ---*- C++ -*-===//
//
// Ties a JIT-compiled module to the buffer signatures of its entry points,
// so callers run an entry point on arrays (or on double buffers) without
// handling raw pointers.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_COMPILER_COMPILEDMODEL_H
#define ADJOINT_COMPILER_COMPILEDMODEL_H

#include "adjoint/Compiler/Compiler.h"
#include "adjoint/Support/Arrays.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace adjoint {

class CompiledModel {
public:
  /// Lowers `module` (from buildModule, or transformed after it) with the
  /// choices of `memory` and JIT-compiles `entries` of `graph`. Returns
  /// std::nullopt after reporting to the context's handler or, for
  /// LLVM-level failures, setting `error`.
  static std::optional<CompiledModel>
  fromModule(mlir::ModuleOp module, const graph::Graph &graph,
             const std::vector<std::string> &entries, std::string &error,
             const CodegenOptions &options = {},
             const MemoryOptions &memory = {});

  /// buildModule, then fromModule.
  static std::optional<CompiledModel>
  compile(mlir::MLIRContext &context, const graph::Graph &graph,
          llvm::StringRef fileName, const std::vector<std::string> &entries,
          std::string &error, const CodegenOptions &options = {},
          const MemoryOptions &memory = {});

  graph::ElementType getElementType() const { return type; }
  /// How long each stage of the compile took (derivatives only when built
  /// by compile()).
  const CompileTimes &getCompileTimes() const { return times; }
  /// How `entry` uses memory (its arena, as planned when it was compiled),
  /// or null if `entry` was not compiled.
  const MemoryPlan *getMemoryPlan(const std::string &entry) const;
  bool hasEntry(const std::string &entry) const {
    return signatures.count(entry) != 0;
  }
  const EntrySignature &getSignature(const std::string &entry) const {
    return signatures.at(entry);
  }

  /// Runs `entry` on `arguments` (in the model's element type, one per
  /// argument of its signature) and returns its results, freshly
  /// allocated. If the compiled code cannot obtain memory, the process
  /// exits with status 1 after saying so.
  std::vector<NpyArray> run(const std::string &entry,
                            std::vector<NpyArray> &arguments) const;

  /// run() on doubles: converted to the model's type and back.
  Buffers call(const std::string &entry, const Buffers &arguments) const;

private:
  graph::ElementType type = graph::ElementType::F32;
  std::unique_ptr<JitModule> jit;
  std::map<std::string, EntrySignature> signatures;
  MemoryPlans memoryPlans;
  CompileTimes times;
};

} // namespace adjoint

#endif // ADJOINT_COMPILER_COMPILEDMODEL_H

//===- Compiler.h - The one API from a model to runnable code ---*- C++ -*-===//
//
// What the driver (and later the AOT path) calls: the buffer signature of
// each entry point, building the module of a model, and compiling it for the
// JIT. Errors from MLIR passes go to the MLIRContext's diagnostic handler,
// with locations in the model file.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_COMPILER_COMPILER_H
#define ADJOINT_COMPILER_COMPILER_H

#include "adjoint/Compiler/Jit.h"
#include "adjoint/Compiler/Pipeline.h"
#include "adjoint/Graph/Graph.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace adjoint {

/// One buffer of an entry point: a leaf, an output or a derivative.
struct BufferSpec {
  /// The file name stem the driver reads or writes ("x", "W1.grad").
  std::string name;
  graph::Shape shape;
};

/// An entry point's buffers: `arguments` are read, `results` written. The
/// compiled function takes a pointer to each, arguments first.
struct EntrySignature {
  std::string entry;
  std::vector<BufferSpec> arguments;
  std::vector<BufferSpec> results;
};

/// The entry points of the model format that this build can compile.
const std::vector<std::string> &supportedEntries();

/// The signature of `entry` for `graph`, or std::nullopt for an entry this
/// build does not support.
std::optional<EntrySignature> getEntrySignature(const graph::Graph &graph,
                                                const std::string &entry);

/// The module of `graph` in the `adj` dialect with every function that
/// `entries` need (@forward; @grad and @vjp built by adj-reverse-mode, @jvp
/// and @hvp by adj-forward-mode). `grad` and `hvp` need a scalar first
/// output: check with graph::checkScalarLoss. `memory.remat` chooses what
/// adj-remat recomputes (nothing with `memory.keepAll`).
/// Returns null after reporting to the context's handler.
mlir::OwningOpRef<mlir::ModuleOp>
buildModule(mlir::MLIRContext &context, const graph::Graph &graph,
            llvm::StringRef fileName, const std::vector<std::string> &entries,
            const MemoryOptions &memory = {});

/// Lowers a module from buildModule to the LLVM dialect with the choices
/// of `memory` and JIT-compiles `entries`; fills the arena figures of
/// `plans`, when given (see lowerToStage), and adds the time of each stage
/// to `times`, when given. Returns nullptr after reporting
/// to the context's handler or, for LLVM-level failures, setting `error`.
std::unique_ptr<JitModule>
compileForJit(mlir::ModuleOp module, const std::vector<std::string> &entries,
              const CodegenOptions &options, std::string &error,
              const MemoryOptions &memory = {}, MemoryPlans *plans = nullptr,
              CompileTimes *times = nullptr);

} // namespace adjoint

#endif // ADJOINT_COMPILER_COMPILER_H

//===- Jit.h - Run compiled entry points in this process --------*- C++ -*-===//
//
// JIT-compiles a module in the LLVM dialect with LLVM's ORC LLJIT and calls
// its entry points. Entry points take one bare pointer per buffer (inputs,
// params, then results), as the pipeline's calling convention gives.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_COMPILER_JIT_H
#define ADJOINT_COMPILER_JIT_H

#include "adjoint/Compiler/LLVMCodegen.h"
#include "adjoint/Support/Npy.h"

#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llvm::orc {
class LLJIT;
} // namespace llvm::orc

namespace adjoint {

/// Wall time of each stage of a JIT compile, in seconds.
struct CompileTimes {
  /// Importing the graph and the AD passes (buildModule).
  double derivatives = 0;
  /// The MLIR passes down to the LLVM dialect (lowerToStage).
  double lowering = 0;
  /// Translation to LLVM IR and LLVM's optimization pipeline.
  double llvmOptimization = 0;
  /// Machine code generation and linking in the JIT.
  double codegen = 0;

  double total() const {
    return derivatives + lowering + llvmOptimization + codegen;
  }
};

class JitModule {
public:
  ~JitModule();

  /// Compiles `module` and resolves `entries` (function names in it).
  /// Returns nullptr and sets `error` on failure. Adds the time of LLVM
  /// optimization and of code generation to `times`, when given.
  static std::unique_ptr<JitModule>
  create(mlir::ModuleOp module, llvm::ArrayRef<std::string> entries,
         const CodegenOptions &options, std::string &error,
         CompileTimes *times = nullptr);

  /// Calls `entry` on the buffers of `arguments` then of `results` (one
  /// pointer each, as the calling convention has them) and returns its
  /// status (0, or nonzero if memory could not be obtained); std::nullopt
  /// if `entry` is unknown.
  std::optional<int> call(llvm::StringRef entry,
                          std::vector<NpyArray> &arguments,
                          std::vector<NpyArray> &results) const;

private:
  JitModule() = default;

  using PackedFn = int32_t (*)(void **);
  std::unique_ptr<llvm::orc::LLJIT> jit;
  llvm::StringMap<PackedFn> packedEntries;
};

} // namespace adjoint

#endif // ADJOINT_COMPILER_JIT_H

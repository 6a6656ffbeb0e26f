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

#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace llvm::orc {
class LLJIT;
} // namespace llvm::orc

namespace adjoint {

class JitModule {
public:
  ~JitModule();

  /// Compiles `module` and resolves `entries` (function names in it).
  /// Returns nullptr and sets `error` on failure.
  static std::unique_ptr<JitModule> create(mlir::ModuleOp module,
                                           llvm::ArrayRef<std::string> entries,
                                           const CodegenOptions &options,
                                           std::string &error);

  /// Calls `entry` with one pointer per buffer and returns its status (0,
  /// or nonzero if memory could not be obtained); std::nullopt if `entry`
  /// is unknown.
  std::optional<int> call(llvm::StringRef entry,
                          llvm::ArrayRef<void *> buffers) const;

private:
  JitModule() = default;

  using PackedFn = int32_t (*)(void **);
  std::unique_ptr<llvm::orc::LLJIT> jit;
  llvm::StringMap<PackedFn> packedEntries;
};

} // namespace adjoint

#endif // ADJOINT_COMPILER_JIT_H

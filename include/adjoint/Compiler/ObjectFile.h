//===- ObjectFile.h - Ahead-of-time compilation to an object ----*- C++ -*-===//
//
// The AOT back end: the same lowering and LLVM step as the JIT, then code
// generation into a relocatable object for the host triple, with each entry
// point exported as `PREFIX_ENTRY` under the C ABI of CHeader.h, along with
// its workspace variant and the size of that workspace.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_COMPILER_OBJECTFILE_H
#define ADJOINT_COMPILER_OBJECTFILE_H

#include "adjoint/Compiler/LLVMCodegen.h"
#include "adjoint/Compiler/Pipeline.h"

#include "mlir/IR/BuiltinOps.h"

#include <string>
#include <vector>

namespace adjoint {

/// What compileToObject produces.
struct ObjectCode {
  /// The relocatable object's bytes.
  std::string object;
  /// The optimized LLVM IR, as text.
  std::string llvmIR;
  /// The arena of each function, by name (the entry points among them).
  MemoryPlans memoryPlans;
};

/// Lowers `module` (from buildModule) in place with the choices of `memory`
/// and compiles `entries` into an object exporting, for each, `PREFIX_ENTRY`,
/// `PREFIX_ENTRY_workspace` and `PREFIX_ENTRY_workspace_size`; every other
/// symbol is internal. Returns false after reporting to the context's
/// handler or, for LLVM-level failures, setting `error`.
bool compileToObject(mlir::ModuleOp module,
                     const std::vector<std::string> &entries,
                     const std::string &prefix, const CodegenOptions &options,
                     ObjectCode &code, std::string &error,
                     const MemoryOptions &memory = {});

} // namespace adjoint

#endif // ADJOINT_COMPILER_OBJECTFILE_H

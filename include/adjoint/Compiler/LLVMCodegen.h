//===- LLVMCodegen.h - LLVM dialect to optimized LLVM IR --------*- C++ -*-===//
//
// The steps shared by the JIT and AOT back ends: choose the target machine,
// translate a module in the LLVM dialect to LLVM IR for it, give the entry
// points their exported names (everything else becomes internal), and
// optimize.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_COMPILER_LLVMCODEGEN_H
#define ADJOINT_COMPILER_LLVMCODEGEN_H

#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/StringMap.h"

#include <memory>
#include <optional>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
} // namespace llvm

namespace adjoint {

/// How code is generated, for the JIT and for AOT alike.
struct CodegenOptions {
  /// "native" (the host CPU and its features), "generic" (the host
  /// triple's baseline) or an LLVM CPU name ("skylake", "znver3").
  std::string targetCpu = "native";
  /// LLVM's O2 pipeline and optimizing code generation. Off, compiles are
  /// several times faster and the code slower (for tests of many models).
  bool optimize = true;
  /// Threads for the largest parallel loops (LoopOptions::threads); more
  /// than 1 needs the OpenMP runtime, libomp.
  unsigned threads = 1;
};

/// A target to generate code for: the host triple with a CPU and features.
struct TargetSpec {
  std::string triple;
  std::string cpu;
  std::string features;
  /// The width of the target's vector registers in bits (512 with
  /// AVX-512, 256 with AVX, else 128), for adj-matmul-kernel's tiles.
  unsigned vectorBits = 128;
};

/// Initializes LLVM's native target once per process.
void initializeNativeTarget();

/// The target of `options.targetCpu` on the host triple; std::nullopt and
/// `error` set for a CPU LLVM does not know.
std::optional<TargetSpec> resolveTarget(const CodegenOptions &options,
                                        std::string &error);

/// A target machine for `target`; position-independent code when `pic`
/// (for objects that may be linked into shared libraries).
std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const TargetSpec &target, const CodegenOptions &options,
                    bool pic, std::string &error);

/// Translates `module` (all LLVM dialect) to LLVM IR with `machine`'s triple
/// and data layout; renames each function named in `exported` to its
/// exported name and makes every other function internal; then runs LLVM's
/// O2 pipeline if `options.optimize`. Returns nullptr and sets `error` on
/// failure (a missing entry point among them).
std::unique_ptr<llvm::Module>
translateAndOptimize(mlir::ModuleOp module, llvm::LLVMContext &context,
                     llvm::TargetMachine &machine,
                     const llvm::StringMap<std::string> &exported,
                     const CodegenOptions &options, std::string &error);

} // namespace adjoint

#endif // ADJOINT_COMPILER_LLVMCODEGEN_H

//===- Pipeline.h - From adj ops down to the LLVM dialect -------*- C++ -*-===//
//
// The one lowering pipeline that every entry point and both back ends (JIT
// and AOT) go through, split at the stages `adjoint emit` can show.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_COMPILER_PIPELINE_H
#define ADJOINT_COMPILER_PIPELINE_H

#include "adjoint/Dialect/Adj/Transforms/Remat.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/LogicalResult.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace adjoint {

/// The stages of a module on its way down, in order.
enum class Stage {
  /// `adj` ops on tensors, as imported.
  Adj,
  /// linalg, tensor, arith and math on tensors.
  Linalg,
  /// The LLVM dialect, ready for translation to LLVM IR.
  LLVM,
};

/// Parses "adj", "linalg", "llvm".
std::optional<Stage> parseStage(llvm::StringRef name);

/// What adj-remat recomputes (see Remat.h).
using adj::RematMode;
using adj::parseRematMode;

/// The memory choices of the pipeline.
struct MemoryOptions {
  RematMode remat = RematMode::Auto;
  /// Keep every intermediate until the end of the call, each in its own
  /// space: the reference plan of the memory benchmark. Implies no remat.
  bool keepAll = false;
  /// The most bytes an entry point's arena may take; a larger one fails to
  /// compile with an error naming the largest buffers. 0: no limit.
  int64_t maxBytes = 0;
};

/// How loops are generated.
struct LoopOptions {
  /// The width of the target's vector registers in bits, for the matmul
  /// kernels' tiles (TargetSpec::vectorBits).
  unsigned vectorBits = 256;
  /// Threads for the largest parallel loops (OpenMP; adj-parallel-loops).
  /// 1 runs everything on the calling thread and needs no OpenMP runtime.
  unsigned threads = 1;
};

/// How one entry point uses memory, as planned at compile time.
struct MemoryPlan {
  /// Bytes of the entry point's one arena (its only allocation).
  int64_t arenaBytes = 0;
  /// The largest total of bytes live at one point of the schedule.
  int64_t lowerBoundBytes = 0;
  /// Buffers placed in the arena.
  unsigned numBuffers = 0;
  /// A forward value the reverse sweep reads: where the model defines it
  /// ("file:line:col") and its size.
  struct Value {
    std::string location;
    int64_t bytes = 0;
  };
  std::vector<Value> kept;
  std::vector<Value> recomputed;
};

/// Per entry point name ("grad", ...).
using MemoryPlans = std::map<std::string, MemoryPlan>;

/// The derivative entry points a module needs besides @forward.
struct DerivativeEntries {
  bool grad = false;
  bool vjp = false;
  bool jvp = false;
  bool hvp = false;

  /// The flags of the entry names in `entries` ("grad", "vjp", ...).
  static DerivativeEntries fromNames(llvm::ArrayRef<std::string> entries);
};

/// The AD passes that build `entries` from @forward, still in the `adj`
/// dialect: adj-reverse-mode for @grad and @vjp, then adj-forward-mode for
/// @jvp and for @hvp (forward over @grad, which is then built too), CSE,
/// and adj-remat with `remat` last, so nothing merges its copies back.
void buildDerivativesPipeline(mlir::OpPassManager &pm,
                              const DerivativeEntries &entries,
                              RematMode remat = RematMode::Auto);

/// Adds the functions of `entries` to `module` in place (see
/// buildDerivativesPipeline). Diagnostics go to the context's handler.
mlir::LogicalResult buildDerivatives(mlir::ModuleOp module,
                                     const DerivativeEntries &entries,
                                     RematMode remat = RematMode::Auto);

/// What the reverse sweeps of @grad and @vjp in `module` keep and
/// recompute, into `plans` (MemoryPlan::kept and ::recomputed).
void readReverseSweepMemory(mlir::ModuleOp module, MemoryPlans &plans);

/// adj -> linalg on tensors, canonicalized. No CSE: it would merge
/// adj-remat's copies with the forward ops they copy.
void buildAdjToLinalgPipeline(mlir::OpPassManager &pm);

/// linalg on tensors -> LLVM dialect: one-shot bufferization, results as
/// out-parameters, deallocation of intermediates, each function's buffers
/// in one arena (adj-arena-plan; `memory.keepAll`: none freed early and
/// none sharing space), loops, and the LLVM conversions. Functions take one
/// bare pointer per buffer and return an i32 status: 0, or 1 when memory
/// could not be obtained. With `workspaceEntries`, each public function `E`
/// also gets `E_workspace`, which takes its arena as a last pointer, and
/// `E_workspace_size` (adj-workspace-entries). Matmuls become register
/// kernels (adj-matmul-kernel) and large loops run on threads as `loops`
/// says.
void buildLinalgToLLVMPipeline(mlir::OpPassManager &pm,
                               const MemoryOptions &memory = {},
                               bool workspaceEntries = false,
                               const LoopOptions &loops = {});

/// Lowers `module` in place from the `adj` stage to `stage`. Diagnostics go
/// to the context's handler. MLIR's pass-manager command-line options
/// (--mlir-print-ir-after-all, --mlir-timing) apply when registered. At
/// the LLVM stage, fills the arena sizes, lower bounds and buffer counts of
/// `plans` (when given) for every function, by name, and leaves the rest of
/// each plan as it was.
mlir::LogicalResult lowerToStage(mlir::ModuleOp module, Stage stage,
                                 const MemoryOptions &memory = {},
                                 MemoryPlans *plans = nullptr,
                                 bool workspaceEntries = false,
                                 const LoopOptions &loops = {});

} // namespace adjoint

#endif // ADJOINT_COMPILER_PIPELINE_H

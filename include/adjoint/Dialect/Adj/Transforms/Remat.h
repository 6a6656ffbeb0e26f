//===- Remat.h - Recomputing forward values in the reverse sweep -*- C++ -*-===//
//
// The library behind `adj-remat`. A function built by reverse mode (@grad,
// @vjp) starts with its forward sweep, the ops whose locations carry no
// provenance marker; everything after the first marked op is the reverse
// sweep. A forward value the reverse sweep reads is *kept*: it is live from
// its forward op to its last use in the reverse sweep, across the turn where
// memory peaks. Rematerialization keeps fewer: a kept value whose op is
// Recomputable is computed again, from values kept anyway, just before its
// first use in the reverse sweep; the copies are marked `adj.remat`.
// Recomputing runs the same op on the same operands, so results are
// bitwise the same.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_DIALECT_ADJ_TRANSFORMS_REMAT_H
#define ADJOINT_DIALECT_ADJ_TRANSFORMS_REMAT_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace adjoint::adj {

/// Provenance marker of a forward op recomputed in the reverse sweep:
/// `fused<"adj.remat">[LOC]`, LOC being the forward op's location.
constexpr const char *kRematLoc = "adj.remat";

/// Which kept values adj-remat recomputes.
enum class RematMode {
  /// None: every value the rules read is kept until its last use.
  None,
  /// A value whose Recomputable op reads only arguments, constants and
  /// kept values is recomputed by that one op. Taken in forward order, so
  /// of two values that would each need the other, the earlier one is
  /// kept; a value that recomputed copies read is kept too.
  Cheap,
  /// Checkpointing: of the n kept values with Recomputable ops (in forward
  /// order), every ceil(sqrt(n))-th is kept as a checkpoint and the runs
  /// between checkpoints are recomputed, each run at once from checkpoints
  /// and other kept values, where the work added (elements computed again)
  /// is at most kMaxRematWork times the memory saved (elements no longer
  /// kept). Then Cheap on what is still kept.
  Auto,
};

/// The bound of Auto on work added per element saved.
constexpr int64_t kMaxRematWork = 4;

std::optional<RematMode> parseRematMode(llvm::StringRef name);
llvm::StringRef getRematModeName(RematMode mode);

/// The provenance marker of a location the AD passes gave an op they added
/// ("adj.vjp", ...), or "" for a forward op's.
llvm::StringRef getProvenanceMarker(mlir::Location loc);
inline llvm::StringRef getProvenanceMarker(mlir::Operation *op) {
  return getProvenanceMarker(op->getLoc());
}

/// What the reverse sweep of `func` keeps and recomputes.
struct ReverseSweepMemory {
  /// Forward values (not arguments) the reverse sweep reads, in forward
  /// order.
  llvm::SmallVector<mlir::Value> kept;
  /// The `adj.remat` copies, in order.
  llvm::SmallVector<mlir::Operation *> recomputed;
};

ReverseSweepMemory getReverseSweepMemory(mlir::func::FuncOp func);

/// Recomputes kept values of `func` in its reverse sweep as `mode` says.
/// A function without a reverse sweep is left alone.
void rematerialize(mlir::func::FuncOp func, RematMode mode);

} // namespace adjoint::adj

#endif // ADJOINT_DIALECT_ADJ_TRANSFORMS_REMAT_H

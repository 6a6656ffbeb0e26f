//===- CheckFinite.h - The first op that gives NaN or infinity --*- C++ -*-===//
//
// `adjoint run --check-finite`: runs an entry point with every value of its
// body, forward sweep and derivative ops alike, returned as an extra
// result, then finds the first op (in the order the body computes them)
// whose value holds a NaN or an infinity. Its location is the model's, and
// for an op the AD passes built, a provenance marker (Adjoint.h) says which
// forward op's rule built it. A debugging aid: every value is kept.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_COMPILER_CHECKFINITE_H
#define ADJOINT_COMPILER_CHECKFINITE_H

#include "adjoint/Compiler/Compiler.h"
#include "adjoint/Support/Npy.h"

#include "mlir/IR/Location.h"

#include <optional>
#include <string>
#include <vector>

namespace adjoint {

/// The first value that is not finite.
struct NonFiniteValue {
  /// The op's location: the forward op's, or fused<"MARKER">[forward op's].
  mlir::Location loc;
  /// The op's name without the dialect ("log", "mul").
  std::string opName;
  /// Row-major index of the first element that is not finite, and its value.
  int64_t index = 0;
  double value = 0;
};

/// Builds `entry` of `graph` (in `context`) with its values exposed, runs
/// it on `arguments` and returns the first non-finite value, or
/// std::nullopt if all are finite. Sets `compileFailed` (after reporting, or
/// setting `error` for LLVM-level failures) if it could not compile.
std::optional<NonFiniteValue>
findFirstNonFinite(mlir::MLIRContext &context, const graph::Graph &graph,
                   llvm::StringRef fileName, const std::string &entry,
                   std::vector<NpyArray> &arguments,
                   const CodegenOptions &options, std::string &error,
                   bool &compileFailed);

} // namespace adjoint

#endif // ADJOINT_COMPILER_CHECKFINITE_H

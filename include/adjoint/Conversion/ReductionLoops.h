//===- ReductionLoops.h - Accumulators in registers ----------*- C++ -*-===//
//
// The lowering of adj-linalg-to-loops for generics whose reduction loops
// are innermost (lib/Conversion/ParallelLoops/ReductionLoops.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_CONVERSION_REDUCTIONLOOPS_H
#define ADJOINT_CONVERSION_REDUCTIONLOOPS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace adjoint {

/// True if `op` is a generic on buffers of static shape whose loops are
/// parallel ones then at least one reduction, and whose outputs are indexed
/// by the parallel loops alone.
bool hasInnermostReductions(mlir::linalg::GenericOp op);

/// Replaces nothing: builds, in front of `op` (hasInnermostReductions),
/// loops over its parallel dimensions (an scf.parallel when `parallel`)
/// that load each output element once, run the reduction loops with the
/// elements as iteration arguments, and store them once.
void lowerInnermostReductions(mlir::RewriterBase &rewriter,
                              mlir::linalg::GenericOp op, bool parallel);

} // namespace adjoint

#endif // ADJOINT_CONVERSION_REDUCTIONLOOPS_H

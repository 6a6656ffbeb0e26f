//===- InnerVectorLoops.h - Short inner loops as vector code -*- C++ -*-===//
//
// The lowering of adj-linalg-to-loops for generics whose innermost loop is
// parallel and short (lib/Conversion/ParallelLoops/InnerVectorLoops.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_CONVERSION_INNERVECTORLOOPS_H
#define ADJOINT_CONVERSION_INNERVECTORLOOPS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace adjoint {

/// Inner loops of up to this many vectors are written as vector code;
/// longer ones LLVM vectorizes well by itself.
constexpr int64_t kMaxInnerVectors = 4;

/// The lanes per vector (`vectorBits` over the output's element width) if
/// `op`'s innermost loop can be vector code: a static, short (at most
/// kMaxInnerVectors vectors) parallel loop along which every operand is
/// contiguous or invariant, and a body of elementwise float ops; else 0.
int64_t getInnerVectorLength(mlir::linalg::GenericOp op, unsigned vectorBits);

/// Builds, in front of `op`, scf.for loops over all but its innermost loop
/// (the outermost an scf.parallel when `parallel` and it is parallel),
/// and inside them the innermost loop as vectors of `length` lanes, the
/// last one masked.
void lowerWithInnerVectors(mlir::RewriterBase &rewriter,
                           mlir::linalg::GenericOp op, int64_t length,
                           bool parallel);

} // namespace adjoint

#endif // ADJOINT_CONVERSION_INNERVECTORLOOPS_H

//===- MatmulContraction.h - Matmul contractions for kernels ----*- C++ -*-===//
//
// Recognizes a linalg.generic on buffers that is a matmul contraction
// C[b.., m, n] += A * B, and says which register kernel fits its operands'
// memory layouts (see the adj-matmul-kernel pass description).
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_CONVERSION_MATMULCONTRACTION_H
#define ADJOINT_CONVERSION_MATMULCONTRACTION_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <optional>

namespace adjoint {

/// The register kernel for a contraction.
enum class ContractionKernel {
  /// B and C run along n: vectors along n, A's elements broadcast.
  Row,
  /// A and B both run along k: vectors along k, reduced per tile.
  Dot,
};

/// A matmul contraction on buffers: its operands, their indexing maps, and
/// which loop of the generic is m, n, k or a batch dimension.
struct Contraction {
  mlir::Value lhs, rhs, out;
  mlir::AffineMap lhsMap, rhsMap, outMap;
  llvm::SmallVector<unsigned> batchLoops;
  unsigned mLoop = 0, nLoop = 0, kLoop = 0;
  /// The static trip count of every loop of the generic.
  llvm::SmallVector<int64_t> loopSizes;
  mlir::Type elementType;
  ContractionKernel kernel = ContractionKernel::Row;

  int64_t getM() const { return loopSizes[mLoop]; }
  int64_t getN() const { return loopSizes[nLoop]; }
  int64_t getK() const { return loopSizes[kLoop]; }
};

/// `op` as a contraction a register kernel covers: buffers of one f32 or
/// f64 element type with identity layouts and static shapes, a body that
/// multiplies then adds, one m, n and k loop, and a layout one kernel
/// fits. std::nullopt otherwise.
std::optional<Contraction> matchContraction(mlir::linalg::GenericOp op);

} // namespace adjoint

#endif // ADJOINT_CONVERSION_MATMULCONTRACTION_H

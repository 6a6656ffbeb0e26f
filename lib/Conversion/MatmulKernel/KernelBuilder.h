//===- KernelBuilder.h - Building blocks of the matmul kernels --*- C++ -*-===//
//
// What the row and dot kernels share: the loops over batch dimensions and
// over blocks of a static extent, operand indices through indexing maps,
// and vector loads and stores that are masked when a tile is partial.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_CONVERSION_MATMULKERNEL_KERNELBUILDER_H
#define ADJOINT_CONVERSION_MATMULKERNEL_KERNELBUILDER_H

#include "adjoint/Conversion/MatmulContraction.h"

#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace adjoint {

/// One register tile: the values of the batch loops, a block of k and a
/// block of rows and columns of C.
struct TileBounds {
  llvm::SmallVector<mlir::Value> loops;
  mlir::Value kStart;
  int64_t kSize;
  mlir::Value row;
  int64_t rows;
  mlir::Value column;
  int64_t columns;
};

/// Builds the loops of one contraction's kernel in front of its generic.
class KernelBuilder {
public:
  /// With `overwritesOut`, C's values on entry are not read: the first
  /// block of k stores its sums instead of adding them (the pass erases
  /// the zero fill of C in front of such a contraction).
  KernelBuilder(mlir::ImplicitLocOpBuilder &builder,
                const Contraction &contraction, unsigned vectorBits,
                bool overwritesOut);

  const Contraction &getContraction() const { return contraction; }
  mlir::ImplicitLocOpBuilder &getBuilder() { return builder; }
  /// Elements per vector register.
  int64_t getVectorLength() const { return vectorType.getNumElements(); }
  mlir::VectorType getVectorType() const { return vectorType; }

  mlir::Value index(int64_t value);
  /// `base + offset`, folded when `offset` is 0.
  mlir::Value offsetIndex(mlir::Value base, int64_t offset);

  /// Calls `body` with one value per loop of the generic (null for all but
  /// the batch loops) inside loops over every batch dimension.
  void
  forEachBatch(llvm::function_ref<void(llvm::SmallVector<mlir::Value>)> body);
  /// Calls `body(start, size)` for consecutive blocks of `blockSize` that
  /// cover [0, extent): in an scf.for over the full blocks (an
  /// scf.parallel when `parallel`; straight-line for one), then once for
  /// the partial block left, if any.
  void forEachBlock(int64_t extent, int64_t blockSize,
                    llvm::function_ref<void(mlir::Value, int64_t)> body,
                    bool parallel = false);

  /// Calls `tile` for every tile of at most `tileRows` x `tileColumns`
  /// elements of C and every block of `blockK` terms of k: column blocks
  /// outermost, in parallel (with --threads); then blocks of k, so that
  /// each element's block sums are added to C in order; then rows, which
  /// pass over one block of B while it is in cache.
  void forEachTile(int64_t tileRows, int64_t tileColumns, int64_t blockK,
                   llvm::function_ref<void(const TileBounds &)> tile);

  /// The indices of an operand read through `map` at loop values `loops`.
  llvm::SmallVector<mlir::Value> getIndices(mlir::AffineMap map,
                                            llvm::ArrayRef<mlir::Value> loops);

  /// A mask of the first `width` lanes, or null when `width` is a full
  /// vector.
  mlir::Value getMask(int64_t width);
  mlir::Value zeroVector();
  /// A vector load (masked, padded with zeros, when `mask` is set).
  mlir::Value loadVector(mlir::Value buffer, mlir::ValueRange indices,
                         mlir::Value mask);
  void storeVector(mlir::Value value, mlir::Value buffer,
                   mlir::ValueRange indices, mlir::Value mask);
  /// `accumulator + lhs * rhs`, which LLVM contracts into one fused
  /// multiply-add where the target has one.
  mlir::Value multiplyAdd(mlir::Value lhs, mlir::Value rhs,
                          mlir::Value accumulator);

  /// The value of type `type` to store into C after the block of k that
  /// starts at `kStart`: `combine(loadOld())`, or `combine(null)` where C
  /// holds nothing yet (the first block when C is overwritten; decided at
  /// run time when `kStart` is not a constant).
  mlir::Value
  combineWithOut(mlir::Type type, mlir::Value kStart,
                 llvm::function_ref<mlir::Value()> loadOld,
                 llvm::function_ref<mlir::Value(mlir::Value)> combine);

private:
  mlir::ImplicitLocOpBuilder &builder;
  const Contraction &contraction;
  mlir::VectorType vectorType;
  bool overwritesOut;
};

/// Emits the row kernel (ContractionKernel::Row) of `builder`'s
/// contraction.
void emitRowKernel(KernelBuilder &builder);
/// Emits the dot kernel (ContractionKernel::Dot) of `builder`'s
/// contraction.
void emitDotKernel(KernelBuilder &builder);

/// Each accumulator register lane sums at most this many terms of k
/// before the block's sums go to C: the row kernel's blocks of k are this
/// long, the dot kernel's (whose lanes take every vector-length-th term)
/// this many vectors long.
constexpr int64_t kKernelBlockK = 256;

} // namespace adjoint

#endif // ADJOINT_CONVERSION_MATMULKERNEL_KERNELBUILDER_H

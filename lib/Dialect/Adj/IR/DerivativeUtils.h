//===- DerivativeUtils.h - Helpers of the derivative rules ------*- C++ -*-===//
//
// Private to lib/Dialect/Adj/IR: AdjEmitter builds `adj` ops at one location
// (the forward op's, so errors point into the model) and infers their result
// types, which keeps the VJP and JVP rules in *Derivatives.cpp close to
// their math. It also holds the plumbing every family shares: reducing a
// broadcast cotangent back to an operand's shape, expanding a reduction's
// result back to its keepdims shape, gating by a mask, and adding tangent
// terms of which some may be null (zero). Shapes are static; rank 0 is
// ordinary.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_LIB_DIALECT_ADJ_IR_DERIVATIVEUTILS_H
#define ADJOINT_LIB_DIALECT_ADJ_IR_DERIVATIVEUTILS_H

#include "adjoint/Dialect/Adj/IR/AdjOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace adjoint::adj {

/// True if the rule must build operand `index`'s cotangent.
inline bool isNeeded(llvm::ArrayRef<bool> needed, unsigned index) {
  return index < needed.size() && needed[index];
}

/// The VJP of an op with one operand: `fn()`, the operand's cotangent, if
/// needed, else null.
template <typename Fn>
llvm::SmallVector<mlir::Value> unaryVJP(llvm::ArrayRef<bool> needed, Fn fn) {
  llvm::SmallVector<mlir::Value> result(1);
  if (isNeeded(needed, 0))
    result[0] = fn();
  return result;
}

/// getVJPReads of a one-operand rule that reads `values` when it builds
/// the operand's cotangent.
llvm::SmallVector<mlir::Value> unaryReads(llvm::ArrayRef<bool> needed,
                                          llvm::ArrayRef<mlir::Value> values);

/// getVJPReads of a rule that reads `forLhs` to build operand 0's
/// cotangent and `forRhs` to build operand 1's; each value once.
llvm::SmallVector<mlir::Value> binaryReads(llvm::ArrayRef<bool> needed,
                                           llvm::ArrayRef<mlir::Value> forLhs,
                                           llvm::ArrayRef<mlir::Value> forRhs);

/// The static shape of a ranked tensor value.
llvm::ArrayRef<int64_t> getShapeOf(mlir::Value value);

/// `shape` with the reduced `axes` (sorted) kept as size 1.
llvm::SmallVector<int64_t> getKeepdimsShape(llvm::ArrayRef<int64_t> shape,
                                            llvm::ArrayRef<int64_t> axes);

/// Builds `adj` ops at one location with inferred result types. All values
/// share one element type.
class AdjEmitter {
public:
  AdjEmitter(mlir::OpBuilder &builder, mlir::Location loc)
      : builder(builder), loc(loc) {}

  /// A `tensor<shape x elementType>` of `value`'s element type.
  mlir::RankedTensorType getType(mlir::Value like,
                                 llvm::ArrayRef<int64_t> shape) const;

  /// A splat `adj.constant` of `type`; rank 0 gives a scalar that
  /// broadcasts against anything.
  mlir::Value constant(mlir::RankedTensorType type, double value);
  /// A rank-0 `adj.constant` of `like`'s element type.
  mlir::Value scalar(mlir::Value like, double value);
  /// Zeros of `like`'s type.
  mlir::Value zerosLike(mlir::Value like);

  /// Broadcasting binary ops; the result has the broadcast shape.
  template <typename OpTy>
  mlir::Value binary(mlir::Value lhs, mlir::Value rhs) {
    return builder.create<OpTy>(loc, getBroadcastType(lhs, rhs), lhs, rhs);
  }
  mlir::Value add(mlir::Value lhs, mlir::Value rhs) {
    return binary<AddOp>(lhs, rhs);
  }
  mlir::Value sub(mlir::Value lhs, mlir::Value rhs) {
    return binary<SubOp>(lhs, rhs);
  }
  mlir::Value mul(mlir::Value lhs, mlir::Value rhs) {
    return binary<MulOp>(lhs, rhs);
  }
  mlir::Value div(mlir::Value lhs, mlir::Value rhs) {
    return binary<DivOp>(lhs, rhs);
  }
  /// Masks: 1.0 where the relation holds, 0.0 elsewhere.
  mlir::Value greater(mlir::Value lhs, mlir::Value rhs) {
    return binary<GreaterOp>(lhs, rhs);
  }
  mlir::Value greaterEqual(mlir::Value lhs, mlir::Value rhs) {
    return binary<GreaterEqualOp>(lhs, rhs);
  }
  mlir::Value equal(mlir::Value lhs, mlir::Value rhs) {
    return binary<EqualOp>(lhs, rhs);
  }
  /// `condition != 0 ? onTrue : onFalse`, all three broadcasting.
  mlir::Value select(mlir::Value condition, mlir::Value onTrue,
                     mlir::Value onFalse);
  /// `value` where `mask` is nonzero, 0 elsewhere. A select, not a product:
  /// an infinite `value` where the mask is 0 gives 0 rather than NaN.
  mlir::Value gate(mlir::Value mask, mlir::Value value);
  /// `lhs + rhs` where a null Value stands for zero: the other one alone,
  /// or null if both are.
  mlir::Value addTerms(mlir::Value lhs, mlir::Value rhs);

  /// Elementwise unary ops; the result has the operand's type.
  template <typename OpTy>
  mlir::Value unary(mlir::Value operand) {
    return builder.create<OpTy>(loc, operand.getType(), operand);
  }

  /// `adj.sum` over the sorted `axes`.
  mlir::Value sum(mlir::Value operand, llvm::ArrayRef<int64_t> axes,
                  bool keepdims);
  /// `adj.mean` over the sorted `axes`.
  mlir::Value mean(mlir::Value operand, llvm::ArrayRef<int64_t> axes,
                   bool keepdims);
  /// `adj.first_max_mask` over the sorted `axes`, of `operand`'s type.
  mlir::Value firstMaxMask(mlir::Value operand, llvm::ArrayRef<int64_t> axes);
  /// `adj.reshape` to `shape`, or `operand` if it has that shape.
  mlir::Value reshape(mlir::Value operand, llvm::ArrayRef<int64_t> shape);
  /// `adj.broadcast` to `shape`, or `operand` if it has that shape.
  mlir::Value broadcast(mlir::Value operand, llvm::ArrayRef<int64_t> shape);
  /// `adj.transpose` by `perm` (result dim i is operand dim perm[i]).
  mlir::Value transpose(mlir::Value operand, llvm::ArrayRef<int64_t> perm);
  /// `adj.transpose` swapping the last two dimensions (rank >= 2).
  mlir::Value transposeLastTwo(mlir::Value operand);
  /// Batched `adj.matmul`.
  mlir::Value matmul(mlir::Value lhs, mlir::Value rhs);
  /// `adj.slice` of `[start, end)` along `axis`, or `operand` if that is
  /// all of it.
  mlir::Value slice(mlir::Value operand, int64_t axis, int64_t start,
                    int64_t end);
  /// `adj.concat` along `axis`, or the only input.
  mlir::Value concat(mlir::ValueRange inputs, int64_t axis);

  /// The cotangent `g` of a broadcast result, reduced to an operand of
  /// `shape`: sums the leading dims `shape` lacks and the dims it stretches
  /// from 1, then reshapes to `shape`. Returns `g` if nothing was broadcast.
  mlir::Value reduceTo(mlir::Value g, llvm::ArrayRef<int64_t> shape);

  /// A reduction's result (or its cotangent) `reduced`, over `axes` of an
  /// operand of `operandShape`, as a tensor that broadcasts against the
  /// operand: reshaped to the keepdims shape, or `reduced` itself if the
  /// axes are leading ones (or it already has the keepdims shape).
  mlir::Value expandReduced(mlir::Value reduced,
                            llvm::ArrayRef<int64_t> operandShape,
                            llvm::ArrayRef<int64_t> axes);

private:
  mlir::RankedTensorType getBroadcastType(mlir::Value lhs,
                                          mlir::Value rhs) const;
  /// The type of `operand` reduced over `axes`.
  mlir::RankedTensorType getReducedType(mlir::Value operand,
                                        llvm::ArrayRef<int64_t> axes,
                                        bool keepdims) const;

  mlir::OpBuilder &builder;
  mlir::Location loc;
};

/// The JVP of a one-operand op whose Jacobian is symmetric (an elementwise
/// op's is diagonal; softmax's is diag(y) - y y^T): its VJP's formula
/// applied to the tangent.
template <typename OpTy>
mlir::Value buildSymmetricJVP(OpTy op, mlir::OpBuilder &builder,
                              mlir::ValueRange operandTangents) {
  bool needed[] = {true};
  return op.buildVJP(builder, operandTangents[0], needed).front();
}

} // namespace adjoint::adj

#endif // ADJOINT_LIB_DIALECT_ADJ_IR_DERIVATIVEUTILS_H

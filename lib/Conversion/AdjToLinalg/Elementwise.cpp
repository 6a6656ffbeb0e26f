//===- Elementwise.cpp - Elementwise adj ops to linalg.generic --*- C++ -*-===//
//
// Lowers the elementwise ops (binary, unary) and `adj.broadcast` to one
// all-parallel linalg.generic over the result's shape whose operand maps
// broadcast as NumPy does. `buildScalar` is the single table of scalar
// bodies; `ElementwiseLowering` is instantiated once per op.
//
// The internal mask ops of derivative rules (greater, greater_equal, equal,
// select) are elementwise too and share the table.
//
// relu is `select(x ugt 0, x, 0)`: the unordered compare is true for NaN, so
// relu(NaN) = NaN as in NumPy's `np.maximum(x, 0)`, and relu(-0) = +0.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "adjoint/Dialect/Adj/IR/AdjOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

#include "llvm/ADT/TypeSwitch.h"

#include <type_traits>

using namespace mlir;
using namespace adjoint;
using namespace adjoint::lowering;

namespace {

/// 1.0 where `args[0] predicate args[1]`, else 0.0 (ordered predicates: 0.0
/// when either is NaN).
Value buildMask(OpBuilder &b, Location loc, arith::CmpFPredicate predicate,
                ValueRange args) {
  Type type = args[0].getType();
  Value holds = b.create<arith::CmpFOp>(loc, predicate, args[0], args[1]);
  return b.create<arith::SelectOp>(loc, holds,
                                   createFloatConstant(b, loc, type, 1.0),
                                   createFloatConstant(b, loc, type, 0.0));
}

/// The scalar computation of each elementwise op on its (broadcast) operand
/// elements `args`.
Value buildScalar(Operation *op, OpBuilder &b, Location loc,
                  ValueRange args) {
  Type type = args[0].getType();
  auto zero = [&] { return createFloatConstant(b, loc, type, 0.0); };
  return llvm::TypeSwitch<Operation *, Value>(op)
      // Binary.
      .Case([&](adj::AddOp) -> Value {
        return b.create<arith::AddFOp>(loc, args[0], args[1]);
      })
      .Case([&](adj::SubOp) -> Value {
        return b.create<arith::SubFOp>(loc, args[0], args[1]);
      })
      .Case([&](adj::MulOp) -> Value {
        return b.create<arith::MulFOp>(loc, args[0], args[1]);
      })
      .Case([&](adj::DivOp) -> Value {
        return b.create<arith::DivFOp>(loc, args[0], args[1]);
      })
      .Case([&](adj::PowOp) -> Value {
        return b.create<math::PowFOp>(loc, args[0], args[1]);
      })
      .Case([&](adj::MaximumOp) -> Value {
        return b.create<arith::MaximumFOp>(loc, args[0], args[1]);
      })
      .Case([&](adj::MinimumOp) -> Value {
        return b.create<arith::MinimumFOp>(loc, args[0], args[1]);
      })
      // Unary.
      .Case([&](adj::NegOp) -> Value {
        return b.create<arith::NegFOp>(loc, args[0]);
      })
      .Case([&](adj::ExpOp) -> Value {
        return b.create<math::ExpOp>(loc, args[0]);
      })
      .Case([&](adj::LogOp) -> Value {
        return b.create<math::LogOp>(loc, args[0]);
      })
      .Case([&](adj::SqrtOp) -> Value {
        return b.create<math::SqrtOp>(loc, args[0]);
      })
      .Case([&](adj::TanhOp) -> Value {
        return b.create<math::TanhOp>(loc, args[0]);
      })
      .Case([&](adj::SigmoidOp) -> Value {
        Value negated = b.create<arith::NegFOp>(loc, args[0]);
        Value exp = b.create<math::ExpOp>(loc, negated);
        Value one = createFloatConstant(b, loc, type, 1.0);
        Value denominator = b.create<arith::AddFOp>(loc, one, exp);
        return b.create<arith::DivFOp>(loc, one, denominator);
      })
      .Case([&](adj::ReluOp) -> Value {
        Value zeroValue = zero();
        Value positive = b.create<arith::CmpFOp>(
            loc, arith::CmpFPredicate::UGT, args[0], zeroValue);
        return b.create<arith::SelectOp>(loc, positive, args[0], zeroValue);
      })
      .Case([&](adj::SinOp) -> Value {
        return b.create<math::SinOp>(loc, args[0]);
      })
      .Case([&](adj::CosOp) -> Value {
        return b.create<math::CosOp>(loc, args[0]);
      })
      .Case([&](adj::AbsOp) -> Value {
        return b.create<math::AbsFOp>(loc, args[0]);
      })
      .Case([&](adj::SquareOp) -> Value {
        return b.create<arith::MulFOp>(loc, args[0], args[0]);
      })
      // Structural, but elementwise once broadcasting is in the maps.
      .Case([&](adj::BroadcastOp) -> Value { return args[0]; })
      // Internal ops of derivative rules: masks of 1.0 / 0.0.
      .Case([&](adj::GreaterOp) -> Value {
        return buildMask(b, loc, arith::CmpFPredicate::OGT, args);
      })
      .Case([&](adj::GreaterEqualOp) -> Value {
        return buildMask(b, loc, arith::CmpFPredicate::OGE, args);
      })
      .Case([&](adj::EqualOp) -> Value {
        return buildMask(b, loc, arith::CmpFPredicate::OEQ, args);
      })
      .Case([&](adj::SelectOp) -> Value {
        Value taken = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNE,
                                              args[0], zero());
        return b.create<arith::SelectOp>(loc, taken, args[1], args[2]);
      });
}

/// Any op of `buildScalar`'s table: one linalg.generic over the result.
template <typename OpTy>
struct ElementwiseLowering : AdjLoweringPattern<OpTy> {
  using AdjLoweringPattern<OpTy>::AdjLoweringPattern;

  LogicalResult
  lower(OpTy op, typename OpTy::Adaptor adaptor,
        ConversionPatternRewriter &rewriter) const override {
    // A broadcast to the operand's own shape is the operand.
    if (std::is_same_v<OpTy, adj::BroadcastOp> &&
        adaptor.getOperands()[0].getType() == op.getType()) {
      rewriter.replaceOp(op, adaptor.getOperands()[0]);
      return success();
    }
    Operation *raw = op.getOperation();
    Value result = buildElementwise(
        rewriter, op.getLoc(), llvm::cast<RankedTensorType>(op.getType()),
        adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return buildScalar(raw, b, loc, args);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void lowering::populateElementwisePatterns(RewritePatternSet &patterns) {
  patterns.add<
      // Binary.
      ElementwiseLowering<adj::AddOp>, ElementwiseLowering<adj::SubOp>,
      ElementwiseLowering<adj::MulOp>, ElementwiseLowering<adj::DivOp>,
      ElementwiseLowering<adj::PowOp>, ElementwiseLowering<adj::MaximumOp>,
      ElementwiseLowering<adj::MinimumOp>,
      // Unary.
      ElementwiseLowering<adj::NegOp>, ElementwiseLowering<adj::ExpOp>,
      ElementwiseLowering<adj::LogOp>, ElementwiseLowering<adj::SqrtOp>,
      ElementwiseLowering<adj::TanhOp>, ElementwiseLowering<adj::SigmoidOp>,
      ElementwiseLowering<adj::ReluOp>, ElementwiseLowering<adj::SinOp>,
      ElementwiseLowering<adj::CosOp>, ElementwiseLowering<adj::AbsOp>,
      ElementwiseLowering<adj::SquareOp>,
      // Broadcast.
      ElementwiseLowering<adj::BroadcastOp>,
      // Internal ops of derivative rules.
      ElementwiseLowering<adj::GreaterOp>,
      ElementwiseLowering<adj::GreaterEqualOp>,
      ElementwiseLowering<adj::EqualOp>,
      ElementwiseLowering<adj::SelectOp>>(patterns.getContext());
}

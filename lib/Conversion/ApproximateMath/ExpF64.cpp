//===- ExpF64.cpp - math.exp on f64 in plain arithmetic ----------*- C++
//-*-===//
//
// MLIR's polynomial approximations cover f32 only, so an f64 `math.exp`
// would stay a call to libm's `exp` per element, which keeps its loop
// scalar (softmax, logsumexp and sigmoid in f64 models). This pattern
// writes it in arith ops that LLVM vectorizes:
//
//   k = round(x / ln 2),  r = x - k ln 2  (|r| <= ln 2 / 2, Cody and
//   Waite: ln 2 in two parts, the first with trailing zero bits so that
//   k * ln2Hi is exact),
//   exp(x) = 2^k * p(r),  p the Taylor polynomial of degree 13, whose
//   truncation error (ln 2 / 2)^14 / 14! ~ 4e-18 is below half an ulp.
//
// k is taken from the low bits of x / ln 2 + 1.5 * 2^52 (where doubles
// are the integers), so no float-to-int conversion is needed, and 2^k is
// built from two halves of k in the exponent field, so that results near
// the overflow threshold and in the subnormal range round once. x is first
// clamped to [-746, 710], beyond which exp is 0 or infinity anyway; NaN
// passes through. The result is within about 1 ulp of the exact value.
//
//===----------------------------------------------------------------------===//

#include "ApproximateMath.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;

namespace {
/// Builds constants and bit casts of one shape (a scalar or a vector) of
/// f64 and i64.
struct ShapedBuilder {
  ImplicitLocOpBuilder &b;
  Type floatType, intType;

  ShapedBuilder(ImplicitLocOpBuilder &b, Type type) : b(b), floatType(type) {
    Type i64 = b.getI64Type();
    auto vector = dyn_cast<VectorType>(type);
    intType = vector ? Type(vector.clone(i64)) : i64;
  }

  Value splat(Type type, TypedAttr scalar) {
    if (auto shaped = dyn_cast<ShapedType>(type))
      return b.create<arith::ConstantOp>(
          DenseElementsAttr::get(shaped, scalar));
    return b.create<arith::ConstantOp>(scalar);
  }
  Value real(double value) {
    return splat(floatType, b.getF64FloatAttr(value));
  }
  Value integer(int64_t value) {
    return splat(intType, b.getI64IntegerAttr(value));
  }
  Value toBits(Value value) {
    return b.create<arith::BitcastOp>(intType, value);
  }
  Value fromBits(Value bits) {
    return b.create<arith::BitcastOp>(floatType, bits);
  }
  /// 2^k for an integer k in [-1022, 1023], as a double.
  Value powerOfTwo(Value k) {
    Value biased = b.create<arith::AddIOp>(k, integer(1023));
    return fromBits(b.create<arith::ShLIOp>(biased, integer(52)));
  }
};

struct ExpF64Expansion : OpRewritePattern<math::ExpOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(math::ExpOp op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getType();
    if (!getElementTypeOrSelf(type).isF64())
      return rewriter.notifyMatchFailure(op, "not f64");
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    ShapedBuilder s(b, type);
    Value x = op.getOperand();

    // Beyond [-746, 710] exp(x) rounds to 0 or overflows; NaN becomes -746
    // here (maxnumf) and is put back at the end.
    Value clamped = b.create<arith::MinNumFOp>(
        b.create<arith::MaxNumFOp>(x, s.real(-746.0)), s.real(710.0));

    // k = round(x / ln 2): adding 1.5 * 2^52 rounds to an integer, which
    // is also the low bits of the sum.
    const double shifter = 0x1.8p52;
    Value shifted = b.create<arith::AddFOp>(
        b.create<arith::MulFOp>(clamped, s.real(0x1.71547652b82fep0)),
        s.real(shifter));
    Value k = b.create<arith::SubFOp>(shifted, s.real(shifter));
    Value kBits =
        b.create<arith::SubIOp>(s.toBits(shifted), s.toBits(s.real(shifter)));

    // r = x - k ln 2, with ln 2 = ln2Hi + ln2Lo and k * ln2Hi exact.
    Value r = b.create<arith::SubFOp>(
        b.create<arith::SubFOp>(
            clamped, b.create<arith::MulFOp>(k, s.real(0x1.62e42fee00000p-1))),
        b.create<arith::MulFOp>(k, s.real(0x1.a39ef35793c76p-33)));

    // p(r) = sum of r^n / n! for n <= 13, by Horner's rule (n! is exact
    // in a double up to 18!).
    auto contract = arith::FastMathFlags::contract;
    auto inverseFactorial = [](int n) {
      double factorial = 1.0;
      for (int i = 2; i <= n; ++i)
        factorial *= i;
      return 1.0 / factorial;
    };
    Value p = s.real(inverseFactorial(13));
    for (int n = 12; n >= 0; --n)
      p = b.create<arith::AddFOp>(b.create<arith::MulFOp>(p, r, contract),
                                  s.real(inverseFactorial(n)), contract);

    // 2^k as 2^(k/2) * 2^(k - k/2): for k in [-1076, 1024] each half is a
    // normal double, and only the last product can round.
    Value half = b.create<arith::ShRSIOp>(kBits, s.integer(1));
    Value rest = b.create<arith::SubIOp>(kBits, half);
    Value y = b.create<arith::MulFOp>(
        b.create<arith::MulFOp>(p, s.powerOfTwo(half)), s.powerOfTwo(rest));

    Value isNaN = b.create<arith::CmpFOp>(arith::CmpFPredicate::UNO, x, x);
    rewriter.replaceOpWithNewOp<arith::SelectOp>(op, isNaN, x, y);
    return success();
  }
};
} // namespace

void adjoint::populateExpF64ExpansionPattern(RewritePatternSet &patterns) {
  patterns.add<ExpF64Expansion>(patterns.getContext());
}

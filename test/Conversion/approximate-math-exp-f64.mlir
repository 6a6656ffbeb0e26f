// RUN: adjoint-opt %s --adj-approximate-math | FileCheck %s

// adj-approximate-math writes f64 exp in arith ops (ExpF64.cpp): clamp to
// [-746, 710], k = round(x / ln 2) from the low bits of x / ln 2 +
// 1.5 * 2^52, r = x - k ln 2 with ln 2 in two parts, a degree-13
// polynomial by Horner's rule, 2^k from two halves of k in the exponent
// field, and NaN passed through. No call to libm's exp is left, for
// scalars and vectors alike.

// CHECK-LABEL: func.func @exp_f64(
// CHECK-SAME:    %[[X:.*]]: f64)
// CHECK-DAG:     %[[LOW:.*]] = arith.constant -7.460000e+02 : f64
// CHECK-DAG:     %[[HIGH:.*]] = arith.constant 7.100000e+02 : f64
// CHECK-DAG:     %[[SHIFTER:.*]] = arith.constant 0x4338000000000000 : f64
// CHECK:         %[[MAX:.*]] = arith.maxnumf %[[X]], %[[LOW]] : f64
// CHECK-NEXT:    %[[CLAMPED:.*]] = arith.minnumf %[[MAX]], %[[HIGH]] : f64
// CHECK-NEXT:    %[[SCALED:.*]] = arith.mulf %[[CLAMPED]], %{{.*}} : f64
// CHECK-NEXT:    %[[SHIFTED:.*]] = arith.addf %[[SCALED]], %[[SHIFTER]] : f64
// CHECK-NEXT:    %[[K:.*]] = arith.subf %[[SHIFTED]], %[[SHIFTER]] : f64
// CHECK:         %[[BITS:.*]] = arith.bitcast %[[SHIFTED]] : f64 to i64
// CHECK:         arith.subi %[[BITS]]
// The 13 steps of Horner's rule, the last adding 1.
// CHECK-COUNT-13: arith.addf {{.*}} fastmath<contract> : f64
// CHECK:         arith.shrsi
// CHECK:         arith.shli
// CHECK:         arith.shli
// CHECK:         %[[NAN:.*]] = arith.cmpf uno, %[[X]], %[[X]] : f64
// CHECK-NEXT:    %[[RESULT:.*]] = arith.select %[[NAN]], %[[X]], %{{.*}} : f64
// CHECK-NEXT:    return %[[RESULT]]
// CHECK-NOT:     math.exp
func.func @exp_f64(%x: f64) -> f64 {
  %0 = math.exp %x : f64
  return %0 : f64
}

// CHECK-LABEL: func.func @exp_vector(
// CHECK:         arith.bitcast %{{.*}} : vector<4xf64> to vector<4xi64>
// CHECK:         arith.select %{{.*}} : vector<4xi1>, vector<4xf64>
// CHECK-NOT:     math.exp
func.func @exp_vector(%x: vector<4xf64>) -> vector<4xf64> {
  %0 = math.exp %x : vector<4xf64>
  return %0 : vector<4xf64>
}

// f32 keeps MLIR's own approximation (no 1.5 * 2^52 shifter).
// CHECK-LABEL: func.func @exp_f32(
// CHECK-NOT:     0x4338000000000000
// CHECK-NOT:     math.exp
// CHECK:         return
func.func @exp_f32(%x: f32) -> f32 {
  %0 = math.exp %x : f32
  return %0 : f32
}

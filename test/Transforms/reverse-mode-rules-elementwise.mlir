// RUN: adjoint-opt %s --adj-reverse-mode="grad=false" --split-input-file | FileCheck %s

// One case per elementwise op: the adjoint ops its VJP rule
// (lib/Dialect/Adj/IR/ElementwiseDerivatives.cpp) emits. Each case is a
// named module, so the CHECK-LABELs differ, holding a one-op @forward over
// params; `grad=false` builds only @vjp, whose last argument is the
// cotangent G of the result, so every rule reads G directly. The @vjp body
// starts with the forward sweep (a clone of @forward), then the rule.
// No rule builds two operands of one C++ call inside that call (their
// evaluation order is unspecified), so the IR order is the same with every
// host compiler and the checks are CHECK-NEXT chains.

// add, broadcasting a[4,2,3] + b[2,1]: da = G (no op, nothing was
// broadcast), db = G summed over the leading axis 0 and the stretched
// axis 2, reshaped from [2] back to [2,1].
// CHECK-LABEL: module @add_broadcast {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<4x2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x1xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<4x2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.add %[[A]], %[[B]] :
// CHECK-NEXT:    %[[S:.*]] = adj.sum %[[G]], [0, 2] : (tensor<4x2x3xf32>) -> tensor<2xf32>
// CHECK-NEXT:    %[[DB:.*]] = adj.reshape %[[S]] : (tensor<2xf32>) -> tensor<2x1xf32>
// CHECK-NEXT:    return %[[G]], %[[DB]] : tensor<4x2x3xf32>, tensor<2x1xf32>
module @add_broadcast {
  func.func @forward(%a: tensor<4x2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<2x1xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<4x2x3xf32> {adj.name = "y"}) {
    %y = adj.add %a, %b : (tensor<4x2x3xf32>, tensor<2x1xf32>) -> tensor<4x2x3xf32>
    return %y : tensor<4x2x3xf32>
  }
}

// -----

// sub, a scalar lhs broadcast against a matrix: y = s - a.
// ds = sum(G) over all axes (rank 0, no reshape); da = -G.
// CHECK-LABEL: module @sub_scalar {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[S:[a-z0-9]+]]: tensor<f32> {adj.leaf = "param", adj.name = "s"},
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.sub %[[S]], %[[A]] :
// CHECK-NEXT:    %[[DS:.*]] = adj.sum %[[G]], [0, 1] : (tensor<2x3xf32>) -> tensor<f32>
// CHECK-NEXT:    %[[DA:.*]] = adj.neg %[[G]] : tensor<2x3xf32>
// CHECK-NEXT:    return %[[DS]], %[[DA]] : tensor<f32>, tensor<2x3xf32>
module @sub_scalar {
  func.func @forward(%s: tensor<f32> {adj.leaf = "param", adj.name = "s"},
                     %a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.sub %s, %a : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// sub with a broadcast rhs, a[4,2,3] - b[2,1]: da = G, db = -(G reduced
// to [2,1]): the negation comes after the reduction (on fewer elements).
// CHECK-LABEL: module @sub_broadcast {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<4x2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x1xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<4x2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.sub %[[A]], %[[B]] :
// CHECK-NEXT:    %[[S:.*]] = adj.sum %[[G]], [0, 2] : (tensor<4x2x3xf32>) -> tensor<2xf32>
// CHECK-NEXT:    %[[R:.*]] = adj.reshape %[[S]] : (tensor<2xf32>) -> tensor<2x1xf32>
// CHECK-NEXT:    %[[DB:.*]] = adj.neg %[[R]] : tensor<2x1xf32>
// CHECK-NEXT:    return %[[G]], %[[DB]] : tensor<4x2x3xf32>, tensor<2x1xf32>
module @sub_broadcast {
  func.func @forward(%a: tensor<4x2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<2x1xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<4x2x3xf32> {adj.name = "y"}) {
    %y = adj.sub %a, %b : (tensor<4x2x3xf32>, tensor<2x1xf32>) -> tensor<4x2x3xf32>
    return %y : tensor<4x2x3xf32>
  }
}

// -----

// mul, a[3] * b[2,3]: da = sum(G * b, axis 0) (the leading axis a lacks;
// [3] needs no reshape), db = G * a (a broadcasts, nothing to reduce).
// CHECK-LABEL: module @mul_broadcast {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.mul %[[A]], %[[B]] :
// CHECK-NEXT:    %[[GB:.*]] = adj.mul %[[G]], %[[B]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[DA:.*]] = adj.sum %[[GB]], [0] : (tensor<2x3xf32>) -> tensor<3xf32>
// CHECK-NEXT:    %[[DB:.*]] = adj.mul %[[G]], %[[A]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[DA]], %[[DB]] : tensor<3xf32>, tensor<2x3xf32>
module @mul_broadcast {
  func.func @forward(%a: tensor<3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.mul %a, %b : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// mul by a literal (a number in the model is a rank-0 adj.constant): the
// constant is inactive, so only dx = G * c is built, and c gets no
// cotangent (no reduction of G to rank 0).
// CHECK-LABEL: module @mul_literal {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    %[[C:.*]] = adj.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT:    adj.mul %[[X]], %[[C]] :
// CHECK-NEXT:    %[[DX:.*]] = adj.mul %[[G]], %[[C]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3xf32>
module @mul_literal {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %c = adj.constant dense<2.0> : tensor<f32>
    %y = adj.mul %x, %c : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// div, a[2,3] / b[2,1]: da = G / b (a is not broadcast: no reduction);
// db = -(sum(G * y / b, axis 1) reshaped to [2,1]), using the forward
// result y = a / b for a / b^2.
// CHECK-LABEL: module @div_broadcast {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x1xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.div %[[A]], %[[B]] :
// CHECK-NEXT:    %[[DA:.*]] = adj.div %[[G]], %[[B]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[GY:.*]] = adj.mul %[[G]], %[[Y]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[GYB:.*]] = adj.div %[[GY]], %[[B]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[S:.*]] = adj.sum %[[GYB]], [1] : (tensor<2x3xf32>) -> tensor<2xf32>
// CHECK-NEXT:    %[[R:.*]] = adj.reshape %[[S]] : (tensor<2xf32>) -> tensor<2x1xf32>
// CHECK-NEXT:    %[[DB:.*]] = adj.neg %[[R]] : tensor<2x1xf32>
// CHECK-NEXT:    return %[[DA]], %[[DB]] : tensor<2x3xf32>, tensor<2x1xf32>
module @div_broadcast {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<2x1xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.div %a, %b : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// pow, y = a^b (PyTorch's conventions):
//   da = G * (b * a^(b-1)), replaced by 0 where b == 0;
//   db = G * (y * log(a)), replaced by 0 where a == 0 and b >= 0.
// CHECK-LABEL: module @pow {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.pow %[[A]], %[[B]] :
// CHECK-NEXT:    %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[BM1:.*]] = adj.sub %[[B]], %[[ONE]] :
// CHECK-NEXT:    %[[P:.*]] = adj.pow %[[A]], %[[BM1]] :
// CHECK-NEXT:    %[[BP:.*]] = adj.mul %[[B]], %[[P]] :
// CHECK-NEXT:    %[[DAFULL:.*]] = adj.mul %[[G]], %[[BP]] :
// CHECK-NEXT:    %[[Z1:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[BIS0:.*]] = adj.equal %[[B]], %[[Z1]] :
// CHECK-NEXT:    %[[Z2:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[DA:.*]] = adj.select %[[BIS0]], %[[Z2]], %[[DAFULL]] : (tensor<2x3xf32>, tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[LOGA:.*]] = adj.log %[[A]] :
// CHECK-NEXT:    %[[YLOG:.*]] = adj.mul %[[Y]], %[[LOGA]] :
// CHECK-NEXT:    %[[DBFULL:.*]] = adj.mul %[[G]], %[[YLOG]] :
// CHECK-NEXT:    %[[Z3:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[AIS0:.*]] = adj.equal %[[A]], %[[Z3]] :
// CHECK-NEXT:    %[[Z4:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[BGE0:.*]] = adj.greater_equal %[[B]], %[[Z4]] :
// CHECK-NEXT:    %[[ZEROBASE:.*]] = adj.mul %[[AIS0]], %[[BGE0]] :
// CHECK-NEXT:    %[[Z5:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[DB:.*]] = adj.select %[[ZEROBASE]], %[[Z5]], %[[DBFULL]] :
// CHECK-NEXT:    return %[[DA]], %[[DB]] : tensor<2x3xf32>, tensor<2x3xf32>
module @pow {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.pow %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// pow with a literal exponent, y = x^3: the exponent is inactive, so only
// dx = G * (c * x^(c-1)) (0 where c == 0) is built: no log and no
// a == 0 / b >= 0 masks.
// CHECK-LABEL: module @pow_literal {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    %[[C:.*]] = adj.constant dense<3.000000e+00> : tensor<f32>
// CHECK-NEXT:    adj.pow %[[X]], %[[C]] :
// CHECK-NEXT:    %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[CM1:.*]] = adj.sub %[[C]], %[[ONE]] : (tensor<f32>, tensor<f32>) -> tensor<f32>
// CHECK-NEXT:    %[[P:.*]] = adj.pow %[[X]], %[[CM1]] :
// CHECK-NEXT:    %[[CP:.*]] = adj.mul %[[C]], %[[P]] :
// CHECK-NEXT:    %[[DXFULL:.*]] = adj.mul %[[G]], %[[CP]] :
// CHECK-NEXT:    %[[Z1:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[CIS0:.*]] = adj.equal %[[C]], %[[Z1]] :
// CHECK-NEXT:    %[[Z2:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[DX:.*]] = adj.select %[[CIS0]], %[[Z2]], %[[DXFULL]] :
// CHECK-NEXT:    return %[[DX]] : tensor<2x3xf32>
// CHECK-NOT:     adj.log
module @pow_literal {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %c = adj.constant dense<3.0> : tensor<f32>
    %y = adj.pow %x, %c : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// maximum: ties go to a. da = G where a >= b (else 0), db = G where
// b > a (else 0). Both masks compare the forward operands, not y.
// CHECK-LABEL: module @maximum {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.maximum %[[A]], %[[B]] :
// CHECK-NEXT:    %[[AGEB:.*]] = adj.greater_equal %[[A]], %[[B]] :
// CHECK-NEXT:    %[[Z1:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[DA:.*]] = adj.select %[[AGEB]], %[[G]], %[[Z1]] :
// CHECK-NEXT:    %[[BGTA:.*]] = adj.greater %[[B]], %[[A]] :
// CHECK-NEXT:    %[[Z2:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[DB:.*]] = adj.select %[[BGTA]], %[[G]], %[[Z2]] :
// CHECK-NEXT:    return %[[DA]], %[[DB]] : tensor<2x3xf32>, tensor<2x3xf32>
module @maximum {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.maximum %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// maximum against a broadcast scalar threshold t: the masks broadcast to
// [2,3], and dt = sum over both axes of G where t > a.
// CHECK-LABEL: module @maximum_broadcast {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[T:[a-z0-9]+]]: tensor<f32> {adj.leaf = "param", adj.name = "t"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.maximum %[[A]], %[[T]] :
// CHECK-NEXT:    %[[AGET:.*]] = adj.greater_equal %[[A]], %[[T]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z1:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[DA:.*]] = adj.select %[[AGET]], %[[G]], %[[Z1]] :
// CHECK-NEXT:    %[[TGTA:.*]] = adj.greater %[[T]], %[[A]] : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z2:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[DTFULL:.*]] = adj.select %[[TGTA]], %[[G]], %[[Z2]] :
// CHECK-NEXT:    %[[DT:.*]] = adj.sum %[[DTFULL]], [0, 1] : (tensor<2x3xf32>) -> tensor<f32>
// CHECK-NEXT:    return %[[DA]], %[[DT]] : tensor<2x3xf32>, tensor<f32>
module @maximum_broadcast {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %t: tensor<f32> {adj.leaf = "param", adj.name = "t"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.maximum %a, %t : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// minimum: ties go to a. da = G where a <= b, built as b >= a;
// db = G where a > b.
// CHECK-LABEL: module @minimum {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.minimum %[[A]], %[[B]] :
// CHECK-NEXT:    %[[BGEA:.*]] = adj.greater_equal %[[B]], %[[A]] :
// CHECK-NEXT:    %[[Z1:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[DA:.*]] = adj.select %[[BGEA]], %[[G]], %[[Z1]] :
// CHECK-NEXT:    %[[AGTB:.*]] = adj.greater %[[A]], %[[B]] :
// CHECK-NEXT:    %[[Z2:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[DB:.*]] = adj.select %[[AGTB]], %[[G]], %[[Z2]] :
// CHECK-NEXT:    return %[[DA]], %[[DB]] : tensor<2x3xf32>, tensor<2x3xf32>
module @minimum {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.minimum %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// neg: dx = -G.
// CHECK-LABEL: module @neg {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.neg %[[X]] :
// CHECK-NEXT:    %[[DX:.*]] = adj.neg %[[G]] : tensor<2x3xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3xf32>
module @neg {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.neg %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// exp: exp' = exp = y, so dx = G * y (the forward result, no new exp).
// CHECK-LABEL: module @exp {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.exp %[[X]] :
// CHECK-NEXT:    %[[DX:.*]] = adj.mul %[[G]], %[[Y]] :
// CHECK-NEXT:    return %[[DX]] : tensor<2x3xf32>
module @exp {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.exp %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// log: log'(x) = 1 / x, so dx = G / x.
// CHECK-LABEL: module @log {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.log %[[X]] :
// CHECK-NEXT:    %[[DX:.*]] = adj.div %[[G]], %[[X]] :
// CHECK-NEXT:    return %[[DX]] : tensor<2x3xf32>
module @log {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.log %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// sqrt: sqrt'(x) = 1 / (2 y), so dx = G / (2 * y), reusing y = sqrt(x).
// CHECK-LABEL: module @sqrt {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.sqrt %[[X]] :
// CHECK-NEXT:    %[[TWO:.*]] = adj.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[TWOY:.*]] = adj.mul %[[TWO]], %[[Y]] :
// CHECK-NEXT:    %[[DX:.*]] = adj.div %[[G]], %[[TWOY]] :
// CHECK-NEXT:    return %[[DX]] : tensor<2x3xf32>
module @sqrt {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.sqrt %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// tanh: tanh' = 1 - y^2, so dx = G * (1 - y * y), reusing y = tanh(x).
// CHECK-LABEL: module @tanh {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.tanh %[[X]] :
// CHECK-NEXT:    %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[YY:.*]] = adj.mul %[[Y]], %[[Y]] :
// CHECK-NEXT:    %[[D:.*]] = adj.sub %[[ONE]], %[[YY]] : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[DX:.*]] = adj.mul %[[G]], %[[D]] :
// CHECK-NEXT:    return %[[DX]] : tensor<2x3xf32>
module @tanh {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.tanh %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// sigmoid: sigmoid' = y (1 - y), so dx = (G * (1 - y)) * y.
// CHECK-LABEL: module @sigmoid {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.sigmoid %[[X]] :
// CHECK-NEXT:    %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[OMY:.*]] = adj.sub %[[ONE]], %[[Y]] :
// CHECK-NEXT:    %[[GOMY:.*]] = adj.mul %[[G]], %[[OMY]] :
// CHECK-NEXT:    %[[DX:.*]] = adj.mul %[[GOMY]], %[[Y]] :
// CHECK-NEXT:    return %[[DX]] : tensor<2x3xf32>
module @sigmoid {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.sigmoid %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// relu: relu' = [x > 0], strict, so relu'(0) = 0; the gate is a select
// (an infinite G where x <= 0 gives 0, not NaN).
// CHECK-LABEL: module @relu {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.relu %[[X]] :
// CHECK-NEXT:    %[[Z1:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[POS:.*]] = adj.greater %[[X]], %[[Z1]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z2:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[DX:.*]] = adj.select %[[POS]], %[[G]], %[[Z2]] :
// CHECK-NEXT:    return %[[DX]] : tensor<2x3xf32>
module @relu {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.relu %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// sin: dx = G * cos(x).
// CHECK-LABEL: module @sin {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.sin %[[X]] :
// CHECK-NEXT:    %[[C:.*]] = adj.cos %[[X]] :
// CHECK-NEXT:    %[[DX:.*]] = adj.mul %[[G]], %[[C]] :
// CHECK-NEXT:    return %[[DX]] : tensor<2x3xf32>
module @sin {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.sin %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// cos: dx = G * -sin(x).
// CHECK-LABEL: module @cos {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.cos %[[X]] :
// CHECK-NEXT:    %[[S:.*]] = adj.sin %[[X]] :
// CHECK-NEXT:    %[[NS:.*]] = adj.neg %[[S]] :
// CHECK-NEXT:    %[[DX:.*]] = adj.mul %[[G]], %[[NS]] :
// CHECK-NEXT:    return %[[DX]] : tensor<2x3xf32>
module @cos {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.cos %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// abs: abs' = [x > 0] - [x < 0], so abs'(0) = 0. Gated by selects, as
// relu (an infinite G where x == 0 gives 0, not NaN):
// dx = x > 0 ? G : (x < 0 ? -G : 0), with one zero constant.
// CHECK-LABEL: module @abs {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.abs %[[X]] :
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[POS:.*]] = adj.greater %[[X]], %[[Z]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[NEG:.*]] = adj.greater %[[Z]], %[[X]] : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[NG:.*]] = adj.neg %[[G]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[INNER:.*]] = adj.select %[[NEG]], %[[NG]], %[[Z]] : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[DX:.*]] = adj.select %[[POS]], %[[G]], %[[INNER]] : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3xf32>
module @abs {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.abs %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// square: square' = 2 x, so dx = G * (2 * x) (the operand, not y).
// CHECK-LABEL: module @square {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.square %[[X]] :
// CHECK-NEXT:    %[[TWO:.*]] = adj.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[TWOX:.*]] = adj.mul %[[TWO]], %[[X]] :
// CHECK-NEXT:    %[[DX:.*]] = adj.mul %[[G]], %[[TWOX]] :
// CHECK-NEXT:    return %[[DX]] : tensor<2x3xf32>
module @square {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.square %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// The rules' scalar constants take the model's element type: square in
// f64 gives dx = G * (2.0 : f64 * x).
// CHECK-LABEL: module @square_f64 {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<4xf64> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<4xf64> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.square %[[X]] :
// CHECK-NEXT:    %[[TWO:.*]] = adj.constant dense<2.000000e+00> : tensor<f64>
// CHECK-NEXT:    %[[TWOX:.*]] = adj.mul %[[TWO]], %[[X]] : (tensor<f64>, tensor<4xf64>) -> tensor<4xf64>
// CHECK-NEXT:    %[[DX:.*]] = adj.mul %[[G]], %[[TWOX]] : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
// CHECK-NEXT:    return %[[DX]] : tensor<4xf64>
module @square_f64 {
  func.func @forward(%x: tensor<4xf64> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<4xf64> {adj.name = "y"}) {
    %y = adj.square %x : tensor<4xf64>
    return %y : tensor<4xf64>
  }
}

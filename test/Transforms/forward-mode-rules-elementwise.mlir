// RUN: adjoint-opt %s --adj-forward-mode --split-input-file | FileCheck %s

// One case per elementwise op: the adjoint ops its JVP rule
// (lib/Dialect/Adj/IR/ElementwiseDerivatives.cpp) emits. Each case is a
// named module, so the CHECK-LABELs differ, holding a one-op @forward;
// @jvp takes @forward's arguments, then one tangent per param (TA for a,
// ...), and returns the outputs, then their tangents. Its body is the
// forward op's clone, then the rule. An `input` (or a literal) has no
// tangent: the rule gets a null one and builds no zeros for it. Unary ops
// have a diagonal Jacobian: their JVP is their VJP's formula with the
// tangent T for the cotangent.

// add, both tangents, a[4,2,3] + b[2,1]: ty = ta + tb, which broadcasts
// to the result's shape by itself.
// CHECK-LABEL: module @add_broadcast {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<4x2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x1xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[TA:[a-z0-9]+]]: tensor<4x2x3xf32> {adj.name = "a.tangent"},
// CHECK-SAME:    %[[TB:[a-z0-9]+]]: tensor<2x1xf32> {adj.name = "b.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.add %[[A]], %[[B]] : (tensor<4x2x3xf32>, tensor<2x1xf32>) -> tensor<4x2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.add %[[TA]], %[[TB]] : (tensor<4x2x3xf32>, tensor<2x1xf32>) -> tensor<4x2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<4x2x3xf32>, tensor<4x2x3xf32>
module @add_broadcast {
  func.func @forward(%a: tensor<4x2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<2x1xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<4x2x3xf32> {adj.name = "y"}) {
    %y = adj.add %a, %b : (tensor<4x2x3xf32>, tensor<2x1xf32>) -> tensor<4x2x3xf32>
    return %y : tensor<4x2x3xf32>
  }
}

// -----

// add with `a` an input: ty = tb alone, broadcast from [2,1] to the
// result's shape [4,2,3]; no zeros for a.
// CHECK-LABEL: module @add_input {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<4x2x3xf32> {adj.leaf = "input", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x1xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[TB:[a-z0-9]+]]: tensor<2x1xf32> {adj.name = "b.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.add %[[A]], %[[B]] : (tensor<4x2x3xf32>, tensor<2x1xf32>) -> tensor<4x2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.broadcast %[[TB]] : (tensor<2x1xf32>) -> tensor<4x2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<4x2x3xf32>, tensor<4x2x3xf32>
module @add_input {
  func.func @forward(%a: tensor<4x2x3xf32> {adj.leaf = "input", adj.name = "a"},
                     %b: tensor<2x1xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<4x2x3xf32> {adj.name = "y"}) {
    %y = adj.add %a, %b : (tensor<4x2x3xf32>, tensor<2x1xf32>) -> tensor<4x2x3xf32>
    return %y : tensor<4x2x3xf32>
  }
}

// -----

// sub, both tangents, a scalar lhs: ty = ts - ta.
// CHECK-LABEL: module @sub {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[S:[a-z0-9]+]]: tensor<f32> {adj.leaf = "param", adj.name = "s"},
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[TS:[a-z0-9]+]]: tensor<f32> {adj.name = "s.tangent"},
// CHECK-SAME:    %[[TA:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "a.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.sub %[[S]], %[[A]] : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.sub %[[TS]], %[[TA]] : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @sub {
  func.func @forward(%s: tensor<f32> {adj.leaf = "param", adj.name = "s"},
                     %a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.sub %s, %a : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// sub with `a` an input, a[4,2,3] - b[2,1]: ty = -tb, negated at [2,1]
// and then broadcast (fewer elements negated).
// CHECK-LABEL: module @sub_input_lhs {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<4x2x3xf32> {adj.leaf = "input", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x1xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[TB:[a-z0-9]+]]: tensor<2x1xf32> {adj.name = "b.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.sub %[[A]], %[[B]] : (tensor<4x2x3xf32>, tensor<2x1xf32>) -> tensor<4x2x3xf32>
// CHECK-NEXT:    %[[NTB:.*]] = adj.neg %[[TB]] : tensor<2x1xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.broadcast %[[NTB]] : (tensor<2x1xf32>) -> tensor<4x2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<4x2x3xf32>, tensor<4x2x3xf32>
module @sub_input_lhs {
  func.func @forward(%a: tensor<4x2x3xf32> {adj.leaf = "input", adj.name = "a"},
                     %b: tensor<2x1xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<4x2x3xf32> {adj.name = "y"}) {
    %y = adj.sub %a, %b : (tensor<4x2x3xf32>, tensor<2x1xf32>) -> tensor<4x2x3xf32>
    return %y : tensor<4x2x3xf32>
  }
}

// -----

// sub with `b` an input, a[2,1] - b[4,2,3]: ty = ta broadcast to [4,2,3].
// CHECK-LABEL: module @sub_input_rhs {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x1xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<4x2x3xf32> {adj.leaf = "input", adj.name = "b"},
// CHECK-SAME:    %[[TA:[a-z0-9]+]]: tensor<2x1xf32> {adj.name = "a.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.sub %[[A]], %[[B]] : (tensor<2x1xf32>, tensor<4x2x3xf32>) -> tensor<4x2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.broadcast %[[TA]] : (tensor<2x1xf32>) -> tensor<4x2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<4x2x3xf32>, tensor<4x2x3xf32>
module @sub_input_rhs {
  func.func @forward(%a: tensor<2x1xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<4x2x3xf32> {adj.leaf = "input", adj.name = "b"})
      -> (tensor<4x2x3xf32> {adj.name = "y"}) {
    %y = adj.sub %a, %b : (tensor<2x1xf32>, tensor<4x2x3xf32>) -> tensor<4x2x3xf32>
    return %y : tensor<4x2x3xf32>
  }
}

// -----

// mul, a[3] * b[2,3]: ty = ta * b + a * tb, each term of the result's
// shape.
// CHECK-LABEL: module @mul_broadcast {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[TA:[a-z0-9]+]]: tensor<3xf32> {adj.name = "a.tangent"},
// CHECK-SAME:    %[[TB:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "b.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.mul %[[A]], %[[B]] : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TAB:.*]] = adj.mul %[[TA]], %[[B]] : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[ATB:.*]] = adj.mul %[[A]], %[[TB]] : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.add %[[TAB]], %[[ATB]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @mul_broadcast {
  func.func @forward(%a: tensor<3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.mul %a, %b : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// mul by a literal (an inactive rank-0 adj.constant): ty = tx * c only.
// CHECK-LABEL: module @mul_literal {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[C:.*]] = adj.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[Y:.*]] = adj.mul %[[X]], %[[C]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.mul %[[TX]], %[[C]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @mul_literal {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %c = adj.constant dense<2.0> : tensor<f32>
    %y = adj.mul %x, %c : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// div, a[2,3] / b[2,1]: ty = ta / b - a * tb / b^2 = (ta - y * tb) / b,
// reusing the forward result y, one division.
// CHECK-LABEL: module @div_broadcast {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x1xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[TA:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "a.tangent"},
// CHECK-SAME:    %[[TB:[a-z0-9]+]]: tensor<2x1xf32> {adj.name = "b.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.div %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[YTB:.*]] = adj.mul %[[Y]], %[[TB]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[NUM:.*]] = adj.sub %[[TA]], %[[YTB]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.div %[[NUM]], %[[B]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @div_broadcast {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<2x1xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.div %a, %b : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// div with `a` an input: ty = -(y * tb) / b.
// CHECK-LABEL: module @div_input_lhs {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "input", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x1xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[TB:[a-z0-9]+]]: tensor<2x1xf32> {adj.name = "b.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.div %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[YTB:.*]] = adj.mul %[[Y]], %[[TB]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[NUM:.*]] = adj.neg %[[YTB]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.div %[[NUM]], %[[B]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @div_input_lhs {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "input", adj.name = "a"},
                     %b: tensor<2x1xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.div %a, %b : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// div by a literal: ty = tx / c.
// CHECK-LABEL: module @div_literal {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[C:.*]] = adj.constant dense<4.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[Y:.*]] = adj.div %[[X]], %[[C]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.div %[[TX]], %[[C]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @div_literal {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %c = adj.constant dense<4.0> : tensor<f32>
    %y = adj.div %x, %c : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// pow, y = a^b, with the VJP's conventions (PyTorch's):
//   ty = ta * (b * a^(b-1)), replaced by 0 where b == 0,
//      + tb * (y * log(a)), replaced by 0 where a == 0 and b >= 0.
// CHECK-LABEL: module @pow {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[TA:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "a.tangent"},
// CHECK-SAME:    %[[TB:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "b.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.pow %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[BM1:.*]] = adj.sub %[[B]], %[[ONE]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[P:.*]] = adj.pow %[[A]], %[[BM1]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[BP:.*]] = adj.mul %[[B]], %[[P]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TAFULL:.*]] = adj.mul %[[TA]], %[[BP]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z1:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[BIS0:.*]] = adj.equal %[[B]], %[[Z1]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z2:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[TATERM:.*]] = adj.select %[[BIS0]], %[[Z2]], %[[TAFULL]] : (tensor<2x3xf32>, tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[LOGA:.*]] = adj.log %[[A]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[YLOG:.*]] = adj.mul %[[Y]], %[[LOGA]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TBFULL:.*]] = adj.mul %[[TB]], %[[YLOG]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z3:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[AIS0:.*]] = adj.equal %[[A]], %[[Z3]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z4:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[BGE0:.*]] = adj.greater_equal %[[B]], %[[Z4]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[ZEROBASE:.*]] = adj.mul %[[AIS0]], %[[BGE0]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z5:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[TBTERM:.*]] = adj.select %[[ZEROBASE]], %[[Z5]], %[[TBFULL]] : (tensor<2x3xf32>, tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.add %[[TATERM]], %[[TBTERM]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @pow {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.pow %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// pow with a literal exponent, y = x^3: only the base's term,
// ty = tx * (c * x^(c-1)) (0 where c == 0); no log, no a == 0 masks.
// CHECK-LABEL: module @pow_literal_exponent {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[C:.*]] = adj.constant dense<3.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[Y:.*]] = adj.pow %[[X]], %[[C]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[CM1:.*]] = adj.sub %[[C]], %[[ONE]] : (tensor<f32>, tensor<f32>) -> tensor<f32>
// CHECK-NEXT:    %[[P:.*]] = adj.pow %[[X]], %[[CM1]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[CP:.*]] = adj.mul %[[C]], %[[P]] : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TXFULL:.*]] = adj.mul %[[TX]], %[[CP]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z1:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[CIS0:.*]] = adj.equal %[[C]], %[[Z1]] : (tensor<f32>, tensor<f32>) -> tensor<f32>
// CHECK-NEXT:    %[[Z2:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[TY:.*]] = adj.select %[[CIS0]], %[[Z2]], %[[TXFULL]] : (tensor<f32>, tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @pow_literal_exponent {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %c = adj.constant dense<3.0> : tensor<f32>
    %y = adj.pow %x, %c : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// pow with a literal base, y = 2^x: only the exponent's term,
// ty = tx * (y * log(c)), 0 where c == 0 and x >= 0 (0^x is constant
// there, and log(0) = -inf would give NaN).
// CHECK-LABEL: module @pow_literal_base {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[C:.*]] = adj.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[Y:.*]] = adj.pow %[[C]], %[[X]] : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[LOGC:.*]] = adj.log %[[C]] : tensor<f32>
// CHECK-NEXT:    %[[YLOG:.*]] = adj.mul %[[Y]], %[[LOGC]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TXFULL:.*]] = adj.mul %[[TX]], %[[YLOG]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z1:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[CIS0:.*]] = adj.equal %[[C]], %[[Z1]] : (tensor<f32>, tensor<f32>) -> tensor<f32>
// CHECK-NEXT:    %[[Z2:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[XGE0:.*]] = adj.greater_equal %[[X]], %[[Z2]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[ZEROBASE:.*]] = adj.mul %[[CIS0]], %[[XGE0]] : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z3:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[TY:.*]] = adj.select %[[ZEROBASE]], %[[Z3]], %[[TXFULL]] : (tensor<2x3xf32>, tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @pow_literal_base {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %c = adj.constant dense<2.0> : tensor<f32>
    %y = adj.pow %c, %x : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// maximum: ties go to a, so ty = a >= b ? ta : tb, one mask and one
// select.
// CHECK-LABEL: module @maximum {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[TA:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "a.tangent"},
// CHECK-SAME:    %[[TB:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "b.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.maximum %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[AGEB:.*]] = adj.greater_equal %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.select %[[AGEB]], %[[TA]], %[[TB]] : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @maximum {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.maximum %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// maximum against an input threshold t (a scalar): ty = a >= t ? ta : 0,
// the zero a rank-0 constant; the mask has the result's shape.
// CHECK-LABEL: module @maximum_input {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[T:[a-z0-9]+]]: tensor<f32> {adj.leaf = "input", adj.name = "t"},
// CHECK-SAME:    %[[TA:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "a.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.maximum %[[A]], %[[T]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[AGET:.*]] = adj.greater_equal %[[A]], %[[T]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[TY:.*]] = adj.select %[[AGET]], %[[TA]], %[[Z]] : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @maximum_input {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %t: tensor<f32> {adj.leaf = "input", adj.name = "t"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.maximum %a, %t : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// minimum: ties go to a, so ty = a <= b ? ta : tb, the mask built as
// b >= a.
// CHECK-LABEL: module @minimum {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[TA:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "a.tangent"},
// CHECK-SAME:    %[[TB:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "b.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.minimum %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[BGEA:.*]] = adj.greater_equal %[[B]], %[[A]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.select %[[BGEA]], %[[TA]], %[[TB]] : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @minimum {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.minimum %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// minimum with `a` an input and a broadcast b[3]: ty = a <= b ? 0 : tb,
// of the result's shape [2,3].
// CHECK-LABEL: module @minimum_input {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "input", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[TB:[a-z0-9]+]]: tensor<3xf32> {adj.name = "b.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.minimum %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[BGEA:.*]] = adj.greater_equal %[[B]], %[[A]] : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[TY:.*]] = adj.select %[[BGEA]], %[[Z]], %[[TB]] : (tensor<2x3xf32>, tensor<f32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @minimum_input {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "input", adj.name = "a"},
                     %b: tensor<3xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.minimum %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// neg: ty = -tx.
// CHECK-LABEL: module @neg {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.neg %[[X]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.neg %[[TX]] : tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @neg {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.neg %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// exp: ty = tx * y (the forward result, no new exp).
// CHECK-LABEL: module @exp {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.exp %[[X]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.mul %[[TX]], %[[Y]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @exp {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.exp %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// log: ty = tx / x.
// CHECK-LABEL: module @log {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.log %[[X]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.div %[[TX]], %[[X]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @log {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.log %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// sqrt: ty = tx / (2 * y), reusing y = sqrt(x).
// CHECK-LABEL: module @sqrt {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.sqrt %[[X]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[TWO:.*]] = adj.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[TWOY:.*]] = adj.mul %[[TWO]], %[[Y]] : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.div %[[TX]], %[[TWOY]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @sqrt {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.sqrt %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// tanh: ty = tx * (1 - y * y), reusing y = tanh(x).
// CHECK-LABEL: module @tanh {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.tanh %[[X]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[YY:.*]] = adj.mul %[[Y]], %[[Y]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[D:.*]] = adj.sub %[[ONE]], %[[YY]] : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.mul %[[TX]], %[[D]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @tanh {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.tanh %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// sigmoid: ty = (tx * (1 - y)) * y.
// CHECK-LABEL: module @sigmoid {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.sigmoid %[[X]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[OMY:.*]] = adj.sub %[[ONE]], %[[Y]] : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TOMY:.*]] = adj.mul %[[TX]], %[[OMY]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.mul %[[TOMY]], %[[Y]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @sigmoid {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.sigmoid %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// relu: ty = x > 0 ? tx : 0, strict, so relu'(0) = 0; a select, so an
// infinite tx where x <= 0 gives 0, not NaN.
// CHECK-LABEL: module @relu {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.relu %[[X]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[Z1:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[POS:.*]] = adj.greater %[[X]], %[[Z1]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z2:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[TY:.*]] = adj.select %[[POS]], %[[TX]], %[[Z2]] : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @relu {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.relu %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// sin: ty = tx * cos(x).
// CHECK-LABEL: module @sin {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.sin %[[X]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[C:.*]] = adj.cos %[[X]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.mul %[[TX]], %[[C]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @sin {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.sin %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// cos: ty = tx * -sin(x).
// CHECK-LABEL: module @cos {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.cos %[[X]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[S:.*]] = adj.sin %[[X]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[NS:.*]] = adj.neg %[[S]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.mul %[[TX]], %[[NS]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @cos {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.cos %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// abs: ty = x > 0 ? tx : (x < 0 ? -tx : 0), so abs'(0) = 0, gated by
// selects as relu; one zero constant.
// CHECK-LABEL: module @abs {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.abs %[[X]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[POS:.*]] = adj.greater %[[X]], %[[Z]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[NEG:.*]] = adj.greater %[[Z]], %[[X]] : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[NTX:.*]] = adj.neg %[[TX]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[INNER:.*]] = adj.select %[[NEG]], %[[NTX]], %[[Z]] : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.select %[[POS]], %[[TX]], %[[INNER]] : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @abs {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.abs %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// square: ty = tx * (2 * x) (the operand, not y).
// CHECK-LABEL: module @square {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.square %[[X]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[TWO:.*]] = adj.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[TWOX:.*]] = adj.mul %[[TWO]], %[[X]] : (tensor<f32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.mul %[[TX]], %[[TWOX]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @square {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.square %x : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// The rules' scalar constants take the model's element type: square in
// f64 gives ty = tx * (2.0 : f64 * x).
// CHECK-LABEL: module @square_f64 {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<4xf64> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<4xf64> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.square %[[X]] : tensor<4xf64>
// CHECK-NEXT:    %[[TWO:.*]] = adj.constant dense<2.000000e+00> : tensor<f64>
// CHECK-NEXT:    %[[TWOX:.*]] = adj.mul %[[TWO]], %[[X]] : (tensor<f64>, tensor<4xf64>) -> tensor<4xf64>
// CHECK-NEXT:    %[[TY:.*]] = adj.mul %[[TX]], %[[TWOX]] : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<4xf64>, tensor<4xf64>
module @square_f64 {
  func.func @forward(%x: tensor<4xf64> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<4xf64> {adj.name = "y"}) {
    %y = adj.square %x : tensor<4xf64>
    return %y : tensor<4xf64>
  }
}

// RUN: adjoint-opt %s --adj-forward-mode --split-input-file | FileCheck %s

// One case per internal op of the derivative rules (greater,
// greater_equal, equal, first_max_mask, select): their JVP rules
// (lib/Dialect/Adj/IR/ElementwiseDerivatives.cpp, ReductionDerivatives.cpp)
// matter because forward mode also runs over reverse mode's output (@hvp).
// Each case is a named module (distinct CHECK-LABELs) whose @forward uses
// the op directly. Masks are piecewise constant: their rule builds nothing
// and returns a null tangent, so the only op after the clone is the pass's
// zero tangent for the result. select chooses between its branches'
// tangents.

// greater: zero tangent; no op from the rule.
// CHECK-LABEL: module @greater {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[TA:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "a.tangent"},
// CHECK-SAME:    %[[TB:[a-z0-9]+]]: tensor<3xf32> {adj.name = "b.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.greater %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[Z]] : tensor<2x3xf32>, tensor<2x3xf32>
module @greater {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<3xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.greater %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// greater_equal: zero tangent.
// CHECK-LABEL: module @greater_equal {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[TA:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "a.tangent"},
// CHECK-SAME:    %[[TB:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "b.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.greater_equal %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[Z]] : tensor<2x3xf32>, tensor<2x3xf32>
module @greater_equal {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.greater_equal %a, %b : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// equal: zero tangent.
// CHECK-LABEL: module @equal {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<f32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[TA:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "a.tangent"},
// CHECK-SAME:    %[[TB:[a-z0-9]+]]: tensor<f32> {adj.name = "b.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.equal %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[Z]] : tensor<2x3xf32>, tensor<2x3xf32>
module @equal {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<f32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.equal %a, %b : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// first_max_mask: zero tangent.
// CHECK-LABEL: module @first_max_mask {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.first_max_mask %[[X]], [1] : tensor<2x3xf32>
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[Z]] : tensor<2x3xf32>, tensor<2x3xf32>
module @first_max_mask {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.first_max_mask %x, [1] : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// A mask inside a chain: the tangent stops at the mask (y = mask * x gets
// mask * tx only, no term for the mask).
// CHECK-LABEL: module @mask_chain {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[M:.*]] = adj.first_max_mask %[[X]], [1] : tensor<2x3xf32>
// CHECK-NEXT:    %[[Y:.*]] = adj.mul %[[M]], %[[X]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.mul %[[M]], %[[TX]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @mask_chain {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %m = adj.first_max_mask %x, [1] : tensor<2x3xf32>
    %y = adj.mul %m, %x : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// select, both branches params: ty = c ? tt : tf; the condition is an
// input (it is piecewise constant anyway).
// CHECK-LABEL: module @select {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[C:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "input", adj.name = "c"},
// CHECK-SAME:    %[[T:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "t"},
// CHECK-SAME:    %[[F:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "f"},
// CHECK-SAME:    %[[TT:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "t.tangent"},
// CHECK-SAME:    %[[TF:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "f.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.select %[[C]], %[[T]], %[[F]] : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.select %[[C]], %[[TT]], %[[TF]] : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @select {
  func.func @forward(%c: tensor<2x3xf32> {adj.leaf = "input", adj.name = "c"},
                     %t: tensor<2x3xf32> {adj.leaf = "param", adj.name = "t"},
                     %f: tensor<2x3xf32> {adj.leaf = "param", adj.name = "f"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.select %c, %t, %f : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// select whose false branch is an input: ty = c ? tt : 0, a rank-0 zero.
// CHECK-LABEL: module @select_input_false {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[C:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "input", adj.name = "c"},
// CHECK-SAME:    %[[T:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "t"},
// CHECK-SAME:    %[[F:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "input", adj.name = "f"},
// CHECK-SAME:    %[[TT:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "t.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.select %[[C]], %[[T]], %[[F]] : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[TY:.*]] = adj.select %[[C]], %[[TT]], %[[Z]] : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @select_input_false {
  func.func @forward(%c: tensor<2x3xf32> {adj.leaf = "input", adj.name = "c"},
                     %t: tensor<2x3xf32> {adj.leaf = "param", adj.name = "t"},
                     %f: tensor<2x3xf32> {adj.leaf = "input", adj.name = "f"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.select %c, %t, %f : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// select where only the input true branch has the result's shape [2,3]:
// ty = c ? 0 : tf is rank 0, then broadcast to [2,3].
// CHECK-LABEL: module @select_broadcast {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[C:[a-z0-9]+]]: tensor<f32> {adj.leaf = "input", adj.name = "c"},
// CHECK-SAME:    %[[T:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "input", adj.name = "t"},
// CHECK-SAME:    %[[F:[a-z0-9]+]]: tensor<f32> {adj.leaf = "param", adj.name = "f"},
// CHECK-SAME:    %[[TF:[a-z0-9]+]]: tensor<f32> {adj.name = "f.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.select %[[C]], %[[T]], %[[F]] : (tensor<f32>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[SEL:.*]] = adj.select %[[C]], %[[Z]], %[[TF]] : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<f32>
// CHECK-NEXT:    %[[TY:.*]] = adj.broadcast %[[SEL]] : (tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @select_broadcast {
  func.func @forward(%c: tensor<f32> {adj.leaf = "input", adj.name = "c"},
                     %t: tensor<2x3xf32> {adj.leaf = "input", adj.name = "t"},
                     %f: tensor<f32> {adj.leaf = "param", adj.name = "f"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.select %c, %t, %f : (tensor<f32>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// select with a tangent on the condition only: the rule returns a null
// tangent (no op), and the result's tangent is the pass's zeros.
// CHECK-LABEL: module @select_condition {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[C:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "c"},
// CHECK-SAME:    %[[T:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "input", adj.name = "t"},
// CHECK-SAME:    %[[F:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "input", adj.name = "f"},
// CHECK-SAME:    %[[TC:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "c.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.select %[[C]], %[[T]], %[[F]] : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[Z]] : tensor<2x3xf32>, tensor<2x3xf32>
module @select_condition {
  func.func @forward(%c: tensor<2x3xf32> {adj.leaf = "param", adj.name = "c"},
                     %t: tensor<2x3xf32> {adj.leaf = "input", adj.name = "t"},
                     %f: tensor<2x3xf32> {adj.leaf = "input", adj.name = "f"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.select %c, %t, %f : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

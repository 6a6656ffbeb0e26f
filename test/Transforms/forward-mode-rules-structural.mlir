// RUN: adjoint-opt %s --adj-forward-mode --split-input-file | FileCheck %s

// One case per structural op: the adjoint ops its JVP rule
// (lib/Dialect/Adj/IR/StructuralDerivatives.cpp) emits, in a named module
// per case (distinct CHECK-LABELs) with a one-op @forward. @jvp takes
// @forward's arguments, then one tangent per param (TA for a, ...), and
// returns the outputs, then their tangents. These ops are linear (matmul
// in each operand), so each applies itself to the tangents; an input has
// no tangent (null), which drops its matmul term or becomes zeros among
// concat's pieces.

// constant: no tangent, no rule called; x + c gets tx alone, which already
// has the result's shape (no op at all).
// CHECK-LABEL: module @constant {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[C:.*]] = adj.constant dense<1.500000e+00> : tensor<2x3xf32>
// CHECK-NEXT:    %[[Y:.*]] = adj.add %[[X]], %[[C]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TX]] : tensor<2x3xf32>, tensor<2x3xf32>
module @constant {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %c = adj.constant dense<1.5> : tensor<2x3xf32>
    %y = adj.add %x, %c : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// matmul, batched [5,2,3] x [5,3,4]: ty = ta b + a tb.
// CHECK-LABEL: module @matmul {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<5x2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<5x3x4xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[TA:[a-z0-9]+]]: tensor<5x2x3xf32> {adj.name = "a.tangent"},
// CHECK-SAME:    %[[TB:[a-z0-9]+]]: tensor<5x3x4xf32> {adj.name = "b.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.matmul %[[A]], %[[B]] : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
// CHECK-NEXT:    %[[TAB:.*]] = adj.matmul %[[TA]], %[[B]] : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
// CHECK-NEXT:    %[[ATB:.*]] = adj.matmul %[[A]], %[[TB]] : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.add %[[TAB]], %[[ATB]] : (tensor<5x2x4xf32>, tensor<5x2x4xf32>) -> tensor<5x2x4xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<5x2x4xf32>, tensor<5x2x4xf32>
module @matmul {
  func.func @forward(%a: tensor<5x2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<5x3x4xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<5x2x4xf32> {adj.name = "y"}) {
    %y = adj.matmul %a, %b : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
    return %y : tensor<5x2x4xf32>
  }
}

// -----

// matmul with `a` an input: ty = a tb only.
// CHECK-LABEL: module @matmul_input_lhs {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "input", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<3x4xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[TB:[a-z0-9]+]]: tensor<3x4xf32> {adj.name = "b.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.matmul %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.matmul %[[A]], %[[TB]] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x4xf32>, tensor<2x4xf32>
module @matmul_input_lhs {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "input", adj.name = "a"},
                     %b: tensor<3x4xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<2x4xf32> {adj.name = "y"}) {
    %y = adj.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    return %y : tensor<2x4xf32>
  }
}

// -----

// matmul with `b` an input: ty = ta b only.
// CHECK-LABEL: module @matmul_input_rhs {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<3x4xf32> {adj.leaf = "input", adj.name = "b"},
// CHECK-SAME:    %[[TA:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "a.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.matmul %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.matmul %[[TA]], %[[B]] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x4xf32>, tensor<2x4xf32>
module @matmul_input_rhs {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<3x4xf32> {adj.leaf = "input", adj.name = "b"})
      -> (tensor<2x4xf32> {adj.name = "y"}) {
    %y = adj.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    return %y : tensor<2x4xf32>
  }
}

// -----

// transpose by [1, 2, 0]: ty = transpose(tx, [1, 2, 0]), the same
// permutation (not its inverse, which the VJP uses).
// CHECK-LABEL: module @transpose {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.transpose %[[X]], [1, 2, 0] : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.transpose %[[TX]], [1, 2, 0] : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<3x4x2xf32>, tensor<3x4x2xf32>
module @transpose {
  func.func @forward(%x: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<3x4x2xf32> {adj.name = "y"}) {
    %y = adj.transpose %x, [1, 2, 0] : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
    return %y : tensor<3x4x2xf32>
  }
}

// -----

// reshape [2,3] -> [3,2]: ty = reshape(tx).
// CHECK-LABEL: module @reshape {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.reshape %[[X]] : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.reshape %[[TX]] : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<3x2xf32>, tensor<3x2xf32>
module @reshape {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<3x2xf32> {adj.name = "y"}) {
    %y = adj.reshape %x : (tensor<2x3xf32>) -> tensor<3x2xf32>
    return %y : tensor<3x2xf32>
  }
}

// -----

// broadcast [3,1] -> [2,3,4]: ty = broadcast(tx).
// CHECK-LABEL: module @broadcast {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<3x1xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<3x1xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.broadcast %[[X]] : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.broadcast %[[TX]] : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3x4xf32>, tensor<2x3x4xf32>
module @broadcast {
  func.func @forward(%x: tensor<3x1xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3x4xf32> {adj.name = "y"}) {
    %y = adj.broadcast %x : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
    return %y : tensor<2x3x4xf32>
  }
}

// -----

// slice [1, 3) along axis 1: ty = slice(tx), the same range.
// CHECK-LABEL: module @slice {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x5xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x5xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.slice %[[X]] {axis = 1 : i64, end = 3 : i64, start = 1 : i64} : (tensor<2x5xf32>) -> tensor<2x2xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.slice %[[TX]] {axis = 1 : i64, end = 3 : i64, start = 1 : i64} : (tensor<2x5xf32>) -> tensor<2x2xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x2xf32>, tensor<2x2xf32>
module @slice {
  func.func @forward(%x: tensor<2x5xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x2xf32> {adj.name = "y"}) {
    %y = adj.slice %x {axis = 1 : i64, start = 1 : i64, end = 3 : i64} : (tensor<2x5xf32>) -> tensor<2x2xf32>
    return %y : tensor<2x2xf32>
  }
}

// -----

// concat along axis 0: ty = concat(ta, tb).
// CHECK-LABEL: module @concat {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<1x3xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[TA:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "a.tangent"},
// CHECK-SAME:    %[[TB:[a-z0-9]+]]: tensor<1x3xf32> {adj.name = "b.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.concat %[[A]], %[[B]] {axis = 0 : i64} : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<3x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.concat %[[TA]], %[[TB]] {axis = 0 : i64} : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<3x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<3x3xf32>, tensor<3x3xf32>
module @concat {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<1x3xf32> {adj.leaf = "param", adj.name = "b"})
      -> (tensor<3x3xf32> {adj.name = "y"}) {
    %y = adj.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<3x3xf32>
    return %y : tensor<3x3xf32>
  }
}

// -----

// concat along axis 1 with the middle piece an input: ty = concat(ta,
// zeros of the input's type, tc).
// CHECK-LABEL: module @concat_input {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x1xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x2xf32> {adj.leaf = "input", adj.name = "b"},
// CHECK-SAME:    %[[C:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "c"},
// CHECK-SAME:    %[[TA:[a-z0-9]+]]: tensor<2x1xf32> {adj.name = "a.tangent"},
// CHECK-SAME:    %[[TC:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "c.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.concat %[[A]], %[[B]], %[[C]] {axis = 1 : i64} : (tensor<2x1xf32>, tensor<2x2xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<2x2xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.concat %[[TA]], %[[Z]], %[[TC]] {axis = 1 : i64} : (tensor<2x1xf32>, tensor<2x2xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x6xf32>, tensor<2x6xf32>
module @concat_input {
  func.func @forward(%a: tensor<2x1xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<2x2xf32> {adj.leaf = "input", adj.name = "b"},
                     %c: tensor<2x3xf32> {adj.leaf = "param", adj.name = "c"})
      -> (tensor<2x6xf32> {adj.name = "y"}) {
    %y = adj.concat %a, %b, %c {axis = 1 : i64} : (tensor<2x1xf32>, tensor<2x2xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
    return %y : tensor<2x6xf32>
  }
}

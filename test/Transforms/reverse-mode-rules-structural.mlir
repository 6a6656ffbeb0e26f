// RUN: adjoint-opt %s --adj-reverse-mode="grad=false" --split-input-file | FileCheck %s

// One case per structural op (matmul, transpose, reshape, broadcast,
// slice, concat, constant): the adjoint ops their VJP rules
// (lib/Dialect/Adj/IR/StructuralDerivatives.cpp) emit. Each case is a
// named module holding a one-op @forward; `grad=false` builds only @vjp,
// whose last argument is the result's cotangent G.

// matmul, Y = A B with A[2,3], B[3,4]: dA = G B^T, dB = A^T G, the
// transposes swapping the last two dimensions. A wrong operand order
// (B^T G, G A^T) would not even type-check, but dA = G B^T must use B and
// dB = A^T G must use A.
// CHECK-LABEL: module @matmul {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "A"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<3x4xf32> {adj.leaf = "param", adj.name = "B"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x4xf32> {adj.name = "Y.cotangent"})
// CHECK-NEXT:    adj.matmul %[[A]], %[[B]] :
// CHECK-NEXT:    %[[BT:.*]] = adj.transpose %[[B]], [1, 0] : (tensor<3x4xf32>) -> tensor<4x3xf32>
// CHECK-NEXT:    %[[DA:.*]] = adj.matmul %[[G]], %[[BT]] : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[AT:.*]] = adj.transpose %[[A]], [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK-NEXT:    %[[DB:.*]] = adj.matmul %[[AT]], %[[G]] : (tensor<3x2xf32>, tensor<2x4xf32>) -> tensor<3x4xf32>
// CHECK-NEXT:    return %[[DA]], %[[DB]] : tensor<2x3xf32>, tensor<3x4xf32>
module @matmul {
  func.func @forward(%a: tensor<2x3xf32> {adj.leaf = "param", adj.name = "A"},
                     %b: tensor<3x4xf32> {adj.leaf = "param", adj.name = "B"})
      -> (tensor<2x4xf32> {adj.name = "Y"}) {
    %y = adj.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    return %y : tensor<2x4xf32>
  }
}

// -----

// Batched matmul, [5,2,3] x [5,3,4] -> [5,2,4] (the format needs equal
// batch dimensions, so nothing is reduced over the batch): the same rule,
// transposing only the last two dimensions (perm [0, 2, 1]). Rank-1
// operands are not part of the format (matmul needs rank >= 2), so there
// is no vector case.
// CHECK-LABEL: module @matmul_batched {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<5x2x3xf32> {adj.leaf = "param", adj.name = "A"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<5x3x4xf32> {adj.leaf = "param", adj.name = "B"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<5x2x4xf32> {adj.name = "Y.cotangent"})
// CHECK-NEXT:    adj.matmul %[[A]], %[[B]] :
// CHECK-NEXT:    %[[BT:.*]] = adj.transpose %[[B]], [0, 2, 1] : (tensor<5x3x4xf32>) -> tensor<5x4x3xf32>
// CHECK-NEXT:    %[[DA:.*]] = adj.matmul %[[G]], %[[BT]] : (tensor<5x2x4xf32>, tensor<5x4x3xf32>) -> tensor<5x2x3xf32>
// CHECK-NEXT:    %[[AT:.*]] = adj.transpose %[[A]], [0, 2, 1] : (tensor<5x2x3xf32>) -> tensor<5x3x2xf32>
// CHECK-NEXT:    %[[DB:.*]] = adj.matmul %[[AT]], %[[G]] : (tensor<5x3x2xf32>, tensor<5x2x4xf32>) -> tensor<5x3x4xf32>
// CHECK-NEXT:    return %[[DA]], %[[DB]] : tensor<5x2x3xf32>, tensor<5x3x4xf32>
module @matmul_batched {
  func.func @forward(%a: tensor<5x2x3xf32> {adj.leaf = "param", adj.name = "A"},
                     %b: tensor<5x3x4xf32> {adj.leaf = "param", adj.name = "B"})
      -> (tensor<5x2x4xf32> {adj.name = "Y"}) {
    %y = adj.matmul %a, %b : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
    return %y : tensor<5x2x4xf32>
  }
}

// -----

// matmul of an input by a param, Y = x W: only dW = x^T G is built (x
// needs no cotangent, so there is no G W^T).
// CHECK-LABEL: module @matmul_input_lhs {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "input", adj.name = "x"},
// CHECK-SAME:    %[[W:[a-z0-9]+]]: tensor<3x1xf32> {adj.leaf = "param", adj.name = "W"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x1xf32> {adj.name = "Y.cotangent"})
// CHECK-NEXT:    adj.matmul %[[X]], %[[W]] :
// CHECK-NEXT:    %[[XT:.*]] = adj.transpose %[[X]], [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK-NEXT:    %[[DW:.*]] = adj.matmul %[[XT]], %[[G]] : (tensor<3x2xf32>, tensor<2x1xf32>) -> tensor<3x1xf32>
// CHECK-NEXT:    return %[[DW]] : tensor<3x1xf32>
module @matmul_input_lhs {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "input", adj.name = "x"},
                     %w: tensor<3x1xf32> {adj.leaf = "param", adj.name = "W"})
      -> (tensor<2x1xf32> {adj.name = "Y"}) {
    %y = adj.matmul %x, %w : (tensor<2x3xf32>, tensor<3x1xf32>) -> tensor<2x1xf32>
    return %y : tensor<2x1xf32>
  }
}

// -----

// transpose by perm [1, 2, 0] (result dim i is operand dim perm[i]):
// dx = transpose(G) by the inverse permutation [2, 0, 1]. The perm is not
// its own inverse, so reusing perm would be caught.
// CHECK-LABEL: module @transpose {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<3x4x2xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.transpose %[[X]], [1, 2, 0] :
// CHECK-NEXT:    %[[DX:.*]] = adj.transpose %[[G]], [2, 0, 1] : (tensor<3x4x2xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3x4xf32>
module @transpose {
  func.func @forward(%x: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<3x4x2xf32> {adj.name = "y"}) {
    %y = adj.transpose %x, [1, 2, 0] : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
    return %y : tensor<3x4x2xf32>
  }
}

// -----

// reshape [2,3,4] -> [6,4] (row-major): dx = G reshaped back to [2,3,4].
// CHECK-LABEL: module @reshape {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<6x4xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.reshape %[[X]] :
// CHECK-NEXT:    %[[DX:.*]] = adj.reshape %[[G]] : (tensor<6x4xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3x4xf32>
module @reshape {
  func.func @forward(%x: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<6x4xf32> {adj.name = "y"}) {
    %y = adj.reshape %x : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
    return %y : tensor<6x4xf32>
  }
}

// -----

// broadcast [3,1] -> [2,3,4]: dx = G summed over the new leading axis 0
// and the stretched axis 2, then reshaped from [3] back to [3,1].
// CHECK-LABEL: module @broadcast_stretch {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<3x1xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.broadcast %[[X]] :
// CHECK-NEXT:    %[[S:.*]] = adj.sum %[[G]], [0, 2] : (tensor<2x3x4xf32>) -> tensor<3xf32>
// CHECK-NEXT:    %[[DX:.*]] = adj.reshape %[[S]] : (tensor<3xf32>) -> tensor<3x1xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<3x1xf32>
module @broadcast_stretch {
  func.func @forward(%x: tensor<3x1xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3x4xf32> {adj.name = "y"}) {
    %y = adj.broadcast %x : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
    return %y : tensor<2x3x4xf32>
  }
}

// -----

// broadcast [4] -> [2,3,4] (new leading axes only): dx = sum(G, [0, 1]),
// already of shape [4], so no reshape.
// CHECK-LABEL: module @broadcast_leading {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.broadcast %[[X]] :
// CHECK-NEXT:    %[[DX:.*]] = adj.sum %[[G]], [0, 1] : (tensor<2x3x4xf32>) -> tensor<4xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<4xf32>
module @broadcast_leading {
  func.func @forward(%x: tensor<4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3x4xf32> {adj.name = "y"}) {
    %y = adj.broadcast %x : (tensor<4xf32>) -> tensor<2x3x4xf32>
    return %y : tensor<2x3x4xf32>
  }
}

// -----

// slice [1, 4) of axis 1 of x[2,6,3]: dx = G padded with zeros along
// axis 1: concat(zeros[2,1,3] (before start), G, zeros[2,2,3] (from end
// to 6)).
// CHECK-LABEL: module @slice_middle {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x6x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.slice %[[X]] {axis = 1 : i64, end = 4 : i64, start = 1 : i64} :
// CHECK-NEXT:    %[[BEFORE:.*]] = adj.constant dense<0.000000e+00> : tensor<2x1x3xf32>
// CHECK-NEXT:    %[[AFTER:.*]] = adj.constant dense<0.000000e+00> : tensor<2x2x3xf32>
// CHECK-NEXT:    %[[DX:.*]] = adj.concat %[[BEFORE]], %[[G]], %[[AFTER]] {axis = 1 : i64} : (tensor<2x1x3xf32>, tensor<2x3x3xf32>, tensor<2x2x3xf32>) -> tensor<2x6x3xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x6x3xf32>
module @slice_middle {
  func.func @forward(%x: tensor<2x6x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3x3xf32> {adj.name = "y"}) {
    %y = adj.slice %x {axis = 1 : i64, start = 1 : i64, end = 4 : i64} : (tensor<2x6x3xf32>) -> tensor<2x3x3xf32>
    return %y : tensor<2x3x3xf32>
  }
}

// -----

// slice [0, 2) of axis 0 of x[5,3]: nothing before start, so dx =
// concat(G, zeros[3,3]).
// CHECK-LABEL: module @slice_prefix {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<5x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.slice %[[X]] {axis = 0 : i64, end = 2 : i64, start = 0 : i64} :
// CHECK-NEXT:    %[[AFTER:.*]] = adj.constant dense<0.000000e+00> : tensor<3x3xf32>
// CHECK-NEXT:    %[[DX:.*]] = adj.concat %[[G]], %[[AFTER]] {axis = 0 : i64} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<5x3xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<5x3xf32>
module @slice_prefix {
  func.func @forward(%x: tensor<5x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.slice %x {axis = 0 : i64, start = 0 : i64, end = 2 : i64} : (tensor<5x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// slice [1, 3) of axis 1 of x[5,3], up to the end: dx =
// concat(zeros[5,1], G).
// CHECK-LABEL: module @slice_suffix {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<5x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<5x2xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.slice %[[X]] {axis = 1 : i64, end = 3 : i64, start = 1 : i64} :
// CHECK-NEXT:    %[[BEFORE:.*]] = adj.constant dense<0.000000e+00> : tensor<5x1xf32>
// CHECK-NEXT:    %[[DX:.*]] = adj.concat %[[BEFORE]], %[[G]] {axis = 1 : i64} : (tensor<5x1xf32>, tensor<5x2xf32>) -> tensor<5x3xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<5x3xf32>
module @slice_suffix {
  func.func @forward(%x: tensor<5x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<5x2xf32> {adj.name = "y"}) {
    %y = adj.slice %x {axis = 1 : i64, start = 1 : i64, end = 3 : i64} : (tensor<5x3xf32>) -> tensor<5x2xf32>
    return %y : tensor<5x2xf32>
  }
}

// -----

// concat of a[2,1], b[2,3], c[2,2] along axis 1: each input gets its own
// range of G: da = G[:, 0:1], db = G[:, 1:4], dc = G[:, 4:6].
// CHECK-LABEL: module @concat {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<2x1xf32> {adj.leaf = "param", adj.name = "a"},
// CHECK-SAME:    %[[B:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[C:[a-z0-9]+]]: tensor<2x2xf32> {adj.leaf = "param", adj.name = "c"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x6xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.concat %[[A]], %[[B]], %[[C]] {axis = 1 : i64} :
// CHECK-NEXT:    %[[DA:.*]] = adj.slice %[[G]] {axis = 1 : i64, end = 1 : i64, start = 0 : i64} : (tensor<2x6xf32>) -> tensor<2x1xf32>
// CHECK-NEXT:    %[[DB:.*]] = adj.slice %[[G]] {axis = 1 : i64, end = 4 : i64, start = 1 : i64} : (tensor<2x6xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[DC:.*]] = adj.slice %[[G]] {axis = 1 : i64, end = 6 : i64, start = 4 : i64} : (tensor<2x6xf32>) -> tensor<2x2xf32>
// CHECK-NEXT:    return %[[DA]], %[[DB]], %[[DC]] : tensor<2x1xf32>, tensor<2x3xf32>, tensor<2x2xf32>
module @concat {
  func.func @forward(%a: tensor<2x1xf32> {adj.leaf = "param", adj.name = "a"},
                     %b: tensor<2x3xf32> {adj.leaf = "param", adj.name = "b"},
                     %c: tensor<2x2xf32> {adj.leaf = "param", adj.name = "c"})
      -> (tensor<2x6xf32> {adj.name = "y"}) {
    %y = adj.concat %a, %b, %c {axis = 1 : i64} : (tensor<2x1xf32>, tensor<2x3xf32>, tensor<2x2xf32>) -> tensor<2x6xf32>
    return %y : tensor<2x6xf32>
  }
}

// -----

// concat of an input x[3,2] and a param W[2,2] along axis 0: only W's
// range [3, 5) of G is sliced out; x gets nothing.
// CHECK-LABEL: module @concat_input {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<3x2xf32> {adj.leaf = "input", adj.name = "x"},
// CHECK-SAME:    %[[W:[a-z0-9]+]]: tensor<2x2xf32> {adj.leaf = "param", adj.name = "W"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<5x2xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.concat %[[X]], %[[W]] {axis = 0 : i64} :
// CHECK-NEXT:    %[[DW:.*]] = adj.slice %[[G]] {axis = 0 : i64, end = 5 : i64, start = 3 : i64} : (tensor<5x2xf32>) -> tensor<2x2xf32>
// CHECK-NEXT:    return %[[DW]] : tensor<2x2xf32>
module @concat_input {
  func.func @forward(%x: tensor<3x2xf32> {adj.leaf = "input", adj.name = "x"},
                     %w: tensor<2x2xf32> {adj.leaf = "param", adj.name = "W"})
      -> (tensor<5x2xf32> {adj.name = "y"}) {
    %y = adj.concat %x, %w {axis = 0 : i64} : (tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<5x2xf32>
    return %y : tensor<5x2xf32>
  }
}

// -----

// A tensor constant: it has no operands and is never active, so it gets
// no adjoint code; y = k + W gives dW = G itself (add of equal shapes
// needs no op).
// CHECK-LABEL: module @constant {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[W:[a-z0-9]+]]: tensor<2xf32> {adj.leaf = "param", adj.name = "W"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    %[[K:.*]] = adj.constant dense<[1.000000e+00, -1.000000e+00]> : tensor<2xf32>
// CHECK-NEXT:    adj.add %[[K]], %[[W]] :
// CHECK-NEXT:    return %[[G]] : tensor<2xf32>
module @constant {
  func.func @forward(%w: tensor<2xf32> {adj.leaf = "param", adj.name = "W"})
      -> (tensor<2xf32> {adj.name = "y"}) {
    %k = adj.constant dense<[1.0, -1.0]> : tensor<2xf32>
    %y = adj.add %k, %w : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    return %y : tensor<2xf32>
  }
}


// RUN: adjoint-opt %s --adj-forward-mode --split-input-file | FileCheck %s

// One case per reduction (and softmax, log_softmax): the adjoint ops its
// JVP rule (lib/Dialect/Adj/IR/ReductionDerivatives.cpp) emits, in a
// named module per case (distinct CHECK-LABELs) with a one-op @forward.
// @jvp takes @forward's arguments, then the tangent TX of x, and returns
// y, then its tangent. Linear reductions apply themselves to TX; the
// others weight TX elementwise and reduce it over the same axes, keeping
// the op's keepdims.

// sum over axis 1 of x[2,3,4]: ty = sum(tx, [1]).
// CHECK-LABEL: module @sum {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.sum %[[X]], [1] : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.sum %[[TX]], [1] : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x4xf32>, tensor<2x4xf32>
module @sum {
  func.func @forward(%x: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x4xf32> {adj.name = "y"}) {
    %y = adj.sum %x, [1] : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
    return %y : tensor<2x4xf32>
  }
}

// -----

// sum with keepdims: ty = sum(tx, [1], keepdims).
// CHECK-LABEL: module @sum_keepdims {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.sum %[[X]], [1] {keepdims = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.sum %[[TX]], [1] {keepdims = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x1xf32>, tensor<2x1xf32>
module @sum_keepdims {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x1xf32> {adj.name = "y"}) {
    %y = adj.sum %x, [1] {keepdims = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
    return %y : tensor<2x1xf32>
  }
}

// -----

// mean over all axes: ty = mean(tx, [0, 1]).
// CHECK-LABEL: module @mean {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.mean %[[X]], [0, 1] : (tensor<2x3xf32>) -> tensor<f32>
// CHECK-NEXT:    %[[TY:.*]] = adj.mean %[[TX]], [0, 1] : (tensor<2x3xf32>) -> tensor<f32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<f32>, tensor<f32>
module @mean {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<f32> {adj.name = "y"}) {
    %y = adj.mean %x, [0, 1] : (tensor<2x3xf32>) -> tensor<f32>
    return %y : tensor<f32>
  }
}

// -----

// max over axis 1: ty = tx at the first maximal element of each row (ties
// and NaNs as in the VJP), a sum of tx gated by adj.first_max_mask (a
// select: an infinite tx elsewhere gives 0, not NaN).
// CHECK-LABEL: module @max {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.max %[[X]], [1] : (tensor<2x3xf32>) -> tensor<2xf32>
// CHECK-NEXT:    %[[MASK:.*]] = adj.first_max_mask %[[X]], [1] : tensor<2x3xf32>
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[GATED:.*]] = adj.select %[[MASK]], %[[TX]], %[[Z]] : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.sum %[[GATED]], [1] : (tensor<2x3xf32>) -> tensor<2xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2xf32>, tensor<2xf32>
module @max {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2xf32> {adj.name = "y"}) {
    %y = adj.max %x, [1] : (tensor<2x3xf32>) -> tensor<2xf32>
    return %y : tensor<2xf32>
  }
}

// -----

// max with keepdims over both axes: the mask spans both; the sum keeps
// them.
// CHECK-LABEL: module @max_keepdims {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.max %[[X]], [0, 1] {keepdims = true} : (tensor<2x3xf32>) -> tensor<1x1xf32>
// CHECK-NEXT:    %[[MASK:.*]] = adj.first_max_mask %[[X]], [0, 1] : tensor<2x3xf32>
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[GATED:.*]] = adj.select %[[MASK]], %[[TX]], %[[Z]] : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.sum %[[GATED]], [0, 1] {keepdims = true} : (tensor<2x3xf32>) -> tensor<1x1xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<1x1xf32>, tensor<1x1xf32>
module @max_keepdims {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<1x1xf32> {adj.name = "y"}) {
    %y = adj.max %x, [0, 1] {keepdims = true} : (tensor<2x3xf32>) -> tensor<1x1xf32>
    return %y : tensor<1x1xf32>
  }
}

// -----

// logsumexp over axis 1 (not a leading axis): ty = sum(tx * exp(x - y)),
// the softmax weights; y is reshaped to the keepdims shape [2,1] to
// broadcast against x.
// CHECK-LABEL: module @logsumexp {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.logsumexp %[[X]], [1] : (tensor<2x3xf32>) -> tensor<2xf32>
// CHECK-NEXT:    %[[YK:.*]] = adj.reshape %[[Y]] : (tensor<2xf32>) -> tensor<2x1xf32>
// CHECK-NEXT:    %[[XMY:.*]] = adj.sub %[[X]], %[[YK]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[W:.*]] = adj.exp %[[XMY]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[TW:.*]] = adj.mul %[[TX]], %[[W]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.sum %[[TW]], [1] : (tensor<2x3xf32>) -> tensor<2xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2xf32>, tensor<2xf32>
module @logsumexp {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2xf32> {adj.name = "y"}) {
    %y = adj.logsumexp %x, [1] : (tensor<2x3xf32>) -> tensor<2xf32>
    return %y : tensor<2xf32>
  }
}

// -----

// logsumexp over the leading axis 0: y[3] broadcasts against x[2,3] as
// it is, no reshape.
// CHECK-LABEL: module @logsumexp_leading {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.logsumexp %[[X]], [0] : (tensor<2x3xf32>) -> tensor<3xf32>
// CHECK-NEXT:    %[[XMY:.*]] = adj.sub %[[X]], %[[Y]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[W:.*]] = adj.exp %[[XMY]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[TW:.*]] = adj.mul %[[TX]], %[[W]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.sum %[[TW]], [0] : (tensor<2x3xf32>) -> tensor<3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<3xf32>, tensor<3xf32>
module @logsumexp_leading {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<3xf32> {adj.name = "y"}) {
    %y = adj.logsumexp %x, [0] : (tensor<2x3xf32>) -> tensor<3xf32>
    return %y : tensor<3xf32>
  }
}

// -----

// softmax along axis 1: its Jacobian diag(y) - y y^T is symmetric, so
// ty = y * (tx - sum(tx * y, axis, keepdims)), the VJP's formula.
// CHECK-LABEL: module @softmax {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.softmax %[[X]], 1 : tensor<2x3xf32>
// CHECK-NEXT:    %[[TXY:.*]] = adj.mul %[[TX]], %[[Y]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[DOT:.*]] = adj.sum %[[TXY]], [1] {keepdims = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
// CHECK-NEXT:    %[[DIFF:.*]] = adj.sub %[[TX]], %[[DOT]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.mul %[[Y]], %[[DIFF]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @softmax {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.softmax %x, 1 : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// log_softmax along axis 0, y = x - logsumexp(x):
// ty = tx - sum(exp(y) * tx, axis, keepdims), exp(y) being the softmax.
// CHECK-LABEL: module @log_softmax {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[TX:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "x.tangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.log_softmax %[[X]], 0 : tensor<2x3xf32>
// CHECK-NEXT:    %[[S:.*]] = adj.exp %[[Y]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[STX:.*]] = adj.mul %[[S]], %[[TX]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[DOT:.*]] = adj.sum %[[STX]], [0] {keepdims = true} : (tensor<2x3xf32>) -> tensor<1x3xf32>
// CHECK-NEXT:    %[[TY:.*]] = adj.sub %[[TX]], %[[DOT]] : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[TY]] : tensor<2x3xf32>, tensor<2x3xf32>
module @log_softmax {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.log_softmax %x, 0 : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

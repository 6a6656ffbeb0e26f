// RUN: adjoint-opt %s --adj-reverse-mode="grad=false" --split-input-file | FileCheck %s

// One case per reduction (sum, mean, max, logsumexp) and per softmax-like
// op: the adjoint ops their VJP rules (lib/Dialect/Adj/IR/
// ReductionDerivatives.cpp) emit, with axes that are leading, in the
// middle, several or all, with and without keepdims. Each case is a named
// module holding a one-op @forward on a param x; `grad=false` builds only
// @vjp, whose last argument is the result's cotangent G.

// sum over a middle axis, x[2,3,4] -> [2,4]: dx = G spread over axis 1:
// reshaped to the keepdims shape [2,1,4], then broadcast to [2,3,4].
// CHECK-LABEL: module @sum_middle {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x4xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.sum %[[X]], [1] :
// CHECK-NEXT:    %[[R:.*]] = adj.reshape %[[G]] : (tensor<2x4xf32>) -> tensor<2x1x4xf32>
// CHECK-NEXT:    %[[DX:.*]] = adj.broadcast %[[R]] : (tensor<2x1x4xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3x4xf32>
module @sum_middle {
  func.func @forward(%x: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x4xf32> {adj.name = "y"}) {
    %y = adj.sum %x, [1] : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
    return %y : tensor<2x4xf32>
  }
}

// -----

// sum over the leading axis, x[2,3,4] -> [3,4]: G [3,4] already
// broadcasts against x (trailing dims align), so no reshape: dx =
// broadcast(G).
// CHECK-LABEL: module @sum_leading {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<3x4xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.sum %[[X]], [0] :
// CHECK-NEXT:    %[[DX:.*]] = adj.broadcast %[[G]] : (tensor<3x4xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3x4xf32>
module @sum_leading {
  func.func @forward(%x: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<3x4xf32> {adj.name = "y"}) {
    %y = adj.sum %x, [0] : (tensor<2x3x4xf32>) -> tensor<3x4xf32>
    return %y : tensor<3x4xf32>
  }
}

// -----

// sum with keepdims, x[2,3,4] -> [2,1,4]: G has the keepdims shape
// already, so dx = broadcast(G) with no reshape.
// CHECK-LABEL: module @sum_keepdims {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x1x4xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.sum %[[X]], [1] {keepdims = true} :
// CHECK-NEXT:    %[[DX:.*]] = adj.broadcast %[[G]] : (tensor<2x1x4xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3x4xf32>
module @sum_keepdims {
  func.func @forward(%x: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x1x4xf32> {adj.name = "y"}) {
    %y = adj.sum %x, [1] {keepdims = true} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
    return %y : tensor<2x1x4xf32>
  }
}

// -----

// sum over all axes (the format's default), x[2,3,4] -> scalar:
// dx = broadcast(G) of the rank-0 cotangent.
// CHECK-LABEL: module @sum_all {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<f32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.sum %[[X]], [0, 1, 2] :
// CHECK-NEXT:    %[[DX:.*]] = adj.broadcast %[[G]] : (tensor<f32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3x4xf32>
module @sum_all {
  func.func @forward(%x: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<f32> {adj.name = "y"}) {
    %y = adj.sum %x, [0, 1, 2] : (tensor<2x3x4xf32>) -> tensor<f32>
    return %y : tensor<f32>
  }
}

// -----

// mean over axes [0, 2] of x[2,3,4] (count 2 * 4 = 8): dx = G / 8,
// divided before spreading, reshaped to [1,3,1] (axis 2 is not leading)
// and broadcast to [2,3,4].
// CHECK-LABEL: module @mean_axes {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.mean %[[X]], [0, 2] :
// CHECK-NEXT:    %[[N:.*]] = adj.constant dense<8.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[S:.*]] = adj.div %[[G]], %[[N]] : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT:    %[[R:.*]] = adj.reshape %[[S]] : (tensor<3xf32>) -> tensor<1x3x1xf32>
// CHECK-NEXT:    %[[DX:.*]] = adj.broadcast %[[R]] : (tensor<1x3x1xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3x4xf32>
module @mean_axes {
  func.func @forward(%x: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<3xf32> {adj.name = "y"}) {
    %y = adj.mean %x, [0, 2] : (tensor<2x3x4xf32>) -> tensor<3xf32>
    return %y : tensor<3xf32>
  }
}

// -----

// mean over the last axis with keepdims, x[2,3,4] -> [2,3,1]:
// dx = broadcast(G / 4), no reshape.
// CHECK-LABEL: module @mean_keepdims {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3x1xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.mean %[[X]], [2] {keepdims = true} :
// CHECK-NEXT:    %[[N:.*]] = adj.constant dense<4.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[S:.*]] = adj.div %[[G]], %[[N]] : (tensor<2x3x1xf32>, tensor<f32>) -> tensor<2x3x1xf32>
// CHECK-NEXT:    %[[DX:.*]] = adj.broadcast %[[S]] : (tensor<2x3x1xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3x4xf32>
module @mean_keepdims {
  func.func @forward(%x: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3x1xf32> {adj.name = "y"}) {
    %y = adj.mean %x, [2] {keepdims = true} : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32>
    return %y : tensor<2x3x1xf32>
  }
}

// -----

// max over axis 1, x[2,3,4] -> [2,4]: G goes to the first maximal
// element of each slice (adj.first_max_mask over the same axes), 0
// elsewhere: dx = select(mask, G reshaped to [2,1,4], 0).
// CHECK-LABEL: module @max_middle {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x4xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.max %[[X]], [1] :
// CHECK-NEXT:    %[[M:.*]] = adj.first_max_mask %[[X]], [1] : tensor<2x3x4xf32>
// CHECK-NEXT:    %[[R:.*]] = adj.reshape %[[G]] : (tensor<2x4xf32>) -> tensor<2x1x4xf32>
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[DX:.*]] = adj.select %[[M]], %[[R]], %[[Z]] : (tensor<2x3x4xf32>, tensor<2x1x4xf32>, tensor<f32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3x4xf32>
module @max_middle {
  func.func @forward(%x: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x4xf32> {adj.name = "y"}) {
    %y = adj.max %x, [1] : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
    return %y : tensor<2x4xf32>
  }
}

// -----

// max over axes [1, 2] with keepdims, x[2,3,4] -> [2,1,1]: the mask
// spans both axes (first maximum in row-major order over them), and G
// [2,1,1] broadcasts as it is.
// CHECK-LABEL: module @max_keepdims_multi {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x1x1xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.max %[[X]], [1, 2] {keepdims = true} :
// CHECK-NEXT:    %[[M:.*]] = adj.first_max_mask %[[X]], [1, 2] : tensor<2x3x4xf32>
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[DX:.*]] = adj.select %[[M]], %[[G]], %[[Z]] : (tensor<2x3x4xf32>, tensor<2x1x1xf32>, tensor<f32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3x4xf32>
module @max_keepdims_multi {
  func.func @forward(%x: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x1x1xf32> {adj.name = "y"}) {
    %y = adj.max %x, [1, 2] {keepdims = true} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
    return %y : tensor<2x1x1xf32>
  }
}

// -----

// max over all axes, x[2,3,4] -> scalar: one element in the whole
// tensor gets G.
// CHECK-LABEL: module @max_all {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<f32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    adj.max %[[X]], [0, 1, 2] :
// CHECK-NEXT:    %[[M:.*]] = adj.first_max_mask %[[X]], [0, 1, 2] : tensor<2x3x4xf32>
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[DX:.*]] = adj.select %[[M]], %[[G]], %[[Z]] : (tensor<2x3x4xf32>, tensor<f32>, tensor<f32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3x4xf32>
module @max_all {
  func.func @forward(%x: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<f32> {adj.name = "y"}) {
    %y = adj.max %x, [0, 1, 2] : (tensor<2x3x4xf32>) -> tensor<f32>
    return %y : tensor<f32>
  }
}

// -----

// logsumexp over the last axis, x[2,3,4] -> [2,3]: d/dx = exp(x - y),
// the softmax over the axis, so dx = G' * exp(x - y'), where y' and G'
// are y and G reshaped to the keepdims shape [2,3,1]. It reads the forward
// result y, not a recomputed one.
// CHECK-LABEL: module @logsumexp_last {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.logsumexp %[[X]], [2] :
// CHECK-NEXT:    %[[YK:.*]] = adj.reshape %[[Y]] : (tensor<2x3xf32>) -> tensor<2x3x1xf32>
// CHECK-NEXT:    %[[D:.*]] = adj.sub %[[X]], %[[YK]] : (tensor<2x3x4xf32>, tensor<2x3x1xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    %[[W:.*]] = adj.exp %[[D]] : tensor<2x3x4xf32>
// CHECK-NEXT:    %[[GK:.*]] = adj.reshape %[[G]] : (tensor<2x3xf32>) -> tensor<2x3x1xf32>
// CHECK-NEXT:    %[[DX:.*]] = adj.mul %[[GK]], %[[W]] : (tensor<2x3x1xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3x4xf32>
module @logsumexp_last {
  func.func @forward(%x: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.logsumexp %x, [2] : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// logsumexp with keepdims, x[2,3,4] -> [2,1,4]: y and G broadcast as
// they are: dx = G * exp(x - y).
// CHECK-LABEL: module @logsumexp_keepdims {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x1x4xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.logsumexp %[[X]], [1] {keepdims = true} :
// CHECK-NEXT:    %[[D:.*]] = adj.sub %[[X]], %[[Y]] : (tensor<2x3x4xf32>, tensor<2x1x4xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    %[[W:.*]] = adj.exp %[[D]] : tensor<2x3x4xf32>
// CHECK-NEXT:    %[[DX:.*]] = adj.mul %[[G]], %[[W]] : (tensor<2x1x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3x4xf32>
module @logsumexp_keepdims {
  func.func @forward(%x: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x1x4xf32> {adj.name = "y"}) {
    %y = adj.logsumexp %x, [1] {keepdims = true} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
    return %y : tensor<2x1x4xf32>
  }
}

// -----

// logsumexp over the leading axis without keepdims, x[2,3,4] -> [3,4]:
// y and G [3,4] align with x's trailing dims, so no reshape.
// CHECK-LABEL: module @logsumexp_leading {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<3x4xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.logsumexp %[[X]], [0] :
// CHECK-NEXT:    %[[D:.*]] = adj.sub %[[X]], %[[Y]] : (tensor<2x3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    %[[W:.*]] = adj.exp %[[D]] : tensor<2x3x4xf32>
// CHECK-NEXT:    %[[DX:.*]] = adj.mul %[[G]], %[[W]] : (tensor<3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[DX]] : tensor<2x3x4xf32>
module @logsumexp_leading {
  func.func @forward(%x: tensor<2x3x4xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<3x4xf32> {adj.name = "y"}) {
    %y = adj.logsumexp %x, [0] : (tensor<2x3x4xf32>) -> tensor<3x4xf32>
    return %y : tensor<3x4xf32>
  }
}

// -----

// softmax along axis 1 of x[2,3]: dx = y * (G - sum(G * y, axis 1,
// keepdims)), with y the forward softmax.
// CHECK-LABEL: module @softmax {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.softmax %[[X]], 1 :
// CHECK-NEXT:    %[[GY:.*]] = adj.mul %[[G]], %[[Y]] :
// CHECK-NEXT:    %[[DOT:.*]] = adj.sum %[[GY]], [1] {keepdims = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
// CHECK-NEXT:    %[[D:.*]] = adj.sub %[[G]], %[[DOT]] : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[DX:.*]] = adj.mul %[[Y]], %[[D]] :
// CHECK-NEXT:    return %[[DX]] : tensor<2x3xf32>
module @softmax {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.softmax %x, 1 : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}

// -----

// log_softmax along axis 0 of x[2,3]: dx = G - exp(y) * sum(G, axis 0,
// keepdims), exp(y) being the softmax (from the forward result y).
// CHECK-LABEL: module @log_softmax {
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"},
// CHECK-SAME:    %[[G:[a-z0-9]+]]: tensor<2x3xf32> {adj.name = "y.cotangent"})
// CHECK-NEXT:    %[[Y:.*]] = adj.log_softmax %[[X]], 0 :
// CHECK-NEXT:    %[[T:.*]] = adj.sum %[[G]], [0] {keepdims = true} : (tensor<2x3xf32>) -> tensor<1x3xf32>
// CHECK-NEXT:    %[[P:.*]] = adj.exp %[[Y]] : tensor<2x3xf32>
// CHECK-NEXT:    %[[PT:.*]] = adj.mul %[[P]], %[[T]] : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[DX:.*]] = adj.sub %[[G]], %[[PT]] :
// CHECK-NEXT:    return %[[DX]] : tensor<2x3xf32>
module @log_softmax {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "param", adj.name = "x"})
      -> (tensor<2x3xf32> {adj.name = "y"}) {
    %y = adj.log_softmax %x, 0 : tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
}


// RUN: adjoint-opt %s --adj-reverse-mode --split-input-file | FileCheck %s

// How the reverse sweep (lib/Dialect/Adj/Transforms/Adjoint.cpp) combines
// the rules, in cases reverse-mode.mlir does not cover: a value used three
// times (its cotangents summed by two adj.add's), dead branches on params
// (no adjoint code, and an exact zero gradient for a param that only feeds
// one), and an input-only subgraph ending in ops with masks. Each case is
// a named module; the default options build @grad and @vjp.

// A value used three times: h = exp(w) feeds a = sin(h), b = cos(h) and
// c = square(h); L = sum(a + b + c). Reverse order reaches c, b, a, so
// dL/dh = (G * 2h + G * -sin(h)) + G * cos(h): two adj.add's sum the
// three cotangents (in that order) before exp's rule uses the total:
// dw = dL/dh * h. G, the broadcast seed, reaches a, b and c unchanged
// through the two forward adds (equal shapes: no op).
// CHECK-LABEL: module @three_uses {
// CHECK:       func.func @grad(
// CHECK-SAME:    %[[W:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "param", adj.name = "w"})
// CHECK-SAME:    -> (tensor<f32> {adj.name = "L"}, tensor<3xf32> {adj.name = "w.grad"})
// CHECK-NEXT:    %[[H:.*]] = adj.exp %[[W]] :
// CHECK-NEXT:    %[[A:.*]] = adj.sin %[[H]] :
// CHECK-NEXT:    %[[B:.*]] = adj.cos %[[H]] :
// CHECK-NEXT:    %[[C:.*]] = adj.square %[[H]] :
// CHECK-NEXT:    %[[AB:.*]] = adj.add %[[A]], %[[B]] :
// CHECK-NEXT:    %[[S:.*]] = adj.add %[[AB]], %[[C]] :
// CHECK-NEXT:    %[[L:.*]] = adj.sum %[[S]], [0] :
// CHECK-NEXT:    %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[G:.*]] = adj.broadcast %[[ONE]] : (tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT:    %[[TWO:.*]] = adj.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[TWOH:.*]] = adj.mul %[[TWO]], %[[H]] :
// CHECK-NEXT:    %[[FROMC:.*]] = adj.mul %[[G]], %[[TWOH]] :
// CHECK-NEXT:    %[[SINH:.*]] = adj.sin %[[H]] :
// CHECK-NEXT:    %[[NSINH:.*]] = adj.neg %[[SINH]] :
// CHECK-NEXT:    %[[FROMB:.*]] = adj.mul %[[G]], %[[NSINH]] :
// CHECK-NEXT:    %[[SUM1:.*]] = adj.add %[[FROMC]], %[[FROMB]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT:    %[[COSH:.*]] = adj.cos %[[H]] :
// CHECK-NEXT:    %[[FROMA:.*]] = adj.mul %[[G]], %[[COSH]] :
// CHECK-NEXT:    %[[DH:.*]] = adj.add %[[SUM1]], %[[FROMA]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT:    %[[DW:.*]] = adj.mul %[[DH]], %[[H]] :
// CHECK-NEXT:    return %[[L]], %[[DW]] : tensor<f32>, tensor<3xf32>

// @vjp: the same sweep seeded with the cotangent argument, still two adds.
// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[W:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "param", adj.name = "w"},
// CHECK-SAME:    %[[DL:[a-z0-9]+]]: tensor<f32> {adj.name = "L.cotangent"})
// CHECK:         %[[G:.*]] = adj.broadcast %[[DL]] : (tensor<f32>) -> tensor<3xf32>
// CHECK:         %[[FROMC:.*]] = adj.mul %[[G]], %{{[0-9]+}} :
// CHECK:         %[[FROMB:.*]] = adj.mul %[[G]], %{{[0-9]+}} :
// CHECK-NEXT:    %[[SUM1:.*]] = adj.add %[[FROMC]], %[[FROMB]] :
// CHECK:         %[[FROMA:.*]] = adj.mul %[[G]], %{{[0-9]+}} :
// CHECK-NEXT:    %[[DH:.*]] = adj.add %[[SUM1]], %[[FROMA]] :
// CHECK-NEXT:    %[[DW:.*]] = adj.mul %[[DH]], %{{[0-9]+}} :
// CHECK-NEXT:    return %[[DW]] : tensor<3xf32>
module @three_uses {
  func.func @forward(%w: tensor<3xf32> {adj.leaf = "param", adj.name = "w"})
      -> (tensor<f32> {adj.name = "L"}) {
    %h = adj.exp %w : tensor<3xf32>
    %a = adj.sin %h : tensor<3xf32>
    %b = adj.cos %h : tensor<3xf32>
    %c = adj.square %h : tensor<3xf32>
    %ab = adj.add %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %s = adj.add %ab, %c : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %l = adj.sum %s, [0] : (tensor<3xf32>) -> tensor<f32>
    return %l : tensor<f32>
  }
}

// -----

// Dead branches: d = sin(w) * w and u = tanh(v) are computed but reach no
// result. The forward sweep still clones them, but they get no adjoint
// code (no cos for sin, no 1 - u^2 for tanh, no cotangent for the mul):
// the reverse sweep is exactly exp's rule, dw = G * e. v only feeds the
// dead tanh, so its gradient is an exact zero constant of v's shape.
// CHECK-LABEL: module @dead_branch {
// CHECK:       func.func @grad(
// CHECK-SAME:    %[[W:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "param", adj.name = "w"},
// CHECK-SAME:    %[[V:[a-z0-9]+]]: tensor<2xf32> {adj.leaf = "param", adj.name = "v"})
// CHECK-SAME:    -> (tensor<f32> {adj.name = "L"}, tensor<3xf32> {adj.name = "w.grad"}, tensor<2xf32> {adj.name = "v.grad"})
// CHECK-NEXT:    %[[D:.*]] = adj.sin %[[W]] :
// CHECK-NEXT:    adj.mul %[[D]], %[[W]] :
// CHECK-NEXT:    adj.tanh %[[V]] :
// CHECK-NEXT:    %[[E:.*]] = adj.exp %[[W]] :
// CHECK-NEXT:    %[[L:.*]] = adj.sum %[[E]], [0] :
// CHECK-NEXT:    %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[G:.*]] = adj.broadcast %[[ONE]] : (tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT:    %[[DW:.*]] = adj.mul %[[G]], %[[E]] :
// CHECK-NEXT:    %[[DV:.*]] = adj.constant dense<0.000000e+00> : tensor<2xf32>
// CHECK-NEXT:    return %[[L]], %[[DW]], %[[DV]] : tensor<f32>, tensor<3xf32>, tensor<2xf32>

// CHECK:       func.func @vjp(
// CHECK-SAME:    %[[W:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "param", adj.name = "w"},
// CHECK-SAME:    %[[V:[a-z0-9]+]]: tensor<2xf32> {adj.leaf = "param", adj.name = "v"},
// CHECK-SAME:    %[[DL:[a-z0-9]+]]: tensor<f32> {adj.name = "L.cotangent"})
// CHECK:         %[[E:.*]] = adj.exp %[[W]] :
// CHECK-NEXT:    adj.sum %[[E]], [0] :
// CHECK-NEXT:    %[[G:.*]] = adj.broadcast %[[DL]] : (tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT:    %[[DW:.*]] = adj.mul %[[G]], %[[E]] :
// CHECK-NEXT:    %[[DV:.*]] = adj.constant dense<0.000000e+00> : tensor<2xf32>
// CHECK-NEXT:    return %[[DW]], %[[DV]] : tensor<3xf32>, tensor<2xf32>
module @dead_branch {
  func.func @forward(%w: tensor<3xf32> {adj.leaf = "param", adj.name = "w"},
                     %v: tensor<2xf32> {adj.leaf = "param", adj.name = "v"})
      -> (tensor<f32> {adj.name = "L"}) {
    %d = adj.sin %w : tensor<3xf32>
    %dd = adj.mul %d, %w : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %u = adj.tanh %v : tensor<2xf32>
    %e = adj.exp %w : tensor<3xf32>
    %l = adj.sum %e, [0] : (tensor<3xf32>) -> tensor<f32>
    return %l : tensor<f32>
  }
}

// -----

// An input-only subgraph: n = log_softmax(max(x)) reads only the input x,
// so max and log_softmax get no adjoint code (no first_max_mask, no
// exp(n)); maximum(w, n) builds only w's cotangent (G where w >= n, ties
// to w), not n's (no `greater n, w`). L = mean(y) over 3 elements seeds
// G = broadcast(1 / 3).
// CHECK-LABEL: module @input_only {
// CHECK:       func.func @grad(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x3xf32> {adj.leaf = "input", adj.name = "x"},
// CHECK-SAME:    %[[W:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "param", adj.name = "w"})
// CHECK-SAME:    -> (tensor<f32> {adj.name = "L"}, tensor<3xf32> {adj.name = "w.grad"})
// CHECK-NEXT:    %[[M:.*]] = adj.max %[[X]], [0] :
// CHECK-NEXT:    %[[N:.*]] = adj.log_softmax %[[M]], 0 :
// CHECK-NEXT:    %[[Y:.*]] = adj.maximum %[[W]], %[[N]] :
// CHECK-NEXT:    %[[L:.*]] = adj.mean %[[Y]], [0] :
// CHECK-NEXT:    %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[THREE:.*]] = adj.constant dense<3.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[DY0:.*]] = adj.div %[[ONE]], %[[THREE]] :
// CHECK-NEXT:    %[[DY:.*]] = adj.broadcast %[[DY0]] : (tensor<f32>) -> tensor<3xf32>
// CHECK-NEXT:    %[[MASK:.*]] = adj.greater_equal %[[W]], %[[N]] :
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[DW:.*]] = adj.select %[[MASK]], %[[DY]], %[[Z]] :
// CHECK-NEXT:    return %[[L]], %[[DW]] : tensor<f32>, tensor<3xf32>
module @input_only {
  func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "input", adj.name = "x"},
                     %w: tensor<3xf32> {adj.leaf = "param", adj.name = "w"})
      -> (tensor<f32> {adj.name = "L"}) {
    %m = adj.max %x, [0] : (tensor<2x3xf32>) -> tensor<3xf32>
    %n = adj.log_softmax %m, 0 : tensor<3xf32>
    %y = adj.maximum %w, %n : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %l = adj.mean %y, [0] : (tensor<3xf32>) -> tensor<f32>
    return %l : tensor<f32>
  }
}


// RUN: adjoint-opt %s --adj-reverse-mode --split-input-file | FileCheck %s

// The chain theta -> f1 -> f2 -> L:
//   f1 = exp(theta), f2 = tanh(f1), L = sum(f2)
//   dL/df2 = broadcast(1), dL/df1 = dL/df2 * (1 - f2^2),
//   dL/dtheta = dL/df1 * f1.
// @grad clones the forward sweep, seeds dL/dL = 1 and calls each op's rule
// in reverse order; every rule reads the cloned forward values.
// CHECK-LABEL: func.func @grad(
// CHECK-SAME:    %[[T:.*]]: tensor<3xf32> {adj.leaf = "param", adj.name = "theta"})
// CHECK-SAME:    -> (tensor<f32> {adj.name = "L"}, tensor<3xf32> {adj.name = "theta.grad"})
// CHECK:         %[[F1:.*]] = adj.exp %[[T]]
// CHECK:         %[[F2:.*]] = adj.tanh %[[F1]]
// CHECK:         %[[L:.*]] = adj.sum %[[F2]]
// CHECK:         %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// CHECK:         %[[DF2:.*]] = adj.broadcast %{{.*}} -> tensor<3xf32>
// CHECK:         adj.mul %[[F2]], %[[F2]]
// CHECK:         %[[DF1:.*]] = adj.mul %[[DF2]], %{{.*}}
// CHECK:         %[[DT:.*]] = adj.mul %[[DF1]], %[[F1]]
// CHECK:         return %[[L]], %[[DT]] : tensor<f32>, tensor<3xf32>

// @vjp: the same sweep, seeded with its extra argument.
// CHECK-LABEL: func.func @vjp(
// CHECK-SAME:    %[[T:.*]]: tensor<3xf32> {adj.leaf = "param", adj.name = "theta"},
// CHECK-SAME:    %[[DL:.*]]: tensor<f32> {adj.name = "L.cotangent"})
// CHECK-SAME:    -> (tensor<3xf32> {adj.name = "theta.grad"})
// CHECK:         %[[F1:.*]] = adj.exp %[[T]]
// CHECK:         %[[F2:.*]] = adj.tanh %[[F1]]
// CHECK:         adj.sum %[[F2]]
// CHECK-NOT:     dense<1.000000e+00> : tensor<f32>
// CHECK:         %[[DF2:.*]] = adj.broadcast %{{.*}} -> tensor<3xf32>
// CHECK:         %[[DF1:.*]] = adj.mul %[[DF2]], %{{.*}}
// CHECK:         %[[DT:.*]] = adj.mul %[[DF1]], %[[F1]]
// CHECK:         return %[[DT]] : tensor<3xf32>
func.func @forward(%theta: tensor<3xf32> {adj.leaf = "param", adj.name = "theta"})
    -> (tensor<f32> {adj.name = "L"}) {
  %f1 = adj.exp %theta : tensor<3xf32>
  %f2 = adj.tanh %f1 : tensor<3xf32>
  %l = adj.sum %f2, [0] : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Branching: f1 = exp(theta) feeds a = sin(f1) and b = cos(f1);
// L = sum(a + b). dL/df1 = dL/da * cos(f1) + dL/db * -sin(f1): the two
// cotangents of f1 are summed with adj.add (b's first: reverse order)
// before exp's rule uses them.
// CHECK-LABEL: func.func @grad(
// CHECK-SAME:    %[[T:.*]]: tensor<3xf32>
// CHECK:         %[[F1:.*]] = adj.exp %[[T]]
// CHECK:         %[[A:.*]] = adj.sin %[[F1]]
// CHECK:         %[[B:.*]] = adj.cos %[[F1]]
// CHECK:         %[[S:.*]] = adj.add %[[A]], %[[B]]
// CHECK:         %[[L:.*]] = adj.sum %[[S]]
// CHECK:         %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// CHECK:         %[[DS:.*]] = adj.broadcast %{{.*}} -> tensor<3xf32>
// CHECK:         adj.sin %[[F1]]
// CHECK:         %[[FROMB:.*]] = adj.mul %[[DS]], %{{.*}}
// CHECK:         adj.cos %[[F1]]
// CHECK:         %[[FROMA:.*]] = adj.mul %[[DS]], %{{.*}}
// CHECK:         %[[DF1:.*]] = adj.add %[[FROMB]], %[[FROMA]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK:         %[[DT:.*]] = adj.mul %[[DF1]], %[[F1]]
// CHECK:         return %[[L]], %[[DT]]
func.func @forward(%theta: tensor<3xf32> {adj.leaf = "param", adj.name = "theta"})
    -> (tensor<f32> {adj.name = "L"}) {
  %f1 = adj.exp %theta : tensor<3xf32>
  %a = adj.sin %f1 : tensor<3xf32>
  %b = adj.cos %f1 : tensor<3xf32>
  %s = adj.add %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = adj.sum %s, [0] : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// One op using a value twice: L = sum(theta * theta), dL/dtheta = g theta +
// g theta, the rule's two cotangents summed.
// CHECK-LABEL: func.func @grad(
// CHECK-SAME:    %[[T:.*]]: tensor<3xf32>
// CHECK:         %[[G:.*]] = adj.broadcast %{{.*}} -> tensor<3xf32>
// CHECK:         %[[D0:.*]] = adj.mul %[[G]], %[[T]]
// CHECK:         %[[D1:.*]] = adj.mul %[[G]], %[[T]]
// CHECK:         %[[DT:.*]] = adj.add %[[D0]], %[[D1]]
// CHECK:         return %{{.*}}, %[[DT]]
func.func @forward(%theta: tensor<3xf32> {adj.leaf = "param", adj.name = "theta"})
    -> (tensor<f32> {adj.name = "L"}) {
  %sq = adj.mul %theta, %theta : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = adj.sum %sq, [0] : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// Activity: h = tanh(x) reads only the input x, and c is a constant, so
// neither gets adjoint code; y = h * W needs only dL/dW = g * h (not the
// cotangent of h).
// CHECK-LABEL: func.func @grad(
// CHECK-SAME:    %[[X:.*]]: tensor<2xf32> {adj.leaf = "input", adj.name = "x"},
// CHECK-SAME:    %[[W:.*]]: tensor<2xf32> {adj.leaf = "param", adj.name = "W"})
// CHECK-SAME:    -> (tensor<f32> {adj.name = "L"}, tensor<2xf32> {adj.name = "W.grad"})
// CHECK:         %[[H:.*]] = adj.tanh %[[X]]
// CHECK:         %[[C:.*]] = adj.constant dense<2.000000e+00>
// CHECK:         %[[HC:.*]] = adj.mul %[[H]], %[[C]]
// CHECK:         %[[Y:.*]] = adj.mul %[[HC]], %[[W]]
// CHECK:         %[[L:.*]] = adj.sum %[[Y]]
// CHECK:         adj.constant dense<1.000000e+00>
// CHECK-NOT:     adj.sub
// CHECK-NOT:     %[[W]]
// CHECK:         %[[DW:.*]] = adj.mul %{{.*}}, %[[HC]]
// CHECK-NOT:     adj.
// CHECK:         return %[[L]], %[[DW]]
func.func @forward(%x: tensor<2xf32> {adj.leaf = "input", adj.name = "x"},
                   %w: tensor<2xf32> {adj.leaf = "param", adj.name = "W"})
    -> (tensor<f32> {adj.name = "L"}) {
  %h = adj.tanh %x : tensor<2xf32>
  %c = adj.constant dense<2.0> : tensor<f32>
  %hc = adj.mul %h, %c : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  %y = adj.mul %hc, %w : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %l = adj.sum %y, [0] : (tensor<2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// A param the loss does not depend on gets a zero gradient, and the op that
// reads it (unused, or reaching only the second result) gets no adjoint in
// @grad. In @vjp every result counts: V gets the cotangent of its sum.
// CHECK-LABEL: func.func @grad(
// CHECK-SAME:    %[[W:.*]]: tensor<2xf32> {adj.leaf = "param", adj.name = "W"},
// CHECK-SAME:    %[[V:.*]]: tensor<2x2xf32> {adj.leaf = "param", adj.name = "V"})
// CHECK-SAME:    -> (tensor<f32> {adj.name = "L"}, tensor<2xf32> {adj.name = "W.grad"}, tensor<2x2xf32> {adj.name = "V.grad"})
// CHECK:         %[[L:.*]] = adj.sum %[[W]]
// CHECK:         %[[M:.*]] = adj.sum %[[V]]
// CHECK:         adj.constant dense<1.000000e+00> : tensor<f32>
// CHECK:         %[[DW:.*]] = adj.broadcast %{{.*}} -> tensor<2xf32>
// CHECK-NEXT:    %[[DV:.*]] = adj.constant dense<0.000000e+00> : tensor<2x2xf32>
// CHECK-NEXT:    return %[[L]], %[[DW]], %[[DV]]

// CHECK-LABEL: func.func @vjp(
// CHECK-SAME:    %[[W:.*]]: tensor<2xf32> {adj.leaf = "param", adj.name = "W"},
// CHECK-SAME:    %[[V:.*]]: tensor<2x2xf32> {adj.leaf = "param", adj.name = "V"},
// CHECK-SAME:    %[[DL:.*]]: tensor<f32> {adj.name = "L.cotangent"},
// CHECK-SAME:    %[[DM:.*]]: tensor<f32> {adj.name = "M.cotangent"})
// CHECK-SAME:    -> (tensor<2xf32> {adj.name = "W.grad"}, tensor<2x2xf32> {adj.name = "V.grad"})
// CHECK-NOT:     dense<0.000000e+00>
// CHECK:         %[[DV:.*]] = adj.broadcast %{{.*}} -> tensor<2x2xf32>
// CHECK:         %[[DW:.*]] = adj.broadcast %{{.*}} -> tensor<2xf32>
// CHECK:         return %[[DW]], %[[DV]]
func.func @forward(%w: tensor<2xf32> {adj.leaf = "param", adj.name = "W"},
                   %v: tensor<2x2xf32> {adj.leaf = "param", adj.name = "V"})
    -> (tensor<f32> {adj.name = "L"}, tensor<f32> {adj.name = "M"}) {
  %l = adj.sum %w, [0] : (tensor<2xf32>) -> tensor<f32>
  %m = adj.sum %v, [0, 1] : (tensor<2x2xf32>) -> tensor<f32>
  return %l, %m : tensor<f32>, tensor<f32>
}

// -----

// Results that are arguments or repeated: L = w, so dL/dw = 1 in @grad;
// @vjp returns w twice and sums both cotangents.
// CHECK-LABEL: func.func @grad(
// CHECK-SAME:    %[[W:.*]]: tensor<f32> {adj.leaf = "param", adj.name = "w"})
// CHECK:         %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    return %[[W]], %[[ONE]] : tensor<f32>, tensor<f32>

// CHECK-LABEL: func.func @vjp(
// CHECK-SAME:    %[[W:.*]]: tensor<f32> {adj.leaf = "param", adj.name = "w"},
// CHECK-SAME:    %[[D0:.*]]: tensor<f32> {adj.name = "a.cotangent"},
// CHECK-SAME:    %[[D1:.*]]: tensor<f32> {adj.name = "b.cotangent"})
// CHECK-NEXT:    %[[DW:.*]] = adj.add %[[D0]], %[[D1]]
// CHECK-NEXT:    return %[[DW]] : tensor<f32>
func.func @forward(%w: tensor<f32> {adj.leaf = "param", adj.name = "w"})
    -> (tensor<f32> {adj.name = "a"}, tensor<f32> {adj.name = "b"}) {
  return %w, %w : tensor<f32>, tensor<f32>
}

// -----

// An op of another dialect without a derivative rule is fine where it is
// inactive (it reads only an input).
// CHECK-LABEL: func.func @grad(
// CHECK-SAME:    %[[X:.*]]: tensor<2xf32> {adj.leaf = "input"}, %[[W:.*]]: tensor<2xf32> {adj.leaf = "param"})
// CHECK:         %[[XX:.*]] = arith.addf %[[X]], %[[X]]
// CHECK:         %[[DW:.*]] = adj.mul %{{.*}}, %[[XX]]
// CHECK:         return %{{.*}}, %[[DW]]
func.func @forward(%x: tensor<2xf32> {adj.leaf = "input"},
                   %w: tensor<2xf32> {adj.leaf = "param"}) -> tensor<f32> {
  %xx = arith.addf %x, %x : tensor<2xf32>
  %y = adj.mul %xx, %w : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %l = adj.sum %y, [0] : (tensor<2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// RUN: adjoint-opt %s --adj-reverse-mode="grad=false" | FileCheck %s

// @vjp of a function with a non-scalar first result (so no @grad):
// arguments x, W, b, then one cotangent per result, of the result's type;
// results: one gradient per param (W, b), in argument order.
//   y = x W + b: dW = x^T dy, db = sum_rows(dy); n = sum(W): dW += dn.
// CHECK-NOT:   func.func @grad
// CHECK-LABEL: func.func @vjp(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3xf32> {adj.leaf = "input", adj.name = "x"},
// CHECK-SAME:    %[[W:.*]]: tensor<3x4xf32> {adj.leaf = "param", adj.name = "W"},
// CHECK-SAME:    %[[B:.*]]: tensor<4xf32> {adj.leaf = "param", adj.name = "b"},
// CHECK-SAME:    %[[DY:.*]]: tensor<2x4xf32> {adj.name = "y.cotangent"},
// CHECK-SAME:    %[[DN:.*]]: tensor<f32> {adj.name = "n.cotangent"})
// CHECK-SAME:    -> (tensor<3x4xf32> {adj.name = "W.grad"}, tensor<4xf32> {adj.name = "b.grad"})
// CHECK:         %[[XW:.*]] = adj.matmul %[[X]], %[[W]]
// CHECK:         %[[Y:.*]] = adj.add %[[XW]], %[[B]]
// CHECK:         adj.sum %[[W]]
// CHECK:         %[[FROMN:.*]] = adj.broadcast %{{.*}} -> tensor<3x4xf32>
// CHECK:         %[[DB:.*]] = adj.sum %[[DY]], [0]
// CHECK:         %[[FROMY:.*]] = adj.matmul %{{.*}}, %[[DY]]
// CHECK:         %[[DW:.*]] = adj.add %[[FROMN]], %[[FROMY]]
// CHECK:         return %[[DW]], %[[DB]] : tensor<3x4xf32>, tensor<4xf32>
func.func @forward(%x: tensor<2x3xf32> {adj.leaf = "input", adj.name = "x"},
                   %w: tensor<3x4xf32> {adj.leaf = "param", adj.name = "W"},
                   %b: tensor<4xf32> {adj.leaf = "param", adj.name = "b"})
    -> (tensor<2x4xf32> {adj.name = "y"}, tensor<f32> {adj.name = "n"}) {
  %xw = adj.matmul %x, %w : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %y = adj.add %xw, %b : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %n = adj.sum %w, [0, 1] : (tensor<3x4xf32>) -> tensor<f32>
  return %y, %n : tensor<2x4xf32>, tensor<f32>
}

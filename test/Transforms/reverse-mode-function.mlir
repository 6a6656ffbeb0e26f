// RUN: adjoint-opt %s --adj-reverse-mode="function=model grad=false" | FileCheck %s

// Option `function`: @model is differentiated and @forward left alone.
// `grad=false`: @model's first result is not a scalar. The input-only
// result y gets a cotangent argument but no adjoint code.
// CHECK-LABEL: func.func @forward(
// CHECK-LABEL: func.func @model(
// CHECK-LABEL: func.func @vjp(
// CHECK-SAME:    %[[X:.*]]: tensor<3xf32> {adj.leaf = "input"},
// CHECK-SAME:    %[[W:.*]]: tensor<3xf32> {adj.leaf = "param"},
// CHECK-SAME:    %[[DY:.*]]: tensor<3xf32>, %[[DZ:.*]]: tensor<3xf32>)
// CHECK-SAME:    -> tensor<3xf32>
// CHECK:         %[[Y:.*]] = adj.exp %[[X]]
// CHECK:         %[[Z:.*]] = adj.mul %[[W]], %[[Y]]
// CHECK-NEXT:    %[[DW:.*]] = adj.mul %[[DZ]], %[[Y]]
// CHECK-NEXT:    return %[[DW]]
func.func @forward(%x: tensor<3xf32> {adj.leaf = "param"}) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}

func.func @model(%x: tensor<3xf32> {adj.leaf = "input"},
                 %w: tensor<3xf32> {adj.leaf = "param"})
    -> (tensor<3xf32>, tensor<3xf32>) {
  %y = adj.exp %x : tensor<3xf32>
  %z = adj.mul %w, %y : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %y, %z : tensor<3xf32>, tensor<3xf32>
}

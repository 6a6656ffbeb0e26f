// RUN: adjoint-opt %s --split-input-file | FileCheck %s
// RUN: adjoint-opt %s --split-input-file --mlir-print-op-generic | adjoint-opt --split-input-file | FileCheck %s

// The internal ops of derivative rules round-trip; masks broadcast as NumPy
// does.
// CHECK-LABEL: func.func @masks(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<3xf32>)
// CHECK:         %[[G:.*]] = adj.greater %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK:         %[[GE:.*]] = adj.greater_equal %[[B]], %[[A]] : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK:         %[[EQ:.*]] = adj.equal %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK:         return %[[G]], %[[GE]], %[[EQ]]
func.func @masks(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = adj.greater %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = adj.greater_equal %b, %a : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = adj.equal %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// select broadcasts all three operands; a rank-0 branch is common (zero).
// CHECK-LABEL: func.func @select(
// CHECK-SAME:    %[[C:.*]]: tensor<4x1xf64>, %[[T:.*]]: tensor<5xf64>, %[[F:.*]]: tensor<f64>)
// CHECK:         %[[R:.*]] = adj.select %[[C]], %[[T]], %[[F]] : (tensor<4x1xf64>, tensor<5xf64>, tensor<f64>) -> tensor<4x5xf64>
// CHECK:         return %[[R]]
func.func @select(%c: tensor<4x1xf64>, %t: tensor<5xf64>, %f: tensor<f64>) -> tensor<4x5xf64> {
  %0 = adj.select %c, %t, %f : (tensor<4x1xf64>, tensor<5xf64>, tensor<f64>) -> tensor<4x5xf64>
  return %0 : tensor<4x5xf64>
}

// -----

// first_max_mask keeps the operand's shape; the axes may be empty.
// CHECK-LABEL: func.func @first_max_mask(
// CHECK:         adj.first_max_mask %{{.*}}, [0, 2] : tensor<2x3x4xf32>
// CHECK:         adj.first_max_mask %{{.*}}, [] : tensor<f32>
func.func @first_max_mask(%x: tensor<2x3x4xf32>, %s: tensor<f32>) -> (tensor<2x3x4xf32>, tensor<f32>) {
  %0 = adj.first_max_mask %x, [0, 2] : tensor<2x3x4xf32>
  %1 = adj.first_max_mask %s, [] : tensor<f32>
  return %0, %1 : tensor<2x3x4xf32>, tensor<f32>
}

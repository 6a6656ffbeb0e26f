// RUN: adjoint-opt %s --split-input-file --verify-diagnostics

func.func @greater_bad_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'adj.greater' op operands have incompatible shapes [2, 3] and [4]}}
  %0 = adj.greater %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @greater_equal_bad_result(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'adj.greater_equal' op result shape [3] does not match the shape [2, 3] its operands broadcast to}}
  %0 = adj.greater_equal %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @equal_mixed_types(%a: tensor<3xf32>, %b: tensor<3xf64>) -> tensor<3xf32> {
  // expected-error @+1 {{'adj.equal' op operands and result must share one element type}}
  %0 = adj.equal %a, %b : (tensor<3xf32>, tensor<3xf64>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @select_bad_broadcast(%c: tensor<4x1xf32>, %t: tensor<5xf32>, %f: tensor<3xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'adj.select' op operands have incompatible shapes [4, 5] and [3]}}
  %0 = adj.select %c, %t, %f : (tensor<4x1xf32>, tensor<5xf32>, tensor<3xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @first_max_mask_axis_range(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'adj.first_max_mask' op 'max' axis 2 is out of range for shape [2, 3]}}
  %0 = adj.first_max_mask %x, [2] : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @first_max_mask_unsorted(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'adj.first_max_mask' op 'max' axes [1, 0] are not sorted and distinct}}
  %0 = adj.first_max_mask %x, [1, 0] : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

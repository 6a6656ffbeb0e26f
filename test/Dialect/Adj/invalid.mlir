// RUN: adjoint-opt %s -split-input-file -verify-diagnostics

// Verifier errors of every adj op family, with the messages of the shared
// shape rules (lib/Graph/ShapeInference.cpp) and of the ODS constraints.

// A binary op whose result type is not the broadcast shape.
func.func @binary_wrong_result(%a: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'adj.add' op result shape [4, 4] does not match the shape [3, 4] its operands give}}
  %0 = adj.add %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// Trailing dimensions 4 and 3 do not broadcast.
func.func @binary_incompatible(%a: tensor<3x4xf32>, %b: tensor<3xf32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'adj.mul' op operands of 'mul' have incompatible shapes [3, 4] and [3]}}
  %0 = adj.mul %a, %b : (tensor<3x4xf32>, tensor<3xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// Mixed element types: f32 and f64 operands.
func.func @binary_mixed(%a: tensor<3xf32>, %b: tensor<3xf64>) -> tensor<3xf32> {
  // expected-error @+1 {{'adj.sub' op operands and result must share one element type}}
  %0 = adj.sub %a, %b : (tensor<3xf32>, tensor<3xf64>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Mixed element types: f32 operands, f64 result.
func.func @binary_mixed_result(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf64> {
  // expected-error @+1 {{'adj.sub' op operands and result must share one element type}}
  %0 = adj.sub %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf64>
  return %0 : tensor<3xf64>
}

// -----

// A unary op keeps its operand shape (generic form: the custom form has one type).
func.func @unary_wrong(%a: tensor<3xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'adj.exp' op result shape [4] does not match the shape [3] its operands give}}
  %0 = "adj.exp"(%a) : (tensor<3xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A unary op keeps its element type.
func.func @unary_mixed(%a: tensor<3xf32>) -> tensor<3xf64> {
  // expected-error @+1 {{'adj.exp' op operands and result must share one element type}}
  %0 = "adj.exp"(%a) : (tensor<3xf32>) -> tensor<3xf64>
  return %0 : tensor<3xf64>
}

// -----

// Only f32 and f64 tensors.
func.func @not_float(%a: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'adj.exp' op operand #0 must be 0D/1D/2D/3D/4D/5D/6D tensor of 32-bit float or 64-bit float values, but got 'tensor<3xi32>'}}
  %0 = adj.exp %a : tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

// matmul: inner dimensions 3 and 4 differ.
func.func @matmul_inner(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{'adj.matmul' op 'matmul' needs inner dimensions to match: [2, 3] x [4, 5]}}
  %0 = adj.matmul %a, %b : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// matmul: rank-1 operand.
func.func @matmul_rank(%a: tensor<3xf32>, %b: tensor<3x5xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{'adj.matmul' op 'matmul' needs operands of rank at least 2: [3] x [3, 5]}}
  %0 = adj.matmul %a, %b : (tensor<3xf32>, tensor<3x5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

// matmul: no batch broadcasting between ranks.
func.func @matmul_eqrank(%a: tensor<2x2x3xf32>, %b: tensor<3x5xf32>) -> tensor<2x2x5xf32> {
  // expected-error @+1 {{'adj.matmul' op 'matmul' needs operands of equal rank: [2, 2, 3] x [3, 5]}}
  %0 = adj.matmul %a, %b : (tensor<2x2x3xf32>, tensor<3x5xf32>) -> tensor<2x2x5xf32>
  return %0 : tensor<2x2x5xf32>
}

// -----

// matmul: batch dimensions 2 and 4 differ.
func.func @matmul_batch(%a: tensor<2x2x3xf32>, %b: tensor<4x3x5xf32>) -> tensor<2x2x5xf32> {
  // expected-error @+1 {{'adj.matmul' op 'matmul' needs equal batch dimensions: [2, 2, 3] x [4, 3, 5]}}
  %0 = adj.matmul %a, %b : (tensor<2x2x3xf32>, tensor<4x3x5xf32>) -> tensor<2x2x5xf32>
  return %0 : tensor<2x2x5xf32>
}

// -----

// matmul: wrong result shape.
func.func @matmul_result(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) -> tensor<5x2xf32> {
  // expected-error @+1 {{'adj.matmul' op result shape [5, 2] does not match the shape [2, 5] its operands give}}
  %0 = adj.matmul %a, %b : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<5x2xf32>
  return %0 : tensor<5x2xf32>
}

// -----

// transpose: a repeated dimension.
func.func @perm_dup(%a: tensor<2x3xf32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{'adj.transpose' op 'transpose' perm [0, 0] is not a permutation of the dimensions of [2, 3]}}
  %0 = adj.transpose %a, [0, 0] : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// transpose: too short a permutation.
func.func @perm_len(%a: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'adj.transpose' op 'transpose' perm [0] is not a permutation of the dimensions of [2, 3]}}
  %0 = adj.transpose %a, [0] : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// transpose: a dimension out of range.
func.func @perm_range(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'adj.transpose' op 'transpose' perm [1, 2] is not a permutation of the dimensions of [2, 3]}}
  %0 = adj.transpose %a, [1, 2] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// transpose: negative dimensions are not normalized here.
func.func @perm_neg(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'adj.transpose' op 'transpose' perm [-1, 0] is not a permutation of the dimensions of [2, 3]}}
  %0 = adj.transpose %a, [-1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// transpose: result does not follow perm.
func.func @transpose_result(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'adj.transpose' op result shape [2, 3] does not match the shape [3, 2] its operands give}}
  %0 = adj.transpose %a, [1, 0] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// reshape: 6 elements to 7.
func.func @reshape_count(%a: tensor<2x3xf32>) -> tensor<7xf32> {
  // expected-error @+1 {{'adj.reshape' op 'reshape' cannot change the element count: [2, 3] to [7]}}
  %0 = adj.reshape %a : (tensor<2x3xf32>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

// broadcast: 3 does not stretch to 4.
func.func @broadcast_bad(%a: tensor<3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'adj.broadcast' op 'broadcast' cannot broadcast [3] to [2, 4]}}
  %0 = adj.broadcast %a : (tensor<3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// broadcast: cannot drop dimensions.
func.func @broadcast_down(%a: tensor<2x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'adj.broadcast' op 'broadcast' cannot broadcast [2, 3] to [3]}}
  %0 = adj.broadcast %a : (tensor<2x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Reductions: axis 2 of a rank-2 operand.
func.func @axes_range(%a: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'adj.sum' op 'sum' axis 2 is out of range for shape [2, 3]}}
  %0 = adj.sum %a, [2] : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Reductions: axes are normalized to non-negative before the IR.
func.func @axes_neg(%a: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'adj.mean' op 'mean' axis -1 is out of range for shape [2, 3]}}
  %0 = adj.mean %a, [-1] : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Reductions: axes must be sorted.
func.func @axes_unsorted(%a: tensor<2x3xf32>) -> tensor<f32> {
  // expected-error @+1 {{'adj.max' op 'max' axes [1, 0] are not sorted and distinct}}
  %0 = adj.max %a, [1, 0] : (tensor<2x3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Reductions: axes must be distinct.
func.func @axes_dup(%a: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'adj.logsumexp' op 'logsumexp' axes [1, 1] are not sorted and distinct}}
  %0 = adj.logsumexp %a, [1, 1] : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Reductions: keepdims keeps the reduced axis as size 1.
func.func @keepdims_wrong(%a: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'adj.sum' op result shape [2] does not match the shape [2, 1] its operands give}}
  %0 = adj.sum %a, [1] {keepdims = true} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// softmax: axis out of range.
func.func @softmax_axis(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'adj.softmax' op 'softmax' axis 2 is out of range for shape [2, 3]}}
  %0 = adj.softmax %a, 2 : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// log_softmax: negative axes are not normalized here.
func.func @log_softmax_axis(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'adj.log_softmax' op 'log_softmax' axis -1 is out of range for shape [2, 3]}}
  %0 = adj.log_softmax %a, -1 : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// slice: end 6 is past the size 5.
func.func @slice_end(%a: tensor<4x5xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'adj.slice' op 'slice' range [3, 6) is not within axis 1 of [4, 5] or is empty}}
  %0 = adj.slice %a {axis = 1 : i64, start = 3 : i64, end = 6 : i64} : (tensor<4x5xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// slice: empty range.
func.func @slice_empty(%a: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'adj.slice' op 'slice' range [2, 2) is not within axis 1 of [4, 5] or is empty}}
  %0 = adj.slice %a {axis = 1 : i64, start = 2 : i64, end = 2 : i64} : (tensor<4x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// slice: negative start.
func.func @slice_neg(%a: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'adj.slice' op 'slice' range [-1, 2) is not within axis 1 of [4, 5] or is empty}}
  %0 = adj.slice %a {axis = 1 : i64, start = -1 : i64, end = 2 : i64} : (tensor<4x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// slice: axis out of range.
func.func @slice_axis(%a: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'adj.slice' op 'slice' axis 2 is out of range for shape [4, 5]}}
  %0 = adj.slice %a {axis = 2 : i64, start = 0 : i64, end = 1 : i64} : (tensor<4x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// slice: result size must be end - start.
func.func @slice_result(%a: tensor<4x5xf32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{'adj.slice' op result shape [4, 2] does not match the shape [4, 3] its operands give}}
  %0 = adj.slice %a {axis = 1 : i64, start = 0 : i64, end = 3 : i64} : (tensor<4x5xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

// concat of 3: the second operand differs off the axis.
func.func @concat_mismatch(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>, %c: tensor<2x1xf32>) -> tensor<2x7xf32> {
  // expected-error @+1 {{'adj.concat' op operands of 'concat' along axis 1 have incompatible shapes [2, 3] and [3, 3]}}
  %0 = adj.concat %a, %b, %c {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3x3xf32>, tensor<2x1xf32>) -> tensor<2x7xf32>
  return %0 : tensor<2x7xf32>
}

// -----

// concat: ranks differ.
func.func @concat_rank(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x6xf32> {
  // expected-error @+1 {{'adj.concat' op operands of 'concat' along axis 1 have incompatible shapes [2, 3] and [3]}}
  %0 = adj.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// concat: axis out of range.
func.func @concat_axis(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+1 {{'adj.concat' op 'concat' axis 2 is out of range for shape [2, 3]}}
  %0 = adj.concat %a, %b {axis = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// concat: result size must be the sum along the axis.
func.func @concat_result(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{'adj.concat' op result shape [2, 5] does not match the shape [2, 6] its operands give}}
  %0 = adj.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// concat: mixed element types.
func.func @concat_mixed(%a: tensor<2x3xf32>, %b: tensor<2x3xf64>) -> tensor<2x6xf32> {
  // expected-error @+1 {{'adj.concat' op operands and result must share one element type}}
  %0 = adj.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x3xf64>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// concat: at least one operand.
func.func @concat_none() -> tensor<2x6xf32> {
  // expected-error @+1 {{'adj.concat' op 'concat' takes one or more operands, got 0}}
  %0 = adj.concat {axis = 1 : i64} : () -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// constant: value shape differs from the result type.
func.func @constant_type() -> tensor<3xf32> {
  // expected-error @+1 {{'adj.constant' op failed to verify that all of {value, result} have same type}}
  %0 = "adj.constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// constant: value element type differs from the result type.
func.func @constant_elem() -> tensor<f64> {
  // expected-error @+1 {{'adj.constant' op failed to verify that all of {value, result} have same type}}
  %0 = "adj.constant"() {value = dense<1.0> : tensor<f32>} : () -> tensor<f64>
  return %0 : tensor<f64>
}

// -----

// constant: integers are not floating-point elements.
func.func @constant_int() -> tensor<i32> {
  // expected-error @+1 {{custom op 'adj.constant' invalid kind of attribute specified}}
  %0 = adj.constant dense<1> : tensor<i32>
  return %0 : tensor<i32>
}

// -----

// Rank at most 6.
func.func @rank7(%a: tensor<1x1x1x1x1x1x1xf32>) -> tensor<1x1x1x1x1x1x1xf32> {
  // expected-error @+1 {{'adj.neg' op operand #0 must be 0D/1D/2D/3D/4D/5D/6D tensor of 32-bit float or 64-bit float values, but got 'tensor<1x1x1x1x1x1x1xf32>'}}
  %0 = adj.neg %a : tensor<1x1x1x1x1x1x1xf32>
  return %0 : tensor<1x1x1x1x1x1x1xf32>
}

// -----

// Dimensions are positive.
func.func @zero_dim(%a: tensor<0xf32>) -> tensor<0xf32> {
  // expected-error @+1 {{'adj.neg' op operand of 'neg' [0] has a non-positive dimension}}
  %0 = adj.neg %a : tensor<0xf32>
  return %0 : tensor<0xf32>
}

// -----

// Reductions need their axes attribute.
func.func @reduce_missing_axes(%a: tensor<2x3xf32>) -> tensor<f32> {
  // expected-error @+1 {{'adj.sum' op requires attribute 'axes'}}
  %0 = "adj.sum"(%a) : (tensor<2x3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// A stray `axis` attribute does not replace a reduction's `axes`.
func.func @reduction_stray_axis(%a: tensor<2x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'adj.sum' op result shape [3] does not match the shape [] its operands give}}
  %0 = adj.sum %a, [0, 1] {axis = 0 : i64} : (tensor<2x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

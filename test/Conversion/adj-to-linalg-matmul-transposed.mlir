// RUN: adjoint-opt %s --convert-adj-to-linalg --canonicalize | FileCheck %s

// An operand that is a transpose of its last two dimensions (as matmul's
// VJP builds: dA = G B^T, dB = A^T G) is read in place through a swapped
// indexing map; the transposes are left unused, and the canonicalizer
// (which the pipeline runs next) erases them. When both operands are, only
// the rhs is read in place: the lhs is its transposed copy, so that
// adj-matmul-kernel's dot kernel (both operands along k) covers it. A
// permutation of a rank-3 operand that moves a batch dim is not a swap: it
// stays a copy.
// CHECK-DAG:   #[[$AT:.*]] = affine_map<(d0, d1, d2) -> (d1, d0)>
// CHECK-DAG:   #[[$B:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG:   #[[$C:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG:   #[[$CN:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @lhs_transposed(
// CHECK-SAME:    %[[A:.*]]: tensor<3x2xf32>, %[[B:.*]]: tensor<3x4xf32>)
// CHECK-NOT:     linalg.transpose
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$AT]], #[[$B]], #[[$C]]]
// CHECK-SAME:      ins(%[[A]], %[[B]] : tensor<3x2xf32>, tensor<3x4xf32>)
// CHECK-NOT:     linalg.transpose
// CHECK:         return
func.func @lhs_transposed(%a: tensor<3x2xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %at = adj.transpose %a, [1, 0] : (tensor<3x2xf32>) -> tensor<2x3xf32>
  %0 = adj.matmul %at, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @both_transposed(
// CHECK-SAME:    %[[A:.*]]: tensor<3x2xf32>, %[[B:.*]]: tensor<4x3xf32>)
// CHECK:         %[[ACOPY:.*]] = linalg.transpose ins(%[[A]] : tensor<3x2xf32>)
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$C]], #[[$B]], #[[$CN]]]
// CHECK-SAME:      ins(%[[ACOPY]], %[[B]] : tensor<2x3xf32>, tensor<4x3xf32>)
// CHECK:         return
func.func @both_transposed(%a: tensor<3x2xf32>, %b: tensor<4x3xf32>) -> tensor<2x4xf32> {
  %at = adj.transpose %a, [1, 0] : (tensor<3x2xf32>) -> tensor<2x3xf32>
  %bt = adj.transpose %b, [1, 0] : (tensor<4x3xf32>) -> tensor<3x4xf32>
  %0 = adj.matmul %at, %bt : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @matmul_batch_permuted(
// CHECK:         linalg.transpose
// CHECK:         linalg.generic
func.func @matmul_batch_permuted(%a: tensor<2x5x3xf32>, %b: tensor<5x3x4xf32>) -> tensor<5x2x4xf32> {
  %at = adj.transpose %a, [1, 0, 2] : (tensor<2x5x3xf32>) -> tensor<5x2x3xf32>
  %0 = adj.matmul %at, %b : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
  return %0 : tensor<5x2x4xf32>
}

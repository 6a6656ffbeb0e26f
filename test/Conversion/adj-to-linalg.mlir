// RUN: adjoint-opt %s --convert-adj-to-linalg --split-input-file | FileCheck %s

// Binary ops broadcast as NumPy does: one all-parallel generic over the
// result; a missing leading dim is dropped from the operand's map.
// CHECK-DAG:   #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @add_broadcast_leading(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<3xf32>)
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID2]], #[[$ROW]], #[[$ID2]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel"]
// CHECK-SAME:      ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<3xf32>)
// CHECK-SAME:      outs(%[[E]] : tensor<2x3xf32>)
// CHECK:         ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK:           linalg.yield %[[S]] : f32
// CHECK:         return %[[R]]
func.func @add_broadcast_leading(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = adj.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Stretched size-1 dims read index 0, on either side.
// CHECK-DAG:   #[[$LHS:.*]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-DAG:   #[[$RHS:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG:   #[[$ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @sub_broadcast_stretch(
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$ID3]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "parallel"]
// CHECK:           arith.subf %{{.*}}, %{{.*}} : f64
func.func @sub_broadcast_stretch(%a: tensor<2x1x4xf64>, %b: tensor<3x1xf64>) -> tensor<2x3x4xf64> {
  %0 = adj.sub %a, %b : (tensor<2x1x4xf64>, tensor<3x1xf64>) -> tensor<2x3x4xf64>
  return %0 : tensor<2x3x4xf64>
}

// -----

// A rank-0 operand has an empty result list in its map.
// CHECK-DAG:   #[[$SCALAR:.*]] = affine_map<(d0) -> ()>
// CHECK-DAG:   #[[$ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @mul_scalar(
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$SCALAR]], #[[$ID1]], #[[$ID1]]]
// CHECK:           arith.mulf
func.func @mul_scalar(%a: tensor<f32>, %b: tensor<5xf32>) -> tensor<5xf32> {
  %0 = adj.mul %a, %b : (tensor<f32>, tensor<5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

// Rank 0 throughout: a generic with no loops.
// CHECK-DAG:   #[[$R0:.*]] = affine_map<() -> ()>
// CHECK-LABEL: func.func @div_rank0(
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$R0]], #[[$R0]], #[[$R0]]]
// CHECK-SAME:      iterator_types = []
// CHECK:           arith.divf %{{.*}}, %{{.*}} : f64
func.func @div_rank0(%a: tensor<f64>, %b: tensor<f64>) -> tensor<f64> {
  %0 = adj.div %a, %b : (tensor<f64>, tensor<f64>) -> tensor<f64>
  return %0 : tensor<f64>
}

// -----

// CHECK-LABEL: func.func @pow(
// CHECK:         linalg.generic
// CHECK:           math.powf %{{.*}}, %{{.*}} : f32
func.func @pow(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = adj.pow %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @maximum_minimum(
// CHECK:         linalg.generic
// CHECK:           arith.maximumf %{{.*}}, %{{.*}} : f32
// CHECK:         linalg.generic
// CHECK:           arith.minimumf %{{.*}}, %{{.*}} : f32
func.func @maximum_minimum(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = adj.maximum %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = adj.minimum %0, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// One parallel generic per unary op, with its scalar body.
// CHECK-LABEL: func.func @unary_math(
// CHECK:         arith.negf
// CHECK:         math.exp
// CHECK:         math.log
// CHECK:         math.sqrt
// CHECK:         math.tanh
// CHECK:         math.sin
// CHECK:         math.cos
// CHECK:         math.absf
func.func @unary_math(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = adj.neg %x : tensor<2x3xf32>
  %1 = adj.exp %0 : tensor<2x3xf32>
  %2 = adj.log %1 : tensor<2x3xf32>
  %3 = adj.sqrt %2 : tensor<2x3xf32>
  %4 = adj.tanh %3 : tensor<2x3xf32>
  %5 = adj.sin %4 : tensor<2x3xf32>
  %6 = adj.cos %5 : tensor<2x3xf32>
  %7 = adj.abs %6 : tensor<2x3xf32>
  return %7 : tensor<2x3xf32>
}

// -----

// sigmoid(x) = 1 / (1 + exp(-x))
// CHECK-LABEL: func.func @sigmoid(
// CHECK:         ^bb0(%[[X:.*]]: f64, %{{.*}}: f64):
// CHECK:           %[[N:.*]] = arith.negf %[[X]] : f64
// CHECK:           %[[E:.*]] = math.exp %[[N]] : f64
// CHECK:           %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK:           %[[D:.*]] = arith.addf %[[ONE]], %[[E]] : f64
// CHECK:           %[[S:.*]] = arith.divf %[[ONE]], %[[D]] : f64
// CHECK:           linalg.yield %[[S]] : f64
func.func @sigmoid(%x: tensor<3xf64>) -> tensor<3xf64> {
  %0 = adj.sigmoid %x : tensor<3xf64>
  return %0 : tensor<3xf64>
}

// -----

// relu(x) = x ugt 0 ? x : 0; the unordered compare keeps relu(NaN) = NaN.
// CHECK-LABEL: func.func @relu(
// CHECK:         ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:           %[[P:.*]] = arith.cmpf ugt, %[[X]], %[[Z]] : f32
// CHECK:           %[[R:.*]] = arith.select %[[P]], %[[X]], %[[Z]] : f32
// CHECK:           linalg.yield %[[R]] : f32
func.func @relu(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = adj.relu %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// square(x) = x * x
// CHECK-LABEL: func.func @square(
// CHECK:         ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[R:.*]] = arith.mulf %[[X]], %[[X]] : f32
// CHECK:           linalg.yield %[[R]] : f32
func.func @square(%x: tensor<f32>) -> tensor<f32> {
  %0 = adj.square %x : tensor<f32>
  return %0 : tensor<f32>
}

// -----

// broadcast: a copy through a broadcasting input map.
// CHECK-DAG:   #[[$IN:.*]] = affine_map<(d0, d1, d2) -> (0, d2)>
// CHECK-DAG:   #[[$OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @broadcast(
// CHECK-SAME:    %[[X:.*]]: tensor<1x4xf32>)
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<2x3x4xf32>
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$IN]], #[[$OUT]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "parallel"]
// CHECK-SAME:      ins(%[[X]] : tensor<1x4xf32>) outs(%[[E]] : tensor<2x3x4xf32>)
// CHECK:         ^bb0(%[[V:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      linalg.yield %[[V]] : f32
// CHECK:         return %[[R]]
func.func @broadcast(%x: tensor<1x4xf32>) -> tensor<2x3x4xf32> {
  %0 = adj.broadcast %x : (tensor<1x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// A broadcast to the operand's own shape folds away.
// CHECK-LABEL: func.func @broadcast_identity(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3xf64>)
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[X]]
func.func @broadcast_identity(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %0 = adj.broadcast %x : (tensor<2x3xf64>) -> tensor<2x3xf64>
  return %0 : tensor<2x3xf64>
}

// -----

// matmul: loops (m, k, n), k a reduction, n innermost (rows of the rhs
// and the result, contiguous), into a zero-filled init. A contraction of 3
// terms (at most 65536) accumulates in f32, straight into the result, with
// `reassoc` adds.
// CHECK-DAG:   #[[$A:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG:   #[[$B:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG:   #[[$C:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @matmul(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3xf32>, %[[Y:.*]]: tensor<3x4xf32>)
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<2x4xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<2x4xf32>)
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$A]], #[[$B]], #[[$C]]]
// CHECK-SAME:      iterator_types = ["parallel", "reduction", "parallel"]
// CHECK-SAME:      ins(%[[X]], %[[Y]] : tensor<2x3xf32>, tensor<3x4xf32>)
// CHECK-SAME:      outs(%[[INIT]] : tensor<2x4xf32>)
// CHECK:         ^bb0(%[[L:.*]]: f32, %[[RR:.*]]: f32, %[[AV:.*]]: f32):
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[L]], %[[RR]] : f32
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[AV]], %[[P]] fastmath<reassoc> : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK:         return %[[R]]
func.func @matmul(%x: tensor<2x3xf32>, %y: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = adj.matmul %x, %y : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// A contraction of 65537 f32 terms (more than 65536): operands extended,
// the products summed in f64, truncated once. (Shorter ones accumulate in
// f32; adj-matmul-kernel sums them in blocks.)
// CHECK-LABEL: func.func @matmul_long(
// CHECK-SAME:    %[[X:.*]]: tensor<2x65537xf32>, %[[Y:.*]]: tensor<65537x4xf32>)
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<2x4xf64>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f64) outs(%[[E]] : tensor<2x4xf64>)
// CHECK:         %[[ACC:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[X]], %[[Y]] : tensor<2x65537xf32>, tensor<65537x4xf32>)
// CHECK-SAME:      outs(%[[INIT]] : tensor<2x4xf64>)
// CHECK:         ^bb0(%[[L:.*]]: f32, %[[RR:.*]]: f32, %[[AV:.*]]: f64):
// CHECK:           %[[LW:.*]] = arith.extf %[[L]] : f32 to f64
// CHECK:           %[[RW:.*]] = arith.extf %[[RR]] : f32 to f64
// CHECK:           %[[P:.*]] = arith.mulf %[[LW]], %[[RW]] : f64
// CHECK:           %[[S:.*]] = arith.addf %[[AV]], %[[P]] fastmath<reassoc> : f64
// CHECK:           linalg.yield %[[S]] : f64
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[ACC]] : tensor<2x4xf64>) outs(%{{.*}} : tensor<2x4xf32>)
// CHECK:           arith.truncf %{{.*}} : f64 to f32
// CHECK:         return %[[R]]
func.func @matmul_long(%x: tensor<2x65537xf32>, %y: tensor<65537x4xf32>) -> tensor<2x4xf32> {
  %0 = adj.matmul %x, %y : (tensor<2x65537xf32>, tensor<65537x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// Batched matmul: the batch dims are leading parallel loops; f64 needs no
// extension or truncation.
// CHECK-DAG:   #[[$A:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-DAG:   #[[$B:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
// CHECK-DAG:   #[[$C:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d4)>
// CHECK-LABEL: func.func @matmul_batched(
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$A]], #[[$B]], #[[$C]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "parallel", "reduction", "parallel"]
// CHECK-SAME:      outs(%{{.*}} : tensor<7x5x2x4xf64>)
// CHECK-NOT:       arith.extf
// CHECK:           arith.mulf %{{.*}}, %{{.*}} : f64
// CHECK-NOT:     arith.truncf
// CHECK:         return %[[R]]
func.func @matmul_batched(%x: tensor<7x5x2x3xf64>, %y: tensor<7x5x3x4xf64>) -> tensor<7x5x2x4xf64> {
  %0 = adj.matmul %x, %y : (tensor<7x5x2x3xf64>, tensor<7x5x3x4xf64>) -> tensor<7x5x2x4xf64>
  return %0 : tensor<7x5x2x4xf64>
}

// -----

// CHECK-LABEL: func.func @transpose(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3x4xf32>)
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<4x2x3xf32>
// CHECK:         %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[E]] : tensor<4x2x3xf32>) permutation = [2, 0, 1]
// CHECK:         return %[[T]]
func.func @transpose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = adj.transpose %x, [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// -----

// Identity permutations (rank 0 and 1 included) fold away.
// CHECK-LABEL: func.func @transpose_identity(
// CHECK-SAME:    %[[X:.*]]: tensor<f32>, %[[Y:.*]]: tensor<3xf32>)
// CHECK-NOT:     linalg.transpose
// CHECK:         return %[[X]], %[[Y]]
func.func @transpose_identity(%x: tensor<f32>, %y: tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>) {
  %0 = adj.transpose %x, [] : (tensor<f32>) -> tensor<f32>
  %1 = adj.transpose %y, [0] : (tensor<3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<f32>, tensor<3xf32>
}

// -----

// reshape: collapse to 1-D, then expand to the target.
// CHECK-LABEL: func.func @reshape(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3xf32>)
// CHECK:         %[[F:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<2x3xf32> into tensor<6xf32>
// CHECK:         %[[R:.*]] = tensor.expand_shape %[[F]] {{\[}}[0, 1, 2]] output_shape [3, 1, 2] : tensor<6xf32> into tensor<3x1x2xf32>
// CHECK:         return %[[R]]
func.func @reshape(%x: tensor<2x3xf32>) -> tensor<3x1x2xf32> {
  %0 = adj.reshape %x : (tensor<2x3xf32>) -> tensor<3x1x2xf32>
  return %0 : tensor<3x1x2xf32>
}

// -----

// 1-D source or target: one step only.
// CHECK-LABEL: func.func @reshape_vector(
// CHECK-SAME:    %[[X:.*]]: tensor<6xf64>)
// CHECK-NOT:     tensor.collapse_shape
// CHECK:         %[[R:.*]] = tensor.expand_shape %[[X]] {{\[}}[0, 1]] output_shape [2, 3] : tensor<6xf64> into tensor<2x3xf64>
// CHECK-NEXT:    return %[[R]]
func.func @reshape_vector(%x: tensor<6xf64>) -> tensor<2x3xf64> {
  %0 = adj.reshape %x : (tensor<6xf64>) -> tensor<2x3xf64>
  return %0 : tensor<2x3xf64>
}

// -----

// Rank 0 on either side uses an empty reassociation.
// CHECK-LABEL: func.func @reshape_rank0(
// CHECK-SAME:    %[[X:.*]]: tensor<f32>)
// CHECK:         %[[V:.*]] = tensor.expand_shape %[[X]] [] output_shape [1] : tensor<f32> into tensor<1xf32>
// CHECK:         %[[M:.*]] = tensor.expand_shape %[[V]] {{\[}}[0, 1]] output_shape [1, 1] : tensor<1xf32> into tensor<1x1xf32>
// CHECK:         %[[W:.*]] = tensor.collapse_shape %[[M]] {{\[}}[0, 1]] : tensor<1x1xf32> into tensor<1xf32>
// CHECK:         %[[S:.*]] = tensor.collapse_shape %[[W]] [] : tensor<1xf32> into tensor<f32>
// CHECK:         return %[[M]], %[[S]]
func.func @reshape_rank0(%x: tensor<f32>) -> (tensor<1x1xf32>, tensor<f32>) {
  %0 = adj.reshape %x : (tensor<f32>) -> tensor<1x1xf32>
  %1 = adj.reshape %0 : (tensor<1x1xf32>) -> tensor<f32>
  return %0, %1 : tensor<1x1xf32>, tensor<f32>
}

// -----

// An f32 sum accumulates in f64 (extf each element into a zero-filled f64
// tensor of the reduced shape), truncates once, then expands for keepdims.
// CHECK-DAG:   #[[$IN:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG:   #[[$OUT:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-DAG:   #[[$ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @sum_keepdims(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3x4xf32>)
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<3xf64>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f64) outs(%[[E]] : tensor<3xf64>)
// CHECK:         %[[ACC:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$IN]], #[[$OUT]]]
// CHECK-SAME:      iterator_types = ["reduction", "parallel", "reduction"]
// CHECK-SAME:      ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[INIT]] : tensor<3xf64>)
// CHECK:         ^bb0(%[[V:.*]]: f32, %[[A:.*]]: f64):
// CHECK:           %[[W:.*]] = arith.extf %[[V]] : f32 to f64
// CHECK:           %[[S:.*]] = arith.addf %[[A]], %[[W]] fastmath<reassoc> : f64
// CHECK:           linalg.yield %[[S]] : f64
// CHECK:         %[[E2:.*]] = tensor.empty() : tensor<3xf32>
// CHECK:         %[[T:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID1]], #[[$ID1]]]
// CHECK-SAME:      ins(%[[ACC]] : tensor<3xf64>) outs(%[[E2]] : tensor<3xf32>)
// CHECK:           arith.truncf %{{.*}} : f64 to f32
// CHECK:         %[[K:.*]] = tensor.expand_shape %[[T]] {{\[}}[0, 1, 2]] output_shape [1, 3, 1] : tensor<3xf32> into tensor<1x3x1xf32>
// CHECK:         return %[[K]]
func.func @sum_keepdims(%x: tensor<2x3x4xf32>) -> tensor<1x3x1xf32> {
  %0 = adj.sum %x, [0, 2] {keepdims = true} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  return %0 : tensor<1x3x1xf32>
}

// -----

// An f64 sum of every axis: a rank-0 accumulator, no truncation.
// CHECK-DAG:   #[[$OUT:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @sum_all_f64(
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%{{.*}} : tensor<f64>)
// CHECK:         %[[ACC:.*]] = linalg.generic
// CHECK-SAME:      #[[$OUT]]]
// CHECK-SAME:      iterator_types = ["reduction", "reduction"]
// CHECK-SAME:      outs(%[[INIT]] : tensor<f64>)
// CHECK-NOT:       arith.extf
// CHECK:           arith.addf
// CHECK-NOT:     arith.truncf
// CHECK:         return %[[ACC]] : tensor<f64>
func.func @sum_all_f64(%x: tensor<2x3xf64>) -> tensor<f64> {
  %0 = adj.sum %x, [0, 1] : (tensor<2x3xf64>) -> tensor<f64>
  return %0 : tensor<f64>
}

// -----

// Reducing a rank-0 tensor over no axes: a generic with no loops.
// CHECK-LABEL: func.func @sum_rank0(
// CHECK:         linalg.generic
// CHECK-SAME:      iterator_types = []
// CHECK-SAME:      ins(%{{.*}} : tensor<f32>) outs(%{{.*}} : tensor<f64>)
// CHECK:         linalg.generic
// CHECK:           arith.truncf
func.func @sum_rank0(%x: tensor<f32>) -> tensor<f32> {
  %0 = adj.sum %x, [] : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// mean = sum / count, divided in f64 before the truncation; a rank-0
// reduced tensor expands with an empty reassociation.
// CHECK-LABEL: func.func @mean_keepdims(
// CHECK:         linalg.generic
// CHECK-SAME:      iterator_types = ["reduction", "reduction"]
// CHECK:           arith.extf
// CHECK:         linalg.generic
// CHECK:           %[[N:.*]] = arith.constant 6.000000e+00 : f64
// CHECK:           %[[Q:.*]] = arith.divf %{{.*}}, %[[N]] : f64
// CHECK:           arith.truncf %[[Q]] : f64 to f32
// CHECK:         tensor.expand_shape %{{.*}} [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
func.func @mean_keepdims(%x: tensor<2x3xf32>) -> tensor<1x1xf32> {
  %0 = adj.mean %x, [0, 1] {keepdims = true} : (tensor<2x3xf32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

// max: a maximumf reduction from -inf in the element type.
// CHECK-DAG:   #[[$IN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$OUT:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @max(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3xf32>)
// CHECK:         %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<2xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[NINF]] : f32) outs(%[[E]] : tensor<2xf32>)
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$IN]], #[[$OUT]]]
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%[[X]] : tensor<2x3xf32>) outs(%[[INIT]] : tensor<2xf32>)
// CHECK:         ^bb0(%[[V:.*]]: f32, %[[A:.*]]: f32):
// CHECK:           %[[M:.*]] = arith.maximumf %[[A]], %[[V]] : f32
// CHECK:           linalg.yield %[[M]] : f32
// CHECK:         return %[[R]]
func.func @max(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = adj.max %x, [1] : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// logsumexp = shift(m) + log(sum(exp(x - shift(m)))), m = max over the
// axes, shift(m) = m if finite else 0; the sum is in f64.
// CHECK-DAG:   #[[$IN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$RED:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @logsumexp(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3xf32>)
// CHECK:         %[[M:.*]] = linalg.generic
// CHECK:           arith.maximumf
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%{{.*}} : tensor<2xf64>)
// CHECK:         %[[S:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$IN]], #[[$RED]], #[[$RED]]]
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%[[X]], %[[M]] : tensor<2x3xf32>, tensor<2xf32>) outs(%[[INIT]] : tensor<2xf64>)
// CHECK:         ^bb0(%[[V:.*]]: f32, %[[MV:.*]]: f32, %[[A:.*]]: f64):
// CHECK:           %[[ABS:.*]] = math.absf %[[MV]] : f32
// CHECK:           %[[INF:.*]] = arith.constant 0x7F800000 : f32
// CHECK:           %[[FIN:.*]] = arith.cmpf one, %[[ABS]], %[[INF]] : f32
// CHECK:           %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:           %[[SH:.*]] = arith.select %[[FIN]], %[[MV]], %[[Z]] : f32
// CHECK:           %[[D:.*]] = arith.subf %[[V]], %[[SH]] : f32
// CHECK:           %[[EXP:.*]] = math.exp %[[D]] : f32
// CHECK:           %[[W:.*]] = arith.extf %[[EXP]] : f32 to f64
// CHECK:           %[[ADD:.*]] = arith.addf %[[A]], %[[W]] fastmath<reassoc> : f64
// CHECK:           linalg.yield %[[ADD]] : f64
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[M]], %[[S]] : tensor<2xf32>, tensor<2xf64>)
// CHECK:           arith.select
// CHECK:           arith.extf
// CHECK:           math.log %{{.*}} : f64
// CHECK:           arith.addf
// CHECK:           arith.truncf
// CHECK:         %[[K:.*]] = tensor.expand_shape %[[R]] {{\[}}[0, 1]] output_shape [2, 1]
// CHECK:         return %[[K]]
func.func @logsumexp(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  %0 = adj.logsumexp %x, [1] {keepdims = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// softmax along axis 0: e = exp(x - shift(m)), then e / sum(e) with the sum
// and the division in f64.
// CHECK-DAG:   #[[$IN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$RED:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @softmax(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3xf32>)
// CHECK:         %[[M:.*]] = linalg.generic
// CHECK-SAME:      iterator_types = ["reduction", "parallel"]
// CHECK:           arith.maximumf
// CHECK:         %[[E:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$IN]], #[[$RED]], #[[$IN]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel"]
// CHECK-SAME:      ins(%[[X]], %[[M]] : tensor<2x3xf32>, tensor<3xf32>)
// CHECK:           arith.subf
// CHECK:           math.exp
// CHECK:         %[[S:.*]] = linalg.generic
// CHECK-SAME:      iterator_types = ["reduction", "parallel"]
// CHECK-SAME:      ins(%[[E]] : tensor<2x3xf32>) outs(%{{.*}} : tensor<3xf64>)
// CHECK:           arith.extf
// CHECK:           arith.addf %{{.*}}, %{{.*}} : f64
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$IN]], #[[$RED]], #[[$IN]]]
// CHECK-SAME:      ins(%[[E]], %[[S]] : tensor<2x3xf32>, tensor<3xf64>)
// CHECK:           %[[W:.*]] = arith.extf %{{.*}} : f32 to f64
// CHECK:           %[[Q:.*]] = arith.divf %[[W]], %{{.*}} : f64
// CHECK:           arith.truncf %[[Q]] : f64 to f32
// CHECK:         return %[[R]]
func.func @softmax(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = adj.softmax %x, 0 : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// log_softmax = (x - shift(m)) - log(sum(exp(x - shift(m)))), in f64.
// CHECK-DAG:   #[[$IN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$RED:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @log_softmax(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3xf32>)
// CHECK:         %[[M:.*]] = linalg.generic
// CHECK:           arith.maximumf
// CHECK:         %[[S:.*]] = linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%[[X]], %[[M]] : tensor<2x3xf32>, tensor<2xf32>) outs(%{{.*}} : tensor<2xf64>)
// CHECK:           math.exp
// CHECK:           arith.extf
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$IN]], #[[$RED]], #[[$RED]], #[[$IN]]]
// CHECK-SAME:      ins(%[[X]], %[[M]], %[[S]] : tensor<2x3xf32>, tensor<2xf32>, tensor<2xf64>)
// CHECK:         ^bb0(%[[V:.*]]: f32, %[[MV:.*]]: f32, %[[SV:.*]]: f64, %{{.*}}: f32):
// CHECK:           %[[XW:.*]] = arith.extf %[[V]] : f32 to f64
// CHECK:           %[[SH:.*]] = arith.select
// CHECK:           %[[SHW:.*]] = arith.extf %[[SH]] : f32 to f64
// CHECK:           %[[D:.*]] = arith.subf %[[XW]], %[[SHW]] : f64
// CHECK:           %[[L:.*]] = math.log %[[SV]] : f64
// CHECK:           %[[O:.*]] = arith.subf %[[D]], %[[L]] : f64
// CHECK:           arith.truncf %[[O]] : f64 to f32
// CHECK:         return %[[R]]
func.func @log_softmax(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = adj.log_softmax %x, 1 : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @slice(
// CHECK-SAME:    %[[X:.*]]: tensor<2x5xf32>)
// CHECK:         %[[S:.*]] = tensor.extract_slice %[[X]][0, 1] [2, 3] [1, 1] : tensor<2x5xf32> to tensor<2x3xf32>
// CHECK:         return %[[S]]
func.func @slice(%x: tensor<2x5xf32>) -> tensor<2x3xf32> {
  %0 = adj.slice %x {axis = 1 : i64, start = 1 : i64, end = 4 : i64} : (tensor<2x5xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// concat: each operand inserted at its running offset along the axis.
// CHECK-LABEL: func.func @concat(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xf64>, %[[B:.*]]: tensor<1x3xf64>, %[[C:.*]]: tensor<4x3xf64>)
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<7x3xf64>
// CHECK:         %[[I0:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0] [2, 3] [1, 1]
// CHECK:         %[[I1:.*]] = tensor.insert_slice %[[B]] into %[[I0]][2, 0] [1, 3] [1, 1]
// CHECK:         %[[I2:.*]] = tensor.insert_slice %[[C]] into %[[I1]][3, 0] [4, 3] [1, 1]
// CHECK:         return %[[I2]]
func.func @concat(%a: tensor<2x3xf64>, %b: tensor<1x3xf64>, %c: tensor<4x3xf64>) -> tensor<7x3xf64> {
  %0 = adj.concat %a, %b, %c {axis = 0 : i64} : (tensor<2x3xf64>, tensor<1x3xf64>, tensor<4x3xf64>) -> tensor<7x3xf64>
  return %0 : tensor<7x3xf64>
}

// -----

// CHECK-LABEL: func.func @constant(
// CHECK:         %[[C:.*]] = arith.constant dense<{{\[}}1.000000e+00, 2.500000e+00]> : tensor<2xf32>
// CHECK:         %[[S:.*]] = arith.constant dense<2.000000e+00> : tensor<f32>
// CHECK:         return %[[C]], %[[S]]
func.func @constant() -> (tensor<2xf32>, tensor<f32>) {
  %0 = adj.constant dense<[1.0, 2.5]> : tensor<2xf32>
  %1 = adj.constant dense<2.0> : tensor<f32>
  return %0, %1 : tensor<2xf32>, tensor<f32>
}

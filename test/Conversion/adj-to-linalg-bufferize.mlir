// The lowered IR bufferizes with one-shot-bufferize (no tensor op or
// bufferization copy left behind) and then lowers to the LLVM dialect, for
// f32 and f64 and rank-0 tensors alike.
//
// RUN: adjoint-opt %s --convert-adj-to-linalg \
// RUN:   --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" \
// RUN: | FileCheck %s --check-prefix=BUF
//
// RUN: adjoint-opt %s --convert-adj-to-linalg \
// RUN:   --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" \
// RUN:   --convert-linalg-to-loops --buffer-results-to-out-params \
// RUN:   --expand-strided-metadata --lower-affine --convert-scf-to-cf \
// RUN:   --convert-math-to-llvm --convert-math-to-libm \
// RUN:   --finalize-memref-to-llvm --convert-arith-to-llvm \
// RUN:   --convert-func-to-llvm --convert-cf-to-llvm \
// RUN:   --reconcile-unrealized-casts \
// RUN: | FileCheck %s --check-prefix=LLVM

// BUF-LABEL: func.func @elementwise(
// BUF-SAME:    %{{.*}}: memref<2x3xf32>, %{{.*}}: memref<3xf32>, %{{.*}}: memref<f32>) -> memref<2x3xf32>
// BUF-NOT:     {{tensor\.|adj\.|bufferization\.}}
// BUF:         return
// LLVM-LABEL: llvm.func @elementwise(
// LLVM-NOT:    {{linalg\.|memref\.|tensor\.|unrealized_conversion_cast}}
// LLVM:        llvm.return
func.func @elementwise(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %s: tensor<f32>) -> tensor<2x3xf32> {
  %0 = adj.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = adj.sub %0, %s : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %2 = adj.mul %1, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %3 = adj.div %2, %s : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %4 = adj.pow %3, %a : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = adj.maximum %4, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %6 = adj.minimum %5, %a : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %7 = adj.neg %6 : tensor<2x3xf32>
  %8 = adj.exp %7 : tensor<2x3xf32>
  %9 = adj.log %8 : tensor<2x3xf32>
  %10 = adj.sqrt %9 : tensor<2x3xf32>
  %11 = adj.tanh %10 : tensor<2x3xf32>
  %12 = adj.sigmoid %11 : tensor<2x3xf32>
  %13 = adj.relu %12 : tensor<2x3xf32>
  %14 = adj.sin %13 : tensor<2x3xf32>
  %15 = adj.cos %14 : tensor<2x3xf32>
  %16 = adj.abs %15 : tensor<2x3xf32>
  %17 = adj.square %16 : tensor<2x3xf32>
  return %17 : tensor<2x3xf32>
}

// BUF-LABEL: func.func @rank0_f64(
// BUF-SAME:    %{{.*}}: memref<f64>, %{{.*}}: memref<f64>) -> memref<f64>
// BUF-NOT:     {{tensor\.|adj\.|bufferization\.}}
// BUF:         return
// LLVM-LABEL: llvm.func @rank0_f64(
// LLVM-NOT:    {{linalg\.|memref\.|tensor\.|unrealized_conversion_cast}}
// LLVM:        llvm.return
func.func @rank0_f64(%a: tensor<f64>, %b: tensor<f64>) -> tensor<f64> {
  %0 = adj.pow %a, %b : (tensor<f64>, tensor<f64>) -> tensor<f64>
  %1 = adj.tanh %0 : tensor<f64>
  %2 = adj.sum %1, [] : (tensor<f64>) -> tensor<f64>
  %3 = adj.mean %2, [] : (tensor<f64>) -> tensor<f64>
  %4 = adj.max %3, [] : (tensor<f64>) -> tensor<f64>
  %5 = adj.logsumexp %4, [] : (tensor<f64>) -> tensor<f64>
  %6 = adj.transpose %5, [] : (tensor<f64>) -> tensor<f64>
  %7 = adj.reshape %6 : (tensor<f64>) -> tensor<1x1xf64>
  %8 = adj.reshape %7 : (tensor<1x1xf64>) -> tensor<f64>
  return %8 : tensor<f64>
}

// BUF-LABEL: func.func @reductions(
// BUF-SAME:    %{{.*}}: memref<2x3x4xf32>) -> (memref<1x3x1xf32>, memref<f32>, memref<2x3x1xf32>, memref<2x3xf32>)
// BUF-NOT:     {{tensor\.|adj\.|bufferization\.}}
// BUF:         return
// LLVM-LABEL: llvm.func @reductions(
// LLVM-NOT:    {{linalg\.|memref\.|tensor\.|unrealized_conversion_cast}}
// LLVM:        llvm.return
func.func @reductions(%x: tensor<2x3x4xf32>) -> (tensor<1x3x1xf32>, tensor<f32>, tensor<2x3x1xf32>, tensor<2x3xf32>) {
  %0 = adj.sum %x, [0, 2] {keepdims = true} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  %1 = adj.mean %x, [0, 1, 2] : (tensor<2x3x4xf32>) -> tensor<f32>
  %2 = adj.logsumexp %x, [2] {keepdims = true} : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32>
  %3 = adj.max %x, [2] : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3 : tensor<1x3x1xf32>, tensor<f32>, tensor<2x3x1xf32>, tensor<2x3xf32>
}

// BUF-LABEL: func.func @softmax_f64(
// BUF-NOT:     {{tensor\.|adj\.|bufferization\.}}
// BUF:         return
// LLVM-LABEL: llvm.func @softmax_f64(
// LLVM-NOT:    {{linalg\.|memref\.|tensor\.|unrealized_conversion_cast}}
// LLVM:        llvm.return
func.func @softmax_f64(%x: tensor<2x3xf64>) -> (tensor<2x3xf64>, tensor<2x3xf64>) {
  %0 = adj.softmax %x, 0 : tensor<2x3xf64>
  %1 = adj.log_softmax %x, 1 : tensor<2x3xf64>
  return %0, %1 : tensor<2x3xf64>, tensor<2x3xf64>
}

// BUF-LABEL: func.func @structural(
// BUF-NOT:     {{tensor\.|adj\.|bufferization\.}}
// BUF:         return
// LLVM-LABEL: llvm.func @structural(
// LLVM-NOT:    {{linalg\.|memref\.|tensor\.|unrealized_conversion_cast}}
// LLVM:        llvm.return
func.func @structural(%a: tensor<5x2x3xf32>, %b: tensor<5x3x4xf32>, %c: tensor<4x2x1xf32>) -> tensor<4x2x6xf32> {
  %0 = adj.matmul %a, %b : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
  %1 = adj.transpose %0, [2, 1, 0] : (tensor<5x2x4xf32>) -> tensor<4x2x5xf32>
  %2 = adj.concat %1, %c {axis = 2 : i64} : (tensor<4x2x5xf32>, tensor<4x2x1xf32>) -> tensor<4x2x6xf32>
  %3 = adj.reshape %2 : (tensor<4x2x6xf32>) -> tensor<8x6xf32>
  %4 = adj.slice %3 {axis = 0 : i64, start = 2 : i64, end = 6 : i64} : (tensor<8x6xf32>) -> tensor<4x6xf32>
  %5 = adj.broadcast %4 : (tensor<4x6xf32>) -> tensor<2x4x6xf32>
  %6 = adj.reshape %5 : (tensor<2x4x6xf32>) -> tensor<4x2x6xf32>
  %k = adj.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]> : tensor<6xf32>
  %7 = adj.add %6, %k : (tensor<4x2x6xf32>, tensor<6xf32>) -> tensor<4x2x6xf32>
  return %7 : tensor<4x2x6xf32>
}

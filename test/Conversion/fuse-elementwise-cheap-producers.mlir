// RUN: adjoint-opt %s --split-input-file --adj-fuse-elementwise | FileCheck %s

// adj-fuse-elementwise copies a producer with several uses into each of
// them when it is cheap (at most 2 arith ops once fused with its own
// producers) and every use would fuse it: then no consumer reads it from
// memory. d = x - m, broadcast over the 25 components, is read by two
// reductions over the 1000 points (as gmm's gradient of its means and
// variances reads it): each reduction computes it again.
// CHECK-LABEL: func.func @cheap(
// CHECK-NOT:     tensor<1000x25x10xf32>
// CHECK:         linalg.generic {{.*}} ins(%arg0, %arg1 : tensor<1000x1x10xf32>, tensor<25x10xf32>)
// CHECK:           arith.subf
// CHECK:           arith.mulf
// CHECK:         linalg.generic {{.*}} ins(%arg0, %arg1 : tensor<1000x1x10xf32>, tensor<25x10xf32>)
// CHECK:           arith.subf
// CHECK:           math.absf
// CHECK-NOT:     linalg.generic
#x = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
#m = affine_map<(d0, d1, d2) -> (d1, d2)>
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @cheap(%x: tensor<1000x1x10xf32>, %m: tensor<25x10xf32>) -> (tensor<25x10xf32>, tensor<25x10xf32>) {
  %e = tensor.empty() : tensor<1000x25x10xf32>
  %d = linalg.generic {indexing_maps = [#x, #m, #id], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %m : tensor<1000x1x10xf32>, tensor<25x10xf32>) outs(%e : tensor<1000x25x10xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.subf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<1000x25x10xf32>
  %zero = arith.constant 0.0 : f32
  %r = tensor.empty() : tensor<25x10xf32>
  %init = linalg.fill ins(%zero : f32) outs(%r : tensor<25x10xf32>) -> tensor<25x10xf32>
  %sq = linalg.generic {indexing_maps = [#id, #m], iterator_types = ["reduction", "parallel", "parallel"]}
      ins(%d : tensor<1000x25x10xf32>) outs(%init : tensor<25x10xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %p = arith.mulf %a, %a : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<25x10xf32>
  %ab = linalg.generic {indexing_maps = [#id, #m], iterator_types = ["reduction", "parallel", "parallel"]}
      ins(%d : tensor<1000x25x10xf32>) outs(%init : tensor<25x10xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %p = math.absf %a : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<25x10xf32>
  return %sq, %ab : tensor<25x10xf32>, tensor<25x10xf32>
}

// -----

// exp is not cheap: computed once, stored, and read by both users. And a
// cheap producer that a user reads through a broadcast (each element more
// than once) stays stored too.
// CHECK-LABEL: func.func @stays(
// CHECK:         %[[E:.*]] = linalg.generic
// CHECK:           math.exp
// CHECK:         linalg.generic {{.*}} ins(%[[E]], %arg0 :
// CHECK:           arith.addf
// CHECK:         linalg.generic {{.*}} ins(%[[E]], %arg0 :
// CHECK:           arith.mulf
// CHECK:         %[[N:.*]] = linalg.generic
// CHECK:           arith.negf
// CHECK:         linalg.generic {{.*}} ins(%[[N]] :
// CHECK:         linalg.generic {{.*}} ins(%[[N]] :
#i1 = affine_map<(d0) -> (d0)>
#row = affine_map<(d0, d1) -> (d1)>
#i2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @stays(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<4x8xf32>) {
  %e = tensor.empty() : tensor<8xf32>
  %exp = linalg.generic {indexing_maps = [#i1, #i1], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %y = math.exp %a : f32
    linalg.yield %y : f32
  } -> tensor<8xf32>
  %sum = linalg.generic {indexing_maps = [#i1, #i1, #i1], iterator_types = ["parallel"]}
      ins(%exp, %x : tensor<8xf32>, tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %y = arith.addf %a, %b : f32
    linalg.yield %y : f32
  } -> tensor<8xf32>
  %product = linalg.generic {indexing_maps = [#i1, #i1, #i1], iterator_types = ["parallel"]}
      ins(%exp, %x : tensor<8xf32>, tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %y = arith.mulf %a, %b : f32
    linalg.yield %y : f32
  } -> tensor<8xf32>
  %neg = linalg.generic {indexing_maps = [#i1, #i1], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %y = arith.negf %a : f32
    linalg.yield %y : f32
  } -> tensor<8xf32>
  %twice = linalg.generic {indexing_maps = [#i1, #i1], iterator_types = ["parallel"]}
      ins(%neg : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %y = arith.addf %a, %a : f32
    linalg.yield %y : f32
  } -> tensor<8xf32>
  %e2 = tensor.empty() : tensor<4x8xf32>
  %rows = linalg.generic {indexing_maps = [#row, #i2], iterator_types = ["parallel", "parallel"]}
      ins(%neg : tensor<8xf32>) outs(%e2 : tensor<4x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  } -> tensor<4x8xf32>
  return %sum, %product, %twice, %rows : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<4x8xf32>
}

// RUN: adjoint-opt %s --split-input-file --adj-accumulate-sums --canonicalize | FileCheck %s

// adj-accumulate-sums: T + R, R a sum into zeros used only there, becomes
// R summing into T. The gradient of a weight used at three steps,
// (A1^T B1 + A2^T B2) + A3^T B3, becomes one chain of matmuls: the first
// into zeros, each next one into the previous one's result (A1^T B1 into
// A2^T B2: adding is commutative, so the rounding is the same).
#lhsT = affine_map<(m, k, n) -> (k, m)>
#rhs = affine_map<(m, k, n) -> (k, n)>
#out = affine_map<(m, k, n) -> (m, n)>
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @three_steps(
// CHECK-SAME:    %[[A1:[a-z0-9]+]]: tensor<3x4xf32>, %[[B1:[a-z0-9]+]]: tensor<3x5xf32>, %[[A2:[a-z0-9]+]]: tensor<3x4xf32>, %[[B2:[a-z0-9]+]]: tensor<3x5xf32>, %[[A3:[a-z0-9]+]]: tensor<3x4xf32>, %[[B3:[a-z0-9]+]]: tensor<3x5xf32>)
// CHECK:         %[[ZEROS:.*]] = linalg.fill
// CHECK-NEXT:    %[[S1:.*]] = linalg.generic {{.*}} ins(%[[A2]], %[[B2]] : {{.*}}) outs(%[[ZEROS]] : tensor<4x5xf32>)
// CHECK:         %[[S2:.*]] = linalg.generic {{.*}} ins(%[[A1]], %[[B1]] : {{.*}}) outs(%[[S1]] : tensor<4x5xf32>)
// CHECK:         %[[S3:.*]] = linalg.generic {{.*}} ins(%[[A3]], %[[B3]] : {{.*}}) outs(%[[S2]] : tensor<4x5xf32>)
// CHECK:         return %[[S3]]
// CHECK-NOT:     linalg.fill
func.func @three_steps(%a1: tensor<3x4xf32>, %b1: tensor<3x5xf32>, %a2: tensor<3x4xf32>, %b2: tensor<3x5xf32>, %a3: tensor<3x4xf32>, %b3: tensor<3x5xf32>) -> tensor<4x5xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x5xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x5xf32>) -> tensor<4x5xf32>
  %m1 = linalg.generic {indexing_maps = [#lhsT, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a1, %b1 : tensor<3x4xf32>, tensor<3x5xf32>) outs(%z : tensor<4x5xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<4x5xf32>
  %m2 = linalg.generic {indexing_maps = [#lhsT, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a2, %b2 : tensor<3x4xf32>, tensor<3x5xf32>) outs(%z : tensor<4x5xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<4x5xf32>
  %sum = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%m1, %m2 : tensor<4x5xf32>, tensor<4x5xf32>) outs(%e : tensor<4x5xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<4x5xf32>
  %m3 = linalg.generic {indexing_maps = [#lhsT, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a3, %b3 : tensor<3x4xf32>, tensor<3x5xf32>) outs(%z : tensor<4x5xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %p, %acc : f32
    linalg.yield %s : f32
  } -> tensor<4x5xf32>
  %total = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%sum, %m3 : tensor<4x5xf32>, tensor<4x5xf32>) outs(%e : tensor<4x5xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<4x5xf32>
  return %total : tensor<4x5xf32>
}

// -----

// Left alone: a sum used twice (its value is needed on its own), a sum
// into ones, a difference, and a max reduction.
#lhsT = affine_map<(m, k, n) -> (k, m)>
#rhs = affine_map<(m, k, n) -> (k, n)>
#out = affine_map<(m, k, n) -> (m, n)>
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @left_alone(
// CHECK:         %[[R1:.*]] = linalg.generic {{.*}}["parallel", "reduction", "parallel"]
// CHECK:         linalg.generic {{.*}} ins(%arg2, %[[R1]] :
// CHECK:         %[[R2:.*]] = linalg.generic {{.*}}["parallel", "reduction", "parallel"]
// CHECK:         linalg.generic {{.*}} ins(%arg2, %[[R2]] :
// CHECK:         %[[R3:.*]] = linalg.generic {{.*}}["parallel", "reduction", "parallel"]
// CHECK:         linalg.generic {{.*}} ins(%arg2, %[[R3]] :
// CHECK:         %[[R4:.*]] = linalg.generic {{.*}}["parallel", "reduction", "parallel"]
// CHECK:         linalg.generic {{.*}} ins(%arg2, %[[R4]] :
func.func @left_alone(%a: tensor<3x4xf32>, %b: tensor<3x5xf32>, %t: tensor<4x5xf32>) -> (tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %e = tensor.empty() : tensor<4x5xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x5xf32>) -> tensor<4x5xf32>
  %o = linalg.fill ins(%one : f32) outs(%e : tensor<4x5xf32>) -> tensor<4x5xf32>
  %twice = linalg.generic {indexing_maps = [#lhsT, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b : tensor<3x4xf32>, tensor<3x5xf32>) outs(%z : tensor<4x5xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<4x5xf32>
  %r1 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%t, %twice : tensor<4x5xf32>, tensor<4x5xf32>) outs(%e : tensor<4x5xf32>) {
  ^bb0(%x: f32, %y: f32, %w: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<4x5xf32>
  %ones = linalg.generic {indexing_maps = [#lhsT, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b : tensor<3x4xf32>, tensor<3x5xf32>) outs(%o : tensor<4x5xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<4x5xf32>
  %r2 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%t, %ones : tensor<4x5xf32>, tensor<4x5xf32>) outs(%e : tensor<4x5xf32>) {
  ^bb0(%x: f32, %y: f32, %w: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<4x5xf32>
  %diff = linalg.generic {indexing_maps = [#lhsT, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b : tensor<3x4xf32>, tensor<3x5xf32>) outs(%z : tensor<4x5xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<4x5xf32>
  %r3 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%t, %diff : tensor<4x5xf32>, tensor<4x5xf32>) outs(%e : tensor<4x5xf32>) {
  ^bb0(%x: f32, %y: f32, %w: f32):
    %s = arith.subf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<4x5xf32>
  %max = linalg.generic {indexing_maps = [#lhsT, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b : tensor<3x4xf32>, tensor<3x5xf32>) outs(%z : tensor<4x5xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.maximumf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<4x5xf32>
  %r4 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%t, %max : tensor<4x5xf32>, tensor<4x5xf32>) outs(%e : tensor<4x5xf32>) {
  ^bb0(%x: f32, %y: f32, %w: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<4x5xf32>
  return %r1, %r2, %r3, %r4, %twice : tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>
}

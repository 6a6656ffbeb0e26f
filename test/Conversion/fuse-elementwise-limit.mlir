// RUN: adjoint-opt %s --adj-fuse-elementwise | FileCheck %s --check-prefix=ALL
// RUN: adjoint-opt %s --adj-fuse-elementwise=max-body-ops=4 | FileCheck %s --check-prefix=LIMIT

// Four squarings in a chain, each a generic whose body is 2 ops (mulf,
// yield). With the default limit (64) they fuse into one loop of 5 ops.
// With a limit of 4: two fuse (2 + 2 = 4 ops in, a body of 3 out), and
// the next fusion would need 3 + 2 = 5 > 4, so the other two fuse with
// each other: two loops of 3 ops.
#id = affine_map<(d0) -> (d0)>
func.func @chain(%x: tensor<8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%in: f32, %o: f32):
    %n = arith.mulf %in, %in : f32
    linalg.yield %n : f32
  } -> tensor<8xf32>
  %1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%0 : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%in: f32, %o: f32):
    %n = arith.mulf %in, %in : f32
    linalg.yield %n : f32
  } -> tensor<8xf32>
  %2 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%1 : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%in: f32, %o: f32):
    %n = arith.mulf %in, %in : f32
    linalg.yield %n : f32
  } -> tensor<8xf32>
  %3 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%2 : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%in: f32, %o: f32):
    %n = arith.mulf %in, %in : f32
    linalg.yield %n : f32
  } -> tensor<8xf32>
  return %3 : tensor<8xf32>
}

// ALL-LABEL: func.func @chain
// ALL-COUNT-1: linalg.generic
// ALL-COUNT-4:   arith.mulf
// ALL-NOT:     linalg.generic

// LIMIT-LABEL: func.func @chain
// LIMIT:         linalg.generic
// LIMIT-COUNT-2:   arith.mulf
// LIMIT:         linalg.generic
// LIMIT-COUNT-2:   arith.mulf
// LIMIT-NOT:     linalg.generic

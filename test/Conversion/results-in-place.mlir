// RUN: adjoint-opt %s --adj-results-in-place --split-input-file | FileCheck %s

// A result computed in a buffer of its own and copied out: the buffer
// becomes the out-parameter and the copy goes.
// CHECK-LABEL: func.func @in_place(
// CHECK-SAME:    %[[X:.*]]: memref<4xf32>, %[[OUT:.*]]: memref<4xf32>)
// CHECK-NOT:     memref.alloc
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[X]] : memref<4xf32>) outs(%[[OUT]] : memref<4xf32>)
// CHECK-NOT:     linalg.copy
// CHECK:         return
#id = affine_map<(d0) -> (d0)>
func.func @in_place(%x: memref<4xf32>, %out: memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<4xf32>) outs(%a : memref<4xf32>) {
  ^bb0(%in: f32, %o: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  }
  linalg.copy ins(%a : memref<4xf32>) outs(%out : memref<4xf32>)
  return
}

// -----

// One buffer returned twice (CSE merged two equal outputs): both copies
// stay, and so does the buffer.
// CHECK-LABEL: func.func @returned_twice(
// CHECK:         %[[A:.*]] = memref.alloc()
// CHECK:         linalg.copy ins(%[[A]] : memref<4xf32>) outs(%{{.*}} : memref<4xf32>)
// CHECK:         linalg.copy ins(%[[A]] : memref<4xf32>) outs(%{{.*}} : memref<4xf32>)
#id = affine_map<(d0) -> (d0)>
func.func @returned_twice(%x: memref<4xf32>, %out0: memref<4xf32>, %out1: memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<4xf32>) outs(%a : memref<4xf32>) {
  ^bb0(%in: f32, %o: f32):
    linalg.yield %in : f32
  }
  linalg.copy ins(%a : memref<4xf32>) outs(%out0 : memref<4xf32>)
  linalg.copy ins(%a : memref<4xf32>) outs(%out1 : memref<4xf32>)
  return
}

// -----

// A result that is an argument, and an out-parameter used by more than
// its copy: the copies stay.
// CHECK-LABEL: func.func @argument_result(
// CHECK:         linalg.copy ins(%arg0 : memref<4xf32>) outs(%arg1 : memref<4xf32>)
// CHECK:         %[[A:.*]] = memref.alloc()
// CHECK:         linalg.copy ins(%[[A]] : memref<4xf32>) outs(%arg2 : memref<4xf32>)
func.func @argument_result(%x: memref<4xf32>, %out0: memref<4xf32>, %out1: memref<4xf32>) {
  linalg.copy ins(%x : memref<4xf32>) outs(%out0 : memref<4xf32>)
  %a = memref.alloc() : memref<4xf32>
  linalg.copy ins(%out1 : memref<4xf32>) outs(%a : memref<4xf32>)
  linalg.copy ins(%a : memref<4xf32>) outs(%out1 : memref<4xf32>)
  return
}

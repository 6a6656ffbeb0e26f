// RUN: adjoint-opt %s --pass-pipeline='builtin.module(func.func(adj-free-early))' --split-input-file | FileCheck %s

// A chain: each buffer is freed right after the op that reads it last,
// before the next buffer is allocated.
// CHECK-LABEL: func.func @chain(
// CHECK-SAME:    %[[X:.*]]: memref<4xf32>, %[[OUT:.*]]: memref<4xf32>)
// CHECK:         %[[A:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT:    memref.copy %[[X]], %[[A]]
// CHECK-NEXT:    %[[B:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT:    memref.copy %[[A]], %[[B]]
// CHECK-NEXT:    memref.dealloc %[[A]]
// CHECK-NEXT:    %[[C:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT:    memref.copy %[[B]], %[[C]]
// CHECK-NEXT:    memref.dealloc %[[B]]
// CHECK-NEXT:    memref.copy %[[C]], %[[OUT]]
// CHECK-NEXT:    memref.dealloc %[[C]]
// CHECK-NEXT:    return
func.func @chain(%x: memref<4xf32>, %out: memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  memref.copy %x, %a : memref<4xf32> to memref<4xf32>
  %b = memref.alloc() : memref<4xf32>
  memref.copy %a, %b : memref<4xf32> to memref<4xf32>
  %c = memref.alloc() : memref<4xf32>
  memref.copy %b, %c : memref<4xf32> to memref<4xf32>
  memref.copy %c, %out : memref<4xf32> to memref<4xf32>
  memref.dealloc %a : memref<4xf32>
  memref.dealloc %b : memref<4xf32>
  memref.dealloc %c : memref<4xf32>
  return
}

// -----

// A view's uses are the buffer's uses, and so is a use inside a region:
// the dealloc goes after the loop that reads a subview.
// CHECK-LABEL: func.func @views_and_regions(
// CHECK:         %[[A:.*]] = memref.alloc() : memref<8xf32>
// CHECK:         %[[V:.*]] = memref.subview %[[A]]
// CHECK:         scf.for
// CHECK:           memref.load %[[V]]
// CHECK:         }
// CHECK-NEXT:    memref.dealloc %[[A]]
// CHECK-NEXT:    %[[B:.*]] = memref.alloc() : memref<4xf32>
func.func @views_and_regions(%x: memref<8xf32>, %out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %a = memref.alloc() : memref<8xf32>
  memref.copy %x, %a : memref<8xf32> to memref<8xf32>
  %v = memref.subview %a[2] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1], offset: 2>>
  scf.for %i = %c0 to %c4 step %c1 {
    %e = memref.load %v[%i] : memref<4xf32, strided<[1], offset: 2>>
    memref.store %e, %out[%i] : memref<4xf32>
  }
  %b = memref.alloc() : memref<4xf32>
  memref.copy %out, %b : memref<4xf32> to memref<4xf32>
  memref.copy %b, %out : memref<4xf32> to memref<4xf32>
  memref.dealloc %a : memref<8xf32>
  memref.dealloc %b : memref<4xf32>
  return
}

// -----

// Deallocations of buffers from elsewhere (an argument), or in another
// block than their allocation, stay where they are.
// CHECK-LABEL: func.func @stays(
// CHECK:         memref.copy %{{.*}}, %[[ARG:.*]] :
// CHECK-NEXT:    %[[A:.*]] = memref.alloc()
// CHECK-NEXT:    scf.execute_region {
// CHECK-NEXT:      memref.dealloc %[[A]]
// CHECK:         memref.dealloc %[[ARG]]
// CHECK-NEXT:    return
func.func @stays(%x: memref<4xf32>, %arg: memref<4xf32>) {
  memref.copy %x, %arg : memref<4xf32> to memref<4xf32>
  %a = memref.alloc() : memref<4xf32>
  scf.execute_region {
    memref.dealloc %a : memref<4xf32>
    scf.yield
  }
  %c = arith.constant 1.0 : f32
  memref.dealloc %arg : memref<4xf32>
  return
}

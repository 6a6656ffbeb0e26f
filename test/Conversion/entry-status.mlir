// RUN: adjoint-opt %s --adj-entry-status --split-input-file --verify-diagnostics | FileCheck %s

// Every return gives 0; each allocation is followed by a null check that
// branches to the one block returning 1.
// CHECK-LABEL: func.func @two_allocs(
// CHECK-SAME:    %[[OUT:.*]]: memref<4xf32>) -> i32 {
// CHECK:         %[[A:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT:    %[[PA:.*]] = memref.extract_aligned_pointer_as_index %[[A]] : memref<4xf32> -> index
// CHECK-NEXT:    %[[Z0:.*]] = arith.constant 0 : index
// CHECK-NEXT:    %[[NA:.*]] = arith.cmpi eq, %[[PA]], %[[Z0]] : index
// CHECK-NEXT:    cf.cond_br %[[NA]], ^[[FAILED:bb[0-9]+]], ^[[AFTER_A:bb[0-9]+]]
// CHECK-NEXT:  ^[[AFTER_A]]:
// CHECK-NEXT:    %[[B:.*]] = memref.alloc() : memref<8xf32>
// CHECK-NEXT:    %[[PB:.*]] = memref.extract_aligned_pointer_as_index %[[B]] : memref<8xf32> -> index
// CHECK-NEXT:    %[[Z1:.*]] = arith.constant 0 : index
// CHECK-NEXT:    %[[NB:.*]] = arith.cmpi eq, %[[PB]], %[[Z1]] : index
// CHECK-NEXT:    cf.cond_br %[[NB]], ^[[FAILED]], ^[[AFTER_B:bb[0-9]+]]
// CHECK-NEXT:  ^[[AFTER_B]]:
// CHECK-NEXT:    memref.copy %[[A]], %[[OUT]]
// CHECK-NEXT:    memref.dealloc %[[A]]
// CHECK-NEXT:    memref.dealloc %[[B]]
// CHECK-NEXT:    %[[OK:.*]] = arith.constant 0 : i32
// CHECK-NEXT:    return %[[OK]] : i32
// CHECK-NEXT:  ^[[FAILED]]:
// CHECK-NEXT:    %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-NEXT:    return %[[ONE]] : i32
func.func @two_allocs(%out: memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  %b = memref.alloc() : memref<8xf32>
  memref.copy %a, %out : memref<4xf32> to memref<4xf32>
  memref.dealloc %a : memref<4xf32>
  memref.dealloc %b : memref<8xf32>
  return
}

// -----

// Without allocations there is no failure block; every return gives 0.
// CHECK-LABEL: func.func @branches(
// CHECK-SAME:    -> i32
// CHECK:         cf.cond_br
// CHECK:         arith.constant 0 : i32
// CHECK:         return
// CHECK:         arith.constant 0 : i32
// CHECK:         return
// CHECK-NOT:     arith.constant 1 : i32
func.func @branches(%c: i1) {
  cf.cond_br %c, ^a, ^b
^a:
  return
^b:
  return
}

// Private functions and declarations keep their types.
// CHECK-LABEL: func.func private @helper(%{{.*}}: memref<2xf32>) {
func.func private @helper(%m: memref<2xf32>) {
  return
}
// CHECK-LABEL: func.func private @external(memref<2xf32>)
func.func private @external(memref<2xf32>)

// -----

// expected-error @+1 {{'func.func' op has results; adj-entry-status needs them to be out-parameters already}}
func.func @has_results() -> f32 {
  %c = arith.constant 1.0 : f32
  return %c : f32
}

// -----

func.func @nested(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    // expected-error @+1 {{'memref.alloc' op is inside a region; adj-entry-status runs after the lowering to a CFG}}
    %a = memref.alloc() : memref<4xf32>
    memref.dealloc %a : memref<4xf32>
  }
  return
}

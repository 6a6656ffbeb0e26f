// RUN: adjoint-opt %s --adj-parallel-loops | FileCheck %s
// RUN: adjoint-opt %s --adj-parallel-loops="min-work=1" | FileCheck %s --check-prefix=ALL

// adj-parallel-loops keeps an outermost scf.parallel for threads when its
// estimated work (trip count times body ops, nested loops multiplied out)
// is at least min-work (default 100000), and makes every other one
// sequential: one nested in a kept loop, and one too small.

// The outer loop: 4096 * 64 * 3 ops, kept; the inner one nested in it,
// sequential. The loop over 8 elements: 8 * 3 ops, sequential.
// CHECK-LABEL: func.func @loops(
// CHECK:         scf.parallel (%[[I:.*]]) = (%c0) to (%c4096) step (%c1) {
// CHECK-NEXT:      scf.for %[[J:.*]] = %c0 to %c64 step %c1 {
// CHECK-NEXT:        memref.load %{{.*}}[%[[I]], %[[J]]]
// CHECK:           scf.reduce
// CHECK:         scf.for %[[K:.*]] = %c0 to %c8 step %c1 {
// CHECK-NEXT:      memref.load %{{.*}}[%[[K]]]
// CHECK-NOT:     scf.parallel
// With min-work=1 the small loop is kept too; the nested one still not.
// ALL-LABEL: func.func @loops(
// ALL:         scf.parallel
// ALL-NEXT:      scf.for
// ALL:         scf.parallel (%{{.*}}) = (%c0) to (%c8) step (%c1)
func.func @loops(%a: memref<4096x64xf32>, %b: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c64 = arith.constant 64 : index
  %c4096 = arith.constant 4096 : index
  %one = arith.constant 1.0 : f32
  scf.parallel (%i) = (%c0) to (%c4096) step (%c1) {
    scf.parallel (%j) = (%c0) to (%c64) step (%c1) {
      %x = memref.load %a[%i, %j] : memref<4096x64xf32>
      %y = arith.addf %x, %one : f32
      memref.store %y, %a[%i, %j] : memref<4096x64xf32>
      scf.reduce
    }
    scf.reduce
  }
  scf.parallel (%k) = (%c0) to (%c8) step (%c1) {
    %x = memref.load %b[%k] : memref<8xf32>
    %y = arith.addf %x, %one : f32
    memref.store %y, %b[%k] : memref<8xf32>
    scf.reduce
  }
  return
}

// A two-dimensional loop becomes two nested scf.for loops, outermost first.
// CHECK-LABEL: func.func @two_dims(
// CHECK:         scf.for %[[I:.*]] = %c0 to %c2 step %c1 {
// CHECK-NEXT:      scf.for %[[J:.*]] = %c0 to %c3 step %c1 {
// CHECK-NEXT:        memref.load %{{.*}}[%[[I]], %[[J]]]
func.func @two_dims(%a: memref<2x3xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %one = arith.constant 1.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%c2, %c3) step (%c1, %c1) {
    %x = memref.load %a[%i, %j] : memref<2x3xf32>
    %y = arith.addf %x, %one : f32
    memref.store %y, %a[%i, %j] : memref<2x3xf32>
    scf.reduce
  }
  return
}

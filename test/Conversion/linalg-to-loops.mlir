// RUN: adjoint-opt %s --adj-linalg-to-loops --canonicalize | FileCheck %s
// RUN: adjoint-opt %s --adj-linalg-to-loops="parallel=false" --canonicalize | FileCheck %s --check-prefix=SEQUENTIAL

// adj-linalg-to-loops: an op whose outermost loop is parallel becomes an
// scf.parallel over its parallel dimensions, its reductions inside; an op
// whose outermost loop is a reduction keeps its order in scf.for loops.

// Row sums, iterators (parallel, reduction): rows in parallel.
// CHECK-LABEL: func.func @row_sums(
// CHECK:         scf.parallel (%[[I:.*]]) = (%c0) to (%c1000) step (%c1) {
// CHECK-NEXT:      scf.for %[[J:.*]] = %c0 to %c25 step %c1 {
// CHECK-NEXT:        memref.load %{{.*}}[%[[I]], %[[J]]]
// SEQUENTIAL-LABEL: func.func @row_sums(
// SEQUENTIAL-NOT:   scf.parallel
// SEQUENTIAL:       scf.for %[[I:.*]] = %c0 to %c1000 step %c1 {
// SEQUENTIAL-NEXT:    scf.for %[[J:.*]] = %c0 to %c25 step %c1 {
func.func @row_sums(%g: memref<1000x25xf64>, %s: memref<1000xf64>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%g : memref<1000x25xf64>) outs(%s : memref<1000xf64>) {
  ^bb0(%in: f64, %out: f64):
    %0 = arith.addf %out, %in : f64
    linalg.yield %0 : f64
  }
  return
}

// Column sums, iterators (reduction, parallel): rows outside, sequential.
// CHECK-LABEL: func.func @column_sums(
// CHECK-NOT:     scf.parallel
// CHECK:         scf.for %[[I:.*]] = %c0 to %c1000 step %c1 {
// CHECK-NEXT:      scf.for %[[J:.*]] = %c0 to %c25 step %c1 {
// CHECK-NEXT:        memref.load %{{.*}}[%[[I]], %[[J]]]
func.func @column_sums(%g: memref<1000x25xf64>, %s: memref<25xf64>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]} ins(%g : memref<1000x25xf64>) outs(%s : memref<25xf64>) {
  ^bb0(%in: f64, %out: f64):
    %0 = arith.addf %out, %in : f64
    linalg.yield %0 : f64
  }
  return
}

// RUN: adjoint-opt %s --adj-linalg-to-loops --canonicalize | FileCheck %s
// RUN: adjoint-opt %s --adj-linalg-to-loops="parallel=false" --canonicalize | FileCheck %s --check-prefix=SEQUENTIAL

// adj-linalg-to-loops: an op whose outermost loop is parallel becomes an
// scf.parallel over its parallel dimensions, its reductions inside; an op
// whose outermost loop is a reduction keeps its order in scf.for loops.

// Row sums, iterators (parallel, reduction): rows in parallel; each row's
// sum is loaded once, carried through the reduction loop as an iteration
// argument (a register, which LLVM can vectorize), and stored once.
// CHECK-LABEL: func.func @row_sums(
// CHECK-SAME:    %[[G:.*]]: memref<1000x25xf64>, %[[S:.*]]: memref<1000xf64>)
// CHECK:         scf.parallel (%[[I:.*]]) = (%c0) to (%c1000) step (%c1) {
// CHECK-NEXT:      %[[INIT:.*]] = memref.load %[[S]][%[[I]]]
// CHECK-NEXT:      %[[SUM:.*]] = scf.for %[[J:.*]] = %c0 to %c25 step %c1 iter_args(%[[ACC:.*]] = %[[INIT]]) -> (f64) {
// CHECK-NEXT:        %[[X:.*]] = memref.load %[[G]][%[[I]], %[[J]]]
// CHECK-NEXT:        %[[NEW:.*]] = arith.addf %[[ACC]], %[[X]] : f64
// CHECK-NEXT:        scf.yield %[[NEW]] : f64
// CHECK-NEXT:      }
// CHECK-NEXT:      memref.store %[[SUM]], %[[S]][%[[I]]]
// SEQUENTIAL-LABEL: func.func @row_sums(
// SEQUENTIAL-NOT:   scf.parallel
// SEQUENTIAL:       scf.for %[[I:.*]] = %c0 to %c1000 step %c1 {
// SEQUENTIAL-NEXT:    %[[INIT:.*]] = memref.load %{{.*}}[%[[I]]]
// SEQUENTIAL-NEXT:    scf.for %[[J:.*]] = %c0 to %c25 step %c1 iter_args(%{{.*}} = %[[INIT]]) -> (f64) {
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

// A full reduction with two outputs, a scalar input, a broadcast input
// (a constant index in its map) and linalg.index: no parallel loop, both
// accumulators carried through both reduction loops.
// CHECK-LABEL: func.func @two_sums(
// CHECK-SAME:    %[[G:.*]]: memref<4x3xf32>, %[[B:.*]]: memref<1x3xf32>, %[[C:.*]]: f32, %[[S:.*]]: memref<f32>, %[[T:.*]]: memref<f32>)
// CHECK-NOT:     scf.parallel
// CHECK-DAG:     %[[S0:.*]] = memref.load %[[S]][]
// CHECK-DAG:     %[[T0:.*]] = memref.load %[[T]][]
// CHECK:         %[[OUTER:.*]]:2 = scf.for %[[I:.*]] = %c0 to %c4 step %c1 iter_args(%[[SA:.*]] = %[[S0]], %[[TA:.*]] = %[[T0]]) -> (f32, f32) {
// CHECK-NEXT:      %[[INNER:.*]]:2 = scf.for %[[J:.*]] = %c0 to %c3 step %c1 iter_args(%[[SB:.*]] = %[[SA]], %[[TB:.*]] = %[[TA]]) -> (f32, f32) {
// CHECK-DAG:         memref.load %[[G]][%[[I]], %[[J]]]
// CHECK-DAG:         memref.load %[[B]][%c0, %[[J]]]
// CHECK-DAG:         arith.index_cast %[[J]]
// CHECK:             scf.yield
// CHECK:           scf.yield %[[INNER]]#0, %[[INNER]]#1
// CHECK:         memref.store %[[OUTER]]#0, %[[S]][]
// CHECK-NEXT:    memref.store %[[OUTER]]#1, %[[T]][]
func.func @two_sums(%g: memref<4x3xf32>, %b: memref<1x3xf32>, %c: f32, %s: memref<f32>, %t: memref<f32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g, %b, %c : memref<4x3xf32>, memref<1x3xf32>, f32) outs(%s, %t : memref<f32>, memref<f32>) {
  ^bb0(%x: f32, %y: f32, %z: f32, %acc: f32, %acc2: f32):
    %j = linalg.index 1 : index
    %ji = arith.index_cast %j : index to i32
    %jf = arith.sitofp %ji : i32 to f32
    %p = arith.mulf %x, %y : f32
    %q = arith.mulf %p, %jf : f32
    %0 = arith.addf %acc, %q : f32
    %1 = arith.addf %acc2, %z : f32
    linalg.yield %0, %1 : f32, f32
  }
  return
}

// An output indexed by a reduction loop too (a fused op that also writes a
// value it reads) keeps a load and a store per iteration.
// CHECK-LABEL: func.func @varying_output(
// CHECK:         scf.for %[[J:.*]] = %c0 to %c3 step %c1 {
// CHECK-NOT:       iter_args
// CHECK:           memref.store %{{.*}}, %{{.*}}[%{{.*}}, %[[J]]]
func.func @varying_output(%g: memref<4x3xf32>, %s: memref<4xf32>, %t: memref<4x3xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "reduction"]} ins(%g : memref<4x3xf32>) outs(%s, %t : memref<4xf32>, memref<4x3xf32>) {
  ^bb0(%x: f32, %acc: f32, %copy: f32):
    %0 = arith.addf %acc, %x : f32
    linalg.yield %0, %x : f32, f32
  }
  return
}

// Row sums kept as a column (keepdims): the output's map has a constant
// index, which the accumulator's load and store use.
// CHECK-LABEL: func.func @row_sums_keepdims(
// CHECK:         scf.parallel (%[[I:.*]]) = (%c0) to (%c4) step (%c1) {
// CHECK-NEXT:      %[[INIT:.*]] = memref.load %{{.*}}[%[[I]], %c0]
// CHECK-NEXT:      %[[SUM:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[INIT]]) -> (f32) {
// CHECK:           memref.store %[[SUM]], %{{.*}}[%[[I]], %c0]
func.func @row_sums_keepdims(%g: memref<4x5xf32>, %s: memref<4x1xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>], iterator_types = ["parallel", "reduction"]} ins(%g : memref<4x5xf32>) outs(%s : memref<4x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %out, %in : f32
    linalg.yield %0 : f32
  }
  return
}

// RUN: adjoint-opt %s --adj-linalg-to-loops="parallel=false vector-bits=256" --canonicalize | FileCheck %s
// RUN: adjoint-opt %s --adj-linalg-to-loops="parallel=true vector-bits=256" --canonicalize | FileCheck %s --check-prefix=THREADS

// adj-linalg-to-loops with vector-bits: a generic whose innermost loop is
// parallel and short (at most 4 vectors) becomes vector code there, which
// LLVM would otherwise unroll and then vectorize the loop around it with
// gathers and scatters.

// gmm's gradient of its variances, sum over n of g[n, k] (x[n, d] -
// m[k, d])^2, with d = 10: per (n, k) two vectors of 4 f64 and a masked
// one of 2 lanes; x and m are read contiguously, g is broadcast, and the
// sums are loaded from and stored to C as vectors.
// CHECK-LABEL: func.func @variances(
// CHECK-SAME:    %[[X:.*]]: memref<1000x1x10xf64>, %[[G:.*]]: memref<1000x25x1xf64>, %[[M:.*]]: memref<25x10xf64>, %[[C:.*]]: memref<25x10xf64>)
// CHECK:         scf.for %[[N:.*]] = %c0 to %c1000 step %c1 {
// CHECK-NEXT:      scf.for %[[K:.*]] = %c0 to %c25 step %c1 {
// CHECK-NEXT:        %[[XV:.*]] = vector.load %[[X]][%[[N]], %c0, %c0] : memref<1000x1x10xf64>, vector<4xf64>
// CHECK-NEXT:        %[[GS:.*]] = memref.load %[[G]][%[[N]], %[[K]], %c0]
// CHECK-NEXT:        %[[GV:.*]] = vector.broadcast %[[GS]] : f64 to vector<4xf64>
// CHECK-NEXT:        %[[MV:.*]] = vector.load %[[M]][%[[K]], %c0]
// CHECK-NEXT:        %[[CV:.*]] = vector.load %[[C]][%[[K]], %c0]
// CHECK-NEXT:        %[[D:.*]] = arith.subf %[[XV]], %[[MV]] : vector<4xf64>
// CHECK-NEXT:        %[[D2:.*]] = arith.mulf %[[D]], %[[D]] : vector<4xf64>
// CHECK-NEXT:        %[[T:.*]] = arith.mulf %[[GV]], %[[D2]] : vector<4xf64>
// CHECK-NEXT:        %[[S:.*]] = arith.addf %[[CV]], %[[T]] fastmath<reassoc> : vector<4xf64>
// CHECK-NEXT:        vector.store %[[S]], %[[C]][%[[K]], %c0]
// CHECK:             vector.load %[[X]][%[[N]], %c0, %c4]
// CHECK:             vector.store %{{.*}}, %[[C]][%[[K]], %c4]
// CHECK:             %[[MASK:.*]] = vector.constant_mask [2] : vector<4xi1>
// CHECK:             vector.maskedload %[[X]][%[[N]], %c0, %c8], %[[MASK]]
// CHECK:             vector.maskedstore %[[C]][%[[K]], %c8], %[[MASK]]
// The outermost loop is a reduction: sequential even with threads.
// THREADS-LABEL: func.func @variances(
// THREADS-NOT:   scf.parallel
// THREADS:       vector.load
func.func @variances(%x: memref<1000x1x10xf64>, %g: memref<1000x25x1xf64>, %m: memref<25x10xf64>, %c: memref<25x10xf64>) {
  linalg.generic {indexing_maps = [affine_map<(n, k, d) -> (n, 0, d)>, affine_map<(n, k, d) -> (n, k, 0)>, affine_map<(n, k, d) -> (k, d)>, affine_map<(n, k, d) -> (k, d)>], iterator_types = ["reduction", "parallel", "parallel"]} ins(%x, %g, %m : memref<1000x1x10xf64>, memref<1000x25x1xf64>, memref<25x10xf64>) outs(%c : memref<25x10xf64>) {
  ^bb0(%xe: f64, %ge: f64, %me: f64, %acc: f64):
    %d = arith.subf %xe, %me : f64
    %d2 = arith.mulf %d, %d : f64
    %t = arith.mulf %ge, %d2 : f64
    %s = arith.addf %acc, %t fastmath<reassoc> : f64
    linalg.yield %s : f64
  }
  return
}

// An elementwise op over rows of 6 f32 (8 lanes): one masked vector per
// row, with a constant of the body broadcast and exp on vectors. With
// threads the rows are an scf.parallel.
// CHECK-LABEL: func.func @rows(
// CHECK:         %[[ONE:.*]] = arith.constant dense<1.000000e+00> : vector<8xf32>
// CHECK:         scf.for %[[I:.*]] = %c0 to %c100 step %c1 {
// CHECK-NEXT:      %[[MASK:.*]] = vector.constant_mask [6] : vector<8xi1>
// CHECK-NEXT:      %[[V:.*]] = vector.maskedload %{{.*}}[%[[I]], %c0], %[[MASK]]
// CHECK-NEXT:      %[[E:.*]] = math.exp %[[V]] : vector<8xf32>
// CHECK-NEXT:      %[[A:.*]] = arith.addf %[[E]], %[[ONE]] : vector<8xf32>
// CHECK-NEXT:      vector.maskedstore %{{.*}}[%[[I]], %c0], %{{.*}}, %[[A]]
// THREADS-LABEL: func.func @rows(
// THREADS:       scf.parallel (%[[I:.*]]) = (%c0) to (%c100) step (%c1) {
// THREADS-NEXT:    vector.constant_mask [6]
// THREADS-NEXT:    vector.maskedload %{{.*}}[%[[I]], %c0]
func.func @rows(%x: memref<100x6xf32>, %y: memref<100x6xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%x : memref<100x6xf32>) outs(%y : memref<100x6xf32>) {
  ^bb0(%a: f32, %o: f32):
    %one = arith.constant 1.0 : f32
    %e = math.exp %a : f32
    %s = arith.addf %e, %one : f32
    linalg.yield %s : f32
  }
  return
}

// Left to scalar loops: an inner loop of 100 f32 (more than 4 vectors of
// 8), an operand read across the inner loop (a transpose), and a body
// with an index.
// CHECK-LABEL: func.func @scalar(
// CHECK-NOT:     vector.
// CHECK:         return
func.func @scalar(%x: memref<3x100xf32>, %y: memref<3x100xf32>, %t: memref<6x3xf32>, %u: memref<3x6xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%x : memref<3x100xf32>) outs(%y : memref<3x100xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (j, i)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%t : memref<6x3xf32>) outs(%u : memref<3x6xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} outs(%u : memref<3x6xf32>) {
  ^bb0(%o: f32):
    %j = linalg.index 1 : index
    %ji = arith.index_cast %j : index to i32
    %jf = arith.sitofp %ji : i32 to f32
    linalg.yield %jf : f32
  }
  return
}

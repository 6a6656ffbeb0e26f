// RUN: adjoint-opt %s --split-input-file --adj-matmul-kernel="vector-bits=128" --canonicalize | FileCheck %s

// adj-matmul-kernel: register tiles of vector ops for matmul contractions
// on buffers. vector-bits=128 gives vector<4xf32>; the row kernel's tile
// is 6 rows by 2 vectors (8 columns).

#lhs = affine_map<(d0, d1, d2) -> (d0, d1)>
#rhs = affine_map<(d0, d1, d2) -> (d1, d2)>
#out = affine_map<(d0, d1, d2) -> (d0, d2)>

// Row kernel, C[7x10] += A[7x3] B[3x10]: columns 0-7 are a full tile, 8-9
// a masked one ([2] of 4 lanes); rows 0-5 a full tile, row 6 a tile of
// one row. Per k: the vectors of B's row, then per row one element of A
// broadcast and multiply-added (contract: LLVM fuses them into an FMA).
// CHECK-LABEL: func.func @row(
// CHECK-SAME:    %[[A0:.*]]: memref<7x3xf32>, %[[B0:.*]]: memref<3x10xf32>, %[[C0:.*]]: memref<7x10xf32>)
// CHECK-NEXT:    call @adj_matmul_kernel(%[[A0]], %[[B0]], %[[C0]]) : (memref<7x3xf32>, memref<3x10xf32>, memref<7x10xf32>) -> ()
// CHECK-NEXT:    return
// CHECK-LABEL: func.func private @adj_matmul_kernel(
// CHECK-SAME:    %[[A:.*]]: memref<7x3xf32>, %[[B:.*]]: memref<3x10xf32>, %[[C:.*]]: memref<7x10xf32>)
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<4xf32>
// CHECK:         %[[SUMS:.*]]:12 = scf.for %[[K:.*]] = %c0 to %c3 step %c1 iter_args(%[[ACC0:[a-z0-9_]+]] = %[[ZERO]], {{.*}}) -> (vector<4xf32>, {{.*}})
// CHECK-NEXT:      %[[B0:.*]] = vector.load %[[B]][%[[K]], %c0] : memref<3x10xf32>, vector<4xf32>
// CHECK-NEXT:      %[[B1:.*]] = vector.load %[[B]][%[[K]], %c4] : memref<3x10xf32>, vector<4xf32>
// CHECK-NEXT:      %[[A0:.*]] = memref.load %[[A]][%c0, %[[K]]] : memref<7x3xf32>
// CHECK-NEXT:      %[[SPLAT:.*]] = vector.broadcast %[[A0]] : f32 to vector<4xf32>
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[SPLAT]], %[[B0]] fastmath<contract> : vector<4xf32>
// CHECK-NEXT:      arith.addf %[[ACC0]], %[[P]] fastmath<contract> : vector<4xf32>
// The block's sums are added to C once, after the k loop.
// CHECK:         %[[OLD:.*]] = vector.load %[[C]][%c0, %c0] : memref<7x10xf32>, vector<4xf32>
// CHECK-NEXT:    %[[NEW:.*]] = arith.addf %[[OLD]], %[[SUMS]]#0 : vector<4xf32>
// CHECK-NEXT:    vector.store %[[NEW]], %[[C]][%c0, %c0]
// The row left over: one row, 2 vectors.
// CHECK:         scf.for {{.*}} -> (vector<4xf32>, vector<4xf32>)
// CHECK:           memref.load %[[A]][%c6,
// The columns left over: one masked vector of 2 lanes per row.
// CHECK:         %[[MASK:.*]] = vector.constant_mask [2] : vector<4xi1>
// CHECK:         scf.for {{.*}} -> (vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>)
// CHECK-NEXT:      vector.maskedload %[[B]][%{{.*}}, %c8], %[[MASK]], %[[ZERO]]
// CHECK:         vector.maskedstore %[[C]][%c0, %c8], %[[MASK]]
// CHECK-NOT:     linalg.generic
func.func @row(%a: memref<7x3xf32>, %b: memref<3x10xf32>, %c: memref<7x10xf32>) {
  linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b : memref<7x3xf32>, memref<3x10xf32>) outs(%c : memref<7x10xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#lhs = affine_map<(d0, d1, d2) -> (d0, d1)>
#rhs = affine_map<(d0, d1, d2) -> (d1, d2)>
#out = affine_map<(d0, d1, d2) -> (d0, d2)>

// n = 24: the three column tiles of 8 are an scf.parallel (lowered to
// OpenMP with --threads, else to a sequential loop). Inside each, k = 600
// runs in blocks of 256: a loop over the 2 full blocks, then the partial
// block of 88. Each block's sums start from zero.
// CHECK-LABEL: func.func private @adj_matmul_kernel(
// CHECK-SAME:    memref<1x600xf32>
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<4xf32>
// CHECK:         scf.parallel (%[[COLUMN:.*]]) = (%c0) to (%c24) step (%c8) {
// CHECK-NEXT:      scf.for %[[BLOCK:.*]] = %c0 to %c512 step %c256 {
// CHECK:             %[[END:.*]] = arith.addi %[[BLOCK]], %c256 : index
// CHECK-NEXT:        scf.for %{{.*}} = %[[BLOCK]] to %[[END]] step %c1 iter_args(%{{.*}} = %[[ZERO]], %{{.*}} = %[[ZERO]])
// CHECK-NEXT:          vector.load %{{.*}}[%{{.*}}, %[[COLUMN]]]
// CHECK:           scf.for %{{.*}} = %c512 to %c600 step %c1 iter_args(%{{.*}} = %[[ZERO]], %{{.*}} = %[[ZERO]])
func.func @blocks(%a: memref<1x600xf32>, %b: memref<600x24xf32>, %c: memref<1x24xf32>) {
  linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b : memref<1x600xf32>, memref<600x24xf32>) outs(%c : memref<1x24xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#lhsT = affine_map<(d0, d1, d2, d3) -> (d0, d2, d1)>
#rhs = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
#out = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>

// Batched, lhs read transposed (A^T B, as the gradient of a weight reads
// the layer's input): a loop over the batch; A's element is read at
// [batch, k, m]. f64: vectors of 2.
// CHECK-LABEL: func.func private @adj_matmul_kernel(
// CHECK-SAME:    %[[A:.*]]: memref<3x5x2xf64>
// CHECK:         scf.for %[[BATCH:.*]] = %c0 to %c3 step %c1 {
// CHECK:           scf.for %[[K:.*]] = %c0 to %c5 step %c1 iter_args({{.*}}) -> (vector<2xf64>,
// CHECK:             memref.load %[[A]][%[[BATCH]], %[[K]], %c0] : memref<3x5x2xf64>
func.func @batched_lhs_transposed(%a: memref<3x5x2xf64>, %b: memref<3x5x4xf64>, %c: memref<3x2x4xf64>) {
  linalg.generic {indexing_maps = [#lhsT, #rhs, #out], iterator_types = ["parallel", "parallel", "reduction", "parallel"]} ins(%a, %b : memref<3x5x2xf64>, memref<3x5x4xf64>) outs(%c : memref<3x2x4xf64>) {
  ^bb0(%x: f64, %y: f64, %acc: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %acc, %p fastmath<reassoc> : f64
    linalg.yield %s : f64
  }
  return
}

// -----

#lhs = affine_map<(d0, d1, d2) -> (d0, d2)>
#rhsT = affine_map<(d0, d1, d2) -> (d1, d2)>
#out = affine_map<(d0, d1, d2) -> (d0, d1)>

// Dot kernel, C[2x3] += A[2x10] B[3x10]^T (both operands run along k): a
// tile of 2 rows of A by 3 rows of B, 6 accumulators that are vectors
// along k; 2 full vectors of k, then a masked one of 2 lanes; each
// accumulator reduced once and added to its element of C.
// CHECK-LABEL: func.func private @adj_matmul_kernel(
// CHECK-SAME:    %[[A:.*]]: memref<2x10xf32>, %[[B:.*]]: memref<3x10xf32>, %[[C:.*]]: memref<2x3xf32>)
// CHECK:         %[[SUMS:.*]]:6 = scf.for %[[K:.*]] = %c0 to %c8 step %c4 iter_args({{.*}}) -> (vector<4xf32>,
// CHECK-NEXT:      %[[A0:.*]] = vector.load %[[A]][%c0, %[[K]]] : memref<2x10xf32>, vector<4xf32>
// CHECK-NEXT:      vector.load %[[A]][%c1, %[[K]]]
// CHECK-NEXT:      %[[B0:.*]] = vector.load %[[B]][%c0, %[[K]]] : memref<3x10xf32>, vector<4xf32>
// CHECK-NEXT:      vector.load %[[B]][%c1, %[[K]]]
// CHECK-NEXT:      vector.load %[[B]][%c2, %[[K]]]
// CHECK-NEXT:      arith.mulf %[[A0]], %[[B0]] fastmath<contract> : vector<4xf32>
// CHECK:         %[[MASK:.*]] = vector.constant_mask [2] : vector<4xi1>
// CHECK-NEXT:    %[[ATAIL:.*]] = vector.maskedload %[[A]][%c0, %c8], %[[MASK]]
// CHECK:         %[[OLD:.*]] = memref.load %[[C]][%c0, %c0] : memref<2x3xf32>
// CHECK-NEXT:    %[[SUM:.*]] = vector.reduction <add>, %{{.*}}, %[[OLD]] fastmath<reassoc> : vector<4xf32> into f32
// CHECK-NEXT:    memref.store %[[SUM]], %[[C]][%c0, %c0] : memref<2x3xf32>
// CHECK-NOT:     linalg.generic
func.func @dot(%a: memref<2x10xf32>, %b: memref<3x10xf32>, %c: memref<2x3xf32>) {
  linalg.generic {indexing_maps = [#lhs, #rhsT, #out], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<2x10xf32>, memref<3x10xf32>) outs(%c : memref<2x3xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#lhs = affine_map<(d0, d1, d2) -> (d0, d1)>
#rhs = affine_map<(d0, d1, d2) -> (d1, d2)>
#out = affine_map<(d0, d1, d2) -> (d0, d2)>

// Contractions of the same operand types and maps share one kernel, in
// every function; another shape gets a kernel of its own.
// CHECK-LABEL: func.func @first(
// CHECK-NEXT:    call @adj_matmul_kernel(%arg0, %arg1, %arg2)
// CHECK-NEXT:    call @adj_matmul_kernel(%arg0, %arg1, %arg3)
// CHECK-NEXT:    call @adj_matmul_kernel_0(%arg1, %arg4, %arg5)
// CHECK-LABEL: func.func @second(
// CHECK-NEXT:    call @adj_matmul_kernel(%arg0, %arg1, %arg2)
// CHECK-LABEL: func.func private @adj_matmul_kernel(
// CHECK-SAME:    memref<2x3xf32>, %{{.*}}: memref<3x4xf32>, %{{.*}}: memref<2x4xf32>)
// CHECK-LABEL: func.func private @adj_matmul_kernel_0(
// CHECK-SAME:    memref<3x4xf32>, %{{.*}}: memref<4x5xf32>, %{{.*}}: memref<3x5xf32>)
// CHECK-NOT:   func.func
func.func @first(%a: memref<2x3xf32>, %b: memref<3x4xf32>, %c: memref<2x4xf32>, %d: memref<2x4xf32>, %e: memref<4x5xf32>, %f: memref<3x5xf32>) {
  linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b : memref<2x3xf32>, memref<3x4xf32>) outs(%c : memref<2x4xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b : memref<2x3xf32>, memref<3x4xf32>) outs(%d : memref<2x4xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%b, %e : memref<3x4xf32>, memref<4x5xf32>) outs(%f : memref<3x5xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  return
}
func.func @second(%a: memref<2x3xf32>, %b: memref<3x4xf32>, %c: memref<2x4xf32>) {
  linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b : memref<2x3xf32>, memref<3x4xf32>) outs(%c : memref<2x4xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#lhs = affine_map<(d0, d1, d2) -> (d0, d1)>
#rhs = affine_map<(d0, d1, d2) -> (d1, d2)>
#out = affine_map<(d0, d1, d2) -> (d0, d2)>

// Not covered, left as linalg.generic: an f64 accumulator of f32 operands
// (a contraction of more than 65536 terms), and tensors.
// CHECK-LABEL: func.func @mixed_types(
// CHECK:         linalg.generic
// CHECK-NOT:     vector.
func.func @mixed_types(%a: memref<2x3xf32>, %b: memref<3x4xf32>, %c: memref<2x4xf64>) {
  linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b : memref<2x3xf32>, memref<3x4xf32>) outs(%c : memref<2x4xf64>) {
  ^bb0(%x: f32, %y: f32, %acc: f64):
    %xw = arith.extf %x : f32 to f64
    %yw = arith.extf %y : f32 to f64
    %p = arith.mulf %xw, %yw : f64
    %s = arith.addf %acc, %p fastmath<reassoc> : f64
    linalg.yield %s : f64
  }
  return
}

// CHECK-LABEL: func.func @tensors(
// CHECK:         linalg.generic
// CHECK-NOT:     vector.
func.func @tensors(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %r = linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b : tensor<2x3xf32>, tensor<3x4xf32>) outs(%c : tensor<2x4xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p fastmath<reassoc> : f32
    linalg.yield %s : f32
  } -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

#lhs = affine_map<(d0, d1, d2) -> (d0, d1)>
#rhs = affine_map<(d0, d1, d2) -> (d1, d2)>
#rhsT = affine_map<(d0, d1, d2) -> (d2, d1)>
#out = affine_map<(d0, d1, d2) -> (d0, d2)>

// A zero fill of C right in front of a contraction is folded into a
// kernel of its own that overwrites C: with one block of k (k = 3) its
// sums are stored without reading C. A fill of another value, or of zero
// with an op between it and the contraction, stays, and those
// contractions share the kernel that adds to C.
// CHECK-LABEL: func.func @fills(
// CHECK-SAME:    %[[A:.*]]: memref<2x3xf32>, %[[B:.*]]: memref<3x3xf32>, %[[C:.*]]: memref<2x3xf32>, %[[D:.*]]: memref<2x3xf32>, %[[E:.*]]: memref<2x3xf32>)
// CHECK-DAG:     %[[ONE:.*]] = arith.constant 1.0
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant 0.0
// CHECK-NOT:     linalg.fill
// CHECK:         call @[[OVERWRITE:adj_matmul_kernel]](%[[A]], %[[B]], %[[C]])
// CHECK-NEXT:    linalg.fill ins(%[[ONE]] : f32) outs(%[[D]] : memref<2x3xf32>)
// CHECK-NEXT:    call @[[ADD:adj_matmul_kernel_0]](%[[A]], %[[B]], %[[D]])
// CHECK-NEXT:    linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : memref<2x3xf32>)
// CHECK-NEXT:    memref.copy %[[D]], %[[C]]
// CHECK-NEXT:    call @[[ADD]](%[[A]], %[[B]], %[[E]])
// CHECK-NEXT:    return
// CHECK:       func.func private @[[OVERWRITE]](
// CHECK:         [[SUMS:%[0-9]+]]:2 = scf.for
// CHECK-NOT:     vector.maskedload %arg2
// CHECK:         vector.maskedstore %arg2[%c0, %c0], %{{.*}}, [[SUMS]]#0
// CHECK:       func.func private @[[ADD]](
// CHECK:         [[SUMS:%[0-9]+]]:2 = scf.for
// CHECK:         %[[OLD:.*]] = vector.maskedload %arg2[%c0, %c0]
// CHECK-NEXT:    %[[NEW:.*]] = arith.addf %[[OLD]], [[SUMS]]#0
// CHECK-NEXT:    vector.maskedstore %arg2[%c0, %c0], %{{.*}}, %[[NEW]]
func.func @fills(%a: memref<2x3xf32>, %b: memref<3x3xf32>, %c: memref<2x3xf32>, %d: memref<2x3xf32>, %e: memref<2x3xf32>) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<2x3xf32>)
  linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b : memref<2x3xf32>, memref<3x3xf32>) outs(%c : memref<2x3xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  linalg.fill ins(%one : f32) outs(%d : memref<2x3xf32>)
  linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b : memref<2x3xf32>, memref<3x3xf32>) outs(%d : memref<2x3xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  linalg.fill ins(%zero : f32) outs(%e : memref<2x3xf32>)
  memref.copy %d, %c : memref<2x3xf32> to memref<2x3xf32>
  linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b : memref<2x3xf32>, memref<3x3xf32>) outs(%e : memref<2x3xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#lhs = affine_map<(d0, d1, d2) -> (d0, d2)>
#rhsT = affine_map<(d0, d1, d2) -> (d1, d2)>
#out = affine_map<(d0, d1, d2) -> (d0, d1)>

// With blocks of k that start at a loop variable (k = 2100: the dot
// kernel's blocks are 256 vectors of 4, so two full blocks of 1024 in a
// loop, then 52), whether C holds anything yet is decided per block: the
// first block's reductions start from nothing, later ones from C's
// element. The partial block at 2048 always adds.
// CHECK-LABEL: func.func @long_k(
// CHECK:         func.func private @adj_matmul_kernel(
// CHECK-SAME:    %{{.*}}: memref<1x2100xf32>, %{{.*}}: memref<1x2100xf32>, %[[C:.*]]: memref<1x1xf32>)
// CHECK:         scf.for %[[KS:.*]] = %c0 to %c2048 step %c1024 {
// CHECK:           %[[FIRST:.*]] = arith.cmpi eq, %[[KS]], %c0 : index
// CHECK-NEXT:      %[[SUM:.*]] = scf.if %[[FIRST]] -> (f32) {
// CHECK-NEXT:        %[[R:.*]] = vector.reduction <add>, %{{.*}} fastmath<reassoc> : vector<4xf32> into f32
// CHECK-NEXT:        scf.yield %[[R]] : f32
// CHECK-NEXT:      } else {
// CHECK-NEXT:        %[[OLD:.*]] = memref.load %[[C]][%c0, %c0]
// CHECK-NEXT:        %[[R:.*]] = vector.reduction <add>, %{{.*}}, %[[OLD]] fastmath<reassoc> : vector<4xf32> into f32
// CHECK-NEXT:        scf.yield %[[R]] : f32
// CHECK-NEXT:      }
// CHECK-NEXT:      memref.store %[[SUM]], %[[C]][%c0, %c0]
// CHECK:         %[[OLD:.*]] = memref.load %[[C]][%c0, %c0]
// CHECK-NEXT:    vector.reduction <add>, %{{.*}}, %[[OLD]]
func.func @long_k(%a: memref<1x2100xf32>, %b: memref<1x2100xf32>, %c: memref<1x1xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<1x1xf32>)
  linalg.generic {indexing_maps = [#lhs, #rhsT, #out], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<1x2100xf32>, memref<1x2100xf32>) outs(%c : memref<1x1xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  return
}

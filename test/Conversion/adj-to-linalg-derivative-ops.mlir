// RUN: adjoint-opt %s --convert-adj-to-linalg --split-input-file | FileCheck %s
// RUN: adjoint-opt %s --convert-adj-to-linalg --split-input-file \
// RUN:   --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" \
// RUN:   --convert-linalg-to-loops --buffer-results-to-out-params \
// RUN:   --expand-strided-metadata --lower-affine --convert-scf-to-cf \
// RUN:   --convert-math-to-llvm --convert-math-to-libm \
// RUN:   --finalize-memref-to-llvm --convert-arith-to-llvm --convert-index-to-llvm \
// RUN:   --convert-func-to-llvm --convert-cf-to-llvm \
// RUN:   --reconcile-unrealized-casts \
// RUN: | FileCheck %s --check-prefix=LLVM

// The internal ops of derivative rules lower like the elementwise ops: one
// broadcasting generic; masks are a compare and a select of 1.0 / 0.0.
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @greater_equal(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<3xf32>)
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ID]]]
// CHECK-SAME:      ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<3xf32>)
// CHECK:         ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[C:.*]] = arith.cmpf oge, %[[X]], %[[Y]] : f32
// CHECK-DAG:       %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:       %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:           %[[M:.*]] = arith.select %[[C]], %[[ONE]], %[[ZERO]] : f32
// CHECK:           linalg.yield %[[M]] : f32
// CHECK:         return %[[R]]
// LLVM-LABEL: llvm.func @greater_equal(
// LLVM:         llvm.fcmp "oge"
func.func @greater_equal(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = adj.greater_equal %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @greater_and_equal(
// CHECK:         linalg.generic
// CHECK:           arith.cmpf ogt, %{{.*}}, %{{.*}} : f64
// CHECK:           arith.select
// CHECK:         linalg.generic
// CHECK:           arith.cmpf oeq, %{{.*}}, %{{.*}} : f64
// CHECK:           arith.select
func.func @greater_and_equal(%a: tensor<4xf64>, %b: tensor<f64>) -> (tensor<4xf64>, tensor<4xf64>) {
  %0 = adj.greater %a, %b : (tensor<4xf64>, tensor<f64>) -> tensor<4xf64>
  %1 = adj.equal %a, %b : (tensor<4xf64>, tensor<f64>) -> tensor<4xf64>
  return %0, %1 : tensor<4xf64>, tensor<4xf64>
}

// -----

// select takes `true_value` where the condition is not 0.0 (or is NaN).
// CHECK-DAG:   #[[$COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG:   #[[$ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG:   #[[$SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @select(
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$COL]], #[[$ROW]], #[[$SCALAR]], #[[$ID]]]
// CHECK:         ^bb0(%[[C:.*]]: f64, %[[T:.*]]: f64, %[[F:.*]]: f64, %{{.*}}: f64):
// CHECK:           %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK:           %[[TAKEN:.*]] = arith.cmpf une, %[[C]], %[[ZERO]] : f64
// CHECK:           %[[R:.*]] = arith.select %[[TAKEN]], %[[T]], %[[F]] : f64
// CHECK:           linalg.yield %[[R]] : f64
// LLVM-LABEL: llvm.func @select(
// LLVM:         llvm.fcmp "une"
func.func @select(%c: tensor<4x1xf64>, %t: tensor<5xf64>, %f: tensor<f64>) -> tensor<4x5xf64> {
  %0 = adj.select %c, %t, %f : (tensor<4x1xf64>, tensor<5xf64>, tensor<f64>) -> tensor<4x5xf64>
  return %0 : tensor<4x5xf64>
}

// -----

// sign: x > 0 ? 1 : (x < 0 ? -1 : x), so sign(+-0) = +-0 and NaN stays NaN.
// first_max_mask over axes [0, 2] of 2x3x4: the max per slice, then the
// smallest row-major linear index i0 * 4 + i2 of an element equal to it (or
// NaN), from INT64_MAX, then 1.0 where an element's index is that one.
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG:   #[[$KEPT:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func.func @first_max_mask(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3x4xf32>)
// CHECK:         %[[MAX:.*]] = linalg.generic
// CHECK-SAME:      iterator_types = ["reduction", "parallel", "reduction"]
// CHECK:           arith.maximumf
// CHECK:         %[[NONE:.*]] = arith.constant 9223372036854775807 : i64
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[NONE]] : i64) outs(%{{.*}} : tensor<3xi64>)
// CHECK:         %[[FIRST:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID]], #[[$KEPT]], #[[$KEPT]]]
// CHECK-SAME:      iterator_types = ["reduction", "parallel", "reduction"]
// CHECK-SAME:      ins(%[[X]], %[[MAX]] : tensor<2x3x4xf32>, tensor<3xf32>)
// CHECK-SAME:      outs(%[[INIT]] : tensor<3xi64>)
// CHECK:         ^bb0(%[[E:.*]]: f32, %[[M:.*]]: f32, %[[ACC:.*]]: i64):
// CHECK:           %[[EQ:.*]] = arith.cmpf oeq, %[[E]], %[[M]] : f32
// CHECK:           %[[NAN:.*]] = arith.cmpf uno, %[[E]], %[[E]] : f32
// CHECK:           %[[HIT:.*]] = arith.ori %[[EQ]], %[[NAN]] : i1
// CHECK:           %[[I0:.*]] = linalg.index 0 : index
// CHECK:           %[[J0:.*]] = arith.index_cast %[[I0]] : index to i64
// CHECK:           %[[I2:.*]] = linalg.index 2 : index
// CHECK:           %[[J2:.*]] = arith.index_cast %[[I2]] : index to i64
// CHECK:           %[[FOUR:.*]] = arith.constant 4 : i64
// CHECK:           %[[MUL:.*]] = arith.muli %[[J0]], %[[FOUR]] : i64
// CHECK:           %[[LIN:.*]] = arith.addi %[[MUL]], %[[J2]] : i64
// CHECK:           %[[CAND:.*]] = arith.select %[[HIT]], %[[LIN]], %[[ACC]] : i64
// CHECK:           %[[MIN:.*]] = arith.minsi %[[ACC]], %[[CAND]] : i64
// CHECK:           linalg.yield %[[MIN]] : i64
// CHECK:         %[[MASK:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$KEPT]], #[[$ID]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "parallel"]
// CHECK-SAME:      ins(%[[FIRST]] : tensor<3xi64>)
// CHECK:           %[[IS:.*]] = arith.cmpi eq, %{{.*}}, %{{.*}} : i64
// CHECK:           arith.select %[[IS]], %{{.*}}, %{{.*}} : f32
// CHECK:         return %[[MASK]]
// LLVM-LABEL: llvm.func @first_max_mask(
// LLVM:         llvm.intr.smin
func.func @first_max_mask(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = adj.first_max_mask %x, [0, 2] : tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// With no axes every element is its slice's first: the index is 0.
// CHECK-LABEL: func.func @first_max_mask_scalar(
// CHECK:         linalg.generic
// CHECK-SAME:      iterator_types = []
// CHECK:           arith.maximumf
// CHECK:         linalg.generic
// CHECK-SAME:      iterator_types = []
// CHECK:           %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK:           arith.select %{{.*}}, %[[ZERO]], %{{.*}} : i64
// CHECK:           arith.minsi
// CHECK:         linalg.generic
// CHECK:           arith.cmpi eq
func.func @first_max_mask_scalar(%x: tensor<f64>) -> tensor<f64> {
  %0 = adj.first_max_mask %x, [] : tensor<f64>
  return %0 : tensor<f64>
}

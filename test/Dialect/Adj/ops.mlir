// RUN: adjoint-opt %s | adjoint-opt | FileCheck %s
// RUN: adjoint-opt %s --mlir-print-op-generic | adjoint-opt | FileCheck %s

// Round trip of every adj op through the custom assembly format, and
// through the generic form back to the custom one.

// CHECK-LABEL: func.func @constants(
// CHECK:         %[[S:.*]] = adj.constant dense<2.000000e+00> : tensor<f32>
// CHECK:         %[[V:.*]] = adj.constant dense<[1.000000e+00, -2.500000e-01]> : tensor<2xf64>
// CHECK:         %[[M:.*]] = adj.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00]]> : tensor<1x3xf32>
// CHECK:         %[[SPLAT:.*]] = adj.constant dense<5.000000e-01> : tensor<2x2xf32>
// CHECK:         return %[[S]], %[[V]], %[[M]], %[[SPLAT]]
func.func @constants() -> (tensor<f32>, tensor<2xf64>, tensor<1x3xf32>, tensor<2x2xf32>) {
  %0 = adj.constant dense<2.0> : tensor<f32>
  %1 = adj.constant dense<[1.0, -0.25]> : tensor<2xf64>
  %2 = adj.constant dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf32>
  %3 = adj.constant dense<0.5> : tensor<2x2xf32>
  return %0, %1, %2, %3 : tensor<f32>, tensor<2xf64>, tensor<1x3xf32>, tensor<2x2xf32>
}

// CHECK-LABEL: func.func @binary_same_shape(
// CHECK-SAME:    %[[A:.*]]: tensor<3x4xf32>, %[[B:.*]]: tensor<3x4xf32>)
// CHECK:         %[[ADD:.*]] = adj.add %[[A]], %[[B]] : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
// CHECK:         %[[SUB:.*]] = adj.sub %[[ADD]], %[[B]] : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
// CHECK:         %[[MUL:.*]] = adj.mul %[[SUB]], %[[A]] : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
// CHECK:         %[[DIV:.*]] = adj.div %[[MUL]], %[[B]] : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
// CHECK:         %[[POW:.*]] = adj.pow %[[DIV]], %[[A]] : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
// CHECK:         %[[MAX:.*]] = adj.maximum %[[POW]], %[[B]] : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
// CHECK:         %[[MIN:.*]] = adj.minimum %[[MAX]], %[[A]] : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
// CHECK:         return %[[MIN]]
func.func @binary_same_shape(%a: tensor<3x4xf32>, %b: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %0 = adj.add %a, %b : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %1 = adj.sub %0, %b : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %2 = adj.mul %1, %a : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %3 = adj.div %2, %b : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %4 = adj.pow %3, %a : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %5 = adj.maximum %4, %b : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %6 = adj.minimum %5, %a : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return %6 : tensor<3x4xf32>
}

// Broadcasting: trailing alignment, size-1 stretching on either side,
// missing dimensions, and a rank-0 operand.
// CHECK-LABEL: func.func @binary_broadcast(
// CHECK-SAME:    %[[M:.*]]: tensor<3x4xf64>, %[[ROW:.*]]: tensor<4xf64>, %[[COL:.*]]: tensor<3x1xf64>, %[[S:.*]]: tensor<f64>, %[[T:.*]]: tensor<2x1x4xf64>)
// CHECK:         %[[R0:.*]] = adj.add %[[M]], %[[ROW]] : (tensor<3x4xf64>, tensor<4xf64>) -> tensor<3x4xf64>
// CHECK:         %[[R1:.*]] = adj.mul %[[COL]], %[[ROW]] : (tensor<3x1xf64>, tensor<4xf64>) -> tensor<3x4xf64>
// CHECK:         %[[R2:.*]] = adj.sub %[[S]], %[[M]] : (tensor<f64>, tensor<3x4xf64>) -> tensor<3x4xf64>
// CHECK:         %[[R3:.*]] = adj.div %[[S]], %[[S]] : (tensor<f64>, tensor<f64>) -> tensor<f64>
// CHECK:         %[[R4:.*]] = adj.maximum %[[T]], %[[COL]] : (tensor<2x1x4xf64>, tensor<3x1xf64>) -> tensor<2x3x4xf64>
// CHECK:         return %[[R0]], %[[R1]], %[[R2]], %[[R3]], %[[R4]]
func.func @binary_broadcast(%m: tensor<3x4xf64>, %row: tensor<4xf64>, %col: tensor<3x1xf64>, %s: tensor<f64>, %t: tensor<2x1x4xf64>)
    -> (tensor<3x4xf64>, tensor<3x4xf64>, tensor<3x4xf64>, tensor<f64>, tensor<2x3x4xf64>) {
  %0 = adj.add %m, %row : (tensor<3x4xf64>, tensor<4xf64>) -> tensor<3x4xf64>
  %1 = adj.mul %col, %row : (tensor<3x1xf64>, tensor<4xf64>) -> tensor<3x4xf64>
  %2 = adj.sub %s, %m : (tensor<f64>, tensor<3x4xf64>) -> tensor<3x4xf64>
  %3 = adj.div %s, %s : (tensor<f64>, tensor<f64>) -> tensor<f64>
  %4 = adj.maximum %t, %col : (tensor<2x1x4xf64>, tensor<3x1xf64>) -> tensor<2x3x4xf64>
  return %0, %1, %2, %3, %4 : tensor<3x4xf64>, tensor<3x4xf64>, tensor<3x4xf64>, tensor<f64>, tensor<2x3x4xf64>
}

// CHECK-LABEL: func.func @unary(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3xf32>)
// CHECK:         %[[NEG:.*]] = adj.neg %[[X]] : tensor<2x3xf32>
// CHECK:         %[[EXP:.*]] = adj.exp %[[NEG]] : tensor<2x3xf32>
// CHECK:         %[[LOG:.*]] = adj.log %[[EXP]] : tensor<2x3xf32>
// CHECK:         %[[SQRT:.*]] = adj.sqrt %[[LOG]] : tensor<2x3xf32>
// CHECK:         %[[TANH:.*]] = adj.tanh %[[SQRT]] : tensor<2x3xf32>
// CHECK:         %[[SIG:.*]] = adj.sigmoid %[[TANH]] : tensor<2x3xf32>
// CHECK:         %[[RELU:.*]] = adj.relu %[[SIG]] : tensor<2x3xf32>
// CHECK:         %[[SIN:.*]] = adj.sin %[[RELU]] : tensor<2x3xf32>
// CHECK:         %[[COS:.*]] = adj.cos %[[SIN]] : tensor<2x3xf32>
// CHECK:         %[[ABS:.*]] = adj.abs %[[COS]] : tensor<2x3xf32>
// CHECK:         %[[SQ:.*]] = adj.square %[[ABS]] : tensor<2x3xf32>
// CHECK:         return %[[SQ]]
func.func @unary(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = adj.neg %x : tensor<2x3xf32>
  %1 = adj.exp %0 : tensor<2x3xf32>
  %2 = adj.log %1 : tensor<2x3xf32>
  %3 = adj.sqrt %2 : tensor<2x3xf32>
  %4 = adj.tanh %3 : tensor<2x3xf32>
  %5 = adj.sigmoid %4 : tensor<2x3xf32>
  %6 = adj.relu %5 : tensor<2x3xf32>
  %7 = adj.sin %6 : tensor<2x3xf32>
  %8 = adj.cos %7 : tensor<2x3xf32>
  %9 = adj.abs %8 : tensor<2x3xf32>
  %10 = adj.square %9 : tensor<2x3xf32>
  return %10 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @rank0(
// CHECK-SAME:    %[[X:.*]]: tensor<f64>)
// CHECK:         %[[E:.*]] = adj.exp %[[X]] : tensor<f64>
// CHECK:         %[[M:.*]] = adj.mul %[[E]], %[[X]] : (tensor<f64>, tensor<f64>) -> tensor<f64>
// CHECK:         %[[S:.*]] = adj.sum %[[M]], [] : (tensor<f64>) -> tensor<f64>
// CHECK:         return %[[S]]
func.func @rank0(%x: tensor<f64>) -> tensor<f64> {
  %0 = adj.exp %x : tensor<f64>
  %1 = adj.mul %0, %x : (tensor<f64>, tensor<f64>) -> tensor<f64>
  %2 = adj.sum %1, [] : (tensor<f64>) -> tensor<f64>
  return %2 : tensor<f64>
}

// CHECK-LABEL: func.func @matmul(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<3x5xf32>, %[[C:.*]]: tensor<4x2x3xf32>, %[[D:.*]]: tensor<4x3x1xf32>)
// CHECK:         %[[MM:.*]] = adj.matmul %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
// CHECK:         %[[BMM:.*]] = adj.matmul %[[C]], %[[D]] : (tensor<4x2x3xf32>, tensor<4x3x1xf32>) -> tensor<4x2x1xf32>
// CHECK:         return %[[MM]], %[[BMM]]
func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>, %c: tensor<4x2x3xf32>, %d: tensor<4x3x1xf32>) -> (tensor<2x5xf32>, tensor<4x2x1xf32>) {
  %0 = adj.matmul %a, %b : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  %1 = adj.matmul %c, %d : (tensor<4x2x3xf32>, tensor<4x3x1xf32>) -> tensor<4x2x1xf32>
  return %0, %1 : tensor<2x5xf32>, tensor<4x2x1xf32>
}

// CHECK-LABEL: func.func @transpose(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3x4xf32>, %[[Y:.*]]: tensor<5xf32>)
// CHECK:         %[[T:.*]] = adj.transpose %[[X]], [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
// CHECK:         %[[R:.*]] = adj.transpose %[[X]], [2, 1, 0] : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
// CHECK:         %[[I:.*]] = adj.transpose %[[Y]], [0] : (tensor<5xf32>) -> tensor<5xf32>
// CHECK:         return %[[T]], %[[R]], %[[I]]
func.func @transpose(%x: tensor<2x3x4xf32>, %y: tensor<5xf32>) -> (tensor<4x2x3xf32>, tensor<4x3x2xf32>, tensor<5xf32>) {
  %0 = adj.transpose %x, [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %1 = adj.transpose %x, [2, 1, 0] : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  %2 = adj.transpose %y, [0] : (tensor<5xf32>) -> tensor<5xf32>
  return %0, %1, %2 : tensor<4x2x3xf32>, tensor<4x3x2xf32>, tensor<5xf32>
}

// CHECK-LABEL: func.func @reshape_broadcast(
// CHECK-SAME:    %[[X:.*]]: tensor<2x6xf32>, %[[S:.*]]: tensor<f32>, %[[C:.*]]: tensor<3x1xf32>)
// CHECK:         %[[R:.*]] = adj.reshape %[[X]] : (tensor<2x6xf32>) -> tensor<3x2x2xf32>
// CHECK:         %[[FLAT:.*]] = adj.reshape %[[X]] : (tensor<2x6xf32>) -> tensor<12xf32>
// CHECK:         %[[UP:.*]] = adj.reshape %[[S]] : (tensor<f32>) -> tensor<1x1xf32>
// CHECK:         %[[B0:.*]] = adj.broadcast %[[S]] : (tensor<f32>) -> tensor<2x3xf32>
// CHECK:         %[[B1:.*]] = adj.broadcast %[[C]] : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
// CHECK:         return %[[R]], %[[FLAT]], %[[UP]], %[[B0]], %[[B1]]
func.func @reshape_broadcast(%x: tensor<2x6xf32>, %s: tensor<f32>, %c: tensor<3x1xf32>)
    -> (tensor<3x2x2xf32>, tensor<12xf32>, tensor<1x1xf32>, tensor<2x3xf32>, tensor<2x3x4xf32>) {
  %0 = adj.reshape %x : (tensor<2x6xf32>) -> tensor<3x2x2xf32>
  %1 = adj.reshape %x : (tensor<2x6xf32>) -> tensor<12xf32>
  %2 = adj.reshape %s : (tensor<f32>) -> tensor<1x1xf32>
  %3 = adj.broadcast %s : (tensor<f32>) -> tensor<2x3xf32>
  %4 = adj.broadcast %c : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %0, %1, %2, %3, %4 : tensor<3x2x2xf32>, tensor<12xf32>, tensor<1x1xf32>, tensor<2x3xf32>, tensor<2x3x4xf32>
}

// keepdims = false is the default and is not printed.
// CHECK-LABEL: func.func @reductions(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3x4xf32>)
// CHECK:         %[[ALL:.*]] = adj.sum %[[X]], [0, 1, 2] : (tensor<2x3x4xf32>) -> tensor<f32>
// CHECK:         %[[KEEP:.*]] = adj.sum %[[X]], [0, 2] {keepdims = true} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
// CHECK:         %[[MEAN:.*]] = adj.mean %[[X]], [1] : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
// CHECK:         %[[MEANK:.*]] = adj.mean %[[X]], [1] {keepdims = true} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
// CHECK:         %[[MAX:.*]] = adj.max %[[X]], [2] : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
// CHECK:         %[[MAXK:.*]] = adj.max %[[X]], [0, 1, 2] {keepdims = true} : (tensor<2x3x4xf32>) -> tensor<1x1x1xf32>
// CHECK:         %[[LSE:.*]] = adj.logsumexp %[[X]], [1, 2] : (tensor<2x3x4xf32>) -> tensor<2xf32>
// CHECK:         %[[LSEK:.*]] = adj.logsumexp %[[X]], [0] {keepdims = true} : (tensor<2x3x4xf32>) -> tensor<1x3x4xf32>
// CHECK:         %[[EXPLICIT:.*]] = adj.sum %[[X]], [0] : (tensor<2x3x4xf32>) -> tensor<3x4xf32>
// CHECK:         return %[[ALL]], %[[KEEP]], %[[MEAN]], %[[MEANK]], %[[MAX]], %[[MAXK]], %[[LSE]], %[[LSEK]], %[[EXPLICIT]]
func.func @reductions(%x: tensor<2x3x4xf32>)
    -> (tensor<f32>, tensor<1x3x1xf32>, tensor<2x4xf32>, tensor<2x1x4xf32>, tensor<2x3xf32>, tensor<1x1x1xf32>, tensor<2xf32>, tensor<1x3x4xf32>, tensor<3x4xf32>) {
  %0 = adj.sum %x, [0, 1, 2] : (tensor<2x3x4xf32>) -> tensor<f32>
  %1 = adj.sum %x, [0, 2] {keepdims = true} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  %2 = adj.mean %x, [1] : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
  %3 = adj.mean %x, [1] {keepdims = true} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
  %4 = adj.max %x, [2] : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
  %5 = adj.max %x, [0, 1, 2] {keepdims = true} : (tensor<2x3x4xf32>) -> tensor<1x1x1xf32>
  %6 = adj.logsumexp %x, [1, 2] : (tensor<2x3x4xf32>) -> tensor<2xf32>
  %7 = adj.logsumexp %x, [0] {keepdims = true} : (tensor<2x3x4xf32>) -> tensor<1x3x4xf32>
  %8 = adj.sum %x, [0] {keepdims = false} : (tensor<2x3x4xf32>) -> tensor<3x4xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<f32>, tensor<1x3x1xf32>, tensor<2x4xf32>, tensor<2x1x4xf32>, tensor<2x3xf32>, tensor<1x1x1xf32>, tensor<2xf32>, tensor<1x3x4xf32>, tensor<3x4xf32>
}

// CHECK-LABEL: func.func @softmax(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3xf64>)
// CHECK:         %[[SM:.*]] = adj.softmax %[[X]], 1 : tensor<2x3xf64>
// CHECK:         %[[LSM:.*]] = adj.log_softmax %[[SM]], 0 : tensor<2x3xf64>
// CHECK:         return %[[LSM]]
func.func @softmax(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %0 = adj.softmax %x, 1 : tensor<2x3xf64>
  %1 = adj.log_softmax %0, 0 : tensor<2x3xf64>
  return %1 : tensor<2x3xf64>
}

// CHECK-LABEL: func.func @slice(
// CHECK-SAME:    %[[X:.*]]: tensor<4x5xf32>)
// CHECK:         %[[A:.*]] = adj.slice %[[X]] {axis = 1 : i64, end = 4 : i64, start = 1 : i64} : (tensor<4x5xf32>) -> tensor<4x3xf32>
// CHECK:         %[[B:.*]] = adj.slice %[[X]] {axis = 0 : i64, end = 4 : i64, start = 0 : i64} : (tensor<4x5xf32>) -> tensor<4x5xf32>
// CHECK:         %[[C:.*]] = adj.slice %[[X]] {axis = 0 : i64, end = 3 : i64, start = 2 : i64} : (tensor<4x5xf32>) -> tensor<1x5xf32>
// CHECK:         return %[[A]], %[[B]], %[[C]]
func.func @slice(%x: tensor<4x5xf32>) -> (tensor<4x3xf32>, tensor<4x5xf32>, tensor<1x5xf32>) {
  %0 = adj.slice %x {axis = 1 : i64, start = 1 : i64, end = 4 : i64} : (tensor<4x5xf32>) -> tensor<4x3xf32>
  %1 = adj.slice %x {axis = 0 : i64, start = 0 : i64, end = 4 : i64} : (tensor<4x5xf32>) -> tensor<4x5xf32>
  %2 = adj.slice %x {axis = 0 : i64, start = 2 : i64, end = 3 : i64} : (tensor<4x5xf32>) -> tensor<1x5xf32>
  return %0, %1, %2 : tensor<4x3xf32>, tensor<4x5xf32>, tensor<1x5xf32>
}

// CHECK-LABEL: func.func @concat(
// CHECK-SAME:    %[[A:.*]]: tensor<2x1xf32>, %[[B:.*]]: tensor<2x3xf32>, %[[C:.*]]: tensor<2x2xf32>)
// CHECK:         %[[ALL:.*]] = adj.concat %[[A]], %[[B]], %[[C]] {axis = 1 : i64} : (tensor<2x1xf32>, tensor<2x3xf32>, tensor<2x2xf32>) -> tensor<2x6xf32>
// CHECK:         %[[ROWS:.*]] = adj.concat %[[B]], %[[B]] {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
// CHECK:         %[[ONE:.*]] = adj.concat %[[C]] {axis = 0 : i64} : (tensor<2x2xf32>) -> tensor<2x2xf32>
// CHECK:         return %[[ALL]], %[[ROWS]], %[[ONE]]
func.func @concat(%a: tensor<2x1xf32>, %b: tensor<2x3xf32>, %c: tensor<2x2xf32>) -> (tensor<2x6xf32>, tensor<4x3xf32>, tensor<2x2xf32>) {
  %0 = adj.concat %a, %b, %c {axis = 1 : i64} : (tensor<2x1xf32>, tensor<2x3xf32>, tensor<2x2xf32>) -> tensor<2x6xf32>
  %1 = adj.concat %b, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  %2 = adj.concat %c {axis = 0 : i64} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0, %1, %2 : tensor<2x6xf32>, tensor<4x3xf32>, tensor<2x2xf32>
}

// The largest rank, 6.
// CHECK-LABEL: func.func @rank6(
// CHECK:         adj.sum %{{.*}}, [5] {keepdims = true} : (tensor<1x2x1x2x1x2xf32>) -> tensor<1x2x1x2x1x1xf32>
func.func @rank6(%x: tensor<1x2x1x2x1x2xf32>) -> tensor<1x2x1x2x1x1xf32> {
  %0 = adj.sum %x, [5] {keepdims = true} : (tensor<1x2x1x2x1x2xf32>) -> tensor<1x2x1x2x1x1xf32>
  return %0 : tensor<1x2x1x2x1x1xf32>
}

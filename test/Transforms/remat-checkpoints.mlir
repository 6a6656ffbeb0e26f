// RUN: adjoint-opt %s --split-input-file --adj-reverse-mode=vjp=false --cse --adj-remat=mode=cheap | FileCheck %s --check-prefix=CHEAP
// RUN: adjoint-opt %s --split-input-file --adj-reverse-mode=vjp=false --cse --adj-remat=mode=auto | FileCheck %s --check-prefix=AUTO

// Four layers y_i = tanh(y_{i-1} * 2), y_0 = x. The reverse sweep reads
// each y_i (tanh's rule reads its result, mul's reads y_{i-1} only for a
// param's cotangent, not needed here) and the constant 2 (mul's rule for
// its lhs). The products m_i are not kept.
//   cheap: y_i's own op reads m_i, which is not kept: nothing changes.
//   auto:  4 candidates y1..y4, checkpoints every ceil(sqrt(4)) = 2, so y2
//          and y4 stay kept; the runs [y1] and [y3] are recomputed through
//          their products, m1 = x * 2 and m3 = y2 * 2: 2 ops of 4 elements
//          each to save 4 elements (8 <= 4 * 4).
func.func @forward(%x: tensor<4xf32> {adj.leaf = "param"}) -> tensor<f32> {
  %c = adj.constant dense<2.0> : tensor<f32>
  %m1 = adj.mul %x, %c : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %y1 = adj.tanh %m1 : tensor<4xf32>
  %m2 = adj.mul %y1, %c : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %y2 = adj.tanh %m2 : tensor<4xf32>
  %m3 = adj.mul %y2, %c : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %y3 = adj.tanh %m3 : tensor<4xf32>
  %m4 = adj.mul %y3, %c : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %y4 = adj.tanh %m4 : tensor<4xf32>
  %l = adj.sum %y4, [0] : (tensor<4xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// CHEAP-LABEL: func.func @grad
// CHEAP-COUNT-4: adj.tanh
// CHEAP-NOT:     adj.tanh
// CHEAP:         {{[/][/] -}}----

// AUTO-LABEL: func.func @grad
// AUTO:         %[[C:.*]] = adj.constant dense<2.0
// AUTO:         %[[Y1:.*]] = adj.tanh
// AUTO:         %[[Y2:.*]] = adj.tanh
// AUTO:         %[[Y3:.*]] = adj.tanh
// AUTO:         %[[Y4:.*]] = adj.tanh
// AUTO:         adj.mul %[[Y4]], %[[Y4]]
// AUTO:         %[[M3:.*]] = adj.mul %[[Y2]], %[[C]]
// AUTO-NEXT:    %[[R3:.*]] = adj.tanh %[[M3]]
// AUTO-NEXT:    adj.mul %[[R3]], %[[R3]]
// AUTO:         adj.mul %[[Y2]], %[[Y2]]
// AUTO:         %[[M1:.*]] = adj.mul %arg0, %[[C]]
// AUTO-NEXT:    %[[R1:.*]] = adj.tanh %[[M1]]
// AUTO-NEXT:    adj.mul %[[R1]], %[[R1]]
// AUTO-NOT:     adj.tanh
// AUTO:         {{[/][/] -}}----

// -----

// y1 = tanh(n5), five negations n1..n5 of x before it (neg's rule reads
// nothing, so no n_i is kept), then y2 = tanh(y1), y3 = tanh(y2).
// auto: 3 candidates, checkpoint y2. Recomputing [y1] takes 6 ops of 4
// elements to save 4 (24 > 16): y1 stays kept. [y3] takes one (4 <= 16):
// recomputed from y2. Its cheap step then finds y1's tanh reads n5, not
// kept, and y2 read by the copy of y3: both stay kept.
// cheap alone: y1 stays kept (its tanh reads n5); y2 = tanh(y1) reads a
// kept value: recomputed; y3 reads y2, no longer kept: stays kept.
func.func @forward(%x: tensor<4xf32> {adj.leaf = "param"}) -> tensor<f32> {
  %n1 = adj.neg %x : tensor<4xf32>
  %n2 = adj.neg %n1 : tensor<4xf32>
  %n3 = adj.neg %n2 : tensor<4xf32>
  %n4 = adj.neg %n3 : tensor<4xf32>
  %n5 = adj.neg %n4 : tensor<4xf32>
  %y1 = adj.tanh %n5 : tensor<4xf32>
  %y2 = adj.tanh %y1 : tensor<4xf32>
  %y3 = adj.tanh %y2 : tensor<4xf32>
  %l = adj.sum %y3, [0] : (tensor<4xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// AUTO-LABEL: func.func @grad
// AUTO:         %[[Y1:.*]] = adj.tanh
// AUTO-NEXT:    %[[Y2:.*]] = adj.tanh %[[Y1]]
// AUTO-NEXT:    %[[Y3:.*]] = adj.tanh %[[Y2]]
// AUTO:         %[[R3:.*]] = adj.tanh %[[Y2]]
// AUTO-NEXT:    adj.mul %[[R3]], %[[R3]]
// AUTO:         adj.mul %[[Y2]], %[[Y2]]
// AUTO:         adj.mul %[[Y1]], %[[Y1]]
// AUTO-NOT:     adj.tanh

// CHEAP-LABEL: func.func @grad
// CHEAP:         %[[Y1:.*]] = adj.tanh
// CHEAP-NEXT:    %[[Y2:.*]] = adj.tanh %[[Y1]]
// CHEAP-NEXT:    %[[Y3:.*]] = adj.tanh %[[Y2]]
// CHEAP:         adj.mul %[[Y3]], %[[Y3]]
// CHEAP:         %[[R2:.*]] = adj.tanh %[[Y1]]
// CHEAP-NEXT:    adj.mul %[[R2]], %[[R2]]
// CHEAP:         adj.mul %[[Y1]], %[[Y1]]
// CHEAP-NOT:     adj.tanh

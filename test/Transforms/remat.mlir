// RUN: adjoint-opt %s --adj-reverse-mode=vjp=false --cse --adj-remat=mode=none | FileCheck %s --check-prefix=NONE
// RUN: adjoint-opt %s --adj-reverse-mode=vjp=false --cse --adj-remat=mode=cheap -mlir-print-debuginfo | FileCheck %s --check-prefix=CHEAP
// RUN: adjoint-opt %s --adj-reverse-mode=vjp=false --cse --adj-remat=mode=auto -mlir-print-debuginfo | FileCheck %s --check-prefix=AUTO
// RUN: not adjoint-opt %s --adj-remat=mode=bogus 2>&1 | FileCheck %s --check-prefix=BAD

// y1 = tanh(x), y2 = tanh(y1), y3 = tanh(y2), L = sum(y3). tanh's rule
// reads its result, so the reverse sweep reads y3, y2, y1 in that order:
// all three are kept, and all are Recomputable.
//   none:  nothing changes; the reverse sweep reads the forward values.
//   cheap: in forward order, y1 = tanh(x) reads an argument: recomputed.
//          y2 = tanh(y1) reads y1, no longer kept: y2 stays kept.
//          y3 = tanh(y2) reads y2, kept: recomputed.
//   auto:  n = 3 candidates, checkpoints every ceil(sqrt(3)) = 2: y2 is
//          the checkpoint; the runs [y1] and [y3] each cost one tanh of 4
//          elements to save 4 (1 <= 4): both recomputed, as with cheap.
func.func @forward(%x: tensor<4xf32> {adj.leaf = "param"}) -> tensor<f32> {
  %y1 = adj.tanh %x : tensor<4xf32> loc("y1")
  %y2 = adj.tanh %y1 : tensor<4xf32> loc("y2")
  %y3 = adj.tanh %y2 : tensor<4xf32> loc("y3")
  %l = adj.sum %y3, [0] : (tensor<4xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// NONE-LABEL: func.func @grad
// NONE:         %[[Y1:.*]] = adj.tanh %arg0
// NONE-NEXT:    %[[Y2:.*]] = adj.tanh %[[Y1]]
// NONE-NEXT:    %[[Y3:.*]] = adj.tanh %[[Y2]]
// NONE-NOT:     adj.tanh
// NONE:         adj.mul %[[Y3]], %[[Y3]]
// NONE-NOT:     adj.tanh
// NONE:         adj.mul %[[Y2]], %[[Y2]]
// NONE-NOT:     adj.tanh
// NONE:         adj.mul %[[Y1]], %[[Y1]]
// NONE-NOT:     adj.tanh

// CHEAP-LABEL: func.func @grad
// CHEAP:         %[[Y1:.*]] = adj.tanh %arg0
// CHEAP-NEXT:    %[[Y2:.*]] = adj.tanh %[[Y1]]
// CHEAP-NEXT:    %[[Y3:.*]] = adj.tanh %[[Y2]]
// CHEAP:         %[[R3:.*]] = adj.tanh %[[Y2]] : tensor<4xf32> loc(#[[REMAT3:loc[0-9]+]])
// CHEAP-NEXT:    adj.mul %[[R3]], %[[R3]]
// CHEAP:         adj.mul %[[Y2]], %[[Y2]]
// CHEAP:         %[[R1:.*]] = adj.tanh %arg0 : tensor<4xf32> loc(#[[REMAT1:loc[0-9]+]])
// CHEAP-NEXT:    adj.mul %[[R1]], %[[R1]]
// CHEAP-NOT:     adj.tanh
// CHEAP-DAG:     #[[L1:loc[0-9]+]] = loc("y1")
// CHEAP-DAG:     #[[L3:loc[0-9]+]] = loc("y3")
// CHEAP-DAG:     #[[REMAT1]] = loc(fused<"adj.remat">[#[[L1]]])
// CHEAP-DAG:     #[[REMAT3]] = loc(fused<"adj.remat">[#[[L3]]])

// AUTO-LABEL: func.func @grad
// AUTO:         %[[Y1:.*]] = adj.tanh %arg0
// AUTO-NEXT:    %[[Y2:.*]] = adj.tanh %[[Y1]]
// AUTO-NEXT:    %[[Y3:.*]] = adj.tanh %[[Y2]]
// AUTO:         %[[R3:.*]] = adj.tanh %[[Y2]] : tensor<4xf32> loc(#[[REMAT3:loc[0-9]+]])
// AUTO-NEXT:    adj.mul %[[R3]], %[[R3]]
// AUTO:         adj.mul %[[Y2]], %[[Y2]]
// AUTO:         %[[R1:.*]] = adj.tanh %arg0 : tensor<4xf32>
// AUTO-NEXT:    adj.mul %[[R1]], %[[R1]]
// AUTO-NOT:     adj.tanh
// AUTO:         #[[REMAT3]] = loc(fused<"adj.remat">

// BAD: error: adj-remat: unknown mode 'bogus' (expected none, cheap or auto)

// RUN: adjoint-opt %s --adj-forward-mode --split-input-file | FileCheck %s
// RUN: adjoint-opt %s --adj-reverse-mode --adj-forward-mode=hvp=true --split-input-file | FileCheck %s --check-prefix=HVP

// adj-forward-mode builds @jvp from @forward: @forward's arguments, then
// one tangent per param (`NAME.tangent`); results: @forward's results,
// then one tangent per result (`NAME.tangent`). One sweep in program
// order clones each op and, right after an active one, its JVP rule reads
// the tangents of its operands, so tangents flow forward interleaved with
// the primal ops. With hvp=true it also builds @hvp by the same sweep over
// @grad (forward over reverse): H v is the tangent of the gradient along v.
// Every case is a named module (distinct labels for both prefixes) with a
// scalar first result, so that the second RUN can build @grad for each.

// The chain theta -> f1 -> f2 -> L:
//   f1 = exp(theta), f2 = tanh(f1), L = sum(f2)
//   df1 = dtheta * f1, df2 = df1 * (1 - f2^2), dL = sum(df2).
// Each tangent follows its primal op at once (CHECK-NEXT throughout).
// CHECK-LABEL: module @chain {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[T:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "param", adj.name = "theta"},
// CHECK-SAME:    %[[DT:[a-z0-9]+]]: tensor<3xf32> {adj.name = "theta.tangent"})
// CHECK-SAME:    -> (tensor<f32> {adj.name = "L"}, tensor<f32> {adj.name = "L.tangent"})
// CHECK-NEXT:    %[[F1:.*]] = adj.exp %[[T]] : tensor<3xf32>
// CHECK-NEXT:    %[[DF1:.*]] = adj.mul %[[DT]], %[[F1]]
// CHECK-NEXT:    %[[F2:.*]] = adj.tanh %[[F1]] : tensor<3xf32>
// CHECK-NEXT:    %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[SQ:.*]] = adj.mul %[[F2]], %[[F2]]
// CHECK-NEXT:    %[[D:.*]] = adj.sub %[[ONE]], %[[SQ]]
// CHECK-NEXT:    %[[DF2:.*]] = adj.mul %[[DF1]], %[[D]]
// CHECK-NEXT:    %[[L:.*]] = adj.sum %[[F2]], [0]
// CHECK-NEXT:    %[[DL:.*]] = adj.sum %[[DF2]], [0] : (tensor<3xf32>) -> tensor<f32>
// CHECK-NEXT:    return %[[L]], %[[DL]] : tensor<f32>, tensor<f32>
module @chain {
  func.func @forward(%theta: tensor<3xf32> {adj.leaf = "param", adj.name = "theta"})
      -> (tensor<f32> {adj.name = "L"}) {
    %f1 = adj.exp %theta : tensor<3xf32>
    %f2 = adj.tanh %f1 : tensor<3xf32>
    %l = adj.sum %f2, [0] : (tensor<3xf32>) -> tensor<f32>
    return %l : tensor<f32>
  }
}

// -----

// Branching: f1 = exp(theta) feeds a = sin(f1) and b = cos(f1);
// L = sum(a + b). Forward mode needs no accumulation where f1 fans out:
// da = df1 * cos(f1), db = df1 * -sin(f1), and the two branches' tangents
// meet in add's rule, ds = da + db; dL = sum(ds).
// CHECK-LABEL: module @branch {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[T:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "param", adj.name = "theta"},
// CHECK-SAME:    %[[DT:[a-z0-9]+]]: tensor<3xf32> {adj.name = "theta.tangent"})
// CHECK-NEXT:    %[[F1:.*]] = adj.exp %[[T]]
// CHECK-NEXT:    %[[DF1:.*]] = adj.mul %[[DT]], %[[F1]]
// CHECK-NEXT:    %[[A:.*]] = adj.sin %[[F1]]
// CHECK-NEXT:    %[[COS:.*]] = adj.cos %[[F1]]
// CHECK-NEXT:    %[[DA:.*]] = adj.mul %[[DF1]], %[[COS]]
// CHECK-NEXT:    %[[B:.*]] = adj.cos %[[F1]]
// CHECK-NEXT:    %[[SIN:.*]] = adj.sin %[[F1]]
// CHECK-NEXT:    %[[NSIN:.*]] = adj.neg %[[SIN]]
// CHECK-NEXT:    %[[DB:.*]] = adj.mul %[[DF1]], %[[NSIN]]
// CHECK-NEXT:    %[[S:.*]] = adj.add %[[A]], %[[B]]
// CHECK-NEXT:    %[[DS:.*]] = adj.add %[[DA]], %[[DB]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT:    %[[L:.*]] = adj.sum %[[S]], [0]
// CHECK-NEXT:    %[[DL:.*]] = adj.sum %[[DS]], [0]
// CHECK-NEXT:    return %[[L]], %[[DL]]
module @branch {
  func.func @forward(%theta: tensor<3xf32> {adj.leaf = "param", adj.name = "theta"})
      -> (tensor<f32> {adj.name = "L"}) {
    %f1 = adj.exp %theta : tensor<3xf32>
    %a = adj.sin %f1 : tensor<3xf32>
    %b = adj.cos %f1 : tensor<3xf32>
    %s = adj.add %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %l = adj.sum %s, [0] : (tensor<3xf32>) -> tensor<f32>
    return %l : tensor<f32>
  }
}

// -----

// Activity. h = tanh(x) and hc = h * 2 read only the input x and the
// constant: cloned, no tangent code. dead = exp(W) depends on W but
// reaches no result: cloned, no tangent code. y = hc * W: dy = hc * dW
// (no zeros built for hc's tangent). n = sum(x) depends on no param: its
// tangent is an exact zero constant, built before the return.
// CHECK-LABEL: module @activity {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2xf32> {adj.leaf = "input", adj.name = "x"},
// CHECK-SAME:    %[[W:[a-z0-9]+]]: tensor<2xf32> {adj.leaf = "param", adj.name = "W"},
// CHECK-SAME:    %[[DW:[a-z0-9]+]]: tensor<2xf32> {adj.name = "W.tangent"})
// CHECK-SAME:    -> (tensor<f32> {adj.name = "L"}, tensor<f32> {adj.name = "n"}, tensor<f32> {adj.name = "L.tangent"}, tensor<f32> {adj.name = "n.tangent"})
// CHECK-NEXT:    %[[H:.*]] = adj.tanh %[[X]]
// CHECK-NEXT:    %[[C:.*]] = adj.constant dense<2.000000e+00>
// CHECK-NEXT:    %[[HC:.*]] = adj.mul %[[H]], %[[C]]
// CHECK-NEXT:    adj.exp %[[W]]
// CHECK-NEXT:    %[[Y:.*]] = adj.mul %[[HC]], %[[W]]
// CHECK-NEXT:    %[[DY:.*]] = adj.mul %[[HC]], %[[DW]]
// CHECK-NEXT:    %[[L:.*]] = adj.sum %[[Y]]
// CHECK-NEXT:    %[[DL:.*]] = adj.sum %[[DY]]
// CHECK-NEXT:    %[[N:.*]] = adj.sum %[[X]]
// CHECK-NEXT:    %[[DN:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    return %[[L]], %[[N]], %[[DL]], %[[DN]]

// L = sum(2 tanh(x) W) is linear in W: dL/dW = 2 tanh(x) does not depend
// on W, so H = 0 and @hvp returns a zero constant; the reverse sweep is
// cloned, but no op of @grad gets a tangent (n and the dead exp are
// cloned from @grad's forward sweep only).
// HVP-LABEL: module @activity {
// HVP:       func.func @hvp(
// HVP-SAME:    %[[X:[a-z0-9]+]]: tensor<2xf32> {adj.leaf = "input", adj.name = "x"},
// HVP-SAME:    %[[W:[a-z0-9]+]]: tensor<2xf32> {adj.leaf = "param", adj.name = "W"},
// HVP-SAME:    %[[V:[a-z0-9]+]]: tensor<2xf32> {adj.name = "W.tangent"})
// HVP-SAME:    -> (tensor<2xf32> {adj.name = "W.grad.tangent"})
// HVP-NOT:     %[[V]]
// HVP:         %[[SEED:.*]] = adj.broadcast
// HVP-NEXT:    adj.mul %[[SEED]], %{{.*}} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
// HVP-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<2xf32>
// HVP-NEXT:    return %[[Z]] : tensor<2xf32>
module @activity {
  func.func @forward(%x: tensor<2xf32> {adj.leaf = "input", adj.name = "x"},
                     %w: tensor<2xf32> {adj.leaf = "param", adj.name = "W"})
      -> (tensor<f32> {adj.name = "L"}, tensor<f32> {adj.name = "n"}) {
    %h = adj.tanh %x : tensor<2xf32>
    %c = adj.constant dense<2.0> : tensor<f32>
    %hc = adj.mul %h, %c : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
    %dead = adj.exp %w : tensor<2xf32>
    %y = adj.mul %hc, %w : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    %l = adj.sum %y, [0] : (tensor<2xf32>) -> tensor<f32>
    %n = adj.sum %x, [0] : (tensor<2xf32>) -> tensor<f32>
    return %l, %n : tensor<f32>, tensor<f32>
  }
}

// -----

// Results that are arguments: a = b = w, so da = db = dw, the tangent
// argument itself, with no op; c = x is an input: a zero constant.
// @grad's gradient is the constant 1, so @hvp is zero.
// CHECK-LABEL: module @leaves {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<f32> {adj.leaf = "input", adj.name = "x"},
// CHECK-SAME:    %[[W:[a-z0-9]+]]: tensor<f32> {adj.leaf = "param", adj.name = "w"},
// CHECK-SAME:    %[[DW:[a-z0-9]+]]: tensor<f32> {adj.name = "w.tangent"})
// CHECK-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    return %[[W]], %[[W]], %[[X]], %[[DW]], %[[DW]], %[[Z]]

// HVP-LABEL: module @leaves {
// HVP:       func.func @hvp(
// HVP-SAME:    -> (tensor<f32> {adj.name = "w.grad.tangent"})
// HVP-NEXT:    adj.constant dense<1.000000e+00> : tensor<f32>
// HVP-NEXT:    %[[Z:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// HVP-NEXT:    return %[[Z]] : tensor<f32>
module @leaves {
  func.func @forward(%x: tensor<f32> {adj.leaf = "input", adj.name = "x"},
                     %w: tensor<f32> {adj.leaf = "param", adj.name = "w"})
      -> (tensor<f32> {adj.name = "a"}, tensor<f32> {adj.name = "b"},
          tensor<f32> {adj.name = "c"}) {
    return %w, %w, %x : tensor<f32>, tensor<f32>, tensor<f32>
  }
}

// -----

// One op using a value twice: L = sum(w * w), dL = sum(dw w + w dw), the
// product rule's two terms added.
// CHECK-LABEL: module @square {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[W:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "param", adj.name = "w"},
// CHECK-SAME:    %[[DW:[a-z0-9]+]]: tensor<3xf32> {adj.name = "w.tangent"})
// CHECK-NEXT:    %[[SQ:.*]] = adj.mul %[[W]], %[[W]]
// CHECK-NEXT:    %[[P0:.*]] = adj.mul %[[DW]], %[[W]]
// CHECK-NEXT:    %[[P1:.*]] = adj.mul %[[W]], %[[DW]]
// CHECK-NEXT:    %[[DSQ:.*]] = adj.add %[[P0]], %[[P1]]
// CHECK-NEXT:    %[[L:.*]] = adj.sum %[[SQ]]
// CHECK-NEXT:    %[[DL:.*]] = adj.sum %[[DSQ]]
// CHECK-NEXT:    return %[[L]], %[[DL]]

// @hvp over @grad: @grad is g = broadcast(1); dw = g w + g w. Its tangent
// along v is g v + g v = 2 v = H v (H = 2 I). The forward sweep of @grad
// is cloned without tangents (it only reaches the loss, which @hvp does
// not differentiate); then the reverse sweep, each VJP op followed by its
// JVP, and the two terms' tangents added like the terms themselves.
// HVP-LABEL: module @square {
// HVP:       func.func @hvp(
// HVP-SAME:    %[[W:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "param", adj.name = "w"},
// HVP-SAME:    %[[V:[a-z0-9]+]]: tensor<3xf32> {adj.name = "w.tangent"})
// HVP-SAME:    -> (tensor<3xf32> {adj.name = "w.grad.tangent"})
// HVP-NEXT:    %[[SQ:.*]] = adj.mul %[[W]], %[[W]]
// HVP-NEXT:    adj.sum %[[SQ]]
// HVP-NEXT:    %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// HVP-NEXT:    %[[G:.*]] = adj.broadcast %[[ONE]] : (tensor<f32>) -> tensor<3xf32>
// HVP-NEXT:    %[[D0:.*]] = adj.mul %[[G]], %[[W]]
// HVP-NEXT:    %[[HV0:.*]] = adj.mul %[[G]], %[[V]]
// HVP-NEXT:    %[[D1:.*]] = adj.mul %[[G]], %[[W]]
// HVP-NEXT:    %[[HV1:.*]] = adj.mul %[[G]], %[[V]]
// HVP-NEXT:    adj.add %[[D0]], %[[D1]]
// HVP-NEXT:    %[[HV:.*]] = adj.add %[[HV0]], %[[HV1]]
// HVP-NEXT:    return %[[HV]] : tensor<3xf32>
module @square {
  func.func @forward(%w: tensor<3xf32> {adj.leaf = "param", adj.name = "w"})
      -> (tensor<f32> {adj.name = "L"}) {
    %sq = adj.mul %w, %w : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %l = adj.sum %sq, [0] : (tensor<3xf32>) -> tensor<f32>
    return %l : tensor<f32>
  }
}

// -----

// @hvp of L = sum(tanh(w)): t = tanh(w), @grad is g * (1 - t * t) with
// g = broadcast(1). Forward over reverse: dt = v (1 - t^2) follows the
// cloned tanh; in the reverse sweep d(t t) = dt t + t dt,
// d(1 - t t) = -d(t t), and H v = g * -(dt t + t dt) = -2 t (1 - t^2) v,
// the second derivative of tanh times v.
// HVP-LABEL: module @tanh {
// HVP:       func.func @hvp(
// HVP-SAME:    %[[W:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "param", adj.name = "w"},
// HVP-SAME:    %[[V:[a-z0-9]+]]: tensor<3xf32> {adj.name = "w.tangent"})
// HVP-SAME:    -> (tensor<3xf32> {adj.name = "w.grad.tangent"})
// HVP-NEXT:    %[[T:.*]] = adj.tanh %[[W]]
// HVP-NEXT:    %[[ONE0:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// HVP-NEXT:    %[[TT0:.*]] = adj.mul %[[T]], %[[T]]
// HVP-NEXT:    %[[DER:.*]] = adj.sub %[[ONE0]], %[[TT0]]
// HVP-NEXT:    %[[DTANH:.*]] = adj.mul %[[V]], %[[DER]]
// HVP-NEXT:    adj.sum %[[T]]
// HVP-NEXT:    %[[SEED:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// HVP-NEXT:    %[[G:.*]] = adj.broadcast %[[SEED]]
// HVP-NEXT:    %[[ONE:.*]] = adj.constant dense<1.000000e+00> : tensor<f32>
// HVP-NEXT:    %[[TT:.*]] = adj.mul %[[T]], %[[T]]
// HVP-NEXT:    %[[P0:.*]] = adj.mul %[[DTANH]], %[[T]]
// HVP-NEXT:    %[[P1:.*]] = adj.mul %[[T]], %[[DTANH]]
// HVP-NEXT:    %[[DTT:.*]] = adj.add %[[P0]], %[[P1]]
// HVP-NEXT:    %[[S:.*]] = adj.sub %[[ONE]], %[[TT]]
// HVP-NEXT:    %[[DS:.*]] = adj.neg %[[DTT]]
// HVP-NEXT:    adj.mul %[[G]], %[[S]]
// HVP-NEXT:    %[[HV:.*]] = adj.mul %[[G]], %[[DS]]
// HVP-NEXT:    return %[[HV]] : tensor<3xf32>
module @tanh {
  func.func @forward(%w: tensor<3xf32> {adj.leaf = "param", adj.name = "w"})
      -> (tensor<f32> {adj.name = "L"}) {
    %t = adj.tanh %w : tensor<3xf32>
    %l = adj.sum %t, [0] : (tensor<3xf32>) -> tensor<f32>
    return %l : tensor<f32>
  }
}

// -----

// An op of another dialect without a derivative rule is fine where it is
// inactive (it reads only an input): cloned, no tangent code.
// y = (x + x) * w: dy = (x + x) * dw.
// CHECK-LABEL: module @foreign_inactive {
// CHECK:       func.func @jvp(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2xf32> {adj.leaf = "input"},
// CHECK-SAME:    %[[W:[a-z0-9]+]]: tensor<2xf32> {adj.leaf = "param"},
// CHECK-SAME:    %[[DW:[a-z0-9]+]]: tensor<2xf32>)
// CHECK-NEXT:    %[[XX:.*]] = arith.addf %[[X]], %[[X]] : tensor<2xf32>
// CHECK-NEXT:    %[[Y:.*]] = adj.mul %[[XX]], %[[W]]
// CHECK-NEXT:    %[[DY:.*]] = adj.mul %[[XX]], %[[DW]]
// CHECK-NEXT:    %[[L:.*]] = adj.sum %[[Y]]
// CHECK-NEXT:    %[[DL:.*]] = adj.sum %[[DY]]
// CHECK-NEXT:    return %[[L]], %[[DL]]
module @foreign_inactive {
  func.func @forward(%x: tensor<2xf32> {adj.leaf = "input"},
                     %w: tensor<2xf32> {adj.leaf = "param"}) -> tensor<f32> {
    %xx = arith.addf %x, %x : tensor<2xf32>
    %y = adj.mul %xx, %w : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    %l = adj.sum %y, [0] : (tensor<2xf32>) -> tensor<f32>
    return %l : tensor<f32>
  }
}

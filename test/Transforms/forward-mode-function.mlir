// RUN: adjoint-opt %s --adj-forward-mode=function=model | FileCheck %s --check-prefix=MODEL
// RUN: adjoint-opt %s --adj-reverse-mode="function=loss vjp=false" --adj-forward-mode=function=grad | FileCheck %s --check-prefix=OVER-GRAD
// RUN: adjoint-opt %s --adj-forward-mode="jvp=false hvp=true grad-function=g" | FileCheck %s --check-prefix=GRAD-FUNCTION

// adj-forward-mode works on any function of adj ops, not only @forward.

// Option `function`: @jvp is built from @model and @forward is left alone.
// No adj.name anywhere, so no names on the new arguments and results; the
// argument u has no adj.leaf (neither input nor param): no tangent.
//   z = exp(w) * x: dz = (dw exp(w)) * x; s = sum(u): ds = 0.
// MODEL-LABEL: func.func @forward(
// MODEL-NEXT:    return
// MODEL-LABEL: func.func @model(
// MODEL-LABEL: func.func @jvp(
// MODEL-SAME:    %[[X:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "input"},
// MODEL-SAME:    %[[W:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "param"},
// MODEL-SAME:    %[[U:[a-z0-9]+]]: tensor<3xf32>,
// MODEL-SAME:    %[[DW:[a-z0-9]+]]: tensor<3xf32>)
// MODEL-SAME:    -> (tensor<3xf32>, tensor<f32>, tensor<3xf32>, tensor<f32>)
// MODEL-NEXT:    %[[Y:.*]] = adj.exp %[[W]]
// MODEL-NEXT:    %[[DY:.*]] = adj.mul %[[DW]], %[[Y]]
// MODEL-NEXT:    %[[Z:.*]] = adj.mul %[[Y]], %[[X]]
// MODEL-NEXT:    %[[DZ:.*]] = adj.mul %[[DY]], %[[X]]
// MODEL-NEXT:    %[[S:.*]] = adj.sum %[[U]]
// MODEL-NEXT:    %[[DS:.*]] = adj.constant dense<0.000000e+00> : tensor<f32>
// MODEL-NEXT:    return %[[Z]], %[[S]], %[[DZ]], %[[DS]]
// MODEL-NOT:   func.func

// `function=grad`: @jvp of the gradient function reverse mode built from
// @loss = sum(exp(w) x): @grad returns (L, g) with g = (1 x) exp(w); its
// @jvp returns (L, g, dL, dg) with dg = (1 x) (dw exp(w)).
// OVER-GRAD-LABEL: func.func @grad(
// OVER-GRAD-LABEL: func.func @jvp(
// OVER-GRAD-SAME:    %[[X:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "input"},
// OVER-GRAD-SAME:    %[[W:[a-z0-9]+]]: tensor<3xf32> {adj.leaf = "param"},
// OVER-GRAD-SAME:    %[[DW:[a-z0-9]+]]: tensor<3xf32>)
// OVER-GRAD-SAME:    -> (tensor<f32>, tensor<3xf32>, tensor<f32>, tensor<3xf32>)
// OVER-GRAD-NEXT:    %[[E:.*]] = adj.exp %[[W]]
// OVER-GRAD-NEXT:    %[[DE:.*]] = adj.mul %[[DW]], %[[E]]
// OVER-GRAD:         %[[L:.*]] = adj.sum
// OVER-GRAD-NEXT:    %[[DL:.*]] = adj.sum
// OVER-GRAD:         %[[XB:.*]] = adj.mul %{{.*}}, %[[X]]
// OVER-GRAD-NEXT:    %[[G:.*]] = adj.mul %[[XB]], %[[E]]
// OVER-GRAD-NEXT:    %[[DG:.*]] = adj.mul %[[XB]], %[[DE]]
// OVER-GRAD-NEXT:    return %[[L]], %[[G]], %[[DL]], %[[DG]]

// Option `grad-function`: @hvp from a hand-written gradient function @g
// (the loss, then one gradient per param, of the param's type):
// L = sum(w w), G = w * 2, so H v = v * 2. `jvp=false`: no @jvp.
// GRAD-FUNCTION-NOT:   func.func @jvp
// GRAD-FUNCTION-LABEL: func.func @hvp(
// GRAD-FUNCTION-SAME:    %[[W:[a-z0-9]+]]: tensor<2xf32> {adj.leaf = "param"},
// GRAD-FUNCTION-SAME:    %[[V:[a-z0-9]+]]: tensor<2xf32>)
// GRAD-FUNCTION-SAME:    -> tensor<2xf32>
// GRAD-FUNCTION-NEXT:    adj.mul %[[W]], %[[W]]
// GRAD-FUNCTION-NEXT:    adj.sum
// GRAD-FUNCTION-NEXT:    %[[TWO:.*]] = adj.constant dense<2.000000e+00>
// GRAD-FUNCTION-NEXT:    adj.mul %[[W]], %[[TWO]]
// GRAD-FUNCTION-NEXT:    %[[HV:.*]] = adj.mul %[[V]], %[[TWO]]
// GRAD-FUNCTION-NEXT:    return %[[HV]] : tensor<2xf32>
// GRAD-FUNCTION-NOT:   func.func @jvp
func.func @forward(%x: tensor<3xf32> {adj.leaf = "param"}) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}

func.func @model(%x: tensor<3xf32> {adj.leaf = "input"},
                 %w: tensor<3xf32> {adj.leaf = "param"},
                 %u: tensor<3xf32>)
    -> (tensor<3xf32>, tensor<f32>) {
  %y = adj.exp %w : tensor<3xf32>
  %z = adj.mul %y, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %s = adj.sum %u, [0] : (tensor<3xf32>) -> tensor<f32>
  return %z, %s : tensor<3xf32>, tensor<f32>
}

func.func @loss(%x: tensor<3xf32> {adj.leaf = "input"},
                %w: tensor<3xf32> {adj.leaf = "param"}) -> tensor<f32> {
  %e = adj.exp %w : tensor<3xf32>
  %z = adj.mul %e, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %l = adj.sum %z, [0] : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

func.func @g(%w: tensor<2xf32> {adj.leaf = "param"})
    -> (tensor<f32>, tensor<2xf32>) {
  %sq = adj.mul %w, %w : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %l = adj.sum %sq, [0] : (tensor<2xf32>) -> tensor<f32>
  %two = adj.constant dense<2.0> : tensor<f32>
  %g = adj.mul %w, %two : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  return %l, %g : tensor<f32>, tensor<2xf32>
}

// RUN: adjoint-opt %s --adj-reverse-mode --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s

// Provenance locations (Adjoint.h): the forward sweep keeps the forward
// ops' locations; each op a derivative rule builds is fused<"adj.vjp"> with
// the location of the forward op whose rule it is; the sum of h's two
// cotangents (from both operands of h * h) is fused<"adj.sum-cotangents">;
// the seed dL/dL = 1 is fused<"adj.seed"> and the zeros of a param no
// cotangent reaches fused<"adj.zero-cotangent">.
// CHECK-LABEL: func.func @grad(
// CHECK:         adj.tanh %{{.*}} loc("m.adj":4:5)
// CHECK:         adj.mul %{{.*}} loc("m.adj":5:7)
// CHECK:         adj.sum %{{.*}} loc("m.adj":6:5)
// CHECK:         adj.constant dense<1.000000e+00> : tensor<f32> loc(fused<"adj.seed">["m.adj":6:5])
// CHECK:         adj.broadcast %{{.*}} loc(fused<"adj.vjp">["m.adj":6:5])
// CHECK:         adj.mul %{{.*}} loc(fused<"adj.vjp">["m.adj":5:7])
// CHECK:         adj.mul %{{.*}} loc(fused<"adj.vjp">["m.adj":5:7])
// CHECK:         adj.add %{{.*}} loc(fused<"adj.sum-cotangents">["m.adj":5:7])
// Then tanh's rule; whatever ops it builds, each is tagged.
// CHECK:         loc(fused<"adj.vjp">["m.adj":4:5])
// CHECK-NOT:     loc("m.adj
// CHECK:         adj.constant dense<0.000000e+00> : tensor<2xf32> loc(fused<"adj.zero-cotangent">["m.adj":1:1])
// CHECK:         return

// @vjp has no seed op (its seeds are arguments); the rules' ops are tagged
// the same way.
// CHECK-LABEL: func.func @vjp(
// CHECK-NOT:     "adj.seed"
// CHECK:         adj.broadcast %{{.*}} loc(fused<"adj.vjp">["m.adj":6:5])
// CHECK:         adj.add %{{.*}} loc(fused<"adj.sum-cotangents">["m.adj":5:7])
// CHECK:         return
func.func @forward(%theta: tensor<3xf32> {adj.leaf = "param", adj.name = "theta"},
                   %w: tensor<2xf32> {adj.leaf = "param", adj.name = "w"})
    -> (tensor<f32> {adj.name = "L"}) {
  %h = adj.tanh %theta : tensor<3xf32> loc("m.adj":4:5)
  %s = adj.mul %h, %h : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32> loc("m.adj":5:7)
  %l = adj.sum %s, [0] : (tensor<3xf32>) -> tensor<f32> loc("m.adj":6:5)
  return %l : tensor<f32>
} loc("m.adj":1:1)

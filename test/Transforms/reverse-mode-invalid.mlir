// RUN: adjoint-opt %s --adj-reverse-mode --split-input-file --verify-diagnostics

// @grad differentiates a scalar loss: the error points at the op that
// computes the non-scalar first result.
func.func @forward(%w: tensor<2x3xf32> {adj.leaf = "param", adj.name = "W"})
    -> (tensor<2x3xf32> {adj.name = "y"}) {
  // expected-error@+1 {{the loss (result #0 of @forward) must be a scalar to build @grad, but it has shape [2, 3] (tensor<2x3xf32>)}}
  %y = adj.exp %w : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// A non-scalar loss that is an argument: the error is at the function.
// expected-error@+1 {{the loss (result #0 of @forward) must be a scalar to build @grad, but it has shape [4] (tensor<4xf32>)}}
func.func @forward(%w: tensor<4xf32> {adj.leaf = "param", adj.name = "W"})
    -> tensor<4xf32> {
  return %w : tensor<4xf32>
}

// -----

// An active op without a derivative rule is an error, not a crash.
func.func @forward(%w: tensor<3xf32> {adj.leaf = "param", adj.name = "W"})
    -> tensor<f32> {
  // expected-error@+1 {{'arith.addf' op is on a path from a param to the differentiated result but has no derivative rule (DerivativeOpInterface)}}
  %a = arith.addf %w, %w : tensor<3xf32>
  %l = adj.sum %a, [0] : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// adj.leaf is "input" or "param".
// expected-error@+1 {{'func.func' op argument #0 has adj.leaf = "weight"; expected "input" or "param"}}
func.func @forward(%w: tensor<3xf32> {adj.leaf = "weight"}) -> tensor<f32> {
  %l = adj.sum %w, [0] : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// expected-error@+1 {{'func.func' op must have a single block (a static graph) to be differentiated}}
func.func @forward(%w: tensor<f32> {adj.leaf = "param"}) -> tensor<f32> {
  cf.br ^bb1(%w : tensor<f32>)
^bb1(%v: tensor<f32>):
  return %v : tensor<f32>
}

// -----

// The pass does not overwrite an existing @grad.
// expected-error@+1 {{'func.func' op cannot be differentiated into @grad: the symbol already exists}}
func.func @forward(%w: tensor<f32> {adj.leaf = "param"}) -> tensor<f32> {
  return %w : tensor<f32>
}
func.func @grad() {
  return
}

// -----

// expected-error@below {{adj-reverse-mode: no function @forward to differentiate}}
module {
  func.func @model(%w: tensor<f32> {adj.leaf = "param"}) -> tensor<f32> {
    return %w : tensor<f32>
  }
}

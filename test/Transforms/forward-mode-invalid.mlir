// RUN: adjoint-opt %s --adj-forward-mode=hvp=true --split-input-file --verify-diagnostics --allow-unregistered-dialect

// Every case runs the pass with hvp=true: @jvp is built from @forward
// first (its errors stop the pass), then @hvp from @grad.

// expected-error@below {{adj-forward-mode: no function @forward to differentiate into @jvp}}
module {
  func.func @model(%w: tensor<f32> {adj.leaf = "param"}) -> tensor<f32> {
    return %w : tensor<f32>
  }
}

// -----

// @jvp is fine, but @hvp differentiates @grad, which adj-reverse-mode did
// not build here.
// expected-error@below {{adj-forward-mode: no function @grad to differentiate into @hvp}}
module {
  func.func @forward(%w: tensor<f32> {adj.leaf = "param"}) -> tensor<f32> {
    return %w : tensor<f32>
  }
}

// -----

// A @grad without results is not a gradient function.
func.func @forward(%w: tensor<f32> {adj.leaf = "param"}) -> tensor<f32> {
  return %w : tensor<f32>
}
// expected-error@+1 {{'func.func' op has no result; @hvp needs a gradient function (the loss, then one gradient per param)}}
func.func @grad(%w: tensor<f32> {adj.leaf = "param"}) {
  return
}

// -----

// @grad returns the loss but no gradient for its param.
func.func @forward(%w: tensor<3xf32> {adj.leaf = "param"}) -> tensor<f32> {
  %l = adj.sum %w, [0] : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
// expected-error@+1 {{'func.func' op is not a gradient function: @hvp needs the loss, then one gradient per param of the param's type}}
func.func @grad(%w: tensor<3xf32> {adj.leaf = "param"}) -> tensor<f32> {
  %l = adj.sum %w, [0] : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// A "gradient" of another type than its param.
func.func @forward(%w: tensor<3xf32> {adj.leaf = "param"}) -> tensor<f32> {
  %l = adj.sum %w, [0] : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
// expected-error@+1 {{'func.func' op is not a gradient function: @hvp needs the loss, then one gradient per param of the param's type}}
func.func @grad(%w: tensor<3xf32> {adj.leaf = "param"}) -> (tensor<f32>, tensor<f32>) {
  %l = adj.sum %w, [0] : (tensor<3xf32>) -> tensor<f32>
  return %l, %l : tensor<f32>, tensor<f32>
}

// -----

// More results than params (the input x gets no gradient).
func.func @forward(%x: tensor<3xf32> {adj.leaf = "input"},
                   %w: tensor<3xf32> {adj.leaf = "param"}) -> tensor<f32> {
  %l = adj.sum %w, [0] : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
// expected-error@+1 {{'func.func' op is not a gradient function: @hvp needs the loss, then one gradient per param of the param's type}}
func.func @grad(%x: tensor<3xf32> {adj.leaf = "input"},
                %w: tensor<3xf32> {adj.leaf = "param"})
    -> (tensor<f32>, tensor<3xf32>, tensor<3xf32>) {
  %l = adj.sum %w, [0] : (tensor<3xf32>) -> tensor<f32>
  return %l, %x, %w : tensor<f32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// An active op without a derivative rule is an error, not a crash.
func.func @forward(%w: tensor<3xf32> {adj.leaf = "param"}) -> tensor<f32> {
  // expected-error@+1 {{'arith.addf' op is on a path from a param to the differentiated result but has no derivative rule (DerivativeOpInterface)}}
  %a = arith.addf %w, %w : tensor<3xf32>
  %l = adj.sum %a, [0] : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// The same in the gradient function that @hvp differentiates: the error
// points into @grad.
func.func @forward(%w: tensor<3xf32> {adj.leaf = "param"}) -> tensor<f32> {
  %l = adj.sum %w, [0] : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
func.func @grad(%w: tensor<3xf32> {adj.leaf = "param"})
    -> (tensor<f32>, tensor<3xf32>) {
  %l = adj.sum %w, [0] : (tensor<3xf32>) -> tensor<f32>
  // expected-error@+1 {{'arith.mulf' op is on a path from a param to the differentiated result but has no derivative rule (DerivativeOpInterface)}}
  %g = arith.mulf %w, %w : tensor<3xf32>
  return %l, %g : tensor<f32>, tensor<3xf32>
}

// -----

// An active op with several results. No op that implements
// DerivativeOpInterface has several results, so the missing rule is
// reported first (the "has N results" check in checkActiveOps cannot be
// reached from IR).
func.func @forward(%w: tensor<4xf32> {adj.leaf = "param"}) -> tensor<f32> {
  // expected-error@+1 {{'test.split' op is on a path from a param to the differentiated result but has no derivative rule (DerivativeOpInterface)}}
  %a:2 = "test.split"(%w) : (tensor<4xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  %l = adj.sum %a#1, [0] : (tensor<2xf32>) -> tensor<f32>
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

// expected-error@+1 {{'func.func' op param argument #0 has type 'tensor<3xi32>'; a param must be a ranked tensor of floats}}
func.func @forward(%w: tensor<3xi32> {adj.leaf = "param"}) -> tensor<3xi32> {
  return %w : tensor<3xi32>
}

// -----

// expected-error@+1 {{'func.func' op must have a single block (a static graph) to be differentiated}}
func.func @forward(%w: tensor<f32> {adj.leaf = "param"}) -> tensor<f32> {
  cf.br ^bb1(%w : tensor<f32>)
^bb1(%v: tensor<f32>):
  return %v : tensor<f32>
}

// -----

// expected-error@+1 {{'func.func' op has no body to differentiate}}
func.func private @forward(%w: tensor<f32> {adj.leaf = "param"}) -> tensor<f32>

// -----

// The pass does not overwrite an existing @jvp ...
// expected-error@+1 {{'func.func' op cannot be differentiated into @jvp: the symbol already exists}}
func.func @forward(%w: tensor<f32> {adj.leaf = "param"}) -> tensor<f32> {
  return %w : tensor<f32>
}
func.func @jvp() {
  return
}

// -----

// ... nor an existing @hvp (the error is at the function differentiated,
// @grad).
func.func @forward(%w: tensor<f32> {adj.leaf = "param"}) -> tensor<f32> {
  return %w : tensor<f32>
}
// expected-error@+1 {{'func.func' op cannot be differentiated into @hvp: the symbol already exists}}
func.func @grad(%w: tensor<f32> {adj.leaf = "param"}) -> (tensor<f32>, tensor<f32>) {
  return %w, %w : tensor<f32>, tensor<f32>
}
func.func @hvp() {
  return
}

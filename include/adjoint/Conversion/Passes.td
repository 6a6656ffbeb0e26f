//===- Passes.td - adjoint's conversion passes -------------*- tablegen -*-===//
//
// Conversions out of the `adj` dialect.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_CONVERSION_PASSES_TD
#define ADJOINT_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertAdjToLinalgPass : Pass<"convert-adj-to-linalg"> {
  let summary = "Lower adj ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Rewrites every `adj` op into ops on tensors: elementwise ops and
    broadcasts become `linalg.generic` with broadcasting indexing maps,
    matmul a contraction, reductions `linalg.generic` reductions (f32 sums
    accumulate in f64), reshape `tensor.collapse_shape`/`expand_shape`,
    slice and concat `tensor.extract_slice`/`insert_slice`. The stable ops
    (`logsumexp`, `softmax`, `log_softmax`) subtract the maximum first.
    After this pass no `adj` op remains.

    Conventions: f32 sums, means, the softmax normalizers and matmul
    contractions accumulate in f64 and truncate once. `max` uses
    `arith.maximumf`, so NaN propagates. The stable ops shift by the maximum
    `m` when it is finite and by 0 otherwise, so an all `-inf` slice gives
    `logsumexp = -inf`. `relu(x) = select(x ugt 0, x, 0)`, so
    `relu(NaN) = NaN`. The output is destination-passing style on tensors
    and bufferizes with `one-shot-bufferize`.

    ```mlir
    %y = adj.sum %x, [1] : (tensor<2x3xf32>) -> tensor<2xf32>
    // becomes
    %zero = arith.constant 0.0 : f64
    %init = linalg.fill ins(%zero : f64) outs(%e : tensor<2xf64>)
    %acc = linalg.generic {iterator_types = ["parallel", "reduction"], ...}
        ins(%x : tensor<2x3xf32>) outs(%init : tensor<2xf64>) {
      // extf each element, addf in f64
    }
    %y = linalg.generic ... // truncf to tensor<2xf32>
    ```
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect",
    "mlir::linalg::LinalgDialect",
    "mlir::math::MathDialect",
    "mlir::tensor::TensorDialect",
  ];
}

#endif // ADJOINT_CONVERSION_PASSES_TD

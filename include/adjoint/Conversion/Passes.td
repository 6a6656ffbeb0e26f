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
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect",
    "mlir::linalg::LinalgDialect",
    "mlir::math::MathDialect",
    "mlir::tensor::TensorDialect",
  ];
}

#endif // ADJOINT_CONVERSION_PASSES_TD

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

def FreeEarlyPass : Pass<"adj-free-early", "mlir::func::FuncOp"> {
  let summary = "Free each buffer right after its last use";
  let description = [{
    Part of the lowering to the LLVM dialect, after bufferization and the
    deallocation pipeline, which frees buffers at the end of their block.
    Moves each `memref.dealloc` of a `memref.alloc` of the same block up to
    just after the last op of the block that uses the buffer or a view of
    it (an op whose region uses it counts as a use), so a buffer's memory
    is given back as soon as nothing needs it and peak memory is the
    largest set of buffers live at once, not their sum.

    ```mlir
    %a = memref.alloc() : memref<4xf32>
    linalg.generic ... outs(%a : memref<4xf32>)
    %b = memref.alloc() : memref<4xf32>
    linalg.generic ... ins(%a : memref<4xf32>) outs(%b : memref<4xf32>)
    %c = memref.alloc() : memref<4xf32>
    linalg.generic ... ins(%b : memref<4xf32>) outs(%c : memref<4xf32>)
    memref.dealloc %a : memref<4xf32>
    memref.dealloc %b : memref<4xf32>
    // becomes: %a freed before %c is allocated
    ...
    linalg.generic ... ins(%a : memref<4xf32>) outs(%b : memref<4xf32>)
    memref.dealloc %a : memref<4xf32>
    %c = memref.alloc() : memref<4xf32>
    linalg.generic ... ins(%b : memref<4xf32>) outs(%c : memref<4xf32>)
    memref.dealloc %b : memref<4xf32>
    ```
  }];
  let dependentDialects = ["mlir::memref::MemRefDialect"];
}

def EntryStatusPass : Pass<"adj-entry-status", "mlir::ModuleOp"> {
  let summary = "Entry points return an i32 status: 0, or 1 when an "
                "allocation failed";
  let description = [{
    Part of the lowering to the LLVM dialect, after bufferization and
    `convert-scf-to-cf` (so bodies are plain CFGs of blocks) and before
    `finalize-memref-to-llvm`. Every public function with a body, which
    must have no results (results are out-parameters by then), gets an
    `i32` result: each `func.return` returns 0, and after each
    `memref.alloc` a `cf.cond_br` on the allocation's aligned pointer being
    null branches to a block that returns 1. This is how the C ABI reports
    that memory could not be obtained; buffers allocated before the failure
    are not freed on that path.

    ```mlir
    func.func @f(%out: memref<4xf32>) {
      %a = memref.alloc() : memref<4xf32>
      ...
      return
    }
    // becomes
    func.func @f(%out: memref<4xf32>) -> i32 {
      %a = memref.alloc() : memref<4xf32>
      %p = memref.extract_aligned_pointer_as_index %a : memref<4xf32> -> index
      %null = arith.cmpi eq, %p, %c0 : index
      cf.cond_br %null, ^failed, ^ok
    ^ok:
      ...
      %c0_i32 = arith.constant 0 : i32
      return %c0_i32 : i32
    ^failed:
      %c1_i32 = arith.constant 1 : i32
      return %c1_i32 : i32
    }
    ```
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect",
    "mlir::cf::ControlFlowDialect",
    "mlir::memref::MemRefDialect",
  ];
}

#endif // ADJOINT_CONVERSION_PASSES_TD

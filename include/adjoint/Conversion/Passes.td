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
    contractions of more than 256 terms accumulate in f64 and truncate
    once; shorter contractions accumulate in the element type. A matmul
    operand that is a transpose of its last two dimensions is read through
    a swapped indexing map instead of a transposed copy. `max` uses
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

def ResultsInPlacePass : Pass<"adj-results-in-place", "mlir::func::FuncOp"> {
  let summary = "Compute results straight into their out-parameters";
  let description = [{
    Part of the lowering to the LLVM dialect, right after
    `buffer-results-to-out-params`, which makes each result a `linalg.copy`
    from the buffer that holds it into an out-parameter. When that buffer
    is a `memref.alloc` of the entry block, of the out-parameter's type,
    copied into exactly one out-parameter that nothing else uses, the
    allocation is replaced by the out-parameter and the copy is erased: the
    result is computed in place, with no buffer of its own and no copy. A
    value returned twice, or a result that is an argument or a constant,
    keeps its copy. Callers must not let a result overlap an argument (the
    C ABI, docs/aot.md), since results may now be written before the
    arguments are last read.

    ```mlir
    func.func @f(%x: memref<4xf32>, %out: memref<4xf32>) {
      %a = memref.alloc() : memref<4xf32>
      linalg.generic ... ins(%x : memref<4xf32>) outs(%a : memref<4xf32>)
      linalg.copy ins(%a : memref<4xf32>) outs(%out : memref<4xf32>)
      return
    }
    // becomes
    func.func @f(%x: memref<4xf32>, %out: memref<4xf32>) {
      linalg.generic ... ins(%x : memref<4xf32>) outs(%out : memref<4xf32>)
      return
    }
    ```
  }];
  let dependentDialects = ["mlir::memref::MemRefDialect"];
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

def ArenaPlanPass : Pass<"adj-arena-plan", "mlir::func::FuncOp"> {
  let summary = "Place a function's buffers in one arena at static offsets";
  let description = [{
    Part of the lowering to the LLVM dialect, right after `adj-free-early`
    (whose order of deallocations gives each buffer its lifetime). In the
    function's entry block, every `memref.alloc` of a static shape with the
    identity layout in the default memory space that has a `memref.dealloc`
    in the same block is a buffer, live from its allocation to its
    deallocation (other allocations are left as they are: without a
    deallocation in the block a buffer may outlive the call). Each buffer
    gets an offset, a multiple of 64 bytes, in one arena: buffers live at
    the same time never overlap, and with `share-space` (the default)
    buffers that are not may share bytes (greedy first fit, largest first;
    `adjoint::planArena`). The allocations become `memref.view`s of one
    `memref.alloc() {alignment = 64, adj.arena}` at the start of the block,
    freed before the block's terminator; the buffers' deallocations go. A
    function with no buffer gets no arena.

    The function records its plan in integer attributes:
    `adj.arena_size` (the arena's bytes), `adj.arena_buffers` (how many
    buffers it holds) and `adj.arena_lower_bound`, the largest total, at
    one point of the block, of the buffers live there, each rounded up to
    64 bytes. No placement of 64-byte-aligned buffers in this order needs
    less, so the size is at least the bound; without `share-space` the
    size is the sum of all the buffers (the plan that keeps everything).
    With `max-bytes` (the driver's `--max-memory`), an arena larger than
    that is an error at the largest buffer's location (the model's, for
    the driver), with notes at the next two, and the pass fails.

    ```mlir
    %a = memref.alloc() : memref<4xf32>
    %b = memref.alloc() : memref<4xf32>
    ... reads %a, writes %b
    memref.dealloc %a : memref<4xf32>
    %c = memref.alloc() : memref<4xf32>
    ... reads %b, writes %c
    memref.dealloc %b : memref<4xf32>
    memref.dealloc %c : memref<4xf32>
    // becomes: %c reuses the bytes of %a, and the arena is two 64-byte
    // slots (adj.arena_size = 128, adj.arena_lower_bound = 128)
    %arena = memref.alloc() {adj.arena, alignment = 64 : i64} : memref<128xi8>
    %a = memref.view %arena[%c0][] : memref<128xi8> to memref<4xf32>
    %b = memref.view %arena[%c64][] : memref<128xi8> to memref<4xf32>
    ...
    %c = memref.view %arena[%c0][] : memref<128xi8> to memref<4xf32>
    ...
    memref.dealloc %arena : memref<128xi8>
    return
    ```
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect",
    "mlir::memref::MemRefDialect",
  ];
  let options = [
    Option<"shareSpace", "share-space", "bool", /*default=*/"true",
           "Let buffers whose lifetimes do not overlap share space; false "
           "gives each buffer its own">,
    Option<"maxBytes", "max-bytes", "int64_t", /*default=*/"0",
           "Fail, naming the largest buffers, when a function's arena would "
           "be larger than this many bytes (0: no limit)">,
  ];
}

def OutlineLoopsPass : Pass<"adj-outline-loops", "mlir::ModuleOp"> {
  let summary = "Split long functions into calls of bounded size";
  let description = [{
    Part of the lowering to the LLVM dialect, right after `adj-arena-plan`.
    A model of thousands of ops is one function of thousands of loop
    nests, and much of what comes after it is superlinear in the length of
    one block (splitting blocks in `convert-scf-to-cf`, and LLVM's
    optimization and code generation of one huge function). This pass cuts
    each function whose loop nests (the ops of its entry block that have
    no results: `linalg` ops on buffers) hold more than `max-ops` ops into
    runs of consecutive loop nests of at most `max-ops` ops each (a larger
    nest alone), and moves each run into a private function
    `@NAME.partK`, marked `no_inline` so LLVM optimizes each alone, called
    where the run was.

    A part takes the buffers it touches as memref arguments. Constants and
    side-effect-free ops whose operands it can have too (the
    `memref.view`s of the arena, with their offsets) are copied into the
    part rather than passed, so each part takes the arena and the
    function's own arguments, and LLVM still sees every buffer as an
    offset into the arena. A run that would need an argument of another
    type (one not passed as a bare pointer) stays where it is. The ops run
    in the same order on the same buffers, so results are bitwise those of
    the unsplit function.

    ```mlir
    func.func @forward(%x: memref<16xf32>, %y: memref<16xf32>) {
      %arena = memref.alloc() : memref<1024xi8>
      %v0 = memref.view %arena[%c0][] : memref<1024xi8> to memref<16xf32>
      linalg.generic ... ins(%x) outs(%v0)   // ... many of them
      memref.dealloc %arena : memref<1024xi8>
      return
    }
    // becomes
    func.func @forward(%x: memref<16xf32>, %y: memref<16xf32>) {
      %arena = memref.alloc() : memref<1024xi8>
      call @forward.part0(%x, %arena) : (memref<16xf32>, memref<1024xi8>) -> ()
      call @forward.part1(%y, %arena) : (memref<16xf32>, memref<1024xi8>) -> ()
      memref.dealloc %arena : memref<1024xi8>
      return
    }
    func.func private @forward.part0(%x: memref<16xf32>, %arena: memref<1024xi8>)
        attributes {no_inline} {
      %v0 = memref.view %arena[%c0][] : memref<1024xi8> to memref<16xf32>
      linalg.generic ... ins(%x) outs(%v0)   // the first run
      return
    }
    ```
  }];
  let options = [
    Option<"maxOps", "max-ops", "unsigned", /*default=*/"512",
           "The most ops (counting those in regions) in one part">,
  ];
}

def WorkspaceEntriesPass : Pass<"adj-workspace-entries", "mlir::ModuleOp"> {
  let summary = "Add the entry points that run in a caller's workspace";
  let description = [{
    Part of the lowering to the LLVM dialect for ahead-of-time objects,
    after `adj-arena-plan` and `adj-entry-status`. For each public function
    `@E` with a body (which must carry `adj.arena_size`, N bytes) it adds
    two public functions:

    - `@E_workspace`: `@E` with one more argument, `memref<Nxi8>`, used as
      the arena (`memref.alloc` marked `adj.arena`) instead of allocating
      it, so it allocates nothing. adj-entry-status's null check on the
      arena becomes a check of that argument: the variant returns 1 when
      it is null (and N > 0).
    - `@E_workspace_size`: returns N as an `i64`.

    ```mlir
    func.func @f(%out: memref<4xf32>) -> i32 attributes {adj.arena_size = 128 : i64, ...} {
      %arena = memref.alloc() {adj.arena, alignment = 64 : i64} : memref<128xi8>
      ...
      memref.dealloc %arena : memref<128xi8>
      return %c0_i32 : i32
    }
    // adds
    func.func @f_workspace(%out: memref<4xf32>, %workspace: memref<128xi8>) -> i32 {
      ... (%workspace where @f has %arena; no alloc, no dealloc)
    }
    func.func @f_workspace_size() -> i64 {
      %size = arith.constant 128 : i64
      return %size : i64
    }
    ```
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect",
    "mlir::memref::MemRefDialect",
  ];
}

def AccumulateSumsPass : Pass<"adj-accumulate-sums"> {
  let summary = "Sum reductions add into the value they are added to";
  let description = [{
    Rewrites `T + R` (an elementwise add on tensors) where R is a sum
    reduction into zeros (a `linalg.generic` whose output starts as a
    `linalg.fill` of zero and whose body yields `out + term`: a matmul, a
    sum over a batch) used only by that add, and of the same type, into R
    with T as its initial value. The add's loop and R's buffer go away.
    Reverse mode adds up the gradient of a weight that a recurrence uses
    at every step as `dW = X1^T dZ1 + X2^T dZ2 + ...`: the per-step
    matmuls then add into one accumulator in turn (with
    adj-matmul-kernel, into C directly) instead of each filling a buffer
    of its own for one sum at the end. The rounding is that of the
    original adds: each matmul block's sum is added to C once.

    ```mlir
    %r = linalg.generic ... ins(%a, %b) outs(%zeros) { out + a * b }
    %s = linalg.generic ... ins(%t, %r) { t + r }
    // becomes
    %s = linalg.generic ... ins(%a, %b) outs(%t) { out + a * b }
    ```
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def FuseElementwisePass : Pass<"adj-fuse-elementwise"> {
  let summary = "Fuse elementwise linalg.generic ops into their only user";
  let description = [{
    Runs MLIR's elementwise fusion of `linalg.generic` ops on tensors, with
    one condition on each fusion: the producer (all-parallel) has exactly
    one use, and the consumer reads each of its elements once, its indexing
    map for the producer being a permutation of the consumer's loops. So a
    chain of elementwise ops, the local-gradient ops of the reverse sweep
    among them, becomes one loop with no buffer in between, and so does an
    elementwise chain with the reduction it feeds; a value with several
    users stays materialized, and so does one read through a broadcast or
    by a matmul, whose maps leave out a loop. The exception is a cheap
    value (once fused, at most 2 arith ops, like a difference `x - m` or a
    broadcast) with several users that would all fuse it: after a first
    round of fusion it is copied into each user and fused again, so it is
    computed once per user but never goes through memory (gmm's gradient
    reads `x - means` over 1000 x 25 x 10 elements in two reductions).
    A fused body stays within `max-body-ops` ops (counted before the math
    approximations expand them), so a chain of thousands of ops becomes a
    few loops rather than one body that LLVM needs minutes to compile.

    ```mlir
    %a = linalg.generic {iterator_types = ["parallel"]} ins(%x) { negf }
    %b = linalg.generic {iterator_types = ["parallel"]} ins(%a) { exp }
    // becomes one generic whose body is negf then exp
    ```
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
  let options = [
    Option<"maxBodyOps", "max-body-ops", "unsigned", /*default=*/"64",
           "The most ops a fused loop body may have">,
  ];
}

def ApproximateMathPass : Pass<"adj-approximate-math"> {
  let summary = "Replace f32 transcendental functions by polynomial "
                "approximations that vectorize";
  let description = [{
    Applies MLIR's polynomial approximations
    (`populateMathPolynomialApproximationPatterns`) to f32 `math` ops:
    `exp`, `log`, `tanh`, `sin`, `cos` and the others it covers become
    plain arithmetic (range reduction, a polynomial or rational
    approximation, bit manipulation), which LLVM's loop vectorizer turns
    into SIMD code. Without it `convert-math-to-libm` makes them calls to
    `expf`, `tanhf`, ..., one per element, and a loop with a call does not
    vectorize. MLIR's approximations cover f32 only; f64 `exp` (softmax,
    logsumexp, sigmoid in f64 models) gets our own expansion (ExpF64.cpp:
    Cody-Waite reduction by ln 2, a degree-13 polynomial, 2^k built in the
    exponent field, within 2 ulp, with overflow, subnormals and NaN as
    libm has them). Other f64 ops stay libm calls. The approximations are
    accurate to a few ulp (test/Integration: the oracles compare against
    NumPy and PyTorch; `exp_f64_range` covers f64 exp's whole range).

    ```mlir
    %y = math.tanh %x : f32
    // becomes a clamp of %x, a rational approximation in arith ops
    ```
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect",
    "mlir::math::MathDialect",
    "mlir::vector::VectorDialect",
  ];
}

def MatmulKernelPass : Pass<"adj-matmul-kernel", "mlir::ModuleOp"> {
  let summary = "Register-tiled, vectorized loops for matmul contractions "
                "on buffers";
  let description = [{
    Rewrites each `linalg.generic` on buffers that is a contraction
    (`C[b.., m, n] += A[.., m, k] * B[.., k, n]`, a multiply then an add,
    every operand of one f32 or f64 element type; either operand may be
    read transposed through its indexing map) into loops over register
    tiles of `vector` ops, so the accumulators stay in registers while k
    runs:

    - the **row kernel**, when B and C run along n in memory: a tile of
      up to 6 rows by 2 vectors of C; for each k, two vector loads of B's
      row, then one broadcast of A's element and one `vector.fma` per row
      and vector. Columns past the last full tile use masked loads and
      stores, rows past the last full tile one smaller tile.
    - the **dot kernel**, when A and B both run along k (a transposed
      rhs, as `dX = dY W^T` reads W): a tile of 4 rows by 4 columns whose
      16 accumulators are vectors along k, reduced once per tile; the last
      partial vector of k is a masked load.

    k runs in blocks: each block's sums start at zero in registers and are
    added to C at the end of the block, so a long contraction rounds as a
    blocked sum, not a sequential one. Each register lane sums at most 256
    terms per block: the row kernel's blocks are 256 terms, the dot
    kernel's 256 vectors (its lanes take every vector-length-th term, and
    each block ends in 16 horizontal reductions, which longer blocks make
    rarer). Loops run over blocks
    of k, then columns, then rows, so a block of B stays in cache while
    the rows of A pass over it. A contraction the kernels do not cover
    (mixed element types, both operands transposed) stays a
    `linalg.generic`.

    A `linalg.fill` of zero into exactly C right in front of the
    contraction (as the lowering of matmul produces) is erased, and the
    kernel overwrites C instead: the first block of k stores its sums
    without reading C (known statically when k has one block, else tested
    per block), which saves a pass over C for the fill and one for the
    first read.

    Each kernel is a private function `@adj_matmul_kernel(_N)` taking the
    three buffers, and each contraction becomes a call of it: contractions
    with the same operand types and indexing maps, and both or neither
    overwriting C (the steps of an
    unrolled recurrence, a layer's forward and reverse) share one, so the
    code to compile grows with the distinct shapes, not with the matmuls.

    ```mlir
    linalg.generic {iterator_types = ["parallel", "reduction", "parallel"]}
        ins(%a, %b : memref<64x784xf32>, memref<784x256xf32>)
        outs(%c : memref<64x256xf32>) { mulf, addf }
    // becomes
    call @adj_matmul_kernel(%a, %b, %c)
    // whose body is scf.for loops around vector.load, vector.broadcast,
    // arith.mulf and arith.addf on vector<16xf32> accumulators
    // (vector-bits=512)
    ```
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect",
    "mlir::func::FuncDialect",
    "mlir::memref::MemRefDialect",
    "mlir::scf::SCFDialect",
    "mlir::vector::VectorDialect",
  ];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"256",
           "The width of the target's vector registers, in bits">,
  ];
}

def LinalgToLoopsPass : Pass<"adj-linalg-to-loops"> {
  let summary = "Lower linalg ops on buffers to loops, parallel ones where "
                "the outermost loop is parallel";
  let description = [{
    With `parallel`, a linalg op whose outermost loop is parallel becomes
    an `scf.parallel` over its parallel dimensions with its reduction
    loops inside (as `convert-linalg-to-parallel-loops` does), which
    `adj-parallel-loops` may give to threads; an op whose outermost loop
    is a reduction (the sum over a batch of a weight's or a bias's
    gradient) becomes `scf.for` loops in its own order, as
    `convert-linalg-to-loops` does, because making its parallel
    dimensions outermost would walk its input across rows, column by
    column. Without `parallel` every op becomes `scf.for` loops (the
    pipeline's choice with one thread).

    A generic whose reduction loops are innermost and whose outputs are
    indexed by its parallel loops alone (row sums, logsumexp over the last
    axis, a contraction the matmul kernels leave) loads each output
    element once, carries it through the reduction loops as an `scf.for`
    iteration argument, and stores it once. MLIR's own lowering loads and
    stores it in every iteration; since every buffer is a view of one
    arena, LLVM could not prove that store harmless to the inputs, so it
    kept the accumulator in memory and did not vectorize the reduction.

    With `vector-bits`, a generic whose innermost loop is parallel, short
    (at most 4 vectors) and static, along which every operand is
    contiguous or invariant, and whose body is elementwise float ops,
    has that loop written as vector code of that width: contiguous
    (masked, for the last vector) loads and stores, broadcasts of the
    invariant operands, the body on vectors. LLVM would unroll such a loop
    completely and vectorize the loop around it with gathers and scatters
    (gmm's gradient, whose inner loop is its 10 dimensions).

    ```mlir
    // iterator_types = ["reduction", "parallel"]: sequential, rows outside
    linalg.generic ins(%g : memref<1000x25xf64>) outs(%s : memref<25xf64>)
    // becomes scf.for %i { scf.for %j { ... } }
    ```
  }];
  let dependentDialects = [
    "mlir::affine::AffineDialect",
    "mlir::memref::MemRefDialect",
    "mlir::scf::SCFDialect",
    "mlir::vector::VectorDialect",
  ];
  let options = [
    Option<"parallel", "parallel", "bool", /*default=*/"true",
           "Lower ops whose outermost loop is parallel to scf.parallel">,
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"0",
           "Vector register width for short inner loops (0: none)">,
  ];
}

def ParallelLoopsPass : Pass<"adj-parallel-loops"> {
  let summary = "Keep the outermost large scf.parallel loops for threads; "
                "make the others sequential";
  let description = [{
    With `--threads` other than 1, linalg ops whose outermost loop is
    parallel become `scf.parallel` loops over their parallel dimensions
    (`adj-linalg-to-loops`),
    and the matmul kernels' loops over column tiles are `scf.parallel` too.
    This pass decides which of them `convert-scf-to-openmp` turns into
    OpenMP parallel loops: an outermost `scf.parallel` whose estimated work
    (its trip count times the ops of its body, nested loops multiplied by
    their trip counts) is at least `min-work`. Every other one, nested in a
    threaded loop or too small to pay for waking the threads, becomes
    nested `scf.for` loops. Each iteration runs the same ops on the same
    data whichever thread runs it, so the results do not depend on the
    number of threads.

    ```mlir
    scf.parallel (%i) = (%c0) to (%c4096) step (%c1) {   // work 4096 * 40
      scf.parallel (%j) = (%c0) to (%c8) step (%c1) {   // nested
        ...
      }
    }
    // the outer loop stays, the inner becomes
    // scf.for %j = %c0 to %c8 step %c1 { ... }
    ```
  }];
  let dependentDialects = ["mlir::scf::SCFDialect"];
  let options = [
    Option<"minWork", "min-work", "int64_t", /*default=*/"100000",
           "The least estimated work (ops executed) of a loop run on "
           "threads">,
  ];
}

#endif // ADJOINT_CONVERSION_PASSES_TD

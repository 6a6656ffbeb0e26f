//===- Passes.td - Transformations of the adj dialect ------*- tablegen -*-===//
//
// The automatic-differentiation passes on `adj` functions.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_DIALECT_ADJ_TRANSFORMS_PASSES_TD
#define ADJOINT_DIALECT_ADJ_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def ReverseModePass : Pass<"adj-reverse-mode", "mlir::ModuleOp"> {
  let summary = "Build reverse-mode adjoint functions @grad and @vjp";
  let description = [{
    From a function of `adj` ops (by default `@forward`, whose arguments
    carry `adj.leaf = "input"|"param"`), builds `@grad` (same arguments;
    results: the first result, then one gradient per param) and `@vjp`
    (arguments, then one cotangent per result; results: one gradient per
    param). A forward sweep recomputes the function; the reverse sweep
    walks ops in reverse order from the seed, calls each op's
    DerivativeOpInterface::buildVJP and sums cotangents of values used more
    than once. Only active values (depending on a param and reaching a
    result) get adjoint code; a param the result does not depend on gets a
    zero gradient. `@grad` needs a scalar first result: otherwise the pass
    reports an error at the result's location.
  }];
  let dependentDialects = ["::adjoint::adj::AdjDialect"];
  let options = [
    Option<"function", "function", "std::string", /*default=*/"\"forward\"",
           "The function to differentiate">,
    Option<"buildGrad", "grad", "bool", /*default=*/"true",
           "Build @grad (needs a scalar first result)">,
    Option<"buildVjp", "vjp", "bool", /*default=*/"true",
           "Build @vjp">,
  ];
}

def ForwardModePass : Pass<"adj-forward-mode", "mlir::ModuleOp"> {
  let summary = "Build forward-mode tangent functions @jvp and @hvp";
  let description = [{
    From a function of `adj` ops (by default `@forward`, whose arguments
    carry `adj.leaf = "input"|"param"`), builds `@jvp` (arguments, then one
    tangent per param; results: the function's results, then the tangent of
    each). One sweep in program order clones each op and, for every active
    op (depending on a param and reaching a result), calls
    DerivativeOpInterface::buildJVP with its operands' tangents.

    With `hvp`, it also builds `@hvp` by the same sweep over the gradient
    function `@grad` that adj-reverse-mode built (forward over reverse):
    arguments, then one vector per param; results: the Hessian of the loss
    times the vector, one per param. The pass works on any function of
    `adj` ops, including those reverse mode builds.
  }];
  let dependentDialects = ["::adjoint::adj::AdjDialect"];
  let options = [
    Option<"function", "function", "std::string", /*default=*/"\"forward\"",
           "The function to differentiate into @jvp">,
    Option<"buildJvp", "jvp", "bool", /*default=*/"true", "Build @jvp">,
    Option<"gradFunction", "grad-function", "std::string",
           /*default=*/"\"grad\"",
           "The gradient function (loss, then gradients) to differentiate "
           "into @hvp">,
    Option<"buildHvp", "hvp", "bool", /*default=*/"false", "Build @hvp">,
  ];
}

def RematPass : Pass<"adj-remat", "mlir::func::FuncOp"> {
  let summary = "Recompute cheap forward values in the reverse sweep "
                "instead of keeping them";
  let description = [{
    Runs on functions built by `adj-reverse-mode`. Their forward sweep is
    the ops before the first op with a provenance marker; a forward value
    the reverse sweep reads is kept, from its op to its last use, across
    the turn where memory peaks. This pass recomputes some of the kept
    values whose ops are Recomputable (elementwise, broadcast, reshape,
    constant) right before their first use in the reverse sweep, from
    arguments and values kept anyway, and marks the copies
    `fused<"adj.remat">[LOC]`. `mode=none` changes nothing; `cheap`
    recomputes a value by its own op alone when that op reads only
    arguments, constants and kept values; `auto` first keeps every
    ceil(sqrt(n))-th of the n such values as a checkpoint and recomputes
    each run between checkpoints at once when the work added is at most 4
    times the elements saved, then does what `cheap` does. Copies run the
    same ops on the same operands, so the results are bitwise the same.
    Run it before CSE would merge the copies back (the adjoint pipeline
    runs CSE on `adj` before it, and none after).

    ```mlir
    // A chain: y1 = tanh(x), y2 = tanh(y1); tanh's rule reads its result.
    %y1 = adj.tanh %x : tensor<4xf32>
    %y2 = adj.tanh %y1 : tensor<4xf32>
    ...                               // the reverse sweep begins
    %d2 = ... %y2 ...  loc(fused<"adj.vjp">[...])
    %d1 = ... %y1 ...  loc(fused<"adj.vjp">[...])
    // with mode=cheap, y2 is recomputed from y1, which is kept anyway
    %y2r = adj.tanh %y1 : tensor<4xf32> loc(fused<"adj.remat">[...])
    %d2 = ... %y2r ...
    ```
  }];
  let options = [
    Option<"mode", "mode", "std::string", /*default=*/"\"auto\"",
           "What to recompute: none, cheap or auto">,
  ];
}

#endif // ADJOINT_DIALECT_ADJ_TRANSFORMS_PASSES_TD

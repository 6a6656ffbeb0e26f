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

#endif // ADJOINT_DIALECT_ADJ_TRANSFORMS_PASSES_TD

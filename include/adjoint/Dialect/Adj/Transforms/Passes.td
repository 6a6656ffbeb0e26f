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

#endif // ADJOINT_DIALECT_ADJ_TRANSFORMS_PASSES_TD

//===- DerivativeOpInterface.td - Per-op derivative rules --*- tablegen -*-===//
//
// The interface through which every differentiable op gives its local
// gradient. The AD passes only walk the graph and call it; they know no op
// by name.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_INTERFACES_DERIVATIVEOPINTERFACE_TD
#define ADJOINT_INTERFACES_DERIVATIVEOPINTERFACE_TD

include "mlir/IR/OpBase.td"

def DerivativeOpInterface : OpInterface<"DerivativeOpInterface"> {
  let cppNamespace = "::adjoint";
  let description = [{
    An op with one result that knows its vector-Jacobian product (VJP):
    given the cotangent `g` of its result, it builds the cotangent of each
    operand as ops at the builder's insertion point. A rule may read the
    op's operands and result (the forward values it saves). Tie and kink
    conventions follow the model format: `maximum`/`minimum` ties go to the
    first operand, `max` reductions to the first maximal element in
    row-major order, `relu'(0) = abs'(0) = 0`. Broadcasting ops reduce the
    cotangent back to each operand's shape.
  }];
  let methods = [
    InterfaceMethod<[{
        Builds the operand cotangents from `resultCotangent` (of the result's
        type). Returns one entry per operand: a value of that operand's type,
        or a null Value where `needed[i]` is false (the rule may skip that
        work) or the operand has no derivative.
      }],
      "::llvm::SmallVector<::mlir::Value>", "buildVJP",
      (ins "::mlir::OpBuilder &":$builder, "::mlir::Value":$resultCotangent,
           "::llvm::ArrayRef<bool>":$needed)>,
  ];
}

#endif // ADJOINT_INTERFACES_DERIVATIVEOPINTERFACE_TD

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
    An op with one result that knows its local derivative in both
    directions. Its vector-Jacobian product (VJP), for reverse mode: given
    the cotangent `g` of its result, it builds the cotangent of each
    operand. Its Jacobian-vector product (JVP), for forward mode: given the
    tangents of its operands, it builds the tangent of its result. Both
    build ops at the builder's insertion point and may read the op's
    operands and result (the forward values they save). Tie and kink
    conventions follow the model format: `maximum`/`minimum` ties go to the
    first operand, `max` reductions to the first maximal element in
    row-major order, `relu'(0) = abs'(0) = 0`. Broadcasting ops reduce the
    cotangent back to each operand's shape, and broadcast each operand's
    tangent to the result's shape. Both methods are required: an op without
    a rule in either direction does not compile. Each op also declares which
    forward values its VJP reads (getVJPReads): those, and nothing else,
    are what the reverse sweep must keep (or recompute) for it.
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
    InterfaceMethod<[{
        The forward values (this op's operands or its result) that buildVJP
        reads when called with `needed`, each once. The reverse sweep checks
        that the rule reads no other forward value.
      }],
      "::llvm::SmallVector<::mlir::Value>", "getVJPReads",
      (ins "::llvm::ArrayRef<bool>":$needed)>,
    InterfaceMethod<[{
        Builds the tangent of the result (of the result's type) from
        `operandTangents`: one entry per operand, a value of that operand's
        type, or a null Value for an operand whose tangent is zero (at
        least one is not null). Returns a null Value when the result's
        tangent is zero whatever the operands' (a comparison, say).
      }],
      "::mlir::Value", "buildJVP",
      (ins "::mlir::OpBuilder &":$builder,
           "::mlir::ValueRange":$operandTangents)>,
  ];
}

#endif // ADJOINT_INTERFACES_DERIVATIVEOPINTERFACE_TD

//===- AdjBase.td - The adj dialect and its base classes ---*- tablegen -*-===//
//
// The `adj` dialect: tensor-level ops, one per op of the model format. Values
// are ranked tensors of f32 or f64 with static shapes (a scalar is a rank-0
// tensor). Shape rules are shared with the model parser (ShapeInference.h).
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_DIALECT_ADJ_IR_ADJBASE_TD
#define ADJOINT_DIALECT_ADJ_IR_ADJBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "adjoint/Interfaces/DerivativeOpInterface.td"

def Adj_Dialect : Dialect {
  let name = "adj";
  let cppNamespace = "::adjoint::adj";
  let hasConstantMaterializer = 1;
  let summary = "Tensor-level ops of adjoint's model format";
  let description = [{
    One op per op of the model format (docs/model-format.md). Every value is
    a statically shaped `tensor` of `f32` or `f64`; scalars are rank-0
    tensors. Elementwise binary ops broadcast as NumPy does. Each op's
    verifier checks its result type with the same shape rules the model
    parser uses, so IR from the importer and hand-written IR obey one
    contract.
  }];
}

/// A statically shaped tensor of the model's element type.
def Adj_Tensor : TensorRankOf<[F32, F64], [0, 1, 2, 3, 4, 5, 6]>;

/// A dense floating-point constant.
def Adj_DenseFPElementsAttr : ElementsAttrBase<
    CPred<"::llvm::isa<::mlir::DenseFPElementsAttr>($_self)">,
    "dense floating-point elements attribute"> {
  let storageType = "::mlir::DenseFPElementsAttr";
  let returnType = "::mlir::DenseFPElementsAttr";
  let convertFromStorage = "$_self";
}

/// Verifies result shape and element types with the format's shape rules.
def Adj_ShapeRules : NativeOpTrait<"ShapeRules"> {
  let cppNamespace = "::adjoint::adj";
}

/// Elementwise, a broadcast, a reshape or a constant: cheap to compute
/// again in the reverse sweep (adj-remat).
def Adj_Recomputable : NativeOpTrait<"Recomputable"> {
  let cppNamespace = "::adjoint::adj";
}

/// Every adj op is pure and gives its own VJP and JVP rules
/// (DerivativeOpInterface); the rules live in
/// lib/Dialect/Adj/IR/*Derivatives.cpp, by op family.
class Adj_Op<string mnemonic, list<Trait> traits = []>
    : Op<Adj_Dialect, mnemonic, !listconcat(
          [Pure, DeclareOpInterfaceMethods<DerivativeOpInterface>], traits)>;

#endif // ADJOINT_DIALECT_ADJ_IR_ADJBASE_TD

//===- AdjOps.td - The adj dialect's ops -------------------*- tablegen -*-===//
//
// One op per op of the model format, plus `adj.constant`. Mnemonics are the
// format's op names, which is how the shared shape rules find an op's kind.
// At the end, the internal mask ops that only derivative rules build.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_DIALECT_ADJ_IR_ADJOPS_TD
#define ADJOINT_DIALECT_ADJ_IR_ADJOPS_TD

include "adjoint/Dialect/Adj/IR/AdjBase.td"

//===----------------------------------------------------------------------===//
// Constant
//===----------------------------------------------------------------------===//

def Adj_ConstantOp : Adj_Op<"constant", [ConstantLike, Adj_Recomputable,
    AllTypesMatch<["value", "result"]>]> {
  let summary = "A constant tensor";
  let description = [{
    A dense constant; a number in a model file becomes a rank-0 constant.

    ```mlir
    %c = adj.constant dense<2.0> : tensor<f32>
    ```
  }];
  let arguments = (ins Adj_DenseFPElementsAttr:$value);
  let results = (outs Adj_Tensor:$result);
  let assemblyFormat = "$value attr-dict";
  let hasFolder = 1;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

class Adj_BinaryOp<string mnemonic, string math>
    : Adj_Op<mnemonic, [Adj_ShapeRules, Adj_Recomputable]> {
  let summary = "Elementwise `" # math # "`, broadcasting as NumPy does";
  let description = [{
    Computes `}] # math # [{` elementwise. The operands broadcast: shapes
    align at their trailing dimensions, and a dimension of 1 or a missing one
    stretches.
  }];
  let arguments = (ins Adj_Tensor:$lhs, Adj_Tensor:$rhs);
  let results = (outs Adj_Tensor:$result);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

def Adj_AddOp : Adj_BinaryOp<"add", "lhs + rhs">;
def Adj_SubOp : Adj_BinaryOp<"sub", "lhs - rhs">;
def Adj_MulOp : Adj_BinaryOp<"mul", "lhs * rhs">;
def Adj_DivOp : Adj_BinaryOp<"div", "lhs / rhs">;
def Adj_PowOp : Adj_BinaryOp<"pow", "lhs ^ rhs">;
def Adj_MaximumOp : Adj_BinaryOp<"maximum", "max(lhs, rhs)">;
def Adj_MinimumOp : Adj_BinaryOp<"minimum", "min(lhs, rhs)">;

class Adj_UnaryOp<string mnemonic, string math>
    : Adj_Op<mnemonic, [Adj_ShapeRules, SameOperandsAndResultType,
                        Adj_Recomputable]> {
  let summary = "Elementwise `" # math # "`";
  let arguments = (ins Adj_Tensor:$operand);
  let results = (outs Adj_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
}

def Adj_NegOp : Adj_UnaryOp<"neg", "-x">;
def Adj_ExpOp : Adj_UnaryOp<"exp", "exp(x)">;
def Adj_LogOp : Adj_UnaryOp<"log", "log(x)">;
def Adj_SqrtOp : Adj_UnaryOp<"sqrt", "sqrt(x)">;
def Adj_TanhOp : Adj_UnaryOp<"tanh", "tanh(x)">;
def Adj_SigmoidOp : Adj_UnaryOp<"sigmoid", "1 / (1 + exp(-x))">;
def Adj_ReluOp : Adj_UnaryOp<"relu", "max(x, 0)">;
def Adj_SinOp : Adj_UnaryOp<"sin", "sin(x)">;
def Adj_CosOp : Adj_UnaryOp<"cos", "cos(x)">;
def Adj_AbsOp : Adj_UnaryOp<"abs", "|x|">;
def Adj_SquareOp : Adj_UnaryOp<"square", "x * x">;

//===----------------------------------------------------------------------===//
// Structural
//===----------------------------------------------------------------------===//

def Adj_MatMulOp : Adj_Op<"matmul", [Adj_ShapeRules]> {
  let summary = "Batched matrix product";
  let description = [{
    `[..., m, k] x [..., k, n] -> [..., m, n]`: both operands have rank at
    least 2 and equal batch dimensions.
  }];
  let arguments = (ins Adj_Tensor:$lhs, Adj_Tensor:$rhs);
  let results = (outs Adj_Tensor:$result);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

def Adj_TransposeOp : Adj_Op<"transpose", [Adj_ShapeRules]> {
  let summary = "Permutes dimensions";
  let description = [{
    Result dimension `i` is operand dimension `perm[i]`.
  }];
  let arguments = (ins Adj_Tensor:$operand, DenseI64ArrayAttr:$perm);
  let results = (outs Adj_Tensor:$result);
  let assemblyFormat =
      "$operand `,` $perm attr-dict `:` functional-type(operands, results)";
}

def Adj_ReshapeOp : Adj_Op<"reshape", [Adj_ShapeRules, Adj_Recomputable]> {
  let summary = "Reinterprets the elements in row-major order";
  let description = [{
    The result type gives the new shape; element counts are equal.
  }];
  let arguments = (ins Adj_Tensor:$operand);
  let results = (outs Adj_Tensor:$result);
  let assemblyFormat =
      "$operand attr-dict `:` functional-type(operands, results)";
}

def Adj_BroadcastOp : Adj_Op<"broadcast", [Adj_ShapeRules, Adj_Recomputable]> {
  let summary = "NumPy broadcast to the result's shape";
  let arguments = (ins Adj_Tensor:$operand);
  let results = (outs Adj_Tensor:$result);
  let assemblyFormat =
      "$operand attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

class Adj_ReductionOp<string mnemonic, string math>
    : Adj_Op<mnemonic, [Adj_ShapeRules]> {
  let summary = "Reduces `axes` with " # math;
  let description = [{
    Reduces the sorted, distinct, non-negative `axes` with }] # math # [{.
    With `keepdims` the reduced axes stay with size 1.
  }];
  let arguments = (ins Adj_Tensor:$operand, DenseI64ArrayAttr:$axes,
                   DefaultValuedAttr<BoolAttr, "false">:$keepdims);
  let results = (outs Adj_Tensor:$result);
  let assemblyFormat =
      "$operand `,` $axes attr-dict `:` functional-type(operands, results)";
}

def Adj_SumOp : Adj_ReductionOp<"sum", "a sum">;
def Adj_MeanOp : Adj_ReductionOp<"mean", "the mean">;
def Adj_MaxOp : Adj_ReductionOp<"max", "the maximum">;
def Adj_LogSumExpOp
    : Adj_ReductionOp<"logsumexp", "a stable `log(sum(exp(x)))`">;

class Adj_SoftmaxLikeOp<string mnemonic, string math>
    : Adj_Op<mnemonic, [Adj_ShapeRules, SameOperandsAndResultType,
                        Adj_Recomputable]> {
  let summary = "Numerically stable " # math # " along `axis`";
  let arguments = (ins Adj_Tensor:$operand, I64Attr:$axis);
  let results = (outs Adj_Tensor:$result);
  let assemblyFormat = "$operand `,` $axis attr-dict `:` type($result)";
}

def Adj_SoftmaxOp : Adj_SoftmaxLikeOp<"softmax", "softmax">;
def Adj_LogSoftmaxOp : Adj_SoftmaxLikeOp<"log_softmax", "log-softmax">;

//===----------------------------------------------------------------------===//
// Slicing
//===----------------------------------------------------------------------===//

def Adj_SliceOp : Adj_Op<"slice", [Adj_ShapeRules]> {
  let summary = "Elements `start <= i < end` along `axis`";
  let arguments = (ins Adj_Tensor:$operand, I64Attr:$axis, I64Attr:$start,
                   I64Attr:$end);
  let results = (outs Adj_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` functional-type(operands, results)";
}

def Adj_ConcatOp : Adj_Op<"concat", [Adj_ShapeRules]> {
  let summary = "Joins tensors along `axis`";
  let arguments = (ins Variadic<Adj_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs Adj_Tensor:$result);
  let assemblyFormat =
      "$inputs attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Internal ops of derivative rules
//===----------------------------------------------------------------------===//
//
// Not in the model format: only the derivative rules (DerivativeOpInterface)
// build them, for masks at kinks and ties. A mask is a tensor of the
// value's float type holding 1.0 or 0.0. They have no shape rule in the
// format, so each has its own verifier. Masks are piecewise constant: their
// own VJPs and JVPs are zero (null). They appear in @grad, so forward mode
// differentiates them again for @hvp.

class Adj_CompareOp<string mnemonic, string math>
    : Adj_Op<mnemonic, [Adj_Recomputable]> {
  let summary = "Mask `" # math # "`, broadcasting as NumPy does";
  let description = [{
    Internal: built by derivative rules. 1.0 where `}] # math # [{` holds,
    0.0 elsewhere (also where either operand is NaN), in the operands'
    float type. The operands broadcast as in `adj.add`.

    ```mlir
    %m = adj.greater_equal %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
    ```
  }];
  let arguments = (ins Adj_Tensor:$lhs, Adj_Tensor:$rhs);
  let results = (outs Adj_Tensor:$result);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Adj_GreaterOp : Adj_CompareOp<"greater", "lhs > rhs">;
def Adj_GreaterEqualOp : Adj_CompareOp<"greater_equal", "lhs >= rhs">;
def Adj_EqualOp : Adj_CompareOp<"equal", "lhs == rhs">;

def Adj_SelectOp : Adj_Op<"select", [Adj_Recomputable]> {
  let summary = "Elementwise choice by a mask, broadcasting as NumPy does";
  let description = [{
    Internal: built by derivative rules. `condition != 0 ? true_value :
    false_value` elementwise, so a NaN or infinity in the branch not taken
    never reaches the result (unlike multiplying by a mask). All three
    operands broadcast to the result's shape; a NaN condition takes
    `true_value`.

    ```mlir
    %r = adj.select %mask, %g, %zero : (tensor<4xf32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Adj_Tensor:$condition, Adj_Tensor:$true_value,
                   Adj_Tensor:$false_value);
  let results = (outs Adj_Tensor:$result);
  let assemblyFormat = "$condition `,` $true_value `,` $false_value attr-dict "
                       "`:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Adj_FirstMaxMaskOp
    : Adj_Op<"first_max_mask", [SameOperandsAndResultType]> {
  let summary = "Marks the first maximal element of each reduced slice";
  let description = [{
    Internal: built by the VJP and JVP of `adj.max`. Has the operand's shape: 1.0 at
    the first maximal element, in row-major order over the sorted, distinct
    `axes`, of each slice those axes span, 0.0 elsewhere. In a slice holding
    a NaN, the first NaN is marked (the maximum is NaN there). With no axes
    every element is marked.

    ```mlir
    %m = adj.first_max_mask %x, [1] : tensor<2x3xf32>
    ```
  }];
  let arguments = (ins Adj_Tensor:$operand, DenseI64ArrayAttr:$axes);
  let results = (outs Adj_Tensor:$result);
  let assemblyFormat = "$operand `,` $axes attr-dict `:` type($result)";
  let hasVerifier = 1;
}

#endif // ADJOINT_DIALECT_ADJ_IR_ADJOPS_TD

//===- MatmulContraction.cpp - Matmul contractions for kernels --*- C++ -*-===//
//
// Matches a linalg.generic to a Contraction: its loops by role (through
// linalg's contraction-dimension inference) and the register kernel its
// layouts allow.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/MatmulContraction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

/// True if `value` is a memref with an identity layout and a static shape.
static bool isPlainBuffer(Value value) {
  auto type = dyn_cast<MemRefType>(value.getType());
  return type && type.hasStaticShape() && type.getLayout().isIdentity();
}

/// True if the body of `op` is exactly `yield(out + lhs * rhs)`.
static bool isMultiplyAdd(linalg::GenericOp op) {
  Block &body = op.getRegion().front();
  if (body.getOperations().size() != 3)
    return false;
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  auto add = yield.getOperand(0).getDefiningOp<arith::AddFOp>();
  if (!add)
    return false;
  Value out = body.getArgument(2);
  Value product = add.getLhs() == out ? add.getRhs() : add.getLhs();
  auto multiply = product.getDefiningOp<arith::MulFOp>();
  return multiply && (add.getLhs() == out || add.getRhs() == out) &&
         multiply.getLhs() == body.getArgument(0) &&
         multiply.getRhs() == body.getArgument(1);
}

/// The loop whose index `map`'s last result is.
static unsigned getInnermostLoop(AffineMap map) {
  return cast<AffineDimExpr>(map.getResults().back()).getPosition();
}

std::optional<adjoint::Contraction>
adjoint::matchContraction(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1 || !isMultiplyAdd(op))
    return std::nullopt;
  Contraction contraction;
  contraction.lhs = op.getDpsInputs()[0];
  contraction.rhs = op.getDpsInputs()[1];
  contraction.out = op.getDpsInits()[0];
  for (Value buffer : {contraction.lhs, contraction.rhs, contraction.out})
    if (!isPlainBuffer(buffer))
      return std::nullopt;
  contraction.elementType =
      cast<MemRefType>(contraction.out.getType()).getElementType();
  if (!contraction.elementType.isF32() && !contraction.elementType.isF64())
    return std::nullopt;
  for (Value buffer : {contraction.lhs, contraction.rhs})
    if (cast<MemRefType>(buffer.getType()).getElementType() !=
        contraction.elementType)
      return std::nullopt;

  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(maps);
  if (failed(dims) || dims->m.size() != 1 || dims->n.size() != 1 ||
      dims->k.size() != 1)
    return std::nullopt;
  for (AffineMap map : maps)
    if (!map.isProjectedPermutation(/*allowZeroInResults=*/false) ||
        map.getNumResults() == 0)
      return std::nullopt;
  contraction.lhsMap = maps[0];
  contraction.rhsMap = maps[1];
  contraction.outMap = maps[2];
  contraction.batchLoops.assign(dims->batch.begin(), dims->batch.end());
  contraction.mLoop = dims->m.front();
  contraction.nLoop = dims->n.front();
  contraction.kLoop = dims->k.front();
  contraction.loopSizes = op.getStaticLoopRanges();

  unsigned lhsInner = getInnermostLoop(contraction.lhsMap);
  unsigned rhsInner = getInnermostLoop(contraction.rhsMap);
  unsigned outInner = getInnermostLoop(contraction.outMap);
  if (rhsInner == contraction.nLoop && outInner == contraction.nLoop)
    contraction.kernel = ContractionKernel::Row;
  else if (lhsInner == contraction.kLoop && rhsInner == contraction.kLoop)
    contraction.kernel = ContractionKernel::Dot;
  else
    return std::nullopt;
  return contraction;
}

//===- AdjOps.cpp - The adj dialect's ops -----------------------*- C++ -*-===//
//
// Op verification through the model format's shared shape rules, and the
// constant op. An op's kind is found from its mnemonic, which equals the
// format's op name.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Dialect/Adj/IR/AdjOps.h"

#include "adjoint/Graph/ShapeInference.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace adjoint;
using namespace adjoint::adj;

std::optional<graph::OpKind> adj::getGraphKind(Operation *op) {
  if (!llvm::isa_and_nonnull<AdjDialect>(op->getDialect()))
    return std::nullopt;
  const graph::OpInfo *info =
      graph::lookupOp(op->getName().stripDialect().str());
  if (!info)
    return std::nullopt;
  return info->kind;
}

static std::vector<int64_t> getI64Array(Operation *op, StringRef name) {
  if (auto array = op->getAttrOfType<DenseI64ArrayAttr>(name))
    return std::vector<int64_t>(array.asArrayRef().begin(),
                                array.asArrayRef().end());
  return {};
}

static int64_t getI64(Operation *op, StringRef name) {
  if (auto attr = op->getAttrOfType<IntegerAttr>(name))
    return attr.getInt();
  return 0;
}

graph::Attributes adj::getGraphAttributes(Operation *op) {
  graph::Attributes attrs;
  attrs.axes = getI64Array(op, "axes");
  // `axis` names the one axis of softmax, slice and concat; a reduction's
  // `axes` always wins, so a stray `axis` cannot change what is checked.
  if (op->hasAttr("axis") && !op->hasAttr("axes"))
    attrs.axes = {getI64(op, "axis")};
  if (auto keepdims = op->getAttrOfType<BoolAttr>("keepdims"))
    attrs.keepdims = keepdims.getValue();
  attrs.perm = getI64Array(op, "perm");
  attrs.start = getI64(op, "start");
  attrs.end = getI64(op, "end");
  if (op->getNumResults() == 1)
    if (auto type = llvm::dyn_cast<RankedTensorType>(op->getResult(0).getType()))
      attrs.shape.assign(type.getShape().begin(), type.getShape().end());
  return attrs;
}

static graph::Shape getShape(Type type) {
  auto tensor = llvm::cast<RankedTensorType>(type);
  return graph::Shape(tensor.getShape().begin(), tensor.getShape().end());
}

LogicalResult adj::verifyShapeRules(Operation *op) {
  std::optional<graph::OpKind> kind = getGraphKind(op);
  if (!kind)
    return op->emitOpError("has no shape rule");
  Type elementType =
      llvm::cast<RankedTensorType>(op->getResult(0).getType()).getElementType();
  std::vector<graph::Shape> operandShapes;
  for (Type type : op->getOperandTypes()) {
    if (llvm::cast<RankedTensorType>(type).getElementType() != elementType)
      return op->emitOpError("operands and result must share one element "
                             "type");
    operandShapes.push_back(getShape(type));
  }
  graph::InferredShape inferred =
      graph::inferShape(*kind, operandShapes, getGraphAttributes(op));
  if (!inferred.ok())
    return op->emitOpError(inferred.error);
  graph::Shape resultShape = getShape(op->getResult(0).getType());
  if (inferred.shape != resultShape)
    return op->emitOpError("result shape ")
           << graph::formatShape(resultShape) << " does not match the shape "
           << graph::formatShape(inferred.shape) << " its operands give";
  return success();
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

LogicalResult ConstantOp::verify() {
  if (getValue().getType() != getType())
    return emitOpError("value type ")
           << getValue().getType() << " does not match result type "
           << getType();
  return success();
}

//===----------------------------------------------------------------------===//
// Internal ops of derivative rules
//===----------------------------------------------------------------------===//

/// Checks that the operands and the result share one element type and that
/// the operands broadcast together, as NumPy does, to the result's shape.
static LogicalResult verifyBroadcasting(Operation *op) {
  Type elementType =
      llvm::cast<RankedTensorType>(op->getResult(0).getType()).getElementType();
  graph::Shape shape;
  for (Type type : op->getOperandTypes()) {
    if (llvm::cast<RankedTensorType>(type).getElementType() != elementType)
      return op->emitOpError("operands and result must share one element "
                             "type");
    graph::InferredShape inferred =
        graph::broadcastShapes(shape, getShape(type));
    if (!inferred.ok())
      return op->emitOpError("operands have ") << inferred.error;
    shape = inferred.shape;
  }
  graph::Shape resultShape = getShape(op->getResult(0).getType());
  if (shape != resultShape)
    return op->emitOpError("result shape ")
           << graph::formatShape(resultShape) << " does not match the shape "
           << graph::formatShape(shape) << " its operands broadcast to";
  return success();
}

LogicalResult GreaterOp::verify() { return verifyBroadcasting(*this); }
LogicalResult GreaterEqualOp::verify() { return verifyBroadcasting(*this); }
LogicalResult EqualOp::verify() { return verifyBroadcasting(*this); }
LogicalResult SelectOp::verify() { return verifyBroadcasting(*this); }

LogicalResult FirstMaxMaskOp::verify() {
  // The axes obey the rules of a `max` reduction.
  graph::Attributes attrs;
  attrs.axes.assign(getAxes().begin(), getAxes().end());
  graph::InferredShape inferred = graph::inferShape(
      graph::OpKind::Max, {getShape(getOperand().getType())}, attrs);
  if (!inferred.ok())
    return emitOpError(inferred.error);
  return success();
}

#define GET_OP_CLASSES
#include "adjoint/Dialect/Adj/IR/AdjOps.cpp.inc"

//===- GraphToMLIR.cpp - Lower the Graph IR into the adj dialect -*- C++ -*-===//
//
// Walks the graph's nodes in their (topological) order and creates one
// `adj` op per node by name: the op's mnemonic is the format's op name, so
// no per-op code is needed beyond turning attributes into MLIR attributes.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Import/GraphToMLIR.h"

#include "adjoint/Dialect/Adj/IR/AdjOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace adjoint;

namespace {
class Importer {
public:
  Importer(MLIRContext &context, const graph::Graph &graph, StringRef fileName)
      : context(context), builder(&context), graph(graph),
        fileName(StringAttr::get(&context, fileName)) {}

  OwningOpRef<ModuleOp> run();

private:
  Location getLoc(const graph::Node &node) {
    return FileLineColLoc::get(fileName, node.loc.line, node.loc.column);
  }
  RankedTensorType getType(const graph::Shape &shape) {
    Type element = graph.elementType == graph::ElementType::F32
                       ? Type(builder.getF32Type())
                       : Type(builder.getF64Type());
    return RankedTensorType::get(shape, element);
  }
  Value createConstant(const graph::Node &node);
  Value createOp(const graph::Node &node);
  SmallVector<NamedAttribute> getAttributes(const graph::Node &node);

  MLIRContext &context;
  OpBuilder builder;
  const graph::Graph &graph;
  StringAttr fileName;
  std::vector<Value> values;
};
} // namespace

SmallVector<NamedAttribute> Importer::getAttributes(const graph::Node &node) {
  const graph::Attributes &a = node.attrs;
  SmallVector<NamedAttribute> result;
  auto add = [&](StringRef name, Attribute value) {
    result.push_back(builder.getNamedAttr(name, value));
  };
  switch (node.kind) {
  case graph::OpKind::Transpose:
    add("perm", builder.getDenseI64ArrayAttr(a.perm));
    break;
  case graph::OpKind::Softmax:
  case graph::OpKind::LogSoftmax:
  case graph::OpKind::Concat:
    add("axis", builder.getI64IntegerAttr(a.axes.front()));
    break;
  case graph::OpKind::Slice:
    add("axis", builder.getI64IntegerAttr(a.axes.front()));
    add("start", builder.getI64IntegerAttr(a.start));
    add("end", builder.getI64IntegerAttr(a.end));
    break;
  default:
    if (graph::isReduction(node.kind)) {
      add("axes", builder.getDenseI64ArrayAttr(a.axes));
      add("keepdims", builder.getBoolAttr(a.keepdims));
    }
    break;
  }
  return result;
}

Value Importer::createConstant(const graph::Node &node) {
  RankedTensorType type = getType(node.shape);
  auto value = DenseElementsAttr::get(
      type, FloatAttr::get(type.getElementType(), node.constant));
  return builder.create<adj::ConstantOp>(getLoc(node),
                                         llvm::cast<DenseFPElementsAttr>(value));
}

Value Importer::createOp(const graph::Node &node) {
  const graph::OpInfo &info = graph::getOpInfo(node.kind);
  OperationState state(getLoc(node), std::string("adj.") + info.name);
  for (graph::NodeId operand : node.operands)
    state.addOperands(values[static_cast<size_t>(operand)]);
  state.addTypes(getType(node.shape));
  state.addAttributes(getAttributes(node));
  return builder.create(state)->getResult(0);
}

OwningOpRef<ModuleOp> Importer::run() {
  Location moduleLoc = FileLineColLoc::get(fileName, 1, 1);
  OwningOpRef<ModuleOp> module = ModuleOp::create(moduleLoc);
  (*module)->setAttr(attrs::kModelName, builder.getStringAttr(graph.name));

  SmallVector<graph::NodeId> leaves(graph.inputs.begin(), graph.inputs.end());
  leaves.append(graph.params.begin(), graph.params.end());
  SmallVector<Type> argTypes, resultTypes;
  for (graph::NodeId leaf : leaves)
    argTypes.push_back(getType(graph.node(leaf).shape));
  for (graph::NodeId output : graph.outputs)
    resultTypes.push_back(getType(graph.node(output).shape));

  builder.setInsertionPointToEnd(module->getBody());
  auto func = builder.create<func::FuncOp>(
      moduleLoc, kForwardEntry, builder.getFunctionType(argTypes, resultTypes));
  Block *body = func.addEntryBlock();
  builder.setInsertionPointToStart(body);

  values.assign(graph.nodes.size(), Value());
  for (auto [index, leaf] : llvm::enumerate(leaves)) {
    const graph::Node &node = graph.node(leaf);
    bool isParam = node.kind == graph::OpKind::Param;
    func.setArgAttr(index, attrs::kLeafName, builder.getStringAttr(node.name));
    func.setArgAttr(index, attrs::kLeafKind,
                    builder.getStringAttr(isParam ? "param" : "input"));
    values[static_cast<size_t>(leaf)] = body->getArgument(index);
  }
  for (auto [index, node] : llvm::enumerate(graph.nodes)) {
    if (node.kind == graph::OpKind::Input || node.kind == graph::OpKind::Param)
      continue;
    values[index] = node.kind == graph::OpKind::Constant ? createConstant(node)
                                                         : createOp(node);
  }

  SmallVector<Value> results;
  for (auto [index, output] : llvm::enumerate(graph.outputs)) {
    results.push_back(values[static_cast<size_t>(output)]);
    func.setResultAttr(index, attrs::kOutputName,
                       builder.getStringAttr(graph.outputNames[index]));
  }
  builder.create<func::ReturnOp>(moduleLoc, results);
  return module;
}

OwningOpRef<ModuleOp> adjoint::importGraph(MLIRContext &context,
                                           const graph::Graph &graph,
                                           StringRef fileName) {
  context.loadDialect<adj::AdjDialect, func::FuncDialect>();
  return Importer(context, graph, fileName).run();
}

//===- GraphPrinter.cpp - Readable dump of a Graph --------------*- C++ -*-===//
//
// One line per node: `%ID [NAME] = OP(OPERANDS, ATTRS) : SHAPE`, leaves as
// `input NAME`, constants as `constant VALUE`, then the source position as
// a comment, padded to a column so the positions line up. Attributes are
// printed in their normalized form, defaults included.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Graph/GraphPrinter.h"

#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace adjoint::graph {

namespace {

/// The column where the position comments start, when the line is shorter.
constexpr size_t kCommentColumn = 40;

std::string formatList(const std::vector<int64_t> &list) {
  return formatShape(list);
}

std::string formatAttributes(const Node &node) {
  const Attributes &attrs = node.attrs;
  std::string axis = attrs.axes.empty() ? "" : std::to_string(attrs.axes[0]);
  if (isReduction(node.kind))
    return "axis=" + formatList(attrs.axes) +
           ", keepdims=" + (attrs.keepdims ? "true" : "false");
  switch (node.kind) {
  case OpKind::Transpose:
    return "perm=" + formatList(attrs.perm);
  case OpKind::Reshape:
  case OpKind::Broadcast:
    return "shape=" + formatList(attrs.shape);
  case OpKind::Softmax:
  case OpKind::LogSoftmax:
  case OpKind::Concat:
    return "axis=" + axis;
  case OpKind::Slice:
    return "axis=" + axis + ", start=" + std::to_string(attrs.start) +
           ", end=" + std::to_string(attrs.end);
  default:
    return "";
  }
}

std::string formatNode(const Graph &graph, NodeId id) {
  const Node &node = graph.node(id);
  std::string line = "%" + std::to_string(id);
  bool isLeaf = node.kind == OpKind::Input || node.kind == OpKind::Param;
  if (!isLeaf && !node.name.empty())
    line += " " + node.name;
  line += " = ";
  line += getOpInfo(node.kind).name;
  if (isLeaf) {
    line += " " + node.name;
  } else if (node.kind == OpKind::Constant) {
    line += " " + formatNumber(node.constant);
  } else {
    line += "(";
    for (size_t i = 0; i < node.operands.size(); ++i)
      line += (i ? ", %" : "%") + std::to_string(node.operands[i]);
    std::string attrs = formatAttributes(node);
    if (!attrs.empty())
      line += ", " + attrs;
    line += ")";
  }
  line += " : " + formatShape(node.shape);
  line.append(line.size() < kCommentColumn ? kCommentColumn - line.size() : 0,
              ' ');
  line += "  # " + std::to_string(node.loc.line) + ":" +
          std::to_string(node.loc.column);
  return line;
}

} // namespace

std::string formatNumber(double value) {
  char buffer[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value)
      break;
  }
  return buffer;
}

void printGraph(const Graph &graph, std::ostream &os) {
  os << "model " << graph.name << " : " << elementTypeName(graph.elementType)
     << "\n";
  for (size_t id = 0; id < graph.nodes.size(); ++id)
    os << formatNode(graph, static_cast<NodeId>(id)) << "\n";
  os << "output";
  for (size_t i = 0; i < graph.outputs.size(); ++i) {
    os << (i ? ", %" : " %") << graph.outputs[i];
    std::string name = i < graph.outputNames.size()
                           ? graph.outputNames[i]
                           : graph.node(graph.outputs[i]).name;
    os << " (" << name << ")";
  }
  os << "\n";
}

std::string printGraphToString(const Graph &graph) {
  std::ostringstream os;
  printGraph(graph, os);
  return os.str();
}

} // namespace adjoint::graph

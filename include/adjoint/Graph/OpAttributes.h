//===- OpAttributes.h - Checking attributes of op calls ---------*- C++ -*-===//
//
// The attributes of a call as written (`key=value`, in source order) and
// their checking against the op: which keys it takes, which are required,
// the kind of each value, and the ranges that depend on the operand shapes.
// The result is a normalized Attributes (see Graph.h): non-negative axes,
// sorted reduction axes, defaults filled in.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_GRAPH_OPATTRIBUTES_H
#define ADJOINT_GRAPH_OPATTRIBUTES_H

#include "adjoint/Graph/Diagnostic.h"
#include "adjoint/Graph/Graph.h"

#include <string>
#include <vector>

namespace adjoint::graph {

/// An attribute value as written: an integer, a list of integers or a
/// boolean.
struct AttrValue {
  enum class Kind { Integer, List, Bool };
  Kind kind = Kind::Integer;
  int64_t integer = 0;
  /// List: the elements and where each is.
  std::vector<int64_t> list;
  std::vector<SourceLoc> elementLocs;
  bool boolean = false;
  /// The value's first token (the `-` of a negative integer, the `[`).
  SourceLoc loc;
};

/// One `key=value` of a call.
struct NamedAttr {
  std::string key;
  SourceLoc keyLoc;
  AttrValue value;
};

/// Checks the attributes `written` of a call of `kind` whose operands have
/// `operandShapes` (the arity is already checked) and fills `attrs`. Errors
/// are located at the key (unknown or repeated key), the value (wrong kind,
/// out of range; a list element where one is to blame) or `opLoc` (missing
/// required key, an axis defaulted out of range). Returns false and sets
/// `diag` on error.
bool buildAttributes(OpKind kind, const std::vector<NamedAttr> &written,
                     const std::vector<Shape> &operandShapes, SourceLoc opLoc,
                     Attributes &attrs, Diagnostic &diag);

} // namespace adjoint::graph

#endif // ADJOINT_GRAPH_OPATTRIBUTES_H

//===- OpAttributes.cpp - Checking attributes of op calls -------*- C++ -*-===//
//
// Each op kind has a small table of the keys it takes. Checking runs in
// three passes so the first error in source order wins within a call: the
// written attributes left to right (known key, not repeated, right kind),
// then missing required keys, then the values against the operand shapes,
// normalizing them into Attributes.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Graph/OpAttributes.h"

#include "adjoint/Graph/ShapeInference.h"

#include <algorithm>

namespace adjoint::graph {

namespace {

/// The kinds of value a key accepts.
enum class Accepts { Integer, List, IntegerOrList, Bool };

struct KeySpec {
  const char *key;
  Accepts accepts;
  bool required;
};

std::vector<KeySpec> keySpecs(OpKind kind) {
  if (isReduction(kind))
    return {{"axis", Accepts::IntegerOrList, false},
            {"keepdims", Accepts::Bool, false}};
  switch (kind) {
  case OpKind::Transpose:
    return {{"perm", Accepts::List, false}};
  case OpKind::Reshape:
  case OpKind::Broadcast:
    return {{"shape", Accepts::List, true}};
  case OpKind::Softmax:
  case OpKind::LogSoftmax:
    return {{"axis", Accepts::Integer, false}};
  case OpKind::Slice:
    return {{"axis", Accepts::Integer, true},
            {"start", Accepts::Integer, true},
            {"end", Accepts::Integer, true}};
  case OpKind::Concat:
    return {{"axis", Accepts::Integer, true}};
  default:
    return {};
  }
}

bool accepts(Accepts accepts, AttrValue::Kind kind) {
  switch (accepts) {
  case Accepts::Integer:
    return kind == AttrValue::Kind::Integer;
  case Accepts::List:
    return kind == AttrValue::Kind::List;
  case Accepts::IntegerOrList:
    return kind != AttrValue::Kind::Bool;
  case Accepts::Bool:
    return kind == AttrValue::Kind::Bool;
  }
  return false;
}

const char *describeAccepts(Accepts accepts) {
  switch (accepts) {
  case Accepts::Integer:
    return "an integer";
  case Accepts::List:
    return "a list of integers";
  case Accepts::IntegerOrList:
    return "an integer or a non-empty list of integers";
  case Accepts::Bool:
    return "true or false";
  }
  return "";
}

/// Checks the values of one call against its operand shapes.
class AttributeChecker {
public:
  AttributeChecker(OpKind kind, const std::vector<Shape> &operandShapes,
                   SourceLoc opLoc, Attributes &attrs, Diagnostic &diag)
      : kind(kind), operandShapes(operandShapes), opLoc(opLoc), attrs(attrs),
        diag(diag) {}

  /// `found` holds the written value of each key of keySpecs(kind), or
  /// nullptr.
  bool check(const std::vector<const AttrValue *> &found);

private:
  bool fail(SourceLoc loc, std::string message) {
    diag = {loc, std::move(message)};
    return false;
  }
  const Shape &operandShape() const {
    static const Shape scalar;
    return operandShapes.empty() ? scalar : operandShapes.front();
  }
  int64_t rank() const { return static_cast<int64_t>(operandShape().size()); }

  bool normalizeAxis(int64_t axis, SourceLoc loc, int64_t &result);
  bool checkReductionAxes(const AttrValue *value);
  bool checkSingleAxis(const AttrValue *value, int64_t defaultAxis);
  bool checkSlice(const AttrValue &start, const AttrValue &end);
  bool checkPerm(const AttrValue *value);
  bool checkShape(const AttrValue &value);

  OpKind kind;
  const std::vector<Shape> &operandShapes;
  SourceLoc opLoc;
  Attributes &attrs;
  Diagnostic &diag;
};

bool AttributeChecker::normalizeAxis(int64_t axis, SourceLoc loc,
                                     int64_t &result) {
  if (axis < -rank() || axis >= rank())
    return fail(loc, "axis " + std::to_string(axis) +
                         " is out of range for an operand of shape " +
                         formatShape(operandShape()));
  result = axis < 0 ? axis + rank() : axis;
  return true;
}

bool AttributeChecker::checkReductionAxes(const AttrValue *value) {
  attrs.axes.clear();
  if (!value) {
    for (int64_t axis = 0; axis < rank(); ++axis)
      attrs.axes.push_back(axis);
    return true;
  }
  if (value->kind == AttrValue::Kind::Integer) {
    attrs.axes.resize(1);
    return normalizeAxis(value->integer, value->loc, attrs.axes[0]);
  }
  if (value->list.empty())
    return fail(value->loc, "'axis' must not be an empty list");
  for (size_t i = 0; i < value->list.size(); ++i) {
    int64_t axis;
    if (!normalizeAxis(value->list[i], value->elementLocs[i], axis))
      return false;
    if (std::find(attrs.axes.begin(), attrs.axes.end(), axis) !=
        attrs.axes.end())
      return fail(value->elementLocs[i],
                  "axis " + std::to_string(value->list[i]) +
                      " repeats an axis already in the list");
    attrs.axes.push_back(axis);
  }
  std::sort(attrs.axes.begin(), attrs.axes.end());
  return true;
}

bool AttributeChecker::checkSingleAxis(const AttrValue *value,
                                       int64_t defaultAxis) {
  attrs.axes.resize(1);
  if (!value)
    return normalizeAxis(defaultAxis, opLoc, attrs.axes[0]);
  return normalizeAxis(value->integer, value->loc, attrs.axes[0]);
}

bool AttributeChecker::checkSlice(const AttrValue &start,
                                  const AttrValue &end) {
  int64_t size = operandShape()[static_cast<size_t>(attrs.axes[0])];
  std::string where = " for axis " + std::to_string(attrs.axes[0]) +
                      " of shape " + formatShape(operandShape());
  if (start.integer < 0 || start.integer >= size)
    return fail(start.loc, "'start' " + std::to_string(start.integer) +
                               " is out of range [0, " + std::to_string(size) +
                               ")" + where);
  if (end.integer <= start.integer || end.integer > size)
    return fail(end.loc, "'end' " + std::to_string(end.integer) +
                             " is out of range [" +
                             std::to_string(start.integer + 1) + ", " +
                             std::to_string(size) + "]" + where);
  attrs.start = start.integer;
  attrs.end = end.integer;
  return true;
}

bool AttributeChecker::checkPerm(const AttrValue *value) {
  attrs.perm.clear();
  if (!value) {
    for (int64_t axis = rank() - 1; axis >= 0; --axis)
      attrs.perm.push_back(axis);
    return true;
  }
  if (static_cast<int64_t>(value->list.size()) != rank())
    return fail(value->loc, "'perm' needs " + std::to_string(rank()) +
                                " entries for an operand of shape " +
                                formatShape(operandShape()));
  for (size_t i = 0; i < value->list.size(); ++i) {
    int64_t axis = value->list[i];
    if (axis < 0 || axis >= rank())
      return fail(value->elementLocs[i], "'perm' entry " +
                                             std::to_string(axis) +
                                             " is not a dimension of shape " +
                                             formatShape(operandShape()));
    if (std::find(attrs.perm.begin(), attrs.perm.end(), axis) !=
        attrs.perm.end())
      return fail(value->elementLocs[i],
                  "'perm' entry " + std::to_string(axis) + " appears twice");
    attrs.perm.push_back(axis);
  }
  return true;
}

bool AttributeChecker::checkShape(const AttrValue &value) {
  if (static_cast<int64_t>(value.list.size()) > kMaxRank)
    return fail(value.loc, "'shape' has rank " +
                               std::to_string(value.list.size()) +
                               ", more than " + std::to_string(kMaxRank));
  for (size_t i = 0; i < value.list.size(); ++i)
    if (value.list[i] <= 0)
      return fail(value.elementLocs[i],
                  "'shape' dimensions must be positive, got " +
                      std::to_string(value.list[i]));
  attrs.shape = value.list;
  InferredShape result = inferShape(kind, operandShapes, attrs);
  if (!result.ok())
    return fail(value.loc, result.error);
  return true;
}

bool AttributeChecker::check(const std::vector<const AttrValue *> &found) {
  if (isReduction(kind)) {
    if (!checkReductionAxes(found[0]))
      return false;
    attrs.keepdims = found[1] && found[1]->boolean;
    return true;
  }
  switch (kind) {
  case OpKind::Transpose:
    return checkPerm(found[0]);
  case OpKind::Reshape:
  case OpKind::Broadcast:
    return checkShape(*found[0]);
  case OpKind::Softmax:
  case OpKind::LogSoftmax:
    return checkSingleAxis(found[0], -1);
  case OpKind::Slice:
    return checkSingleAxis(found[0], 0) && checkSlice(*found[1], *found[2]);
  case OpKind::Concat:
    return checkSingleAxis(found[0], 0);
  default:
    return true;
  }
}

} // namespace

bool buildAttributes(OpKind kind, const std::vector<NamedAttr> &written,
                     const std::vector<Shape> &operandShapes, SourceLoc opLoc,
                     Attributes &attrs, Diagnostic &diag) {
  std::string opName = std::string("'") + getOpInfo(kind).name + "'";
  std::vector<KeySpec> specs = keySpecs(kind);
  std::vector<const AttrValue *> found(specs.size(), nullptr);
  for (const NamedAttr &attr : written) {
    auto spec = std::find_if(specs.begin(), specs.end(), [&](const KeySpec &s) {
      return attr.key == s.key;
    });
    if (spec == specs.end()) {
      diag = {attr.keyLoc,
              specs.empty() ? opName + " takes no attributes"
                            : opName + " has no attribute '" + attr.key + "'"};
      return false;
    }
    const AttrValue *&slot = found[static_cast<size_t>(spec - specs.begin())];
    if (slot) {
      diag = {attr.keyLoc, "attribute '" + attr.key + "' is given twice"};
      return false;
    }
    if (!accepts(spec->accepts, attr.value.kind)) {
      std::string message = "attribute '" + attr.key + "' of " + opName +
                            " must be " + describeAccepts(spec->accepts);
      if (spec->accepts == Accepts::Bool &&
          attr.value.kind == AttrValue::Kind::Integer)
        message += "; an integer is not a boolean";
      diag = {attr.value.loc, message};
      return false;
    }
    slot = &attr.value;
  }
  for (size_t i = 0; i < specs.size(); ++i)
    if (specs[i].required && !found[i]) {
      diag = {opLoc, opName + " needs attribute '" + specs[i].key + "'"};
      return false;
    }
  return AttributeChecker(kind, operandShapes, opLoc, attrs, diag).check(found);
}

} // namespace adjoint::graph

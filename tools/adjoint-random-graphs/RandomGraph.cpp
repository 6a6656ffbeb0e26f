//===- RandomGraph.cpp - Random well-typed model files ----------*- C++ -*-===//
//
// The generator builds expressions bottom-up, tracking for each one its
// shape, a bound on its magnitude (so exp never overflows and gradients
// stay moderate), its precedence (so parentheses are minimal) and whether
// f32 computes it exactly. log, sqrt, div and pow only see values bounded
// away from zero. In f32 models the kink ops (relu, abs, maximum, minimum,
// max) only see exact values: leaves, literals and exact rearrangements of
// them, which f32 and the f64 reference compute identically, so rounding
// never puts the two on different sides of a kink.
//
//===----------------------------------------------------------------------===//

#include "RandomGraph.h"

#include <algorithm>
#include <cmath>

using namespace adjoint::randomgraph;

namespace {
using Shape = std::vector<int64_t>;

constexpr int kMaxLeaves = 8;
/// Levels of nested calls below a statement's own op.
constexpr int kMaxDepth = 2;
constexpr double kNestChance = 0.2;
/// Values larger than this (by their bound) are squashed by tanh and kin.
constexpr double kMaxMagnitude = 20;
constexpr int64_t kMaxElements = 240;

/// SplitMix64, with its own small distributions: the same numbers on every
/// platform, unlike <random>'s distributions.
class Rng {
public:
  explicit Rng(uint64_t seed) : state(seed) { next(); }

  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [lo, hi].
  int64_t range(int64_t lo, int64_t hi) {
    return lo +
           static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool chance(double p) {
    return static_cast<double>(next() >> 11) * 0x1.0p-53 < p;
  }
  template <typename T> const T &pick(const std::vector<T> &items) {
    return items[static_cast<size_t>(range(0, items.size() - 1))];
  }
  template <typename T> void shuffle(std::vector<T> &items) {
    for (size_t i = items.size(); i > 1; --i)
      std::swap(items[i - 1], items[static_cast<size_t>(range(0, i - 1))]);
  }

private:
  uint64_t state;
};

int64_t numElements(const Shape &shape) {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

std::string formatList(const std::vector<int64_t> &values) {
  std::string text = "[";
  for (size_t i = 0; i < values.size(); ++i)
    text += (i ? ", " : "") + std::to_string(values[i]);
  return text + "]";
}

/// NumPy broadcasting of two compatible shapes.
Shape broadcastShapes(const Shape &a, const Shape &b) {
  Shape result(std::max(a.size(), b.size()), 1);
  for (size_t i = 0; i < result.size(); ++i) {
    int64_t da = i < a.size() ? a[a.size() - 1 - i] : 1;
    int64_t db = i < b.size() ? b[b.size() - 1 - i] : 1;
    result[result.size() - 1 - i] = std::max(da, db);
  }
  return result;
}

/// Whether `from` broadcasts to exactly `to`.
bool broadcastsTo(const Shape &from, const Shape &to) {
  if (from.size() > to.size())
    return false;
  for (size_t i = 0; i < from.size(); ++i) {
    int64_t dim = from[from.size() - 1 - i];
    if (dim != 1 && dim != to[to.size() - 1 - i])
      return false;
  }
  return true;
}

/// Precedence of an expression's text: what it may appear in unparenthesized.
enum Level { kAdd = 0, kMul = 1, kUnary = 2, kAtom = 3 };

struct Expr {
  std::string text;
  Shape shape;
  /// A bound on |value|.
  double magnitude = 1;
  Level level = kAtom;
  /// f32 computes the value exactly: leaves, literals, and rearrangements,
  /// selections (relu, abs, maximum, ...) and negations of exact values.
  bool exact = false;
  /// For a value known to be positive, a lower bound > 0; else 0.
  double lower = 0;
};

/// A value with a name: a leaf or a statement.
struct Named {
  Expr expr;
  bool leaf = false;
  int uses = 0;
};

struct Literal {
  const char *text;
  double value;
};

/// Literals are dyadic, hence exact in f32, and spelled in every style.
const std::vector<Literal> kLiterals = {
    {"2", 2},       {"0.5", 0.5},      {".5", 0.5}, {"1.5", 1.5},
    {"0.25", 0.25}, {"25e-2", 0.25},   {"3", 3},    {"2.", 2},
    {"0.75", 0.75}, {"1.25E+0", 1.25}, {"1", 1}};

class Generator {
public:
  explicit Generator(uint64_t seed) : rng(seed) { model.seed = seed; }
  RandomModel run();

private:
  // Leaves and named values.
  Shape randomShape(int minRank, int maxRank);
  Expr newLeaf(const Shape &shape);
  Expr use(Named &value);
  Expr pickNamed(bool exact);

  // Operands.
  Expr operand(int depth, bool exact);
  Expr operandOfRank(int depth, bool exact, size_t minRank);
  Expr valueOfShape(const Shape &shape, int depth, bool exact);
  Expr partner(const Shape &shape, int depth, bool exact);
  Expr literal();

  // Text.
  static std::string wrap(const Expr &x, Level level);
  static Expr call(const std::string &op, const std::vector<Expr> &args,
                   const std::string &attrs = "");
  Expr infix(const Expr &a, const char *op, const Expr &b, Level level);
  std::string axisText(int64_t axis, size_t rank);

  // Domains.
  Expr squash(const Expr &x);
  Expr bounded(const Expr &x, double limit);
  Expr positive(const Expr &x);

  // Structural helpers for derived operands.
  Expr reshapeTo(const Expr &x, const Shape &shape);
  Expr broadcastTo(const Expr &x, const Shape &shape);
  Shape factorShape(int64_t count, size_t rank);

  // One op of each kind; `exact` asks for an exact result.
  Expr expression(int depth, bool exact);
  Expr unary(int depth, bool exact);
  Expr binary(int depth, bool exact);
  Expr reduction(int depth, bool exact);
  Expr softmaxLike(int depth, bool exact);
  Expr matmul(int depth, bool exact);
  Expr transpose(int depth, bool exact);
  Expr reshape(int depth, bool exact);
  Expr broadcast(int depth, bool exact);
  Expr slice(int depth, bool exact);
  Expr concat(int depth, bool exact);

  // Outputs.
  std::string scalarTerm(const Expr &x);
  std::string lossStatement();
  std::vector<std::string> outputNames();
  void addStatement(const std::string &name, const Expr &value);

  Rng rng;
  bool f32 = true;
  int numInputs = 0;
  int numParams = 0;
  std::vector<std::string> declarations;
  std::vector<std::string> statements;
  std::vector<Named> named;
  RandomModel model;
};
} // namespace

//===----------------------------------------------------------------------===//
// Leaves and named values
//===----------------------------------------------------------------------===//

Shape Generator::randomShape(int minRank, int maxRank) {
  Shape shape(static_cast<size_t>(rng.range(minRank, maxRank)));
  for (int64_t &dim : shape)
    dim = rng.chance(0.25) ? 1 : rng.range(2, 5);
  return shape;
}

Expr Generator::newLeaf(const Shape &shape) {
  bool param = numParams == 0 || rng.chance(0.7);
  std::string name = param ? "w" + std::to_string(numParams++)
                           : "x" + std::to_string(numInputs++);
  std::string type = f32 ? "f32" : "f64";
  if (!shape.empty())
    type += formatList(shape);
  declarations.push_back(std::string(param ? "param " : "input ") + name +
                         " : " + type);
  if (shape.empty())
    model.patterns.insert("rank-0");
  Named leaf;
  leaf.expr = {name, shape, 1.0, kAtom, true, 0.0};
  leaf.leaf = true;
  named.push_back(leaf);
  return use(named.back());
}

Expr Generator::use(Named &value) {
  ++value.uses;
  return value.expr;
}

Expr Generator::pickNamed(bool exact) {
  std::vector<size_t> all, unused;
  for (size_t i = 0; i < named.size(); ++i) {
    if (exact && !named[i].expr.exact)
      continue;
    all.push_back(i);
    if (named[i].uses == 0)
      unused.push_back(i);
  }
  if (!unused.empty() && rng.chance(0.6))
    return use(named[rng.pick(unused)]);
  return use(named[rng.pick(all)]); // leaves are exact: never empty
}

//===----------------------------------------------------------------------===//
// Operands
//===----------------------------------------------------------------------===//

Expr Generator::operand(int depth, bool exact) {
  if (depth < kMaxDepth && rng.chance(kNestChance)) {
    model.patterns.insert("nested");
    return expression(depth + 1, exact);
  }
  return pickNamed(exact);
}

Expr Generator::operandOfRank(int depth, bool exact, size_t minRank) {
  Expr x = operand(depth, exact);
  if (x.shape.size() >= minRank)
    return x;
  if (rng.chance(0.5))
    return reshapeTo(x, factorShape(numElements(x.shape), minRank));
  return valueOfShape(randomShape(static_cast<int>(minRank), 3), depth, exact);
}

Expr Generator::valueOfShape(const Shape &shape, int depth, bool exact) {
  std::vector<size_t> same;
  for (size_t i = 0; i < named.size(); ++i)
    if (named[i].expr.shape == shape && (!exact || named[i].expr.exact))
      same.push_back(i);
  if (!same.empty() && rng.chance(0.5))
    return use(named[rng.pick(same)]);
  if (numInputs + numParams < kMaxLeaves && rng.chance(0.7))
    return newLeaf(shape);
  Expr x = operand(depth, exact);
  if (x.shape == shape)
    return x;
  if (numElements(x.shape) == numElements(shape))
    return reshapeTo(x, shape);
  if (broadcastsTo(x.shape, shape))
    return broadcastTo(x, shape);
  // One element of x, then broadcast (or reshaped, for a scalar).
  Expr flat = reshapeTo(x, {numElements(x.shape)});
  int64_t start = rng.range(0, flat.shape[0] - 1);
  Expr one = call("slice", {flat},
                  "axis=0, start=" + std::to_string(start) +
                      ", end=" + std::to_string(start + 1));
  one.shape = {1};
  one.magnitude = x.magnitude;
  one.exact = x.exact;
  return shape.empty() ? reshapeTo(one, shape) : broadcastTo(one, shape);
}

/// A value whose shape broadcasts with `shape`: the same shape, a literal,
/// or a shape with dimensions dropped, set to 1 or stretched from 1.
Expr Generator::partner(const Shape &shape, int depth, bool exact) {
  if (rng.chance(0.2))
    return literal();
  Shape other = shape;
  if (rng.chance(0.5)) {
    if (rng.chance(0.3))
      other.erase(other.begin(),
                  other.begin() +
                      rng.range(0, static_cast<int64_t>(other.size())));
    for (int64_t &dim : other) {
      if (dim == 1 && rng.chance(0.5))
        dim = rng.range(2, 4);
      else if (rng.chance(0.3))
        dim = 1;
    }
    if (other.size() == shape.size() && other.size() < 4 && rng.chance(0.2))
      other.insert(other.begin(), rng.range(1, 3));
    if (numElements(broadcastShapes(shape, other)) > kMaxElements)
      other = shape;
  }
  return valueOfShape(other, depth, exact);
}

Expr Generator::literal() {
  model.patterns.insert("scalar-literal");
  const Literal &chosen = rng.pick(kLiterals);
  return {chosen.text, {}, chosen.value, kAtom, true, chosen.value};
}

//===----------------------------------------------------------------------===//
// Text
//===----------------------------------------------------------------------===//

std::string Generator::wrap(const Expr &x, Level level) {
  return x.level >= level ? x.text : "(" + x.text + ")";
}

Expr Generator::call(const std::string &op, const std::vector<Expr> &args,
                     const std::string &attrs) {
  std::string text = op + "(";
  for (size_t i = 0; i < args.size(); ++i)
    text += (i ? ", " : "") + args[i].text;
  if (!attrs.empty())
    text += (args.empty() ? "" : ", ") + attrs;
  Expr result;
  result.text = text + ")";
  result.shape = args.front().shape;
  return result;
}

/// `a op b` (left associative at `level`) or, sometimes, the call form.
Expr Generator::infix(const Expr &a, const char *op, const Expr &b,
                      Level level) {
  static const char *const names[] = {"add", "sub", "mul", "div"};
  static const char *const symbols = "+-*/";
  Expr result;
  if (rng.chance(0.2)) {
    model.patterns.insert("call-form");
    result = call(names[std::string(symbols).find(op[0])], {a, b});
  } else {
    model.patterns.insert("infix");
    result.text = wrap(a, level) + " " + op + " " +
                  wrap(b, static_cast<Level>(level + 1));
    result.level = level;
  }
  result.shape = broadcastShapes(a.shape, b.shape);
  if (a.shape != b.shape)
    model.patterns.insert("broadcasting");
  return result;
}

std::string Generator::axisText(int64_t axis, size_t rank) {
  if (!rng.chance(0.3))
    return std::to_string(axis);
  model.patterns.insert("negative-axis");
  return std::to_string(axis - static_cast<int64_t>(rank));
}

//===----------------------------------------------------------------------===//
// Domains
//===----------------------------------------------------------------------===//

Expr Generator::squash(const Expr &x) {
  static const std::vector<std::string> ops = {"tanh", "sigmoid", "sin"};
  std::string op = rng.pick(ops);
  Expr result = call(op, {x});
  result.magnitude = 1;
  result.lower = op == "sigmoid" ? 1 / (1 + std::exp(x.magnitude)) : 0;
  return result;
}

Expr Generator::bounded(const Expr &x, double limit) {
  return x.magnitude <= limit ? x : squash(x);
}

/// A positive value made from `x`, in [0.15, 3.25].
Expr Generator::positive(const Expr &x) {
  if (x.lower > 0.1 && x.magnitude <= 10 && rng.chance(0.3))
    return x;
  Expr small = bounded(x, 1.5);
  double m = small.magnitude;
  Expr result;
  switch (rng.range(0, 3)) {
  case 0: {
    std::string square = rng.chance(0.5)
                             ? "square(" + small.text + ")"
                             : wrap(small, kMul) + " * " + wrap(small, kUnary);
    result.text = "1 + " + square;
    result.level = kAdd;
    result.lower = 1;
    result.magnitude = 1 + m * m;
    break;
  }
  case 1:
    result = call("exp", {call("tanh", {small})});
    result.lower = std::exp(-1.0);
    result.magnitude = std::exp(1.0);
    break;
  case 2:
    result = call("sigmoid", {small});
    result.lower = 1 / (1 + std::exp(m));
    result.magnitude = 1;
    break;
  default:
    result.text = "2 + cos(" + small.text + ")";
    result.level = kAdd;
    result.lower = 1;
    result.magnitude = 3;
    break;
  }
  result.shape = x.shape;
  return result;
}

//===----------------------------------------------------------------------===//
// Structural helpers
//===----------------------------------------------------------------------===//

Expr Generator::reshapeTo(const Expr &x, const Shape &shape) {
  Expr result = call("reshape", {x}, "shape=" + formatList(shape));
  result.shape = shape;
  result.magnitude = x.magnitude;
  result.exact = x.exact;
  return result;
}

Expr Generator::broadcastTo(const Expr &x, const Shape &shape) {
  Expr result = call("broadcast", {x}, "shape=" + formatList(shape));
  result.shape = shape;
  result.magnitude = x.magnitude;
  result.exact = x.exact;
  return result;
}

/// A shape of `rank` (at least 1 unless count is 1) with `count` elements.
Shape Generator::factorShape(int64_t count, size_t rank) {
  rank = std::max<size_t>(rank, count > 1 ? 1 : 0);
  Shape shape(rank, 1);
  for (int64_t p = 2; count > 1; ++p)
    while (count % p == 0) {
      shape[static_cast<size_t>(rng.range(0, rank - 1))] *= p;
      count /= p;
    }
  return shape;
}

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

Expr Generator::expression(int depth, bool exact) {
  using Maker = Expr (Generator::*)(int, bool);
  struct Choice {
    int weight;
    bool exactCapable;
    Maker make;
  };
  static const Choice choices[] = {
      {22, true, &Generator::unary},     {24, true, &Generator::binary},
      {12, true, &Generator::reduction}, {6, false, &Generator::softmaxLike},
      {8, false, &Generator::matmul},    {5, true, &Generator::transpose},
      {5, true, &Generator::reshape},    {4, true, &Generator::broadcast},
      {5, true, &Generator::slice},      {5, true, &Generator::concat}};
  int total = 0;
  for (const Choice &choice : choices)
    total += (!exact || choice.exactCapable) ? choice.weight : 0;
  int64_t ticket = rng.range(0, total - 1);
  const Choice *chosen = choices;
  for (const Choice &choice : choices) {
    if (exact && !choice.exactCapable)
      continue;
    chosen = &choice;
    if (ticket < choice.weight)
      break;
    ticket -= choice.weight;
  }
  Expr result = (this->*chosen->make)(depth, exact);
  return result.magnitude > kMaxMagnitude ? squash(result) : result;
}

Expr Generator::unary(int depth, bool exact) {
  static const std::vector<std::string> all = {
      "neg",  "exp", "log", "sqrt", "tanh",  "sigmoid",
      "relu", "sin", "cos", "abs",  "square"};
  static const std::vector<std::string> exactOps = {"neg", "relu", "abs"};
  std::string op = rng.pick(exact ? exactOps : all);
  bool kink = op == "relu" || op == "abs";
  Expr x = operand(depth, exact || (kink && f32));
  if (op == "neg" && rng.chance(0.5)) {
    Expr result = x;
    result.text = "-" + wrap(x, kAtom);
    result.level = kUnary;
    result.lower = 0;
    return result;
  }
  if (op == "exp" || op == "square")
    x = bounded(x, op == "exp" ? 3 : 4);
  if (op == "log" || op == "sqrt")
    x = positive(x);
  Expr result = call(op, {x});
  double m = x.magnitude;
  result.magnitude = m;
  result.exact = x.exact && (kink || op == "neg");
  if (op == "exp") {
    result.magnitude = std::exp(m);
    result.lower = std::exp(-m);
  } else if (op == "log") {
    result.magnitude = std::max(-std::log(x.lower), std::log(m));
  } else if (op == "sqrt") {
    result.magnitude = std::sqrt(m);
    result.lower = std::sqrt(x.lower);
  } else if (op == "tanh" || op == "sin" || op == "cos" || op == "sigmoid") {
    result.magnitude = std::min(m, 1.0);
    if (op == "cos" || op == "sigmoid")
      result.magnitude = 1;
    if (op == "sigmoid")
      result.lower = 1 / (1 + std::exp(m));
  } else if (op == "square") {
    result.magnitude = m * m;
  }
  return result;
}

Expr Generator::binary(int depth, bool exact) {
  static const std::vector<std::string> all = {
      "add", "sub", "mul", "div", "pow", "maximum", "minimum"};
  static const std::vector<std::string> exactOps = {"maximum", "minimum"};
  std::string op = rng.pick(exact ? exactOps : all);
  bool kink = op == "maximum" || op == "minimum";
  bool needExact = exact || (kink && f32);
  Expr a = operand(depth, needExact);
  Expr b = op == "pow" && rng.chance(0.4) ? literal()
                                          : partner(a.shape, depth, needExact);
  if (rng.chance(0.5))
    std::swap(a, b);
  if (op == "add" || op == "sub") {
    Expr result = infix(a, op == "add" ? "+" : "-", b, kAdd);
    result.magnitude = a.magnitude + b.magnitude;
    return result;
  }
  if (op == "mul" || op == "div") {
    a = bounded(a, 5);
    b = op == "mul" ? bounded(b, 5) : positive(b);
    Expr result = infix(a, op == "mul" ? "*" : "/", b, kMul);
    result.magnitude =
        op == "mul" ? a.magnitude * b.magnitude : a.magnitude / b.lower;
    return result;
  }
  if (op == "pow") {
    a = positive(a);
    b = bounded(b, 2);
    double e = b.magnitude;
    Expr result = call("pow", {a, b});
    result.shape = broadcastShapes(a.shape, b.shape);
    if (a.shape != b.shape)
      model.patterns.insert("broadcasting");
    result.magnitude =
        std::max(std::pow(a.magnitude, e), std::pow(a.lower, -e));
    return result;
  }
  Expr result = call(op, {a, b});
  result.shape = broadcastShapes(a.shape, b.shape);
  if (a.shape != b.shape)
    model.patterns.insert("broadcasting");
  result.magnitude = std::max(a.magnitude, b.magnitude);
  result.exact = a.exact && b.exact;
  return result;
}

Expr Generator::reduction(int depth, bool exact) {
  static const std::vector<std::string> all = {"sum", "mean", "max",
                                               "logsumexp"};
  std::string op = exact ? "max" : rng.pick(all);
  Expr x = operandOfRank(depth, exact || (op == "max" && f32), 1);
  size_t rank = x.shape.size();
  std::vector<int64_t> axes;
  std::string attrs;
  switch (rng.range(0, 2)) {
  case 0:
    model.patterns.insert("all-axes");
    for (size_t i = 0; i < rank; ++i)
      axes.push_back(static_cast<int64_t>(i));
    break;
  case 1:
    axes.push_back(rng.range(0, rank - 1));
    attrs = "axis=" + axisText(axes[0], rank);
    break;
  default: {
    model.patterns.insert("axis-list");
    for (size_t i = 0; i < rank; ++i)
      if (rng.chance(0.5))
        axes.push_back(static_cast<int64_t>(i));
    if (axes.empty())
      axes.push_back(rng.range(0, rank - 1));
    rng.shuffle(axes);
    std::string list;
    for (int64_t axis : axes)
      list += (list.empty() ? "" : ", ") + axisText(axis, rank);
    attrs = "axis=[" + list + "]";
  }
  }
  bool keepdims = false;
  if (rng.chance(0.5)) {
    model.patterns.insert("keepdims");
    keepdims = rng.chance(0.6);
    attrs += std::string(attrs.empty() ? "" : ", ") +
             "keepdims=" + (keepdims ? "true" : "false");
  }
  Expr result = call(op, {x}, attrs);
  result.shape.clear();
  int64_t reduced = 1;
  for (size_t i = 0; i < rank; ++i) {
    bool isReduced =
        std::count(axes.begin(), axes.end(), static_cast<int64_t>(i)) != 0;
    reduced *= isReduced ? x.shape[i] : 1;
    if (!isReduced || keepdims)
      result.shape.push_back(isReduced ? 1 : x.shape[i]);
  }
  result.magnitude = x.magnitude;
  if (op == "sum")
    result.magnitude *= static_cast<double>(reduced);
  if (op == "logsumexp")
    result.magnitude += std::log(static_cast<double>(reduced));
  result.exact = op == "max" && x.exact;
  return result;
}

Expr Generator::softmaxLike(int depth, bool) {
  bool logarithm = rng.chance(0.5);
  Expr x = operandOfRank(depth, false, 1);
  size_t rank = x.shape.size();
  int64_t axis = static_cast<int64_t>(rank) - 1;
  std::string attrs;
  if (rng.chance(0.6)) {
    axis = rng.range(0, rank - 1);
    attrs = "axis=" + axisText(axis, rank);
  }
  Expr result = call(logarithm ? "log_softmax" : "softmax", {x}, attrs);
  result.magnitude =
      logarithm ? 2 * x.magnitude + std::log(static_cast<double>(
                                        x.shape[static_cast<size_t>(axis)]))
                : 1;
  return result;
}

Expr Generator::matmul(int depth, bool) {
  Expr x = operandOfRank(depth, false, 2);
  if (x.shape.size() > 4)
    x = reshapeTo(x, factorShape(numElements(x.shape), 3));
  x = bounded(x, 4);
  size_t rank = x.shape.size();
  model.patterns.insert(rank > 2 ? "matmul-batched" : "matmul-2d");
  Shape batch(x.shape.begin(), x.shape.end() - 2);
  int64_t rows = x.shape[rank - 2], cols = x.shape[rank - 1];
  int64_t other = numElements(batch) * 5 * std::max(rows, cols) > kMaxElements
                      ? 1
                      : rng.range(1, 5);
  bool xLeft = rng.chance(0.5);
  Shape otherShape = batch;
  otherShape.push_back(xLeft ? cols : other);
  otherShape.push_back(xLeft ? other : rows);
  Expr y = bounded(valueOfShape(otherShape, depth, false), 4);
  Expr result = xLeft ? call("matmul", {x, y}) : call("matmul", {y, x});
  result.shape = batch;
  result.shape.push_back(xLeft ? rows : other);
  result.shape.push_back(xLeft ? other : cols);
  result.magnitude =
      x.magnitude * y.magnitude * static_cast<double>(xLeft ? cols : rows);
  return result;
}

Expr Generator::transpose(int depth, bool exact) {
  Expr x = operandOfRank(depth, exact, 1);
  std::vector<int64_t> perm;
  for (size_t i = 0; i < x.shape.size(); ++i)
    perm.push_back(static_cast<int64_t>(x.shape.size() - 1 - i));
  std::string attrs;
  if (rng.chance(0.5)) {
    model.patterns.insert("transpose-perm");
    rng.shuffle(perm);
    attrs = "perm=" + formatList(perm);
  } else {
    model.patterns.insert("transpose-default");
  }
  Expr result = call("transpose", {x}, attrs);
  for (size_t i = 0; i < perm.size(); ++i)
    result.shape[i] = x.shape[static_cast<size_t>(perm[i])];
  result.magnitude = x.magnitude;
  result.exact = x.exact;
  return result;
}

Expr Generator::reshape(int depth, bool exact) {
  Expr x = operand(depth, exact);
  int64_t count = numElements(x.shape);
  Shape shape = factorShape(count, static_cast<size_t>(rng.range(0, 4)));
  if (shape.size() != x.shape.size())
    model.patterns.insert("reshape-rank-change");
  return reshapeTo(x, shape);
}

Expr Generator::broadcast(int depth, bool exact) {
  Expr x = operand(depth, exact);
  Shape shape = x.shape;
  for (int64_t &dim : shape)
    if (dim == 1 && rng.chance(0.6))
      dim = rng.range(2, 4);
  for (int64_t i = rng.range(0, 2); i > 0 && shape.size() < 4; --i)
    shape.insert(shape.begin(), rng.range(1, 4));
  if (numElements(shape) > kMaxElements)
    shape = x.shape;
  return broadcastTo(x, shape);
}

Expr Generator::slice(int depth, bool exact) {
  Expr x = operandOfRank(depth, exact, 1);
  size_t rank = x.shape.size();
  std::vector<int64_t> wide;
  for (size_t i = 0; i < rank; ++i)
    if (x.shape[i] > 1)
      wide.push_back(static_cast<int64_t>(i));
  int64_t axis = wide.empty() ? rng.range(0, rank - 1) : rng.pick(wide);
  int64_t size = x.shape[static_cast<size_t>(axis)];
  int64_t start = rng.range(0, size - 1);
  int64_t end = rng.range(start + 1, size);
  Expr result =
      call("slice", {x},
           "axis=" + axisText(axis, rank) + ", start=" + std::to_string(start) +
               ", end=" + std::to_string(end));
  result.shape[static_cast<size_t>(axis)] = end - start;
  result.magnitude = x.magnitude;
  result.exact = x.exact;
  return result;
}

Expr Generator::concat(int depth, bool exact) {
  Expr x = operandOfRank(depth, exact, 1);
  size_t rank = x.shape.size();
  size_t axis = static_cast<size_t>(rng.range(0, rank - 1));
  std::vector<Expr> parts = {x};
  Shape shape = x.shape;
  for (int64_t i = rng.range(0, 2); i > 0; --i) {
    Shape partShape = x.shape;
    partShape[axis] = rng.range(1, 4);
    shape[axis] += partShape[axis];
    if (numElements(shape) > kMaxElements)
      break;
    Expr part = partShape == x.shape && rng.chance(0.3)
                    ? x
                    : valueOfShape(partShape, depth, exact);
    parts.insert(parts.begin() + rng.range(0, parts.size()), part);
  }
  if (parts.size() > 1)
    model.patterns.insert("concat-multi");
  double magnitude = 0;
  bool allExact = true;
  for (const Expr &part : parts) {
    magnitude = std::max(magnitude, part.magnitude);
    allExact = allExact && part.exact;
  }
  Expr result = call("concat", parts, "axis=" + axisText(axis, rank));
  result.shape = x.shape;
  result.shape[axis] = 0;
  for (const Expr &part : parts)
    result.shape[axis] += part.shape[axis];
  result.magnitude = magnitude;
  result.exact = allExact;
  return result;
}

//===----------------------------------------------------------------------===//
// Statements and outputs
//===----------------------------------------------------------------------===//

void Generator::addStatement(const std::string &name, const Expr &value) {
  std::string text = value.text;
  size_t open = text.find('(');
  if (open != std::string::npos && rng.chance(0.05)) {
    model.patterns.insert("line-continuation");
    text.insert(open + 1, "\n    ");
  }
  if (rng.chance(0.05)) {
    model.patterns.insert("comment");
    text += "  # " + name;
  }
  statements.push_back(name + " = " + text);
  Named statement;
  statement.expr = value;
  statement.expr.text = name;
  statement.expr.level = kAtom;
  named.push_back(statement);
}

/// A scalar made from `x`, moderate in size.
std::string Generator::scalarTerm(const Expr &x) {
  if (x.shape.empty())
    return x.text;
  if (numElements(x.shape) <= 8 && rng.chance(0.4))
    return "sum(" + x.text + ")";
  return (rng.chance(0.8) ? "mean(" : "logsumexp(") + x.text + ")";
}

/// `loss = ...` over every statement nothing else uses.
std::string Generator::lossStatement() {
  std::string loss;
  for (Named &value : named) {
    if (value.leaf || value.uses != 0)
      continue;
    ++value.uses;
    if (!loss.empty())
      loss += rng.chance(0.7) ? " + " : " - ";
    loss += scalarTerm(value.expr);
  }
  return "loss = " + loss;
}

/// The loss, then sometimes other values, a leaf, or an alias.
std::vector<std::string> Generator::outputNames() {
  std::vector<std::string> names = {"loss"};
  if (rng.chance(0.4)) {
    model.patterns.insert("extra-outputs");
    for (int64_t i = rng.range(1, 2); i > 0; --i) {
      const Named &value = rng.pick(named);
      if (std::count(names.begin(), names.end(), value.expr.text))
        continue;
      names.push_back(value.expr.text);
      if (value.leaf)
        model.patterns.insert("leaf-output");
    }
  }
  if (rng.chance(0.1)) {
    model.patterns.insert("alias-output");
    statements.push_back("alias = " + rng.pick(named).expr.text);
    names.insert(names.begin() + rng.range(1, names.size()), "alias");
  }
  return names;
}

RandomModel Generator::run() {
  f32 = rng.chance(0.5);
  model.patterns.insert(f32 ? "f32" : "f64");
  for (int64_t i = rng.range(1, 3); i > 0; --i)
    newLeaf(randomShape(0, 3));
  for (Named &leaf : named)
    leaf.uses = 0;
  int64_t count = rng.range(3, 7);
  for (int64_t i = 0; i < count; ++i)
    addStatement("t" + std::to_string(i), expression(0, false));
  statements.push_back(lossStatement());
  std::vector<std::string> outputs = outputNames();

  std::string text = "# random graph " + std::to_string(model.seed) + "\n";
  if (rng.chance(0.5)) {
    model.patterns.insert("model-name");
    text += "model rg_" + std::to_string(model.seed) + "\n";
  }
  for (const std::string &line : declarations)
    text += line + "\n";
  for (const std::string &line : statements)
    text += line + "\n";
  text += "output ";
  for (size_t i = 0; i < outputs.size(); ++i)
    text += (i ? ", " : "") + outputs[i];
  model.text = text + "\n";
  return model;
}

RandomModel adjoint::randomgraph::generateModel(uint64_t seed) {
  return Generator(seed).run();
}

const std::vector<std::string> &adjoint::randomgraph::allPatterns() {
  static const std::vector<std::string> patterns = {"f32",
                                                    "f64",
                                                    "rank-0",
                                                    "broadcasting",
                                                    "scalar-literal",
                                                    "nested",
                                                    "infix",
                                                    "call-form",
                                                    "all-axes",
                                                    "axis-list",
                                                    "negative-axis",
                                                    "keepdims",
                                                    "matmul-2d",
                                                    "matmul-batched",
                                                    "transpose-default",
                                                    "transpose-perm",
                                                    "reshape-rank-change",
                                                    "concat-multi",
                                                    "line-continuation",
                                                    "comment",
                                                    "extra-outputs",
                                                    "leaf-output",
                                                    "alias-output",
                                                    "model-name"};
  return patterns;
}

//===- AdjointDot.cpp - Graphviz of a function and its adjoint --*- C++ -*-===//
//
// Prints @forward as a forward graph and, beside it, the adjoint graph that
// adj-reverse-mode builds. The adjoint graph follows the reverse sweep
// (Adjoint.cpp): the same activity analysis, the ops in reverse order, and
// each active op's DerivativeOpInterface rule called on a placeholder `g`
// in a scratch block. The rule's cotangent for each operand, read back from
// the ops it emitted, is the label of the reverse edge to that operand's
// cotangent. (The @grad function itself cannot give these labels: a rule
// may return `g` unchanged, which leaves no op to say which operand got
// it.) Several cotangents of one value meet at a `+` node.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Dialect/Adj/Transforms/AdjointDot.h"

#include "adjoint/Dialect/Adj/Transforms/ActivityAnalysis.h"
#include "adjoint/Dialect/Adj/Transforms/Adjoint.h"
#include "adjoint/Interfaces/DerivativeOpInterface.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"

using namespace mlir;
using namespace adjoint;
using namespace adjoint::adj;

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

namespace {
/// Binding strength of an expression's outermost operator.
enum class Precedence { Sum, Product, Prefix, Atom };

/// The printing notation of an arithmetic op; the rest print as calls.
struct Infix {
  StringRef mnemonic;
  StringRef symbol;
  Precedence precedence;
  /// `a op (b op c)` equals `(a op b) op c`.
  bool associative;
};

const Infix kInfixOps[] = {
    {"add", "+", Precedence::Sum, true},
    {"sub", "-", Precedence::Sum, false},
    {"mul", "*", Precedence::Product, true},
    {"div", "/", Precedence::Product, false},
};

struct Printed {
  std::string text;
  Precedence precedence;
};

/// Prints the values a rule computes from `g` (see printExpression).
class ExpressionPrinter {
public:
  ExpressionPrinter(Value g, function_ref<std::string(Value)> nameOf)
      : g(g), nameOf(nameOf) {}

  Printed print(Value value);

private:
  Printed printOp(Operation *op);
  /// `value` in parentheses unless it binds at least as tightly as `least`.
  std::string printOperand(Value value, Precedence least);

  Value g;
  function_ref<std::string(Value)> nameOf;
};
} // namespace

/// A splat constant's value, or "const".
static Printed printConstant(DenseFPElementsAttr attr) {
  if (!attr.isSplat())
    return {"const", Precedence::Atom};
  double number = attr.getSplatValue<APFloat>().convertToDouble();
  std::string text;
  llvm::raw_string_ostream(text) << llvm::format("%g", number);
  return {text, number < 0 ? Precedence::Prefix : Precedence::Atom};
}

Printed ExpressionPrinter::print(Value value) {
  if (value == g)
    return {"g", Precedence::Atom};
  DenseFPElementsAttr constant;
  if (matchPattern(value, m_Constant(&constant)))
    return printConstant(constant);
  Operation *op = value.getDefiningOp();
  if (op && op->getBlock() == g.getParentBlock())
    return printOp(op);
  return {nameOf(value), Precedence::Atom};
}

std::string ExpressionPrinter::printOperand(Value value, Precedence least) {
  Printed printed = print(value);
  if (printed.precedence >= least)
    return printed.text;
  return "(" + printed.text + ")";
}

Printed ExpressionPrinter::printOp(Operation *op) {
  StringRef mnemonic = op->getName().stripDialect();
  const Infix *infix = llvm::find_if(kInfixOps, [&](const Infix &entry) {
    return entry.mnemonic == mnemonic;
  });
  if (infix != std::end(kInfixOps) && op->getNumOperands() == 2) {
    // The right operand of `-` and `/` needs parentheses at equal strength.
    auto rightLeast = static_cast<Precedence>(
        static_cast<int>(infix->precedence) + (infix->associative ? 0 : 1));
    return {printOperand(op->getOperand(0), infix->precedence) + " " +
                infix->symbol.str() + " " +
                printOperand(op->getOperand(1), rightLeast),
            infix->precedence};
  }
  if (mnemonic == "neg" && op->getNumOperands() == 1)
    return {"-" + printOperand(op->getOperand(0), Precedence::Prefix),
            Precedence::Prefix};
  std::string text = mnemonic.str() + "(";
  llvm::interleave(
      op->getOperands(), [&](Value operand) { text += print(operand).text; },
      [&] { text += ", "; });
  return {text + ")", Precedence::Atom};
}

std::string adj::printExpression(Value value, Value g,
                                 function_ref<std::string(Value)> nameOf) {
  return ExpressionPrinter(g, nameOf).print(value).text;
}

std::string adj::quoteDot(StringRef text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      quoted += '\\';
    if (c == '\n')
      quoted += "\\n";
    else
      quoted += c;
  }
  return quoted + "\"";
}

//===----------------------------------------------------------------------===//
// The graph
//===----------------------------------------------------------------------===//

namespace {
/// A cotangent flowing into a value's cotangent node: from the node `from`,
/// labelled with the local gradient.
struct Contribution {
  std::string from;
  std::string label;
};

/// The forward and adjoint graphs of one function.
class DotPrinter {
public:
  /// The adjoint of every result for @vjp, of the first for @grad.
  DotPrinter(func::FuncOp forward, bool vjp, LocNamer nameOf, raw_ostream &os);

  void print();

private:
  void nameValues(LocNamer nameOf);
  /// Seeds the cotangents of the differentiated results.
  void addSeeds();
  /// Replays the reverse sweep and records every contribution.
  void addRuleContributions();
  void addRuleContributions(Operation &op);

  void printForward();
  void printAdjoint();
  void printCotangent(Value value, ArrayRef<Contribution> incoming);
  void printLinks();

  std::string node(StringRef prefix, Value value) const {
    return (prefix + llvm::Twine(ids.lookup(value))).str();
  }

  func::FuncOp forward;
  Block &block;
  bool vjp;
  SmallVector<unsigned> results;
  ActivityAnalysis activity;
  raw_ostream &os;
  llvm::DenseMap<Value, unsigned> ids;
  llvm::DenseMap<Value, std::string> names;
  /// Extra nodes of the adjoint graph (the seeds), as dot statements.
  SmallVector<std::string> seedNodes;
  llvm::MapVector<Value, SmallVector<Contribution>> contributions;
};
} // namespace

/// The indices of the arguments with `adj.leaf = "param"`.
static SmallVector<unsigned> getParams(func::FuncOp func) {
  SmallVector<unsigned> params;
  for (unsigned index = 0, e = func.getNumArguments(); index < e; ++index)
    if (auto kind = func.getArgAttrOfType<StringAttr>(index, kLeafKindAttr))
      if (kind.getValue() == "param")
        params.push_back(index);
  return params;
}

DotPrinter::DotPrinter(func::FuncOp forward, bool vjp, LocNamer nameOf,
                       raw_ostream &os)
    : forward(forward), block(forward.getBody().front()), vjp(vjp),
      results(llvm::to_vector(
          llvm::seq<unsigned>(0, vjp ? forward.getNumResults() : 1))),
      activity(forward, getParams(forward), results), os(os) {
  nameValues(nameOf);
}

void DotPrinter::nameValues(LocNamer nameOf) {
  auto add = [&](Value value, std::string name) {
    unsigned id = ids.size();
    ids[value] = id;
    names[value] = name.empty() ? "%" + std::to_string(id) : name;
  };
  auto attrName = [](StringAttr name) { return name ? name.str() : ""; };
  for (BlockArgument arg : block.getArguments())
    add(arg, attrName(forward.getArgAttrOfType<StringAttr>(arg.getArgNumber(),
                                                           kNameAttr)));
  Operation *terminator = block.getTerminator();
  for (Operation &op : block.without_terminator()) {
    Value value = op.getResult(0);
    std::string name = nameOf ? nameOf(op.getLoc()) : "";
    for (OpOperand &use : terminator->getOpOperands())
      if (name.empty() && use.get() == value)
        name = attrName(forward.getResultAttrOfType<StringAttr>(
            use.getOperandNumber(), kNameAttr));
    add(value, name);
  }
}

void DotPrinter::addSeeds() {
  Operation *terminator = block.getTerminator();
  for (unsigned index : results) {
    Value result = terminator->getOperand(index);
    if (!activity.isActive(result))
      continue;
    // @vjp reads the cotangent of output `y` from `y.cotangent`.
    auto name = forward.getResultAttrOfType<StringAttr>(index, kNameAttr);
    std::string label =
        !vjp ? "1"
             : (name ? name.str() : "#" + std::to_string(index)) + ".cotangent";
    std::string seed = "u" + std::to_string(index);
    seedNodes.push_back(seed + " [shape=plaintext, label=" + quoteDot(label) +
                        "];");
    contributions[result].push_back({seed, ""});
  }
}

void DotPrinter::addRuleContributions() {
  for (Operation &op : llvm::reverse(block.without_terminator()))
    if (activity.isActive(&op) && contributions.count(op.getResult(0)))
      addRuleContributions(op);
}

void DotPrinter::addRuleContributions(Operation &op) {
  Value result = op.getResult(0);
  SmallVector<bool> needed =
      llvm::map_to_vector(op.getOperands(), [&](Value operand) {
        return activity.isActive(operand);
      });
  Block scratch;
  Value g = scratch.addArgument(result.getType(), op.getLoc());
  // The scratch block has no region, so the builder gets the context here.
  OpBuilder builder(op.getContext());
  builder.setInsertionPointToEnd(&scratch);
  SmallVector<Value> cotangents =
      cast<DerivativeOpInterface>(op).buildVJP(builder, g, needed);
  auto nameOf = [&](Value value) {
    auto found = names.find(value);
    return found == names.end() ? std::string("?") : found->second;
  };
  for (auto [index, operand] : llvm::enumerate(op.getOperands()))
    if (needed[index] && index < cotangents.size() && cotangents[index])
      contributions[operand].push_back(
          {node("d", result), printExpression(cotangents[index], g, nameOf)});
}

void DotPrinter::print() {
  addSeeds();
  addRuleContributions();
  os << "digraph adjoint {\n"
     << "  graph [fontname=\"Helvetica\"];\n"
     << "  node [fontname=\"Helvetica\", fontsize=12];\n"
     << "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  printForward();
  printAdjoint();
  printLinks();
  os << "}\n";
}

void DotPrinter::printForward() {
  os << "  subgraph cluster_forward {\n    label=\"forward\";\n";
  Operation *terminator = block.getTerminator();
  auto isOutput = [&](Value value) {
    return llvm::is_contained(terminator->getOperands(), value);
  };
  for (BlockArgument arg : block.getArguments()) {
    auto kind =
        forward.getArgAttrOfType<StringAttr>(arg.getArgNumber(), kLeafKindAttr);
    bool param = kind && kind.getValue() == "param";
    os << "    " << node("v", arg) << " [shape=ellipse"
       << (param ? ", style=bold" : "")
       << ", label=" << quoteDot(names[arg] + (kind ? "\n" + kind.str() : ""))
       << "];\n";
  }
  for (Operation &op : block.without_terminator()) {
    Value value = op.getResult(0);
    DenseFPElementsAttr constant;
    std::string label =
        matchPattern(value, m_Constant(&constant))
            ? printConstant(constant).text
            : names[value] + " = " + op.getName().stripDialect().str();
    os << "    " << node("v", value)
       << " [shape=" << (constant ? "plaintext" : "box")
       << (isOutput(value) ? ", peripheries=2" : "")
       << ", label=" << quoteDot(label) << "];\n";
    for (Value operand : op.getOperands())
      os << "    " << node("v", operand) << " -> " << node("v", value) << ";\n";
  }
  os << "  }\n";
}

void DotPrinter::printAdjoint() {
  os << "  subgraph cluster_adjoint {\n    label=\"adjoint (@"
     << (vjp ? "vjp" : "grad") << ")\";\n";
  for (const std::string &seed : seedNodes)
    os << "    " << seed << "\n";
  for (auto &[value, incoming] : contributions)
    printCotangent(value, incoming);
  os << "  }\n";
}

/// Reverse edges are written operand -> result with `dir=back`, so each
/// cotangent is ranked like its forward value and the arrows point from
/// the result's cotangent to the operand's.
void DotPrinter::printCotangent(Value value, ArrayRef<Contribution> incoming) {
  std::string cotangent = node("d", value);
  os << "    " << cotangent
     << " [shape=box, style=rounded, label=" << quoteDot("dL/d" + names[value])
     << "];\n";
  std::string target = cotangent;
  if (incoming.size() > 1) {
    target = node("s", value);
    os << "    " << target << " [shape=circle, label=\"+\"];\n"
       << "    " << cotangent << " -> " << target << " [dir=back];\n";
  }
  for (const Contribution &from : incoming) {
    os << "    " << target << " -> " << from.from << " [dir=back";
    if (!from.label.empty())
      os << ", label=" << quoteDot(from.label);
    os << "];\n";
  }
}

void DotPrinter::printLinks() {
  for (auto &entry : contributions)
    os << "  " << node("v", entry.first) << " -> " << node("d", entry.first)
       << " [style=dashed, arrowhead=none, constraint=false, color=gray];\n";
}

LogicalResult adj::printAdjointDot(ModuleOp module, raw_ostream &os,
                                   LocNamer nameOf) {
  auto forward = module.lookupSymbol<func::FuncOp>("forward");
  bool hasGrad = static_cast<bool>(module.lookupSymbol("grad"));
  if (!forward || forward.isExternal() || !forward.getBody().hasOneBlock() ||
      (!hasGrad && !module.lookupSymbol("vjp")))
    return emitError(module.getLoc(),
                     "the dot graph needs @forward and @grad or @vjp, as "
                     "built by adj-reverse-mode");
  DotPrinter(forward, /*vjp=*/!hasGrad, nameOf, os).print();
  return success();
}

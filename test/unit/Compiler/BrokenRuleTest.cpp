//===- BrokenRuleTest.cpp - The checker catches a wrong derivative rule --===//
//
// Swaps tanh's derivative rules for ones written in this test: a test op
// whose rules are right (g * (1 - y*y)) or, in one direction, deliberately
// wrong (g * (1 - y)) stands in for adj.tanh while the AD passes run, and
// is turned back into adj.tanh before lowering, so only the rules differ.
// The compiled model then goes through the same check as `adjoint check`.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/ModelCheck.h"
#include "adjoint/Compiler/Pipeline.h"
#include "adjoint/Dialect/Adj/IR/AdjOps.h"
#include "adjoint/Graph/Parser.h"
#include "adjoint/Import/GraphToMLIR.h"
#include "adjoint/InitAll.h"
#include "adjoint/Interfaces/DerivativeOpInterface.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OpDefinition.h"

#include <gtest/gtest.h>

using namespace adjoint;
using namespace mlir;

namespace {
/// `test.tanh`: tanh with derivative rules chosen by the test. With the
/// attribute `broken = "vjp"` (or "jvp"), that rule forgets to square y;
/// with `broken = "reads"`, the VJP reads y without declaring it.
class RuleTanhOp
    : public Op<RuleTanhOp, OpTrait::ZeroRegions, OpTrait::OneResult,
                OpTrait::OneTypedResult<Type>::Impl, OpTrait::ZeroSuccessors,
                OpTrait::OneOperand, DerivativeOpInterface::Trait> {
public:
  using Op::Op;
  static StringRef getOperationName() { return "test.tanh"; }
  static ArrayRef<StringRef> getAttributeNames() { return {}; }
  static void build(OpBuilder &builder, OperationState &state, Type type,
                    Value operand) {
    state.addTypes(type);
    state.addOperands(operand);
  }

  SmallVector<Value> buildVJP(OpBuilder &builder, Value g,
                              ArrayRef<bool> needed) {
    if (!needed[0])
      return {Value()};
    return {buildRule(builder, g, isBroken("vjp"))};
  }

  SmallVector<Value> getVJPReads(ArrayRef<bool> needed) {
    if (!needed[0] || isBroken("reads"))
      return {};
    return {getResult()};
  }

  /// tanh's Jacobian is diagonal: the JVP is the VJP's formula applied to
  /// the tangent.
  Value buildJVP(OpBuilder &builder, ValueRange tangents) {
    return buildRule(builder, tangents[0], isBroken("jvp"));
  }

private:
  bool isBroken(StringRef direction) {
    auto broken = (*this)->getAttrOfType<StringAttr>("broken");
    return broken && broken.getValue() == direction;
  }

  /// `g * (1 - y*y)`, or `g * (1 - y)` when `broken`.
  Value buildRule(OpBuilder &builder, Value g, bool broken) {
    Location loc = getLoc();
    Value y = getResult();
    auto type = cast<RankedTensorType>(y.getType());
    auto scalarType = RankedTensorType::get({}, type.getElementType());
    Value one = builder.create<adj::ConstantOp>(
        loc, scalarType,
        cast<DenseFPElementsAttr>(DenseElementsAttr::get(
            scalarType, builder.getFloatAttr(type.getElementType(), 1.0))));
    Value slope = broken ? y : builder.create<adj::MulOp>(loc, type, y, y);
    Value local = builder.create<adj::SubOp>(loc, type, one, slope);
    return builder.create<adj::MulOp>(loc, type, g, local);
  }
};

class RuleTestDialect : public Dialect {
public:
  explicit RuleTestDialect(MLIRContext *context)
      : Dialect(getDialectNamespace(), context,
                TypeID::get<RuleTestDialect>()) {
    addOperations<RuleTanhOp>();
  }
  static StringRef getDialectNamespace() { return "test"; }
};

/// Replaces every `From` op of `module` by a `To` op on the same operand
/// and of the same type, with `broken` set on them unless it is empty.
template <typename From, typename To>
void swapOps(ModuleOp module, StringRef broken) {
  SmallVector<From> ops;
  module.walk([&](From op) { ops.push_back(op); });
  for (From op : ops) {
    OpBuilder builder(op);
    Operation *replacement =
        builder.create<To>(op->getLoc(), op->getResult(0).getType(),
                           op->getOperand(0));
    if (!broken.empty())
      replacement->setAttr("broken", builder.getStringAttr(broken));
    op->getResult(0).replaceAllUsesWith(replacement->getResult(0));
    op->erase();
  }
}

// A model whose gradient goes through tanh in several places: an input,
// a broadcast param and a second param through a matmul.
constexpr const char *kModel = R"(
model tanh_rule
input x : f32[4, 3]
param w : f32[3]
param v : f32[3, 2]
h = tanh(x * w)
loss = sum(square(matmul(h, v)))
output loss, h
)";

/// kModel imported with tanh's rules swapped for the test's (with
/// `broken` set), and the diagnostics its context reported.
struct TanhRuleModule {
  explicit TanhRuleModule(StringRef broken) : context(makeRegistry()) {
    graph::Diagnostic diag;
    graph = graph::parseModel(kModel, "tanh_rule.adj", diag);
    EXPECT_TRUE(graph) << diag.message;
    context.loadAllAvailableDialects();
    context.getDiagEngine().registerHandler([this](Diagnostic &diagnostic) {
      diagnostics += diagnostic.str() + "\n";
      return success();
    });
    module = importGraph(context, *graph, "tanh_rule.adj");
    swapOps<adj::TanhOp, RuleTanhOp>(*module, broken);
  }

  static DialectRegistry makeRegistry() {
    DialectRegistry registry;
    registerAllDialects(registry);
    registry.insert<RuleTestDialect>();
    return registry;
  }

  std::optional<graph::Graph> graph;
  MLIRContext context;
  std::string diagnostics;
  OwningOpRef<ModuleOp> module;
};

/// The largest error per param when tanh's rules are the test's own, with
/// the one in direction `broken` ("vjp", "jvp" or "" for none) wrong.
std::vector<ParamCheck> checkWithTanhRules(StringRef broken) {
  TanhRuleModule rules(broken);
  if (!rules.graph)
    return {};
  const graph::Graph &graph = *rules.graph;
  std::vector<std::string> entries = getCheckedEntries(graph);
  EXPECT_TRUE(succeeded(buildDerivatives(
      *rules.module, DerivativeEntries::fromNames(entries))))
      << rules.diagnostics;
  swapOps<RuleTanhOp, adj::TanhOp>(*rules.module, "");

  std::string error;
  std::optional<CompiledModel> derivatives =
      CompiledModel::fromModule(*rules.module, graph, entries, error);
  std::optional<CompiledModel> reference =
      CompiledModel::compile(rules.context, widenToF64(graph), "tanh_rule.adj",
                             getReferenceEntries(graph), error);
  EXPECT_TRUE(derivatives && reference) << error << rules.diagnostics;
  if (!derivatives || !reference)
    return {};

  Buffers leaves;
  for (auto [index, buffer] :
       llvm::enumerate(reference->getSignature(kForwardEntry).arguments)) {
    NpyArray array = makeArray(graph::ElementType::F32, buffer.shape);
    fillUniform(array, /*seed=*/7, index);
    leaves.push_back(toDoubles(array));
  }
  return checkCompiledModel(graph, *derivatives, *reference, leaves, {});
}

/// The diagnostics of building @grad and @vjp with tanh's rules swapped
/// for the test's, with `broken` set; `built` says whether it succeeded.
std::string buildWithTanhRules(StringRef broken, bool &built) {
  TanhRuleModule rules(broken);
  built = rules.graph && succeeded(buildDerivatives(
                             *rules.module,
                             DerivativeEntries::fromNames({"grad", "vjp"})));
  return rules.diagnostics;
}

TEST(BrokenRuleTest, DeclaredReadsAreAccepted) {
  bool built = false;
  std::string diagnostics = buildWithTanhRules("", built);
  EXPECT_TRUE(built) << diagnostics;
}

TEST(BrokenRuleTest, UndeclaredReadIsRejected) {
  bool built = true;
  std::string diagnostics = buildWithTanhRules("reads", built);
  EXPECT_FALSE(built);
  EXPECT_NE(diagnostics.find("derivative rule reads a forward value its "
                             "getVJPReads does not declare"),
            std::string::npos)
      << diagnostics;
}

/// f32 derivatives against f64 finite differences.
constexpr double kAgree = 1e-5;
/// Far above `adjoint check`'s default tolerance of 1e-4.
constexpr double kCaught = 1e-2;

TEST(BrokenRuleTest, RightRulesSwappedInPass) {
  std::vector<ParamCheck> report = checkWithTanhRules("");
  ASSERT_EQ(report.size(), 2u);
  for (const ParamCheck &param : report)
    EXPECT_LT(param.worst(), kAgree) << param.name;
}

TEST(BrokenRuleTest, WrongVjpRuleIsCaught) {
  std::vector<ParamCheck> report = checkWithTanhRules("vjp");
  ASSERT_EQ(report.size(), 2u);
  // w's gradient flows through the broken rule: grad and vjp are wrong,
  // and so are hvp (forward mode over the wrong @grad) and <Jv,u> against
  // <v,J^T u>; jvp, from the right JVP rule, still agrees.
  const ParamCheck &w = report[0];
  EXPECT_EQ(w.name, "w");
  EXPECT_GT(w.gradError, kCaught);
  EXPECT_GT(w.vjpError, kCaught);
  EXPECT_GT(w.hvpError, kCaught);
  EXPECT_GT(w.dualityError, kCaught);
  EXPECT_LT(w.jvpError, kAgree);
  // v's gradient does not go through tanh's rules (h is a forward value
  // there), so it agrees; but moving v changes w's wrong gradient, so the
  // hvp check along v (which compares every param's product) catches it.
  const ParamCheck &v = report[1];
  EXPECT_EQ(v.name, "v");
  EXPECT_LT(v.gradError, kAgree);
  EXPECT_LT(v.vjpError, kAgree);
  EXPECT_LT(v.jvpError, kAgree);
  EXPECT_LT(v.dualityError, kAgree);
  EXPECT_GT(v.hvpError, kCaught);
}

TEST(BrokenRuleTest, WrongJvpRuleIsCaught) {
  std::vector<ParamCheck> report = checkWithTanhRules("jvp");
  ASSERT_EQ(report.size(), 2u);
  const ParamCheck &w = report[0];
  EXPECT_GT(w.jvpError, kCaught);
  EXPECT_GT(w.dualityError, kCaught);
  EXPECT_LT(w.gradError, kAgree);
  EXPECT_LT(w.vjpError, kAgree);
  EXPECT_LT(report[1].worst(), kAgree);
}
} // namespace

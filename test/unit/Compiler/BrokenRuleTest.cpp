//===- BrokenRuleTest.cpp - The checker catches a wrong derivative rule --===//
//
// Swaps tanh's derivative rule for one written in this test: a test op
// whose buildVJP is either right (g * (1 - y*y)) or deliberately wrong
// (g * (1 - y)) stands in for adj.tanh while adj-reverse-mode runs, and is
// turned back into adj.tanh before lowering, so only the rule differs. The
// compiled model then goes through the same check as `adjoint check`.
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
/// `test.tanh`: tanh with a derivative rule chosen by the test. With the
/// unit attribute `broken`, the rule forgets to square y.
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
    Location loc = getLoc();
    Value y = getResult();
    auto type = cast<RankedTensorType>(y.getType());
    auto scalarType = RankedTensorType::get({}, type.getElementType());
    Value one = builder.create<adj::ConstantOp>(
        loc, scalarType,
        cast<DenseFPElementsAttr>(DenseElementsAttr::get(
            scalarType, builder.getFloatAttr(type.getElementType(), 1.0))));
    Value slope = (*this)->hasAttr("broken")
                      ? y
                      : builder.create<adj::MulOp>(loc, type, y, y);
    Value local = builder.create<adj::SubOp>(loc, type, one, slope);
    return {builder.create<adj::MulOp>(loc, type, g, local)};
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
/// and of the same type; `broken` is set on the new ops.
template <typename From, typename To>
void swapOps(ModuleOp module, bool broken) {
  SmallVector<From> ops;
  module.walk([&](From op) { ops.push_back(op); });
  for (From op : ops) {
    OpBuilder builder(op);
    Operation *replacement =
        builder.create<To>(op->getLoc(), op->getResult(0).getType(),
                           op->getOperand(0));
    if (broken)
      replacement->setAttr("broken", builder.getUnitAttr());
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

/// The largest error per param when tanh's rule is the test's own.
std::vector<ParamCheck> checkWithTanhRule(bool broken) {
  graph::Diagnostic diag;
  std::optional<graph::Graph> graph =
      graph::parseModel(kModel, "tanh_rule.adj", diag);
  EXPECT_TRUE(graph) << diag.message;
  if (!graph)
    return {};
  DialectRegistry registry;
  registerAllDialects(registry);
  registry.insert<RuleTestDialect>();
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  std::string diagnostics;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diagnostic) {
    diagnostics += diagnostic.str() + "\n";
    return success();
  });

  OwningOpRef<ModuleOp> module = importGraph(context, *graph, "tanh_rule.adj");
  swapOps<adj::TanhOp, RuleTanhOp>(*module, broken);
  EXPECT_TRUE(succeeded(buildDerivatives(*module, true, true)))
      << diagnostics;
  swapOps<RuleTanhOp, adj::TanhOp>(*module, false);

  std::string error;
  std::optional<CompiledModel> derivatives = CompiledModel::fromModule(
      *module, *graph, getCheckedEntries(*graph), error);
  std::optional<CompiledModel> forward64 = CompiledModel::compile(
      context, widenToF64(*graph), "tanh_rule.adj", {kForwardEntry}, error);
  EXPECT_TRUE(derivatives && forward64) << error << diagnostics;
  if (!derivatives || !forward64)
    return {};

  Buffers leaves;
  for (auto [index, buffer] :
       llvm::enumerate(forward64->getSignature(kForwardEntry).arguments)) {
    NpyArray array = makeArray(graph::ElementType::F32, buffer.shape);
    fillUniform(array, /*seed=*/7, index);
    leaves.push_back(toDoubles(array));
  }
  return checkCompiledModel(*graph, *derivatives, *forward64, leaves, {});
}

TEST(BrokenRuleTest, RightRuleSwappedInPasses) {
  std::vector<ParamCheck> report = checkWithTanhRule(/*broken=*/false);
  ASSERT_EQ(report.size(), 2u);
  for (const ParamCheck &param : report) {
    // f32 derivatives against f64 finite differences.
    EXPECT_LT(param.gradError, 1e-5) << param.name;
    EXPECT_LT(param.vjpError, 1e-5) << param.name;
  }
}

TEST(BrokenRuleTest, WrongRuleIsCaughtForEveryParamItReaches) {
  std::vector<ParamCheck> report = checkWithTanhRule(/*broken=*/true);
  ASSERT_EQ(report.size(), 2u);
  EXPECT_EQ(report[0].name, "w");
  // w's gradient flows through the broken rule: caught by grad and vjp,
  // far above `adjoint check`'s default tolerance of 1e-4.
  EXPECT_GT(report[0].gradError, 1e-2);
  EXPECT_GT(report[0].vjpError, 1e-2);
  // v's does not (h is a forward value there), so v still passes.
  EXPECT_EQ(report[1].name, "v");
  EXPECT_LT(report[1].gradError, 1e-5);
  EXPECT_LT(report[1].vjpError, 1e-5);
}
} // namespace

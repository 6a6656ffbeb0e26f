//===- AdjointDotTest.cpp - Expressions and quoting of the dot printer ---===//
//
// printExpression on hand-written `adj` functions whose first argument
// stands for the cotangent `g`: infix precedence and parentheses, prefix
// minus, calls, constants and leaves. quoteDot on the characters Graphviz
// treats specially.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Dialect/Adj/Transforms/AdjointDot.h"
#include "adjoint/InitAll.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

using namespace adjoint;
using namespace mlir;

namespace {
class DotExpressionTest : public ::testing::Test {
protected:
  DotExpressionTest() : context(makeRegistry()) {}

  static DialectRegistry makeRegistry() {
    DialectRegistry registry;
    registerAllDialects(registry);
    return registry;
  }

  /// Prints the returned value of `@f(%g, %h, %w)` (tensor<3xf32> each)
  /// whose body is `body`; %h and %w are named "h" and "W".
  std::string print(llvm::StringRef body) {
    std::string source = "func.func @f(%g: tensor<3xf32>, %h: tensor<3xf32>, "
                         "%w: tensor<3xf32>) -> tensor<3xf32> {\n" +
                         body.str() + "\n}";
    module = parseSourceString<ModuleOp>(source, &context);
    if (!module)
      return "<parse error>";
    auto func = cast<func::FuncOp>(module->getBody()->front());
    Block &block = func.getBody().front();
    auto nameOf = [&](Value value) -> std::string {
      return value == block.getArgument(1) ? "h" : "W";
    };
    return adj::printExpression(block.getTerminator()->getOperand(0),
                                block.getArgument(0), nameOf);
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};
} // namespace

TEST_F(DotExpressionTest, TanhRuleNeedsParenthesesOnTheRight) {
  EXPECT_EQ(print(R"mlir(
    %hh = adj.mul %h, %h : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %one = adj.constant dense<1.0> : tensor<f32>
    %d = adj.sub %one, %hh : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
    %r = adj.mul %g, %d : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    return %r : tensor<3xf32>)mlir"),
            "g * (1 - h * h)");
}

TEST_F(DotExpressionTest, LeftOperandsOfEqualStrengthKeepNoParentheses) {
  EXPECT_EQ(print(R"mlir(
    %a = adj.sub %g, %h : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %b = adj.sub %a, %w : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %c = adj.div %h, %w : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %r = adj.div %b, %c : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    return %r : tensor<3xf32>)mlir"),
            "(g - h - W) / (h / W)");
}

TEST_F(DotExpressionTest, AssociativeRightOperandsKeepNoParentheses) {
  EXPECT_EQ(print(R"mlir(
    %a = adj.mul %h, %w : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %r = adj.mul %g, %a : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    return %r : tensor<3xf32>)mlir"),
            "g * h * W");
}

TEST_F(DotExpressionTest, NegationAndNegativeConstantsBindAsPrefixes) {
  EXPECT_EQ(print(R"mlir(
    %s = adj.sin %h : tensor<3xf32>
    %n = adj.neg %s : tensor<3xf32>
    %a = adj.mul %g, %n : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    %m = adj.constant dense<-0.5> : tensor<f32>
    %r = adj.mul %m, %a : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
    return %r : tensor<3xf32>)mlir"),
            "-0.5 * g * -sin(h)");
}

TEST_F(DotExpressionTest, OtherOpsPrintAsCalls) {
  EXPECT_EQ(print(R"mlir(
    %t = adj.transpose %w, [0] : (tensor<3xf32>) -> tensor<3xf32>
    %s = adj.sum %g, [0] : (tensor<3xf32>) -> tensor<f32>
    %b = adj.broadcast %s : (tensor<f32>) -> tensor<3xf32>
    %r = adj.mul %b, %t : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    return %r : tensor<3xf32>)mlir"),
            "broadcast(sum(g)) * transpose(W)");
}

TEST_F(DotExpressionTest, ThePlaceholderAloneIsG) {
  EXPECT_EQ(print("return %g : tensor<3xf32>"), "g");
}

TEST(QuoteDotTest, EscapesQuotesBackslashesAndNewlines) {
  EXPECT_EQ(adj::quoteDot("dL/dh"), "\"dL/dh\"");
  EXPECT_EQ(adj::quoteDot("a \"b\"\\n\nc"), "\"a \\\"b\\\"\\\\n\\nc\"");
}

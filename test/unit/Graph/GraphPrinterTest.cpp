//===- GraphPrinterTest.cpp - Tests of the Graph dump -----------*- C++ -*-===//
//
// The exact text of printGraph for a small model, and the shortest
// round-tripping number format of constants.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Graph/GraphPrinter.h"
#include "adjoint/Graph/Parser.h"

#include <gtest/gtest.h>

using namespace adjoint::graph;

namespace {

TEST(GraphPrinterTest, SmallModel) {
  const char *source = "model tiny\n"
                       "input x : f32[2, 3]\n"
                       "param w : f32[3]\n"
                       "h = tanh(x * w)\n"
                       "loss = sum(h, axis=-1) / 2\n"
                       "output loss, h\n";
  Diagnostic diag;
  std::optional<Graph> graph = parseModel(source, "tiny.adj", diag);
  ASSERT_TRUE(graph) << diag.message;
  EXPECT_EQ(printGraphToString(*graph),
            "model tiny : f32\n"
            "%0 = input x : [2, 3]                     # 2:7\n"
            "%1 = param w : [3]                        # 3:7\n"
            "%2 = mul(%0, %1) : [2, 3]                 # 4:12\n"
            "%3 h = tanh(%2) : [2, 3]                  # 4:5\n"
            "%4 = sum(%3, axis=[1], keepdims=false) : [2]  # 5:8\n"
            "%5 = constant 2 : []                      # 5:26\n"
            "%6 loss = div(%4, %5) : [2]               # 5:24\n"
            "output %6 (loss), %3 (h)\n");
}

TEST(GraphPrinterTest, Attributes) {
  const char *source = "input x : f64[2, 3]\n"
                       "a = transpose(x)\n"
                       "b = reshape(x, shape=[3, 2])\n"
                       "c = slice(x, axis=-1, start=1, end=3)\n"
                       "d = concat(x, x, axis=0)\n"
                       "e = log_softmax(x)\n"
                       "output a, b, c, d, e\n";
  Diagnostic diag;
  std::optional<Graph> graph = parseModel(source, "attrs.adj", diag);
  ASSERT_TRUE(graph) << diag.message;
  std::string text = printGraphToString(*graph);
  EXPECT_NE(text.find("model attrs : f64\n"), std::string::npos);
  EXPECT_NE(text.find("%1 a = transpose(%0, perm=[1, 0]) : [3, 2]"),
            std::string::npos);
  EXPECT_NE(text.find("%2 b = reshape(%0, shape=[3, 2]) : [3, 2]"),
            std::string::npos);
  EXPECT_NE(text.find("%3 c = slice(%0, axis=1, start=1, end=3) : [2, 2]"),
            std::string::npos);
  EXPECT_NE(text.find("%4 d = concat(%0, %0, axis=0) : [4, 3]"),
            std::string::npos);
  EXPECT_NE(text.find("%5 e = log_softmax(%0, axis=1) : [2, 3]"),
            std::string::npos);
}

TEST(GraphPrinterTest, Numbers) {
  EXPECT_EQ(formatNumber(2.0), "2");
  EXPECT_EQ(formatNumber(0.1), "0.1");
  EXPECT_EQ(formatNumber(1e-30), "1e-30");
  EXPECT_EQ(formatNumber(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(formatNumber(3.4028234663852886e38), "3.4028234663852886e+38");
}

} // namespace

//===- DiagnosticTest.cpp - Tests of diagnostic rendering -------*- C++ -*-===//
//
// formatDiagnostic: header, source line and caret, including tabs, UTF-8
// text before the column, CRLF line ends and positions past the end.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Graph/Diagnostic.h"
#include "adjoint/Graph/Parser.h"

#include <gtest/gtest.h>

using namespace adjoint::graph;

namespace {

TEST(DiagnosticTest, HeaderLineAndCaret) {
  EXPECT_EQ(formatDiagnostic("m.adj", "input x : f32\ny = foo(x)\n",
                             {{2, 5}, "unknown op 'foo'"}),
            "m.adj:2:5: error: unknown op 'foo'\ny = foo(x)\n    ^\n");
}

TEST(DiagnosticTest, TabsAndUtf8KeepTheCaretAligned) {
  EXPECT_EQ(formatDiagnostic("m.adj", "\ty = z\n", {{1, 6}, "unknown"}),
            "m.adj:1:6: error: unknown\n\ty = z\n\t    ^\n");
  // "é" is two bytes but one column on a terminal.
  EXPECT_EQ(formatDiagnostic("m.adj", "#\xC3\xA9 \xFF\n", {{1, 5}, "bad"}),
            "m.adj:1:5: error: bad\n#\xC3\xA9 \xFF\n   ^\n");
}

TEST(DiagnosticTest, CrLfAndPositionsPastTheEnd) {
  EXPECT_EQ(formatDiagnostic("m.adj", "a\r\nb\r\n", {{2, 1}, "e"}),
            "m.adj:2:1: error: e\nb\n^\n");
  EXPECT_EQ(formatDiagnostic("m.adj", "abc\n", {{2, 1}, "missing"}),
            "m.adj:2:1: error: missing\n\n^\n");
  EXPECT_EQ(formatDiagnostic("m.adj", "abc", {{9, 3}, "far"}),
            "m.adj:9:3: error: far\n\n  ^\n");
  EXPECT_EQ(formatDiagnostic("m.adj", "ab\n", {{1, 5}, "wide"}),
            "m.adj:1:5: error: wide\nab\n    ^\n");
  EXPECT_EQ(formatDiagnostic("m.adj", "", {{0, 0}, "nowhere"}),
            "m.adj: error: nowhere\n");
}

TEST(DiagnosticTest, ParserErrorEndToEnd) {
  const char *source = "input x : f32[3]\n# comment\ny = foo(x)\noutput y\n";
  Diagnostic diag;
  ASSERT_FALSE(parseModel(source, "dir/unknown-op.adj", diag));
  EXPECT_EQ(formatDiagnostic("dir/unknown-op.adj", source, diag),
            "dir/unknown-op.adj:3:5: error: unknown op 'foo'\n"
            "y = foo(x)\n"
            "    ^\n");
}

} // namespace

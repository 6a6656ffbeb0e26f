//===- Diagnostic.h - Located errors for people -----------------*- C++ -*-===//
//
// An error at a position of a source text, and its rendering in the format's
// style: `FILE:LINE:COLUMN: error: MESSAGE`, the source line, and a caret
// under the column.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_GRAPH_DIAGNOSTIC_H
#define ADJOINT_GRAPH_DIAGNOSTIC_H

#include "adjoint/Graph/Graph.h"

#include <string>
#include <string_view>

namespace adjoint::graph {

struct Diagnostic {
  SourceLoc loc;
  std::string message;
};

/// "FILE:LINE:COL: error: MESSAGE\n<source line>\n<spaces>^\n". Tabs in the
/// source line are kept in the caret line so the caret lines up. Safe for
/// any position, including one past the last line.
std::string formatDiagnostic(std::string_view fileName,
                             std::string_view source, const Diagnostic &diag);

} // namespace adjoint::graph

#endif // ADJOINT_GRAPH_DIAGNOSTIC_H

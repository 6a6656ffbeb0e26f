//===- GraphFuzzer.cpp - Fuzz target: the model-file parser -----*- C++ -*-===//
//
// One input is the text of a model file. It goes through the lexer, parser,
// shape inference and whole-model checks (graph::parseModel). A rejected
// input must come with an error located inside the text (or one past its
// end), rendered as the driver renders it; an accepted one is printed as
// Graph IR and asked checkScalarLoss. Anything else (a crash, a sanitizer
// report, a failed check below) is a bug.
//
//===----------------------------------------------------------------------===//

#include "FuzzCheck.h"

#include "adjoint/Graph/GraphPrinter.h"
#include "adjoint/Graph/Parser.h"

#include <algorithm>
#include <cstdint>
#include <sstream>

using namespace adjoint;

/// Whether `loc` is a line and column of `source`: a byte of a line or the
/// end of one (where a missing token is reported).
static bool isInside(std::string_view source, graph::SourceLoc loc) {
  if (loc.line < 1 || loc.column < 1)
    return false;
  size_t start = 0;
  for (unsigned line = 1; line < loc.line; ++line) {
    start = source.find('\n', start);
    if (start == std::string_view::npos)
      return false;
    ++start;
  }
  size_t end = std::min(source.find('\n', start), source.size());
  return loc.column <= end - start + 1;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view source(reinterpret_cast<const char *>(data), size);
  graph::Diagnostic diag;
  std::optional<graph::Graph> graph = graph::parseModel(source, "fuzz.adj", diag);
  if (!graph) {
    fuzzCheck(!diag.message.empty(), "an error without a message");
    fuzzCheck(isInside(source, diag.loc),
              "an error located outside the text: " + diag.message);
    graph::formatDiagnostic("fuzz.adj", source, diag);
    return 0;
  }
  std::ostringstream printed;
  graph::printGraph(*graph, printed);
  graph::checkScalarLoss(*graph);
  return 0;
}

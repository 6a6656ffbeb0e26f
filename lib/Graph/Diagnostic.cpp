//===- Diagnostic.cpp - Located errors for people ---------------*- C++ -*-===//
//
// Renders a Diagnostic as `FILE:LINE:COLUMN: error: MESSAGE`, the source
// line and a caret. Any position is safe: lines past the end show an empty
// source line, and line 0 (no position) prints the header alone. The caret
// line copies tabs and skips UTF-8 continuation bytes so the caret sits
// under the column in a terminal.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Graph/Diagnostic.h"

namespace adjoint::graph {

namespace {

/// The text of 1-based line `line` without its line terminator, or an empty
/// view past the end.
std::string_view sourceLine(std::string_view source, unsigned line) {
  size_t begin = 0;
  for (unsigned current = 1; current < line; ++current) {
    size_t newline = source.find('\n', begin);
    if (newline == std::string_view::npos)
      return {};
    begin = newline + 1;
  }
  size_t end = source.find('\n', begin);
  std::string_view text = source.substr(begin, end == std::string_view::npos
                                                   ? std::string_view::npos
                                                   : end - begin);
  if (!text.empty() && text.back() == '\r')
    text.remove_suffix(1);
  return text;
}

bool isContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

std::string formatDiagnostic(std::string_view fileName, std::string_view source,
                             const Diagnostic &diag) {
  std::string out(fileName);
  if (diag.loc.line == 0)
    return out + ": error: " + diag.message + "\n";
  out += ":" + std::to_string(diag.loc.line) + ":" +
         std::to_string(diag.loc.column) + ": error: " + diag.message + "\n";

  std::string_view text = sourceLine(source, diag.loc.line);
  for (char c : text)
    out += c == '\0' ? ' ' : c;
  out += "\n";
  unsigned column = diag.loc.column == 0 ? 1 : diag.loc.column;
  for (unsigned i = 0; i + 1 < column; ++i) {
    if (i >= text.size())
      out += ' ';
    else if (text[i] == '\t')
      out += '\t';
    else if (!isContinuationByte(text[i]))
      out += ' ';
  }
  out += "^\n";
  return out;
}

} // namespace adjoint::graph

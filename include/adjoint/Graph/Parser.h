//===- Parser.h - Model file parser -----------------------------*- C++ -*-===//
//
// Parses the text of a model file (docs/model-format.md) into a checked Graph:
// lexing, parsing, name resolution, attribute normalization, shape inference
// and the whole-model checks (one element type, one output statement last,
// scalar loss where asked, size limits). The first error stops parsing.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_GRAPH_PARSER_H
#define ADJOINT_GRAPH_PARSER_H

#include "adjoint/Graph/Diagnostic.h"
#include "adjoint/Graph/Graph.h"

#include <optional>
#include <string_view>

namespace adjoint::graph {

/// Parses `source`. `fileName` is the path as given; its stem names the
/// model when there is no `model` statement. On error returns std::nullopt
/// and sets `diag`.
std::optional<Graph> parseModel(std::string_view source,
                                std::string_view fileName, Diagnostic &diag);

} // namespace adjoint::graph

#endif // ADJOINT_GRAPH_PARSER_H

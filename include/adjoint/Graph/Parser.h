//===- Parser.h - Model file parser -----------------------------*- C++ -*-===//
//
// Parses the text of a model file (docs/model-format.md) into a checked Graph:
// lexing, parsing, name resolution, attribute normalization, shape inference
// and the whole-model checks (one element type, one output statement last,
// size limits). The first error stops parsing. Whether the loss is a scalar
// matters only to some entry points, which ask checkScalarLoss.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_GRAPH_PARSER_H
#define ADJOINT_GRAPH_PARSER_H

#include "adjoint/Graph/Diagnostic.h"
#include "adjoint/Graph/Graph.h"

#include <optional>
#include <string>
#include <string_view>

namespace adjoint::graph {

/// Parses `source`. `fileName` is the path as given; its stem names the
/// model when there is no `model` statement. On error returns std::nullopt
/// and sets `diag`.
std::optional<Graph> parseModel(std::string_view source,
                                std::string_view fileName, Diagnostic &diag);

/// The most levels of parentheses and calls an expression may nest.
constexpr int kMaxNestingDepth = 256;

/// The model name for a file without a `model` statement: the stem of
/// `fileName` (no directories, no last extension) with bytes outside
/// [A-Za-z0-9_] replaced by `_`; "_" is prepended if that is empty or starts
/// with a digit, so the result is always a valid symbol name.
std::string defaultModelName(std::string_view fileName);

/// For the `grad` and `hvp` entry points: an error located at the first
/// name of the `output` statement if that output is not a scalar.
std::optional<Diagnostic> checkScalarLoss(const Graph &graph);

} // namespace adjoint::graph

#endif // ADJOINT_GRAPH_PARSER_H

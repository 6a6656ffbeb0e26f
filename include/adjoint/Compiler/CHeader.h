//===- CHeader.h - The C header of an ahead-of-time model -------*- C++ -*-===//
//
// Writes the C99/C++ header that declares a compiled model's entry points
// (`int PREFIX_ENTRY(...)`, `int PREFIX_ENTRY_workspace(..., void *)` and
// `size_t PREFIX_ENTRY_workspace_size(void)`) and defines the shape of
// every buffer, so a caller can size buffers without magic numbers.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_COMPILER_CHEADER_H
#define ADJOINT_COMPILER_CHEADER_H

#include "adjoint/Graph/Graph.h"

#include <string>
#include <vector>

namespace adjoint {

/// True if `name` can be a C identifier (and so a prefix): [A-Za-z_]
/// [A-Za-z0-9_]* and not a C or C++ keyword.
bool isValidCIdentifier(const std::string &name);

/// True if `name` can prefix the exported symbols: a C identifier that
/// starts with a letter (C reserves names starting with '_' for itself).
bool isValidPrefix(const std::string &name);

/// The exported symbol of `entry`: `PREFIX_ENTRY`.
std::string getExportedName(const std::string &prefix,
                            const std::string &entry);

/// The entry point that runs `entry` in a caller's workspace,
/// `ENTRY_workspace` (adj-workspace-entries adds it).
std::string getWorkspaceEntry(const std::string &entry);

/// The entry point that returns the bytes `ENTRY_workspace` needs,
/// `ENTRY_workspace_size`.
std::string getWorkspaceSizeEntry(const std::string &entry);

/// The header for `entries` of `graph` compiled with `prefix`; `source`
/// names the model file in the header's first comment.
std::string generateCHeader(const graph::Graph &graph,
                            const std::vector<std::string> &entries,
                            const std::string &prefix,
                            const std::string &source);

} // namespace adjoint

#endif // ADJOINT_COMPILER_CHEADER_H

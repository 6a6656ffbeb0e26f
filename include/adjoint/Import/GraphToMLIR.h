//===- GraphToMLIR.h - Lower the Graph IR into the adj dialect --*- C++ -*-===//
//
// Builds `func.func @forward` of `adj` ops from a checked Graph. Arguments
// are the inputs then the params, in declaration order; results are the
// outputs in order. Every op carries the FileLineColLoc of its source token.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_IMPORT_GRAPHTOMLIR_H
#define ADJOINT_IMPORT_GRAPHTOMLIR_H

#include "adjoint/Graph/Graph.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace adjoint {

/// Attribute names on @forward's arguments and on the module.
namespace attrs {
/// Argument attribute: the leaf's name in the model file.
constexpr const char *kLeafName = "adj.name";
/// Argument attribute: "input" or "param".
constexpr const char *kLeafKind = "adj.leaf";
/// Result attribute: the output's name in the model file.
constexpr const char *kOutputName = "adj.name";
/// Module attribute: the model's name.
constexpr const char *kModelName = "adj.model";
} // namespace attrs

/// The entry point every model gets.
constexpr const char *kForwardEntry = "forward";

/// Builds a module holding @forward. `fileName` names the file in locations.
/// The graph is already checked, so the module verifies.
mlir::OwningOpRef<mlir::ModuleOp> importGraph(mlir::MLIRContext &context,
                                              const graph::Graph &graph,
                                              llvm::StringRef fileName);

} // namespace adjoint

#endif // ADJOINT_IMPORT_GRAPHTOMLIR_H

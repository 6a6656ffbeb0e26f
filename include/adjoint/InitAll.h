//===- InitAll.h - Register adjoint's dialects and passes -------*- C++ -*-===//
//
// One place that knows every dialect and pass adjoint uses, for the driver
// and adjoint-opt alike.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_INITALL_H
#define ADJOINT_INITALL_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace adjoint {

/// Adds `adj` and every upstream dialect (with its interface models) that
/// the pipelines create or lower through.
void registerAllDialects(mlir::DialectRegistry &registry);

/// Registers adjoint's passes and pipelines with the global pass registry.
void registerAllPasses();

} // namespace adjoint

#endif // ADJOINT_INITALL_H

//===- adjoint-opt.cpp - MLIR's opt driver with adjoint's dialect -*- C++ -*-===//
//
// mlir-opt with the `adj` dialect and adjoint's passes registered beside
// every upstream dialect and pass; the lit tests drive passes through it.
//
//===----------------------------------------------------------------------===//

#include "adjoint/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  adjoint::registerAllDialects(registry);
  adjoint::registerAllPasses();
  mlir::registerAllPasses();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "adjoint optimizer driver\n", registry));
}

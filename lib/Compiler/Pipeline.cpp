//===- Pipeline.cpp - From adj ops down to the LLVM dialect -----*- C++ -*-===//
//
// Assembles the upstream passes that take linalg on tensors to the LLVM
// dialect. Copies between buffers become linalg.copy (then loops), so the
// result needs no MLIR runtime library, only libc and libm.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/Pipeline.h"

#include "adjoint/Conversion/Passes.h"
#include "adjoint/Dialect/Adj/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

std::optional<adjoint::Stage> adjoint::parseStage(StringRef name) {
  return llvm::StringSwitch<std::optional<Stage>>(name)
      .Case("adj", Stage::Adj)
      .Case("linalg", Stage::Linalg)
      .Case("llvm", Stage::LLVM)
      .Default(std::nullopt);
}

adjoint::DerivativeEntries
adjoint::DerivativeEntries::fromNames(ArrayRef<std::string> entries) {
  auto has = [&](StringRef name) { return llvm::is_contained(entries, name); };
  return {has("grad"), has("vjp"), has("jvp"), has("hvp")};
}

void adjoint::buildDerivativesPipeline(OpPassManager &pm,
                                       const DerivativeEntries &entries) {
  if (entries.grad || entries.vjp || entries.hvp) {
    adj::ReverseModePassOptions reverse;
    reverse.buildGrad = entries.grad || entries.hvp;
    reverse.buildVjp = entries.vjp;
    pm.addPass(adj::createReverseModePass(reverse));
  }
  if (entries.jvp || entries.hvp) {
    adj::ForwardModePassOptions forward;
    forward.buildJvp = entries.jvp;
    forward.buildHvp = entries.hvp;
    pm.addPass(adj::createForwardModePass(forward));
  }
}

void adjoint::buildAdjToLinalgPipeline(OpPassManager &pm) {
  pm.addPass(createConvertAdjToLinalgPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

static LogicalResult createLinalgCopy(OpBuilder &builder, Location loc,
                                      Value from, Value to) {
  builder.create<linalg::CopyOp>(loc, from, to);
  return success();
}

/// BufferResultsToOutParamsOpts::filterFn is a function_ref whose default
/// refers to a temporary lambda; point it at a function that outlives it.
static bool convertEveryFunction(func::FuncOp *) { return true; }

void adjoint::buildLinalgToLLVMPipeline(OpPassManager &pm) {
  bufferization::OneShotBufferizationOptions bufferization;
  bufferization.bufferizeFunctionBoundaries = true;
  bufferization.setFunctionBoundaryTypeConversion(
      bufferization::LayoutMapOption::IdentityLayoutMap);
  bufferization.memCpyFn = createLinalgCopy;
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  pm.addPass(bufferization::createOneShotBufferizePass(bufferization));

  bufferization::BufferResultsToOutParamsOpts outParams;
  outParams.filterFn = convertEveryFunction;
  // Not hoistStaticAllocs: in MLIR 19 it crashes when one buffer is returned
  // twice (CSE merges equal outputs). Results are copied out instead.
  outParams.memCpyFn = createLinalgCopy;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  pm.addPass(createCanonicalizerPass());
  bufferization::BufferDeallocationPipelineOptions deallocation;
  bufferization::buildBufferDeallocationPipeline(pm, deallocation);
  pm.addPass(createBufferizationToMemRefPass());
  pm.addNestedPass<func::FuncOp>(createFreeEarlyPass());

  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(createEntryStatusPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  ConvertFuncToLLVMPassOptions funcToLLVM;
  funcToLLVM.useBarePtrCallConv = true;
  pm.addPass(createConvertFuncToLLVMPass(funcToLLVM));
  pm.addPass(createReconcileUnrealizedCastsPass());
}

/// Runs the passes `build` adds on `module`, honouring MLIR's pass-manager
/// command-line options.
static LogicalResult runPasses(ModuleOp module,
                               llvm::function_ref<void(OpPassManager &)> build) {
  PassManager pm(module->getContext());
  // Applying the options fails until they are registered; registering is
  // idempotent, and a program that never parses them gets the defaults.
  registerPassManagerCLOptions();
  if (failed(applyPassManagerCLOptions(pm)))
    return failure();
  build(pm);
  return pm.run(module);
}

LogicalResult adjoint::buildDerivatives(ModuleOp module,
                                        const DerivativeEntries &entries) {
  return runPasses(module, [&](OpPassManager &pm) {
    buildDerivativesPipeline(pm, entries);
  });
}

LogicalResult adjoint::lowerToStage(ModuleOp module, Stage stage) {
  if (stage == Stage::Adj)
    return success();
  return runPasses(module, [&](OpPassManager &pm) {
    buildAdjToLinalgPipeline(pm);
    if (stage == Stage::LLVM)
      buildLinalgToLLVMPipeline(pm);
  });
}

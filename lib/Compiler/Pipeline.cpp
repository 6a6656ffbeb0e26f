//===- Pipeline.cpp - From adj ops down to the LLVM dialect -----*- C++ -*-===//
//
// Assembles the upstream passes that take linalg on tensors to the LLVM
// dialect. Copies between buffers become linalg.copy (then loops), so the
// result needs no MLIR runtime library, only libc and libm. Each function's
// buffers end up in one arena whose plan the functions carry as `adj.arena_*`
// attributes, which lowerToStage reads.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Compiler/Pipeline.h"

#include "adjoint/Conversion/Passes.h"
#include "adjoint/Dialect/Adj/Transforms/Passes.h"
#include "adjoint/Dialect/Adj/Transforms/Remat.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
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
                                       const DerivativeEntries &entries,
                                       RematMode remat) {
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
  pm.addPass(createCSEPass());
  adj::RematPassOptions rematOptions;
  rematOptions.mode = adj::getRematModeName(remat).str();
  pm.addNestedPass<func::FuncOp>(adj::createRematPass(rematOptions));
}

void adjoint::readReverseSweepMemory(ModuleOp module, MemoryPlans &plans) {
  for (StringRef name : {"grad", "vjp"}) {
    auto func = module.lookupSymbol<func::FuncOp>(name);
    if (!func)
      continue;
    adj::ReverseSweepMemory memory = adj::getReverseSweepMemory(func);
    MemoryPlan &plan = plans[name.str()];
    auto describe = [](Value value, Location loc) {
      auto type = cast<ShapedType>(value.getType());
      MemoryPlan::Value described;
      if (auto fused = dyn_cast<FusedLoc>(loc))
        loc = fused.getLocations().front();
      if (auto fileLoc = dyn_cast<FileLineColLoc>(loc))
        described.location =
            (fileLoc.getFilename().getValue() + ":" + Twine(fileLoc.getLine()) +
             ":" + Twine(fileLoc.getColumn()))
                .str();
      described.bytes =
          type.getNumElements() * type.getElementTypeBitWidth() / 8;
      return described;
    };
    for (Value value : memory.kept)
      plan.kept.push_back(describe(value, value.getLoc()));
    for (Operation *op : memory.recomputed)
      plan.recomputed.push_back(describe(op->getResult(0), op->getLoc()));
  }
}

void adjoint::buildAdjToLinalgPipeline(OpPassManager &pm) {
  pm.addPass(createConvertAdjToLinalgPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createAccumulateSumsPass());
  pm.addPass(createFuseElementwisePass());
  pm.addPass(createCanonicalizerPass());
}

static LogicalResult createLinalgCopy(OpBuilder &builder, Location loc,
                                      Value from, Value to) {
  builder.create<linalg::CopyOp>(loc, from, to);
  return success();
}

/// BufferResultsToOutParamsOpts::filterFn is a function_ref whose default
/// refers to a temporary lambda; point it at a function that outlives it.
static bool convertEveryFunction(func::FuncOp *) { return true; }

void adjoint::buildLinalgToLLVMPipeline(OpPassManager &pm,
                                        const MemoryOptions &memory,
                                        bool workspaceEntries,
                                        const LoopOptions &loops) {
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
  // twice (CSE merges equal outputs). Results are copied out instead, and
  // adj-results-in-place then computes each result that has a buffer of its
  // own straight into its out-parameter.
  outParams.memCpyFn = createLinalgCopy;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(createResultsInPlacePass());
  bufferization::BufferDeallocationPipelineOptions deallocation;
  bufferization::buildBufferDeallocationPipeline(pm, deallocation);
  pm.addPass(createBufferizationToMemRefPass());
  // Keeping everything, every buffer lives to the end and has its own
  // space in the arena.
  if (!memory.keepAll)
    pm.addNestedPass<func::FuncOp>(createFreeEarlyPass());
  ArenaPlanPassOptions arena;
  arena.shareSpace = !memory.keepAll;
  arena.maxBytes = memory.maxBytes;
  pm.addNestedPass<func::FuncOp>(createArenaPlanPass(arena));
  // A long function becomes calls of parts of bounded size: much of what
  // follows is superlinear in the length of one function.
  pm.addPass(createOutlineLoopsPass());
  MatmulKernelPassOptions kernels;
  kernels.vectorBits = loops.vectorBits;
  pm.addPass(createMatmulKernelPass(kernels));

  // Sequential code lowers every scf.parallel (the kernels' column loops)
  // to plain loops in convert-scf-to-cf.
  LinalgToLoopsPassOptions toLoops;
  toLoops.parallel = loops.threads != 1;
  toLoops.vectorBits = loops.vectorBits;
  pm.addPass(createLinalgToLoopsPass(toLoops));
  if (loops.threads != 1) {
    pm.addPass(createParallelLoopsPass());
    ConvertSCFToOpenMPPassOptions openmp;
    openmp.numThreads = loops.threads;
    pm.addPass(createConvertSCFToOpenMPPass(openmp));
    // Inlines the memref.alloca_scope around each loop body (our loops
    // allocate nothing), which convert-scf-to-cf could not split.
    pm.addPass(createCanonicalizerPass());
  }
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(createEntryStatusPass());
  if (workspaceEntries)
    pm.addPass(createWorkspaceEntriesPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // Math first: convert-math-to-libm unrolls a vector op it calls libm
  // for (f64 tanh in a short loop that adj-linalg-to-loops vectorized)
  // into vector.extract and vector.insert, which vector-to-llvm lowers.
  pm.addPass(createApproximateMathPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  ConvertFuncToLLVMPassOptions funcToLLVM;
  funcToLLVM.useBarePtrCallConv = true;
  pm.addPass(createConvertFuncToLLVMPass(funcToLLVM));
  // After the functions have their bare-pointer signatures: this pass
  // would convert them with memref descriptors.
  if (loops.threads != 1)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

/// Runs the passes `build` adds on `module`, honouring MLIR's pass-manager
/// command-line options.
static LogicalResult
runPasses(ModuleOp module, llvm::function_ref<void(OpPassManager &)> build) {
  PassManager pm(module->getContext());
  // Applying the options fails until they are registered; registering is
  // idempotent, and a program that never parses them gets the defaults.
  registerPassManagerCLOptions();
  if (failed(applyPassManagerCLOptions(pm)))
    return failure();
  applyDefaultTimingPassManagerCLOptions(pm);
  build(pm);
  return pm.run(module);
}

LogicalResult adjoint::buildDerivatives(ModuleOp module,
                                        const DerivativeEntries &entries,
                                        RematMode remat) {
  return runPasses(module, [&](OpPassManager &pm) {
    buildDerivativesPipeline(pm, entries, remat);
  });
}

/// Copies the plan adj-arena-plan recorded on each function of `module`
/// into `plans`, by function name.
static void readMemoryPlans(ModuleOp module, adjoint::MemoryPlans &plans) {
  module.walk([&](FunctionOpInterface func) {
    auto size = func->getAttrOfType<IntegerAttr>("adj.arena_size");
    auto bound = func->getAttrOfType<IntegerAttr>("adj.arena_lower_bound");
    auto buffers = func->getAttrOfType<IntegerAttr>("adj.arena_buffers");
    if (!size || !bound || !buffers)
      return;
    adjoint::MemoryPlan &plan = plans[func.getName().str()];
    plan.arenaBytes = size.getInt();
    plan.lowerBoundBytes = bound.getInt();
    plan.numBuffers = buffers.getInt();
  });
}

LogicalResult adjoint::lowerToStage(ModuleOp module, Stage stage,
                                    const MemoryOptions &memory,
                                    MemoryPlans *plans, bool workspaceEntries,
                                    const LoopOptions &loops) {
  if (stage == Stage::Adj)
    return success();
  if (failed(runPasses(module, [&](OpPassManager &pm) {
        buildAdjToLinalgPipeline(pm);
        if (stage == Stage::LLVM)
          buildLinalgToLLVMPipeline(pm, memory, workspaceEntries, loops);
      })))
    return failure();
  if (plans)
    readMemoryPlans(module, *plans);
  return success();
}

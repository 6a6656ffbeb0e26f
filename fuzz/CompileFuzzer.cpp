//===- CompileFuzzer.cpp - Fuzz target: a model down to code ----*- C++ -*-===//
//
// One input is the text of a model file. A model that parses goes the
// whole way `adjoint compile` takes it: import to `adj` (verified), every
// entry point it has (forward, vjp and jvp; grad and hvp when the loss is
// a scalar) through reverse and forward mode, the lowering to the LLVM
// dialect with workspace entries, translation to LLVM IR (verified) and
// code generation into an object, with LLVM's optimizations off to keep
// runs fast. A model that parses is valid, so every later failure, error
// diagnostic included, is a bug and aborts with the diagnostics.
//
//===----------------------------------------------------------------------===//

#include "FuzzCheck.h"

#include "adjoint/Compiler/Compiler.h"
#include "adjoint/Compiler/ObjectFile.h"
#include "adjoint/Graph/Parser.h"
#include "adjoint/InitAll.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include <cstdint>

using namespace adjoint;

/// Every dialect the pipeline uses, registered once per process.
static const mlir::DialectRegistry &getRegistry() {
  static const mlir::DialectRegistry *registry = [] {
    auto *registry = new mlir::DialectRegistry;
    registerAllDialects(*registry);
    initializeNativeTarget();
    return registry;
  }();
  return *registry;
}

/// The entry points `adjoint compile` builds by default for `graph`.
static std::vector<std::string> getEntries(const graph::Graph &graph) {
  bool scalarLoss = !graph::checkScalarLoss(graph);
  std::vector<std::string> entries;
  for (const std::string &entry : supportedEntries())
    if (scalarLoss || (entry != "grad" && entry != "hvp"))
      entries.push_back(entry);
  return entries;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view source(reinterpret_cast<const char *>(data), size);
  graph::Diagnostic diag;
  std::optional<graph::Graph> graph =
      graph::parseModel(source, "fuzz.adj", diag);
  if (!graph)
    return 0;
  std::vector<std::string> entries = getEntries(*graph);

  mlir::MLIRContext context(getRegistry());
  std::string diagnostics;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &d) {
    diagnostics += d.str() + "\n";
    return mlir::success();
  });
  mlir::OwningOpRef<mlir::ModuleOp> module =
      buildModule(context, *graph, "fuzz.adj", entries);
  fuzzCheck(static_cast<bool>(module),
            "a valid model failed to import or differentiate:\n" +
                diagnostics);
  CodegenOptions codegen;
  codegen.targetCpu = "generic";
  codegen.optimize = false;
  ObjectCode code;
  std::string error;
  fuzzCheck(compileToObject(*module, entries, "fuzz", codegen, code, error),
            "a valid model failed to compile: " + error + "\n" + diagnostics);
  return 0;
}

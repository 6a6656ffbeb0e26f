//===- ModelLoader.cpp - Load model files for the driver --------*- C++ -*-===//
//
// Reads a model file, parses it, and prints located errors in the format's
// style; sets up MLIR's options and diagnostics for the commands.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "adjoint/Graph/Parser.h"
#include "adjoint/InitAll.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/AsmState.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/stat.h>

using namespace adjoint;
using namespace adjoint::driver;

int driver::reportError(const std::string &command,
                        const std::string &message) {
  std::cerr << "adjoint " << command << ": error: " << message << "\n";
  return 1;
}

std::optional<LoadedModel> driver::loadModel(const std::string &path) {
  struct stat info;
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    std::cerr << path << ": error: cannot open model file"
              << (::stat(path.c_str(), &info) == 0 ? ": not a regular file"
                                                    : ": no such file")
              << "\n";
    return std::nullopt;
  }
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  if (!file) {
    std::cerr << path << ": error: cannot read model file\n";
    return std::nullopt;
  }
  LoadedModel model;
  model.path = path;
  model.source = text.str();
  graph::Diagnostic diag;
  std::optional<graph::Graph> graph =
      graph::parseModel(model.source, path, diag);
  if (!graph) {
    std::cerr << graph::formatDiagnostic(path, model.source, diag);
    return std::nullopt;
  }
  model.graph = std::move(*graph);
  return model;
}

bool driver::applyMLIROptions(const std::vector<std::string> &options) {
  static bool registered = [] {
    // First, so that --mlir-print-ir-before=adj-arena-plan and the like
    // find adjoint's passes by name.
    registerAllPasses();
    mlir::registerMLIRContextCLOptions();
    mlir::registerPassManagerCLOptions();
    mlir::registerAsmPrinterCLOptions();
    mlir::registerDefaultTimingManagerCLOptions();
    return true;
  }();
  (void)registered;
  std::vector<const char *> argv = {"adjoint"};
  for (const std::string &option : options)
    argv.push_back(option.c_str());
  std::string errors;
  llvm::raw_string_ostream errorStream(errors);
  bool ok = llvm::cl::ParseCommandLineOptions(
      static_cast<int>(argv.size()), argv.data(), "", &errorStream);
  if (!ok)
    std::cerr << errors;
  return ok;
}

struct ModelDiagnostics::Impl {
  Impl(mlir::MLIRContext &context, const LoadedModel &model)
      : handler(sourceMgr, &context, llvm::errs()) {
    sourceMgr.AddNewSourceBuffer(
        llvm::MemoryBuffer::getMemBufferCopy(model.source, model.path),
        llvm::SMLoc());
    // Errors point into the model file; the IR of the op is no help there.
    context.printOpOnDiagnostic(false);
  }
  llvm::SourceMgr sourceMgr;
  mlir::SourceMgrDiagnosticHandler handler;
};

ModelDiagnostics::ModelDiagnostics(mlir::MLIRContext &context,
                                   const LoadedModel &model)
    : impl(new Impl(context, model)) {}

ModelDiagnostics::~ModelDiagnostics() { delete impl; }

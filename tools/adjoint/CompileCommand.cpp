//===- CompileCommand.cpp - `adjoint compile` -------------------*- C++ -*-===//
//
// Ahead-of-time compilation: a relocatable object exporting one C function
// per entry point, its C header and optionally the LLVM IR, all written or
// none.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "adjoint/Compiler/CHeader.h"
#include "adjoint/Compiler/ObjectFile.h"
#include "adjoint/Graph/Parser.h"
#include "adjoint/InitAll.h"
#include "adjoint/Support/AtomicFiles.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/ADT/StringExtras.h"

#include <iostream>

using namespace adjoint;
using namespace adjoint::driver;

const CommandSpec &driver::compileCommandSpec() {
  static const CommandSpec spec = {
      "compile",
      "Compiles MODEL ahead of time into a relocatable object for this "
      "machine's triple. Each entry point becomes `int PREFIX_ENTRY(...)`, "
      "taking a pointer per input and param (and per tangent or cotangent) "
      "then a pointer per result, and returning 0, or nonzero if memory "
      "could not be obtained. The object needs only libc and libm.",
      {"MODEL"},
      {{"o", "FILE.o", "The object file to write (required)", {}, ""},
       {"header", "FILE.h", "Also write the C header", {}, ""},
       {"entries", "LIST",
        "Comma-separated entry points (default: forward,grad,vjp,jvp,hvp; "
        "without grad and hvp when the first output is not a scalar)",
        {},
        ""},
       {"target-cpu", "CPU",
        "native (this machine's CPU), generic, or an LLVM CPU name", {},
        "native"},
       {"emit-llvm", "FILE.ll", "Also write the optimized LLVM IR", {}, ""},
       {"prefix", "NAME", "The functions' prefix (default: the model's name)",
        {}, ""}}};
  return spec;
}

/// The entry points to compile, or std::nullopt after reporting a bad one.
static std::optional<std::vector<std::string>>
getCompiledEntries(const std::string &list, const LoadedModel &model) {
  std::optional<graph::Diagnostic> notScalar =
      graph::checkScalarLoss(model.graph);
  std::vector<std::string> entries;
  if (list.empty()) {
    for (const std::string &entry : supportedEntries())
      if (!notScalar || (entry != "grad" && entry != "hvp"))
        entries.push_back(entry);
    return entries;
  }
  llvm::SmallVector<llvm::StringRef> names;
  llvm::StringRef(list).split(names, ',');
  for (llvm::StringRef name : names) {
    std::string entry = name.trim().str();
    if (!getEntrySignature(model.graph, entry)) {
      reportError("compile", "'" + entry +
                                 "' in '--entries' is not an entry point "
                                 "(choose from: forward, grad, vjp, jvp, hvp)");
      return std::nullopt;
    }
    if (notScalar && (entry == "grad" || entry == "hvp")) {
      std::cerr << graph::formatDiagnostic(model.path, model.source,
                                           *notScalar);
      return std::nullopt;
    }
    if (llvm::is_contained(entries, entry)) {
      reportError("compile", "'" + entry + "' is listed twice in '--entries'");
      return std::nullopt;
    }
    entries.push_back(entry);
  }
  return entries;
}

int driver::compileCommand(const ParsedArgs &args) {
  const CommandSpec &spec = compileCommandSpec();
  std::string objectPath = args.get(spec, "o");
  if (objectPath.empty())
    return reportError("compile", "'-o FILE.o' is required");
  if (!applyMLIROptions(args.mlirOptions))
    return 1;
  std::optional<LoadedModel> model = loadModel(args.positionals[0]);
  if (!model)
    return 1;
  std::string prefix =
      args.has("prefix") ? args.get(spec, "prefix") : model->graph.name;
  if (!isValidCIdentifier(prefix))
    return reportError("compile", "the prefix '" + prefix +
                                      "' is not a C identifier; choose one "
                                      "with '--prefix NAME'");
  std::optional<std::vector<std::string>> entries =
      getCompiledEntries(args.get(spec, "entries"), *model);
  if (!entries)
    return 1;
  CodegenOptions codegen;
  codegen.targetCpu = args.get(spec, "target-cpu");

  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  ModelDiagnostics diagnostics(context, *model);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      buildModule(context, model->graph, model->path, *entries);
  if (!module)
    return 1;
  ObjectCode code;
  std::string error;
  if (!compileToObject(*module, *entries, prefix, codegen, code, error))
    return error.empty() ? 1 : reportError("compile", error);

  std::vector<std::string> paths = {objectPath};
  std::vector<std::string> contents = {code.object};
  if (args.has("header")) {
    paths.push_back(args.get(spec, "header"));
    contents.push_back(
        generateCHeader(model->graph, *entries, prefix, model->path));
  }
  if (args.has("emit-llvm")) {
    paths.push_back(args.get(spec, "emit-llvm"));
    contents.push_back(code.llvmIR);
  }
  if (!writeFilesAtomically(paths, contents, error)) {
    std::cerr << error << "\n";
    return 1;
  }
  return 0;
}

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
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <iostream>

using namespace adjoint;
using namespace adjoint::driver;

const CommandSpec &driver::compileCommandSpec() {
  static const CommandSpec spec = [] {
    CommandSpec spec = {
        "compile",
        "Compiles MODEL ahead of time into a relocatable object for this "
        "machine's triple. Each entry point becomes `int PREFIX_ENTRY(...)`, "
        "taking a pointer per input and param (and per tangent or cotangent) "
        "then a pointer per result, and returning 0, or nonzero if memory "
        "could not be obtained. The object needs only libc and libm.",
        {"MODEL"},
        {{"o", "FILE.o", "The object file to write (required)", {}, ""},
         {"header", "FILE.h", "Also write the C header", {}, ""},
         {"entries",
          "LIST",
          "Comma-separated entry points (default: forward,grad,vjp,jvp,hvp; "
          "without grad and hvp when the first output is not a scalar)",
          {},
          ""},
         {"target-cpu",
          "CPU",
          "native (this machine's CPU), generic, or an LLVM CPU name",
          {},
          "native"},
         {"emit-llvm", "FILE.ll", "Also write the optimized LLVM IR", {}, ""},
         {"prefix",
          "NAME",
          "The functions' prefix (default: the model's name)",
          {},
          ""}}};
    std::vector<OptionSpec> memory = memoryOptionSpecs();
    spec.options.insert(spec.options.end(), memory.begin(), memory.end());
    return spec;
  }();
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

/// `path` with its directory resolved (symbolic links, `.`, `..`), for
/// telling whether two paths name one file before either exists.
static std::string getComparablePath(const std::string &path) {
  llvm::SmallString<256> absolute(path);
  llvm::sys::fs::make_absolute(absolute);
  llvm::SmallString<256> directory;
  if (llvm::sys::fs::real_path(llvm::sys::path::parent_path(absolute),
                               directory))
    return std::string(absolute);
  llvm::sys::path::append(directory, llvm::sys::path::filename(absolute));
  return std::string(directory);
}

/// Whether `a` and `b` name one file: the same path, or two links to one
/// existing file.
static bool isSameFile(const std::string &a, const std::string &b) {
  bool same = false;
  return getComparablePath(a) == getComparablePath(b) ||
         (!llvm::sys::fs::equivalent(a, b, same) && same);
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
  if (!isValidPrefix(prefix))
    return reportError("compile",
                       "the prefix '" + prefix +
                           "' is not a C identifier starting with a letter "
                           "(C reserves names starting with '_'); choose one "
                           "with '--prefix NAME'");
  if (args.has("entries") && args.get(spec, "entries").empty())
    return reportError("compile", "'--entries' needs at least one entry point");
  std::optional<std::vector<std::string>> entries =
      getCompiledEntries(args.get(spec, "entries"), *model);
  if (!entries)
    return 1;
  // One path given twice would keep only the last file written there, and
  // the model itself must not be overwritten.
  std::vector<std::pair<std::string, std::string>> named = {
      {"MODEL", model->path}, {"-o", objectPath}};
  if (args.has("header"))
    named.push_back({"--header", args.get(spec, "header")});
  if (args.has("emit-llvm"))
    named.push_back({"--emit-llvm", args.get(spec, "emit-llvm")});
  for (size_t i = 0; i < named.size(); ++i)
    for (size_t j = i + 1; j < named.size(); ++j)
      if (isSameFile(named[i].second, named[j].second))
        return reportError(
            "compile", "'" + named[i].first + "' and '" + named[j].first +
                           "' name the same file '" + named[j].second + "'");
  CodegenOptions codegen;
  codegen.targetCpu = args.get(spec, "target-cpu");
  std::optional<MemoryOptions> memory = getMemoryOptions("compile", spec, args);
  if (!memory)
    return 1;

  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  ModelDiagnostics diagnostics(context, *model);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      buildModule(context, model->graph, model->path, *entries, *memory);
  if (!module)
    return 1;
  ObjectCode code;
  std::string error;
  if (!compileToObject(*module, *entries, prefix, codegen, code, error,
                       *memory))
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

//===- RunCommand.cpp - `adjoint run` ---------------------------*- C++ -*-===//
//
// JIT-compiles one entry point of a model and runs it on .npy data (or
// seeded random data), then summarises, prints or writes the results as
// the format's "Data files for the driver" section says. With
// --memory-report, also prints the entry point's memory plan and the peak
// resident memory the call added. With --check-finite, first runs the entry
// point with every value exposed and reports the first op whose value is
// not finite, in the model file.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "adjoint/Compiler/CheckFinite.h"
#include "adjoint/Dialect/Adj/Transforms/Adjoint.h"
#include "adjoint/Dialect/Adj/Transforms/Remat.h"
#include "adjoint/Dialect/Adj/Transforms/Tangent.h"
#include "adjoint/InitAll.h"
#include "adjoint/Support/PeakMemory.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <iostream>
#include <sstream>

using namespace adjoint;
using namespace adjoint::driver;

const CommandSpec &driver::runCommandSpec() {
  static const CommandSpec spec = [] {
    CommandSpec spec = {
        "run",
        "JIT-compiles one entry point of MODEL and runs it. Leaves (and "
        "vjp's cotangents) are read from DIR/NAME.npy "
        "(DIR/OUTPUT.cotangent.npy) with --data, else filled with seeded "
        "values uniform in [-1, 1).",
        {"MODEL"},
        compiledEntryOptions()};
    spec.options.push_back(
        {"out", "DIR", "Write the results to DIR/NAME.npy", {}, ""});
    spec.options.push_back(
        {"print", "", "Print every value of the results", {}, ""});
    spec.options.push_back(
        {"check-finite", "",
         "Stop at the first op, forward or derivative, whose value holds a "
         "NaN or an infinity, and say where it is in MODEL",
         {},
         ""});
    return spec;
  }();
  return spec;
}

/// What the provenance marker of an op the AD passes built says about it.
static const char *describeMarker(llvm::StringRef marker) {
  static const std::pair<const char *, const char *> kDescriptions[] = {
      {adj::kVjpLoc,
       "the reverse sweep: the derivative rule (VJP) of the op here built it"},
      {adj::kSumCotangentsLoc,
       "the reverse sweep: it sums the cotangents of the value here"},
      {adj::kSeedLoc, "the reverse sweep: the seed dL/dL = 1"},
      {adj::kZeroCotangentLoc, "the reverse sweep: a zero gradient"},
      {adj::kRematLoc, "the reverse sweep: it recomputes the op here"},
      {adj::kJvpLoc,
       "forward mode: the tangent rule (JVP) of the op here built it"},
      {adj::kZeroTangentLoc, "forward mode: a zero tangent"},
  };
  for (auto [name, description] : kDescriptions)
    if (marker == name)
      return description;
  return nullptr;
}

/// --check-finite: 0 if every value of the entry point is finite, else 1
/// after reporting the first op whose value is not.
static int checkFinite(CompiledEntry &entry, const CodegenOptions &codegen) {
  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  ModelDiagnostics diagnostics(context, entry.model);
  std::string error;
  bool compileFailed = false;
  std::optional<NonFiniteValue> found = findFirstNonFinite(
      context, entry.model.graph, entry.model.path, entry.name,
      entry.arguments, codegen, error, compileFailed);
  if (compileFailed)
    return error.empty() ? 1 : reportError("run", error);
  if (!found) {
    std::cout << "check-finite: every value of '" << entry.name
              << "' is finite\n";
    return 0;
  }
  std::ostringstream value;
  value << found->value;
  mlir::InFlightDiagnostic diag =
      mlir::emitError(found->loc)
      << "'" << found->opName << "' gives " << value.str()
      << " (element " << found->index << "): the first value of '"
      << entry.name << "' that is not finite";
  if (const char *description =
          describeMarker(adj::getProvenanceMarker(found->loc)))
    diag.attachNote() << "the op is part of " << description;
  return 1;
}

int driver::runCommand(const ParsedArgs &args) {
  const CommandSpec &spec = runCommandSpec();
  std::unique_ptr<CompiledEntry> entry = CompiledEntry::load("run", spec, args);
  if (!entry)
    return 1;
  if (args.has("check-finite")) {
    CodegenOptions codegen;
    codegen.targetCpu = args.get(spec, "target-cpu");
    if (int status = checkFinite(*entry, codegen))
      return status;
  }

  PeakMemoryMeter meter;
  std::string measureError;
  bool measuring = args.has("memory-report") && meter.start(measureError);
  std::vector<NpyArray> results =
      entry->compiled->run(entry->name, entry->arguments);
  std::optional<int64_t> peak;
  if (measuring)
    peak = meter.growth(measureError);

  for (auto [buffer, array] : llvm::zip(entry->signature.results, results)) {
    std::cout << buffer.name << ": " << summarizeArray(array) << "\n";
    if (args.has("print"))
      std::cout << formatArray(array) << "\n";
  }
  if (args.has("memory-report"))
    entry->printMemoryReport(std::cout, peak, measureError);
  std::vector<std::string> names;
  for (const BufferSpec &buffer : entry->signature.results)
    names.push_back(buffer.name);
  if (args.has("out") && !writeArrays(args.get(spec, "out"), names, results))
    return 1;
  return 0;
}

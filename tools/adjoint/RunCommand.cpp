//===- RunCommand.cpp - `adjoint run` ---------------------------*- C++ -*-===//
//
// JIT-compiles one entry point of a model and runs it on .npy data (or
// seeded random data), then summarises, prints or writes the results as
// the format's "Data files for the driver" section says. With
// --memory-report, also prints the entry point's memory plan and the peak
// resident memory the call added.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "adjoint/Support/PeakMemory.h"

#include <iostream>

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
    return spec;
  }();
  return spec;
}

int driver::runCommand(const ParsedArgs &args) {
  const CommandSpec &spec = runCommandSpec();
  std::unique_ptr<CompiledEntry> entry = CompiledEntry::load("run", spec, args);
  if (!entry)
    return 1;

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

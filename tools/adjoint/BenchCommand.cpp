//===- BenchCommand.cpp - `adjoint bench` -----------------------*- C++ -*-===//
//
// Compiles one entry point, runs it once to warm up and then --runs times,
// and prints the compile time (in all and per stage), the median and
// fastest time per call, and
// the memory report (the peak resident memory is measured on one more
// call, so timing and measuring do not disturb each other). The timed
// calls reuse the memory that earlier calls freed, as a training loop's
// allocator does (ReuseFreedMemory).
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "adjoint/Support/PeakMemory.h"
#include "adjoint/Support/Stopwatch.h"

#include <malloc.h>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace adjoint;
using namespace adjoint::driver;

const CommandSpec &driver::benchCommandSpec() {
  static const CommandSpec spec = [] {
    CommandSpec spec = {
        "bench",
        "Times one entry point of MODEL and reports its memory. Data as for "
        "'run'.",
        {"MODEL"},
        compiledEntryOptions()};
    spec.options.push_back(
        {"runs", "N", "Timed calls after one warm-up call", {}, "20"});
    return spec;
  }();
  return spec;
}

/// Milliseconds, to three decimals.
static std::string formatMs(double seconds) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(3) << seconds * 1e3 << " ms";
  return text.str();
}

namespace {
/// While alive, freed memory of up to kLargest bytes stays in the heap for
/// the next call. By default glibc serves an arena of the size of the last
/// one it freed with mmap and unmaps it when freed, so every call would
/// page-fault its whole arena in again (PyTorch's caching allocator and
/// a hand-written loop reuse theirs); arenas above kLargest (glibc's most)
/// still do. On destruction the defaults come back and the heap is
/// trimmed, so the measured call's peak resident memory counts its arena.
class ReuseFreedMemory {
public:
  ReuseFreedMemory() {
    mallopt(M_MMAP_THRESHOLD, kLargest);
    mallopt(M_TRIM_THRESHOLD, 2 * kLargest);
  }
  ~ReuseFreedMemory() {
    mallopt(M_MMAP_THRESHOLD, kDefaultThreshold);
    mallopt(M_TRIM_THRESHOLD, 2 * kDefaultThreshold);
    malloc_trim(0);
  }

private:
  static constexpr int kLargest = 32 << 20;
  static constexpr int kDefaultThreshold = 128 << 10;
};
} // namespace

int driver::benchCommand(const ParsedArgs &args) {
  const CommandSpec &spec = benchCommandSpec();
  std::optional<uint64_t> runs = parseUnsigned(args.get(spec, "runs"));
  if (!runs || *runs == 0)
    return reportError("bench", "'--runs' needs a positive integer, got '" +
                                    args.get(spec, "runs") + "'");
  std::unique_ptr<CompiledEntry> entry =
      CompiledEntry::load("bench", spec, args);
  if (!entry)
    return 1;

  std::vector<double> seconds;
  {
    ReuseFreedMemory reuse;
    entry->compiled->run(entry->name, entry->arguments);
    for (uint64_t run = 0; run < *runs; ++run) {
      Stopwatch stopwatch;
      entry->compiled->run(entry->name, entry->arguments);
      seconds.push_back(stopwatch.lap());
    }
  }
  std::sort(seconds.begin(), seconds.end());

  PeakMemoryMeter meter;
  std::string measureError;
  std::optional<int64_t> peak;
  if (meter.start(measureError)) {
    entry->compiled->run(entry->name, entry->arguments);
    peak = meter.growth(measureError);
  }

  const CompileTimes &times = entry->compiled->getCompileTimes();
  std::cout << "bench '" << entry->name << "' of " << entry->model.path << ":\n"
            << "  compile: " << formatMs(times.total()) << " (AD passes "
            << formatMs(times.derivatives) << ", MLIR lowering "
            << formatMs(times.lowering) << ", LLVM optimization "
            << formatMs(times.llvmOptimization) << ", code generation "
            << formatMs(times.codegen) << ")\n"
            << "  per call: median " << formatMs(seconds[seconds.size() / 2])
            << ", fastest " << formatMs(seconds.front()) << " over " << *runs
            << " calls\n";
  entry->printMemoryReport(std::cout, peak, measureError);
  return 0;
}

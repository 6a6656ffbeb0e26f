//===- adjoint-random-graphs.cpp - Random-graph property test ---*- C++ -*-===//
//
// `adjoint-random-graphs [--seed S] [--count N] [--jobs J] [--print]
// [--save DIR]` generates N random models (model i has seed S + i), checks
// the derivatives of each against f64 finite differences, prints one line
// per failing model with the command that reproduces it, then a summary.
// Exits 1 on any mismatch and on any model that fails to parse or compile:
// the generator and the compiler must both be right.
//
//===----------------------------------------------------------------------===//

#include "GraphCheck.h"
#include "RandomGraph.h"

#include "adjoint/Graph/Graph.h"
#include "adjoint/InitAll.h"
#include "adjoint/Support/CommandLine.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Signals.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>
#include <unistd.h>

using namespace adjoint;
using namespace adjoint::randomgraph;

namespace {
constexpr const char *kTool = "adjoint-random-graphs";
constexpr unsigned kMaxJobs = 64;

const CommandSpec &toolSpec() {
  static const CommandSpec spec = [] {
    const CheckSettings &defaults = defaultCheckSettings();
    auto number = [](double value) {
      char text[32];
      std::snprintf(text, sizeof(text), "%g", value);
      return std::string(text);
    };
    return CommandSpec{
        kTool,
        "Checks the derivatives of random well-typed models against f64 "
        "finite differences. Model i has seed S + i; "
        "'--seed X --count 1 --print' reproduces model X.",
        {},
        {{"seed",
          "S",
          "First seed (default: $ADJOINT_RANDOM_SEED, else "
          "from the clock)",
          {},
          ""},
         {"count", "N", "Number of models", {}, "1000"},
         {"jobs", "J", "Threads, each with its own MLIR context", {}, "1"},
         {"print", "", "Print each model and its result", {}, ""},
         {"save", "DIR", "Write each failing model to DIR/rg-SEED.adj", {}, ""},
         {"tol",
          "T",
          "Largest error accepted in f64 models",
          {},
          number(defaults.tolerance)},
         {"tol-f32",
          "T",
          "Largest error accepted in f32 models",
          {},
          number(defaults.f32Tolerance)},
         {"step", "H", "Finite-difference step", {}, number(defaults.step)},
         {"samples",
          "N",
          "Coordinates checked one by one per param",
          {},
          std::to_string(defaults.samples)}}};
  }();
  return spec;
}

struct Options {
  uint64_t seed = 0;
  uint64_t count = 0;
  unsigned jobs = 1;
  bool print = false;
  std::string saveDir;
  CheckSettings settings = defaultCheckSettings();
};

uint64_t seedFromClock() {
  std::random_device device;
  uint64_t ticks = static_cast<uint64_t>(
      std::chrono::steady_clock::now().time_since_epoch().count());
  return (static_cast<uint64_t>(device()) << 32) ^ device() ^ ticks;
}

/// Reads the options; false after printing an error.
bool parseOptions(const ParsedArgs &args, Options &options) {
  const CommandSpec &spec = toolSpec();
  std::string seedText = args.get(spec, "seed");
  if (seedText.empty() && std::getenv("ADJOINT_RANDOM_SEED"))
    seedText = std::getenv("ADJOINT_RANDOM_SEED");
  std::optional<uint64_t> seed =
      seedText.empty() ? seedFromClock() : parseUnsigned(seedText);
  std::optional<uint64_t> count = parseUnsigned(args.get(spec, "count"));
  std::optional<uint64_t> jobs = parseUnsigned(args.get(spec, "jobs"));
  std::optional<uint64_t> samples = parseUnsigned(args.get(spec, "samples"));
  std::optional<double> tol = parsePositiveNumber(args.get(spec, "tol"));
  std::optional<double> tolF32 = parsePositiveNumber(args.get(spec, "tol-f32"));
  std::optional<double> step = parsePositiveNumber(args.get(spec, "step"));
  if (!seed || !count || !jobs || *jobs == 0 || *jobs > kMaxJobs || !samples ||
      *samples == 0 || !tol || !tolF32 || !step) {
    std::cerr << kTool << ": error: '--seed', '--count' and '--samples' need "
              << "a non-negative integer, '--jobs' one in 1.." << kMaxJobs
              << ", '--tol', '--tol-f32' and '--step' a positive number\n";
    return false;
  }
  options.seed = *seed;
  options.count = *count;
  options.jobs = static_cast<unsigned>(*jobs);
  options.print = args.has("print");
  options.saveDir = args.get(spec, "save");
  options.settings = {*step, *tol, *tolF32, static_cast<int64_t>(*samples)};
  return true;
}

/// The seed each job is checking, for the crash handler; kIdle when none.
constexpr uint64_t kIdle = ~0ULL;
std::atomic<uint64_t> inFlight[kMaxJobs];

/// On a crash, names the models being checked and how to reproduce them.
void reportCrash(void *) {
  for (std::atomic<uint64_t> &seed : inFlight) {
    uint64_t value = seed.load();
    if (value == kIdle)
      continue;
    char line[200];
    int length = std::snprintf(
        line, sizeof(line),
        "CRASH seed %llu; reproduce: %s --seed %llu --count 1 --print\n",
        static_cast<unsigned long long>(value), kTool,
        static_cast<unsigned long long>(value));
    if (length > 0 && ::write(2, line, static_cast<size_t>(length)) < 0)
      return;
  }
}

/// Runs the models over the jobs and gathers what the summary prints.
class Runner {
public:
  explicit Runner(const Options &options) : options(options) {
    registerAllDialects(registry);
  }

  /// Checks every model; returns the exit status.
  int run();

private:
  void work(unsigned job);
  void record(const RandomModel &model, const GraphResult &result,
              double seconds);
  std::string saveModel(const RandomModel &model);
  void printSummary(double seconds);

  const Options &options;
  mlir::DialectRegistry registry;
  std::atomic<uint64_t> next{0};
  std::mutex mutex; // guards the output and everything below
  uint64_t mismatches = 0;
  uint64_t errors = 0;
  double worstError = 0;
  uint64_t worstSeed = 0;
  std::map<std::string, uint64_t> opCounts;
  std::map<std::string, uint64_t> patternCounts;
};
} // namespace

void Runner::work(unsigned job) {
  mlir::MLIRContext context(registry, mlir::MLIRContext::Threading::DISABLED);
  for (uint64_t i = next++; i < options.count; i = next++) {
    uint64_t seed = options.seed + i;
    inFlight[job] = seed;
    RandomModel model = generateModel(seed);
    if (options.print) {
      std::lock_guard<std::mutex> lock(mutex);
      std::cout << "--- rg-" << seed << ".adj\n" << model.text << std::flush;
    }
    auto start = std::chrono::steady_clock::now();
    GraphResult result =
        checkModel(context, model.text, "rg-" + std::to_string(seed) + ".adj",
                   seed, options.settings);
    std::chrono::duration<double> elapsed =
        std::chrono::steady_clock::now() - start;
    record(model, result, elapsed.count());
    inFlight[job] = kIdle;
  }
}

std::string Runner::saveModel(const RandomModel &model) {
  std::filesystem::create_directories(options.saveDir);
  std::string path = (std::filesystem::path(options.saveDir) /
                      ("rg-" + std::to_string(model.seed) + ".adj"))
                         .string();
  std::ofstream(path) << model.text;
  return path;
}

void Runner::record(const RandomModel &model, const GraphResult &result,
                    double seconds) {
  std::lock_guard<std::mutex> lock(mutex);
  for (const auto &[op, count] : result.opCounts)
    opCounts[op] += static_cast<uint64_t>(count);
  for (const std::string &pattern : model.patterns)
    ++patternCounts[pattern];
  if (result.worstError > worstError) {
    worstError = result.worstError;
    worstSeed = model.seed;
  }
  if (result.outcome == Outcome::Pass) {
    if (options.print)
      std::printf("seed %llu: ok, largest error %.3e (%s) in %.2f s\n",
                  static_cast<unsigned long long>(model.seed),
                  result.worstError, result.detail.c_str(), seconds);
    std::fflush(stdout);
    return;
  }
  bool mismatch = result.outcome == Outcome::Mismatch;
  ++(mismatch ? mismatches : errors);
  std::string line = std::string(mismatch ? "MISMATCH" : "ERROR") + " seed " +
                     std::to_string(model.seed) + ": ";
  if (mismatch) {
    char text[160];
    std::snprintf(text, sizeof(text), "%s error %.3e > tolerance %.3e",
                  result.detail.c_str(), result.worstError, result.tolerance);
    line += text;
  } else {
    line += "the model does not parse or compile";
  }
  line += "; reproduce: " + std::string(kTool) + " --seed " +
          std::to_string(model.seed) + " --count 1 --print";
  if (!options.saveDir.empty())
    line += "; saved " + saveModel(model);
  if (!mismatch) // then the diagnostics
    line += "\n" + result.detail;
  if (line.back() != '\n')
    line += "\n";
  std::cout << line << std::flush;
}

void Runner::printSummary(double seconds) {
  std::string missing;
  std::cout << "ops:";
  for (int kind = static_cast<int>(graph::OpKind::Add);
       kind <= static_cast<int>(graph::OpKind::Concat); ++kind) {
    std::string name = graph::getOpInfo(static_cast<graph::OpKind>(kind)).name;
    std::cout << " " << name << "=" << opCounts[name];
    if (opCounts[name] == 0)
      missing += " " + name;
  }
  std::cout << "\npatterns (models):";
  for (const std::string &pattern : allPatterns())
    std::cout << " " << pattern << "=" << patternCounts[pattern];
  std::cout << "\n";
  if (!missing.empty() && options.count >= 100)
    std::cout << "ops not covered:" << missing << "\n";
  std::printf("largest error %.3e (seed %llu)\n", worstError,
              static_cast<unsigned long long>(worstSeed));
  std::printf("%llu graphs, %llu mismatches, %llu errors in %.1f s\n",
              static_cast<unsigned long long>(options.count),
              static_cast<unsigned long long>(mismatches),
              static_cast<unsigned long long>(errors), seconds);
  std::fflush(stdout);
}

int Runner::run() {
  for (std::atomic<uint64_t> &seed : inFlight)
    seed = kIdle;
  llvm::sys::AddSignalHandler(reportCrash, nullptr);
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (unsigned job = 1; job < options.jobs; ++job)
    threads.emplace_back([this, job] { work(job); });
  work(0);
  for (std::thread &thread : threads)
    thread.join();
  std::chrono::duration<double> elapsed =
      std::chrono::steady_clock::now() - start;
  printSummary(elapsed.count());
  return mismatches + errors == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  const CommandSpec &spec = toolSpec();
  ParsedArgs args;
  std::string error;
  if (!parseCommandLine(spec, std::vector<std::string>(argv + 1, argv + argc),
                        args, error)) {
    std::cerr << kTool << ": error: " << error << "\n";
    return 1;
  }
  if (args.help) {
    std::string help = formatHelp("", spec);
    std::cout << help.erase(help.find("  "), 1); // no subcommand name
    return 0;
  }
  Options options;
  if (!parseOptions(args, options))
    return 1;
  std::cout << "seed " << options.seed << std::endl;
  return Runner(options).run();
}

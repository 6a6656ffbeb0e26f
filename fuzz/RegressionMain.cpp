//===- RegressionMain.cpp - Run a fuzz target on files ----------*- C++ -*-===//
//
// The main of a fuzz target in builds without libFuzzer (the ordinary g++
// build): runs LLVMFuzzerTestOneInput once on each file named on the
// command line, as a libFuzzer binary does, so the regression inputs of
// fuzz/regressions/ are ordinary tests everywhere. A failure aborts.
//
//===----------------------------------------------------------------------===//

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    std::ifstream file(argv[i], std::ios::binary);
    if (!file) {
      std::fprintf(stderr, "%s: error: cannot open file\n", argv[i]);
      return 1;
    }
    std::string bytes((std::istreambuf_iterator<char>(file)),
                      std::istreambuf_iterator<char>());
    std::fprintf(stderr, "Running: %s\n", argv[i]);
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.data()),
                           bytes.size());
  }
  std::fprintf(stderr, "Executed %d inputs\n", argc - 1);
  return 0;
}

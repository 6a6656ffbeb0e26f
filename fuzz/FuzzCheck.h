//===- FuzzCheck.h - A property a fuzz target asserts -----------*- C++ -*-===//
//
// fuzzCheck stops the process with a message when a property of the code
// under test does not hold, so that libFuzzer (and the regression tests)
// count the input as a crash, in builds with and without assertions.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_FUZZ_FUZZCHECK_H
#define ADJOINT_FUZZ_FUZZCHECK_H

#include <cstdio>
#include <cstdlib>
#include <string>

namespace adjoint {

/// Aborts after printing `what` when `holds` is false.
inline void fuzzCheck(bool holds, const std::string &what) {
  if (holds)
    return;
  std::fprintf(stderr, "fuzz check failed: %s\n", what.c_str());
  std::abort();
}

} // namespace adjoint

#endif // ADJOINT_FUZZ_FUZZCHECK_H

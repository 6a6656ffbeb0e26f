//===- PeakMemory.cpp - Growth of the peak resident set size ----*- C++ -*-===//
//
// /proc/self/status gives VmRSS and VmHWM (the peak RSS) in kB; writing
// "5" to /proc/self/clear_refs resets VmHWM to the current RSS.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Support/PeakMemory.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#ifdef __GLIBC__
#include <malloc.h>
#endif

using namespace adjoint;

std::optional<int64_t> adjoint::readProcStatusBytes(const std::string &name,
                                                    std::string &error) {
  std::ifstream status("/proc/self/status");
  if (!status) {
    error = "cannot read /proc/self/status";
    return std::nullopt;
  }
  std::string line;
  const std::string prefix = name + ":";
  while (std::getline(status, line)) {
    if (line.compare(0, prefix.size(), prefix) != 0)
      continue;
    std::istringstream fields(line.substr(prefix.size()));
    int64_t kilobytes = -1;
    std::string unit;
    if (!(fields >> kilobytes >> unit) || kilobytes < 0 || unit != "kB") {
      error = "unexpected /proc/self/status line: " + line;
      return std::nullopt;
    }
    return kilobytes * 1024;
  }
  error = "no " + name + " in /proc/self/status";
  return std::nullopt;
}

bool PeakMemoryMeter::start(std::string &error) {
  baselineBytes.reset();
#ifdef __GLIBC__
  malloc_trim(0);
#endif
  {
    std::ofstream clearRefs("/proc/self/clear_refs");
    if (clearRefs)
      clearRefs << "5" << std::flush;
    if (!clearRefs) {
      error = std::string("cannot reset the peak RSS through "
                          "/proc/self/clear_refs (Linux >= 4.0 needed): ") +
              std::strerror(errno);
      return false;
    }
  }
  baselineBytes = readProcStatusBytes("VmRSS", error);
  return baselineBytes.has_value();
}

std::optional<int64_t> PeakMemoryMeter::growth(std::string &error) const {
  if (!baselineBytes) {
    error = "the peak memory meter was not started";
    return std::nullopt;
  }
  std::optional<int64_t> peak = readProcStatusBytes("VmHWM", error);
  if (!peak)
    return std::nullopt;
  return *peak > *baselineBytes ? *peak - *baselineBytes : 0;
}

//===- PeakMemory.h - Growth of the peak resident set size ------*- C++ -*-===//
//
// Measures how much a region of code raises the process's peak resident
// set size, as the memory benchmark compares it with PyTorch's autograd
// (bench/memory/torch_models.py measures the same way). Linux only: it
// reads /proc/self/status and resets the peak through
// /proc/self/clear_refs (Linux >= 4.0).
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_SUPPORT_PEAKMEMORY_H
#define ADJOINT_SUPPORT_PEAKMEMORY_H

#include <cstdint>
#include <optional>
#include <string>

namespace adjoint {

/// One measurement: construct, start(), run the region, then growth().
class PeakMemoryMeter {
public:
  /// Returns freed heap to the system (malloc_trim), resets the peak RSS
  /// to the current RSS and records that RSS as the baseline. On failure
  /// (no usable /proc) returns false and sets `error`.
  bool start(std::string &error);

  /// The peak RSS since start() minus the baseline, in bytes (0 if the
  /// RSS went down). On failure, or without a successful start(), returns
  /// nothing and sets `error`.
  std::optional<int64_t> growth(std::string &error) const;

private:
  std::optional<int64_t> baselineBytes;
};

/// Reads the field `name` ("VmRSS", "VmHWM", ...) of /proc/self/status,
/// in bytes. On failure returns nothing and sets `error`.
std::optional<int64_t> readProcStatusBytes(const std::string &name,
                                           std::string &error);

} // namespace adjoint

#endif // ADJOINT_SUPPORT_PEAKMEMORY_H

//===- MemorySize.cpp - Sizes of memory in bytes ----------------*- C++ -*-===//
//
// See MemorySize.h.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Support/MemorySize.h"

#include <cctype>
#include <fstream>
#include <limits>
#include <string>

using namespace adjoint;

std::optional<int64_t> adjoint::parseMemorySize(const std::string &text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(
                                     text[digits])))
    ++digits;
  std::string suffix = text.substr(digits);
  for (char &c : suffix)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  int64_t unit = 1;
  if (!suffix.empty()) {
    if (suffix[0] == 'K')
      unit = int64_t(1) << 10;
    else if (suffix[0] == 'M')
      unit = int64_t(1) << 20;
    else if (suffix[0] == 'G')
      unit = int64_t(1) << 30;
    else
      return std::nullopt;
    std::string rest = suffix.substr(1);
    if (!rest.empty() && rest != "B" && rest != "IB")
      return std::nullopt;
  }
  // At most 18 digits fit in int64_t without overflow checks.
  if (digits == 0 || digits > 18)
    return std::nullopt;
  int64_t count = std::stoll(text.substr(0, digits));
  if (count == 0 || count > std::numeric_limits<int64_t>::max() / unit)
    return std::nullopt;
  return count * unit;
}

std::optional<int64_t> adjoint::getAvailableMemory() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  int64_t kibibytes = 0;
  std::string unit;
  while (meminfo >> key >> kibibytes >> unit)
    if (key == "MemAvailable:")
      return kibibytes * 1024;
  return std::nullopt;
}

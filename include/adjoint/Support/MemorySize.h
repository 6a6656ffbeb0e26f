//===- MemorySize.h - Sizes of memory in bytes ------------------*- C++ -*-===//
//
// The driver's --max-memory: a size written with an optional binary suffix,
// and the memory this machine has available.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_SUPPORT_MEMORYSIZE_H
#define ADJOINT_SUPPORT_MEMORYSIZE_H

#include <cstdint>
#include <optional>
#include <string>

namespace adjoint {

/// "4096", "64K", "512M", "2G" (K, M and G are powers of 1024, and may be
/// followed by "B" or "iB"): a positive number of bytes that fits in 63
/// bits; std::nullopt for anything else.
std::optional<int64_t> parseMemorySize(const std::string &text);

/// MemAvailable of /proc/meminfo in bytes: what can be allocated without
/// swapping; std::nullopt where it cannot be read.
std::optional<int64_t> getAvailableMemory();

} // namespace adjoint

#endif // ADJOINT_SUPPORT_MEMORYSIZE_H

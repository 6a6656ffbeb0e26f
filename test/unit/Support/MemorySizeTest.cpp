//===- MemorySizeTest.cpp - --max-memory sizes ------------------*- C++ -*-===//
//
// parseMemorySize on plain counts, binary suffixes, and what it rejects;
// getAvailableMemory on this machine.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Support/MemorySize.h"

#include <gtest/gtest.h>

using namespace adjoint;

namespace {
TEST(MemorySizeTest, PlainAndSuffixed) {
  EXPECT_EQ(parseMemorySize("4096"), 4096);
  EXPECT_EQ(parseMemorySize("64K"), 64 * 1024);
  EXPECT_EQ(parseMemorySize("64k"), 64 * 1024);
  EXPECT_EQ(parseMemorySize("512M"), 512LL * 1024 * 1024);
  EXPECT_EQ(parseMemorySize("512MB"), 512LL * 1024 * 1024);
  EXPECT_EQ(parseMemorySize("2GiB"), 2LL * 1024 * 1024 * 1024);
  EXPECT_EQ(parseMemorySize("1g"), 1LL << 30);
}

TEST(MemorySizeTest, Rejected) {
  for (const char *text : {"", "0", "0M", "-1", "1.5G", "G", "12T", "12Mx",
                           "12 M", " 12", "99999999999999999999",
                           "9000000000G"})
    EXPECT_FALSE(parseMemorySize(text)) << text;
}

TEST(MemorySizeTest, AvailableMemoryIsPositive) {
  std::optional<int64_t> available = getAvailableMemory();
  ASSERT_TRUE(available);
  EXPECT_GT(*available, 0);
}
} // namespace

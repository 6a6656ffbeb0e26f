//===- PeakMemoryTest.cpp - Growth of the peak resident set size ----------===//
//
// A region that touches a 64 MiB buffer raises the peak RSS by about that
// much; a region that touches nothing new barely raises it.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Support/PeakMemory.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

using namespace adjoint;

namespace {

constexpr int64_t kMiB = 1024 * 1024;

/// Touches every page of a fresh `bytes`-long buffer, then frees it.
void touchBuffer(size_t bytes) {
  char *buffer = static_cast<char *>(std::malloc(bytes));
  ASSERT_NE(buffer, nullptr);
  std::memset(buffer, 1, bytes);
  // Read back through a volatile pointer so the stores cannot be elided.
  volatile char *view = buffer;
  EXPECT_EQ(view[bytes - 1], 1);
  std::free(buffer);
}

TEST(PeakMemoryTest, TouchingA64MiBBufferShowsAsGrowth) {
  PeakMemoryMeter meter;
  std::string error;
  ASSERT_TRUE(meter.start(error)) << error;
  touchBuffer(64 * kMiB);
  std::optional<int64_t> growth = meter.growth(error);
  ASSERT_TRUE(growth.has_value()) << error;
  EXPECT_GE(*growth, 60 * kMiB);
  EXPECT_LE(*growth, 80 * kMiB);
}

TEST(PeakMemoryTest, AnEarlierPeakIsForgotten) {
  touchBuffer(64 * kMiB);
  PeakMemoryMeter meter;
  std::string error;
  ASSERT_TRUE(meter.start(error)) << error;
  std::optional<int64_t> growth = meter.growth(error);
  ASSERT_TRUE(growth.has_value()) << error;
  EXPECT_LT(*growth, 4 * kMiB);
}

TEST(PeakMemoryTest, GrowthBeforeStartIsAnError) {
  PeakMemoryMeter meter;
  std::string error;
  EXPECT_FALSE(meter.growth(error).has_value());
  EXPECT_NE(error.find("not started"), std::string::npos);
}

TEST(PeakMemoryTest, ReadsTheResidentSetSize) {
  std::string error;
  std::optional<int64_t> rss = readProcStatusBytes("VmRSS", error);
  ASSERT_TRUE(rss.has_value()) << error;
  EXPECT_GT(*rss, 0);
  EXPECT_FALSE(readProcStatusBytes("NoSuchField", error).has_value());
  EXPECT_NE(error.find("NoSuchField"), std::string::npos);
}

} // namespace

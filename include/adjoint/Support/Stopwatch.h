//===- Stopwatch.h - Wall time between laps ---------------------*- C++ -*-===//
//
// The wall time since the last lap, for the compile-time breakdown and the
// timed calls of `adjoint bench`.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_SUPPORT_STOPWATCH_H
#define ADJOINT_SUPPORT_STOPWATCH_H

#include <chrono>

namespace adjoint {

class Stopwatch {
public:
  /// Seconds since construction or the previous lap; starts the next lap.
  double lap() {
    Clock::time_point now = Clock::now();
    double seconds = std::chrono::duration<double>(now - last).count();
    last = now;
    return seconds;
  }

private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point last = Clock::now();
};

} // namespace adjoint

#endif // ADJOINT_SUPPORT_STOPWATCH_H

// vecmath.h: exp, tanh and sigmoid in float written as branch-free
// arithmetic (Cephes' polynomials, about 1-2 ulp), so that GCC vectorizes
// the loops that call them at -O3 without -ffast-math; glibc's expf and
// tanhf are scalar calls unless -ffast-math.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

inline float fast_exp(float x) {
  x = x < -87.0f ? -87.0f : x > 88.0f ? 88.0f : x;
  // n = round(x / ln 2): adding and subtracting 1.5 * 2^23 rounds to an
  // integer (std::floor does not vectorize without -fno-trapping-math).
  float n = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  float r = x - n * 0.693359375f - n * -2.12194440e-4f;  // x - n ln 2
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  int32_t exponent = (static_cast<int32_t>(n) + 127) << 23;  // 2^n
  return p * std::bit_cast<float>(exponent);
}

inline float fast_tanh(float x) {
  float a = std::fabs(x);
  // |x| >= 0.625: 1 - 2 / (exp(2|x|) + 1), with the sign of x.
  float large = std::copysign(1.0f - 2.0f / (fast_exp(2.0f * a) + 1.0f), x);
  // |x| < 0.625: an odd polynomial.
  float z = x * x;
  float p = -5.70498872745e-3f;
  p = p * z + 2.06390887954e-2f;
  p = p * z - 5.37397155531e-2f;
  p = p * z + 1.33314422036e-1f;
  p = p * z - 3.33332819422e-1f;
  float small = p * z * x + x;
  return a < 0.625f ? small : large;
}

inline float fast_sigmoid(float x) { return 1.0f / (1.0f + fast_exp(-x)); }

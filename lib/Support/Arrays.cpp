//===- Arrays.cpp - Filling and printing the driver's arrays ----*- C++ -*-===//
//
// The generator is SplitMix64, so seeded data does not depend on the C++
// library. Printing uses %.9g for f32 and %.17g for f64, which read back
// exactly (not always the shortest such digits).
//
//===----------------------------------------------------------------------===//

#include "adjoint/Support/Arrays.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

using namespace adjoint;

NpyArray adjoint::makeArray(graph::ElementType type,
                            const graph::Shape &shape) {
  NpyArray array;
  array.type = type;
  array.shape = shape;
  array.data.assign(static_cast<size_t>(graph::numElements(shape) *
                                        graph::elementByteSize(type)),
                    0);
  return array;
}

static uint64_t splitMix64(uint64_t &state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void adjoint::fillUniform(NpyArray &array, uint64_t seed, uint64_t stream) {
  uint64_t state = seed;
  state = splitMix64(state) ^ (stream * 0xd1b54a32d192ed03ULL);
  int64_t count = graph::numElements(array.shape);
  for (int64_t i = 0; i < count; ++i) {
    // 53 random bits -> [0, 1) -> [-1, 1).
    double unit = static_cast<double>(splitMix64(state) >> 11) * 0x1.0p-53;
    double value = 2.0 * unit - 1.0;
    // Rounding to f32 may reach 1.0; keep the interval half-open.
    if (array.type == graph::ElementType::F32 &&
        static_cast<float>(value) >= 1.0f)
      value = std::nextafter(1.0f, 0.0f);
    setElement(array, i, value);
  }
}

double adjoint::getElement(const NpyArray &array, int64_t index) {
  if (array.type == graph::ElementType::F32) {
    float f;
    std::memcpy(&f, array.data.data() + index * 4, 4);
    return f;
  }
  double d;
  std::memcpy(&d, array.data.data() + index * 8, 8);
  return d;
}

void adjoint::setElement(NpyArray &array, int64_t index, double value) {
  if (array.type == graph::ElementType::F32) {
    float f = static_cast<float>(value);
    std::memcpy(array.data.data() + index * 4, &f, 4);
    return;
  }
  std::memcpy(array.data.data() + index * 8, &value, 8);
}

std::vector<double> adjoint::toDoubles(const NpyArray &array) {
  std::vector<double> values(
      static_cast<size_t>(graph::numElements(array.shape)));
  for (size_t i = 0; i < values.size(); ++i)
    values[i] = getElement(array, static_cast<int64_t>(i));
  return values;
}

NpyArray adjoint::fromDoubles(graph::ElementType type,
                              const graph::Shape &shape,
                              const std::vector<double> &values) {
  NpyArray array = makeArray(type, shape);
  for (size_t i = 0; i < values.size(); ++i)
    setElement(array, static_cast<int64_t>(i), values[i]);
  return array;
}

static std::string formatValue(const NpyArray &array, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer),
                array.type == graph::ElementType::F32 ? "%.9g" : "%.17g",
                value);
  return buffer;
}

std::string adjoint::summarizeArray(const NpyArray &array) {
  std::string result = std::string(graph::elementTypeName(array.type)) +
                       graph::formatShape(array.shape);
  int64_t count = graph::numElements(array.shape);
  if (array.shape.empty())
    return result + " = " + formatValue(array, getElement(array, 0));
  double low = std::numeric_limits<double>::infinity();
  double high = -low, sum = 0;
  for (int64_t i = 0; i < count; ++i) {
    double value = getElement(array, i);
    // NaN propagates to min and max, as in NumPy.
    if (std::isnan(value) || std::isnan(low)) {
      low = high = NAN;
    } else {
      low = std::min(low, value);
      high = std::max(high, value);
    }
    sum += value;
  }
  return result + "  min " + formatValue(array, low) + "  max " +
         formatValue(array, high) + "  mean " +
         formatValue(array, sum / static_cast<double>(count));
}

static void formatDimension(const NpyArray &array, size_t dim, int64_t &index,
                            std::string &out) {
  if (dim == array.shape.size()) {
    out += formatValue(array, getElement(array, index++));
    return;
  }
  out += "[";
  for (int64_t i = 0; i < array.shape[dim]; ++i) {
    if (i > 0)
      out += dim + 1 == array.shape.size()
                 ? ", "
                 : ",\n" + std::string(dim + 1, ' ');
    formatDimension(array, dim + 1, index, out);
  }
  out += "]";
}

std::string adjoint::formatArray(const NpyArray &array) {
  std::string out;
  int64_t index = 0;
  formatDimension(array, 0, index, out);
  return out;
}

//===- Arrays.h - Filling and printing the driver's arrays ------*- C++ -*-===//
//
// The driver's view of a buffer's values: seeded random fill for leaves
// given no data, a one-line summary, and NumPy-style printing.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_SUPPORT_ARRAYS_H
#define ADJOINT_SUPPORT_ARRAYS_H

#include "adjoint/Support/Npy.h"

#include <cstdint>
#include <string>
#include <vector>

namespace adjoint {

/// Buffers of doubles, one per argument or result of an entry point: the
/// type-independent view that checks and tests compare.
using Buffers = std::vector<std::vector<double>>;

/// A zero-filled array of `type` and `shape`.
NpyArray makeArray(graph::ElementType type, const graph::Shape &shape);

/// Fills `array` with values uniform in [-1, 1) from a generator seeded by
/// `seed` and `stream` (the leaf's index), identical on every platform.
void fillUniform(NpyArray &array, uint64_t seed, uint64_t stream);

/// Element `index` as a double.
double getElement(const NpyArray &array, int64_t index);

/// Sets element `index` (rounded to f32 for an f32 array).
void setElement(NpyArray &array, int64_t index, double value);

/// Every element as a double, in row-major order.
std::vector<double> toDoubles(const NpyArray &array);

/// An array of `type` and `shape` holding `values` (rounded to f32 for an
/// f32 array).
NpyArray fromDoubles(graph::ElementType type, const graph::Shape &shape,
                     const std::vector<double> &values);

/// "f32[64, 10]  min -1.2  max 3.4  mean 0.01", or "f32[] = 2.3" for a
/// scalar. A NaN makes min, max and mean NaN.
std::string summarizeArray(const NpyArray &array);

/// NumPy-style nested brackets; 9 significant digits for f32 and 17 for
/// f64, enough to read back the exact value.
std::string formatArray(const NpyArray &array);

} // namespace adjoint

#endif // ADJOINT_SUPPORT_ARRAYS_H

//===- Npy.h - NumPy .npy files ---------------------------------*- C++ -*-===//
//
// Reads and writes NumPy .npy arrays (format versions 1.0 to 3.0) of
// little-endian f32 or f64 in C order, as the driver's data files. Reading
// validates everything and reports problems as `PATH: error: MESSAGE`;
// writing goes to a temporary file renamed into place, so a failed write
// never leaves a partial file.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_SUPPORT_NPY_H
#define ADJOINT_SUPPORT_NPY_H

#include "adjoint/Graph/Graph.h"

#include <string>
#include <vector>

namespace adjoint {

/// A dense array: raw little-endian bytes of `numElements(shape)` elements.
struct NpyArray {
  graph::ElementType type = graph::ElementType::F32;
  graph::Shape shape;
  std::vector<char> data;
};

/// Parses the bytes of a .npy file and checks that its dtype and shape are
/// exactly `type` and `shape`. On error returns false and sets `error` to a
/// message without the path prefix ("expected dtype '<f4' (f32), found
/// '<f8'"; "expected shape (3, 4), found (4, 3)"; "Fortran order is not
/// supported"; "truncated data: expected 48 bytes, found 40"; ...).
bool parseNpy(const std::string &bytes, graph::ElementType type,
              const graph::Shape &shape, NpyArray &out, std::string &error);

/// Reads `path` and parses it as parseNpy does. On error returns false and
/// sets `error` to "PATH: error: MESSAGE".
bool readNpy(const std::string &path, graph::ElementType type,
             const graph::Shape &shape, NpyArray &out, std::string &error);

/// The bytes of a version 1.0 .npy file holding `array`.
std::string serializeNpy(const NpyArray &array);

/// Writes `array` to `path` through a temporary file in the same directory
/// renamed into place. On error returns false and sets `error` to
/// "PATH: error: MESSAGE"; no file is left at `path` or the temporary name.
bool writeNpy(const std::string &path, const NpyArray &array,
              std::string &error);

/// Writes `arrays[i]` to `paths[i]` for every i, all or nothing: every file
/// is first written under a temporary name, and only once all are complete
/// are they renamed into place. On error returns false, sets `error` to
/// "PATH: error: MESSAGE" for the path that failed, and leaves none of
/// `paths` written by this call nor any temporary file.
bool writeNpyFiles(const std::vector<std::string> &paths,
                   const std::vector<NpyArray> &arrays, std::string &error);

} // namespace adjoint

#endif // ADJOINT_SUPPORT_NPY_H

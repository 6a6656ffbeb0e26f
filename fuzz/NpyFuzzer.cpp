//===- NpyFuzzer.cpp - Fuzz target: the .npy reader -------------*- C++ -*-===//
//
// One input is a small prefix naming the array the driver expects, then
// the bytes of a .npy file:
//
//   byte 0          bit 0: f64 (else f32); bits 1-2: the rank R (0 to 3)
//   bytes 1 to R    the dimensions, one byte each (0 to 255)
//   the rest        the file
//
// The file goes through parseNpy (from memory) and readNpy (from a
// temporary file), which must agree: both accept it, or both reject it with
// the same message. An accepted array must survive serializeNpy and
// parseNpy unchanged. fuzz/make_corpus.py writes seeds in this layout.
//
//===----------------------------------------------------------------------===//

#include "FuzzCheck.h"

#include "adjoint/Support/Npy.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace adjoint;

/// A file of this process's own for readNpy, removed at exit.
static const std::string &getScratchPath() {
  static const std::string path = [] {
    const char *dir = std::getenv("TMPDIR");
    return std::string(dir ? dir : "/tmp") + "/adjoint-fuzz-npy-" +
           std::to_string(::getpid()) + ".npy";
  }();
  static const bool removeAtExit =
      std::atexit([] { std::remove(getScratchPath().c_str()); }) == 0;
  (void)removeAtExit;
  return path;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  graph::ElementType type =
      data[0] & 1 ? graph::ElementType::F64 : graph::ElementType::F32;
  size_t rank = (data[0] >> 1) & 3;
  if (size < 1 + rank)
    return 0;
  graph::Shape shape(data + 1, data + 1 + rank);
  std::string bytes(reinterpret_cast<const char *>(data) + 1 + rank,
                    size - 1 - rank);

  NpyArray parsed;
  std::string parseError;
  bool parsedOk = parseNpy(bytes, type, shape, parsed, parseError);

  const std::string &path = getScratchPath();
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  NpyArray read;
  std::string readError;
  bool readOk = readNpy(path, type, shape, read, readError);

  fuzzCheck(parsedOk == readOk, "parseNpy and readNpy disagree: '" +
                                    parseError + "' vs '" + readError + "'");
  if (!parsedOk) {
    fuzzCheck(readError == path + ": error: " + parseError,
              "different errors: '" + parseError + "' vs '" + readError + "'");
    return 0;
  }
  fuzzCheck(read.data == parsed.data, "readNpy and parseNpy read different data");
  NpyArray again;
  std::string againError;
  fuzzCheck(parseNpy(serializeNpy(parsed), type, shape, again, againError) &&
                again.data == parsed.data,
            "a written array does not read back: " + againError);
  return 0;
}

//===- EntryData.cpp - The buffers of an entry point ------------*- C++ -*-===//
//
// What every command that runs compiled code needs: argument buffers read
// from .npy files or filled from the seeded generator, and a call of an
// entry point that allocates its results.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "adjoint/Support/Arrays.h"

#include <filesystem>
#include <iostream>

using namespace adjoint;
using namespace adjoint::driver;

bool driver::loadBuffers(const std::vector<BufferSpec> &buffers,
                         graph::ElementType type, const std::string &dataDir,
                         uint64_t seed, std::vector<NpyArray> &arrays) {
  arrays.clear();
  for (auto [index, buffer] : llvm::enumerate(buffers)) {
    NpyArray array = makeArray(type, buffer.shape);
    if (dataDir.empty()) {
      fillUniform(array, seed, index);
    } else {
      std::string path =
          (std::filesystem::path(dataDir) / (buffer.name + ".npy")).string();
      std::string error;
      if (!readNpy(path, type, buffer.shape, array, error)) {
        std::cerr << error << "\n";
        return false;
      }
    }
    arrays.push_back(std::move(array));
  }
  return true;
}

std::vector<NpyArray> driver::runEntry(const JitModule &jit,
                                       const EntrySignature &signature,
                                       graph::ElementType type,
                                       std::vector<NpyArray> &arguments) {
  std::vector<NpyArray> results;
  for (const BufferSpec &buffer : signature.results)
    results.push_back(makeArray(type, buffer.shape));
  std::vector<void *> pointers;
  for (NpyArray &array : arguments)
    pointers.push_back(array.data.data());
  for (NpyArray &array : results)
    pointers.push_back(array.data.data());
  jit.call(signature.entry, pointers);
  return results;
}

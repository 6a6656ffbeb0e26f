//===- EntryData.cpp - The buffers of an entry point ------------*- C++ -*-===//
//
// What every command that runs compiled code needs: argument buffers read
// from .npy files or filled from the seeded generator, and results written
// as .npy files, all or none.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "adjoint/Import/GraphToMLIR.h"
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

bool driver::loadLeaves(const graph::Graph &graph, const std::string &dataDir,
                        uint64_t seed, Buffers &leaves) {
  std::vector<NpyArray> arrays;
  if (!loadBuffers(getEntrySignature(graph, kForwardEntry)->arguments,
                   graph.elementType, dataDir, seed, arrays))
    return false;
  leaves.clear();
  for (const NpyArray &array : arrays)
    leaves.push_back(toDoubles(array));
  return true;
}

bool driver::writeArrays(const std::string &dir,
                         const std::vector<std::string> &names,
                         const std::vector<NpyArray> &arrays) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::cerr << dir << ": error: cannot create output directory: "
              << ec.message() << "\n";
    return false;
  }
  std::vector<std::string> paths;
  for (const std::string &name : names)
    paths.push_back((std::filesystem::path(dir) / (name + ".npy")).string());
  std::string error;
  if (!writeNpyFiles(paths, arrays, error)) {
    std::cerr << error << "\n";
    return false;
  }
  return true;
}

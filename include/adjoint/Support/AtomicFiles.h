//===- AtomicFiles.h - Writing files all or nothing -------------*- C++ -*-===//
//
// Every file adjoint writes (.npy results, objects, headers, LLVM IR) goes
// through here: written under a temporary name in its directory, then
// renamed into place, so a failed or interrupted run leaves the previous
// files untouched and no partial file behind.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_SUPPORT_ATOMICFILES_H
#define ADJOINT_SUPPORT_ATOMICFILES_H

#include <string>
#include <vector>

namespace adjoint {

/// Writes `contents[i]` to `paths[i]` for every i, all or nothing: every
/// file is first written under a temporary name, and only once all are
/// complete are they renamed into place. On error returns false, sets
/// `error` to "PATH: error: MESSAGE" for the path that failed, and leaves
/// none of `paths` written by this call nor any temporary file.
bool writeFilesAtomically(const std::vector<std::string> &paths,
                          const std::vector<std::string> &contents,
                          std::string &error);

} // namespace adjoint

#endif // ADJOINT_SUPPORT_ATOMICFILES_H

//===- AtomicFiles.cpp - Writing files all or nothing -----------*- C++ -*-===//
//
// POSIX: the temporary file is created with O_EXCL next to its target, so
// the rename stays on one file system and is atomic.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Support/AtomicFiles.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace adjoint;

static bool writeFully(int fd, const char *src, size_t n) {
  while (n > 0) {
    ssize_t put = ::write(fd, src, n);
    if (put < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    src += put;
    n -= static_cast<size_t>(put);
  }
  return true;
}

/// Writes `bytes` to a new, uniquely named file next to `path` and sets
/// `tmp` to its name. On error, sets `message` (without the path prefix)
/// and leaves no file behind.
static bool writeTemporary(const std::string &path, const std::string &bytes,
                           std::string &tmp, std::string &message) {
  static std::atomic<unsigned> counter{0};
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    tmp = path + ".tmp." + std::to_string(::getpid()) + "." +
          std::to_string(counter++);
    do {
      fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0 && errno != EEXIST)
      break;
  }
  if (fd < 0) {
    message =
        "cannot create temporary file '" + tmp + "': " + std::strerror(errno);
    return false;
  }
  bool ok = writeFully(fd, bytes.data(), bytes.size());
  int err = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    std::remove(tmp.c_str());
    message = "cannot write file: " + std::string(std::strerror(err));
    return false;
  }
  return true;
}

bool adjoint::writeFilesAtomically(const std::vector<std::string> &paths,
                                   const std::vector<std::string> &contents,
                                   std::string &error) {
  if (paths.size() != contents.size()) {
    error = "error: internal error: " + std::to_string(paths.size()) +
            " paths for " + std::to_string(contents.size()) + " contents";
    return false;
  }
  std::vector<std::string> temps;
  auto removeTemps = [&](size_t from) {
    for (size_t i = from; i < temps.size(); ++i)
      std::remove(temps[i].c_str());
  };
  // Phase 1: every file's bytes, under temporary names.
  for (size_t i = 0; i < paths.size(); ++i) {
    std::string tmp, message;
    if (!writeTemporary(paths[i], contents[i], tmp, message)) {
      removeTemps(0);
      error = paths[i] + ": error: " + message;
      return false;
    }
    temps.push_back(std::move(tmp));
  }
  // A directory in the way is the likeliest rename failure: catch it before
  // anything is renamed.
  for (const std::string &path : paths) {
    struct stat st;
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      removeTemps(0);
      error = path + ": error: cannot write file: " + std::strerror(EISDIR);
      return false;
    }
  }
  // Phase 2: rename into place. Should one still fail, the files this call
  // already put in place are removed too, so no partial set is left.
  for (size_t i = 0; i < paths.size(); ++i) {
    if (std::rename(temps[i].c_str(), paths[i].c_str()) != 0) {
      int err = errno;
      removeTemps(i);
      for (size_t k = 0; k < i; ++k)
        std::remove(paths[k].c_str());
      error = paths[i] + ": error: cannot write file: " + std::strerror(err);
      return false;
    }
  }
  return true;
}

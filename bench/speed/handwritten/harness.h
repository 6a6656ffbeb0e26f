// harness.h: what the hand-written programs of the speed benchmark share:
// reading a float32 C-order .npy file, timing the median of repeated
// calls, and printing a result line as torch_models.py does:
//   NAME ENTRY MEDIAN_SECONDS LOSS GRAD_SQUARED_NORM   ("-" for forward)
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

[[noreturn]] inline void fail(const std::string &message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  std::exit(1);
}

// The values of PATH, a little-endian float32 C-order .npy file, which must
// hold exactly `count` of them.
inline std::vector<float> read_npy(const std::string &path, size_t count) {
  std::ifstream file(path, std::ios::binary);
  char magic[8];
  if (!file.read(magic, 8) || std::string(magic, 6) != "\x93NUMPY")
    fail(path + ": not a .npy file");
  size_t header_size = 0;
  int size_bytes = magic[6] == 1 ? 2 : 4;  // version 1.0, or 2.0 and 3.0
  for (int i = 0; i < size_bytes; ++i)
    header_size |= size_t(static_cast<unsigned char>(file.get())) << (8 * i);
  std::string header(header_size, ' ');
  file.read(header.data(), header_size);
  if (header.find("'<f4'") == std::string::npos ||
      header.find("'fortran_order': False") == std::string::npos)
    fail(path + ": expected little-endian float32 in C order");
  std::vector<float> values(count);
  if (!file.read(reinterpret_cast<char *>(values.data()), count * 4) ||
      file.peek() != EOF)
    fail(path + ": expected " + std::to_string(count) + " values");
  return values;
}

// The median wall time of `repeats` calls of `call`, after one warm-up call.
template <typename Call> double median_seconds(int repeats, Call call) {
  call();
  std::vector<double> seconds;
  for (int i = 0; i < repeats; ++i) {
    auto start = std::chrono::steady_clock::now();
    call();
    seconds.push_back(std::chrono::duration<double>(
                          std::chrono::steady_clock::now() - start)
                          .count());
  }
  std::sort(seconds.begin(), seconds.end());
  size_t middle = seconds.size() / 2;
  return seconds.size() % 2 ? seconds[middle]
                            : (seconds[middle - 1] + seconds[middle]) / 2;
}

// DATA_DIR and the number of timed calls from the command line.
inline void parse_arguments(int argc, char **argv, std::string &data,
                            int &repeats) {
  if (argc != 3 || std::atoi(argv[2]) < 1)
    fail(std::string("usage: ") + argv[0] + " DATA_DIR REPEATS");
  data = argv[1];
  repeats = std::atoi(argv[2]);
}

inline void print_forward(const char *name, double seconds, double loss) {
  std::printf("%s forward %.9f %.9g -\n", name, seconds, loss);
}

inline void print_grad(const char *name, double seconds, double loss,
                       double squared_norm) {
  std::printf("%s grad %.9f %.9g %.9g\n", name, seconds, loss, squared_norm);
}

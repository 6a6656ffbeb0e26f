// chain.cpp: bench/speed/chain.adj by hand, loss = sum over i of
// tanh(sigmoid(x_i) * x_i + exp(-x_i^2)), and its gradient
// dloss/dx_i = (1 - t_i^2) (s_i + x_i s_i (1 - s_i) - 2 x_i e_i), each one
// fused loop that GCC vectorizes (vecmath.h). The sum is taken in float
// lanes over blocks of 4096 terms (`omp simd reduction`, which needs
// -fopenmp-simd) and in double across blocks.
// Usage: chain DATA_DIR REPEATS (reads DATA_DIR/x.npy).
#include "harness.h"
#include "vecmath.h"

constexpr size_t kSize = 1'000'000, kBlock = 4096;

// The loss, and with `grad` non-null its gradient.
static double chain(const float *x, float *grad) {
  double loss = 0;
  for (size_t begin = 0; begin < kSize; begin += kBlock) {
    size_t end = std::min(begin + kBlock, kSize);
    float block = 0;
    if (!grad) {
#pragma omp simd reduction(+ : block)
      for (size_t i = begin; i < end; ++i)
        block += fast_tanh(fast_sigmoid(x[i]) * x[i] + fast_exp(-x[i] * x[i]));
    } else {
#pragma omp simd reduction(+ : block)
      for (size_t i = begin; i < end; ++i) {
        float s = fast_sigmoid(x[i]), e = fast_exp(-x[i] * x[i]);
        float t = fast_tanh(s * x[i] + e);
        block += t;
        grad[i] = (1 - t * t) * (s + x[i] * s * (1 - s) - 2 * x[i] * e);
      }
    }
    loss += block;
  }
  return loss;
}

int main(int argc, char **argv) {
  std::string data;
  int repeats;
  parse_arguments(argc, argv, data, repeats);
  std::vector<float> x = read_npy(data + "/x.npy", kSize), grad(kSize);
  double loss = 0;
  double forward = median_seconds(repeats, [&] { loss = chain(x.data(), nullptr); });
  print_forward("chain", forward, loss);
  double backward = median_seconds(repeats, [&] { loss = chain(x.data(), grad.data()); });
  double norm = 0;
  for (float g : grad) norm += double(g) * g;
  print_grad("chain", backward, loss, norm);
}

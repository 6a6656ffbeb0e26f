// train_mlp.cpp: trains examples/mlp.adj for a few steps of plain gradient
// descent with the functions `adjoint compile` generated ahead of time, and
// prints the falling loss. C++17; the C version is train_mlp.c.
//
// Built by CMakeLists.txt here against an installed adjoint:
//
//   cmake --install build --prefix PREFIX
//   cmake -S examples/aot -B build-aot -DCMAKE_PREFIX_PATH=PREFIX
//   cmake --build build-aot && build-aot/train_mlp_cpp
//
// Exits 0 if the loss fell, 1 if it did not, 2 if memory ran out.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "mlp.h" // generated: mlp_forward, mlp_grad, mlp_*_SIZE

namespace {

constexpr int kSteps = 20;
constexpr float kLearningRate = 0.1f;

// A fixed pseudo-random sequence (xorshift32), so every run sees the same
// data and the same initial weights.
class Random {
public:
  float uniform(float lo, float hi) {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return lo + (hi - lo) * static_cast<float>(state_ >> 8) / 16777216.0f;
  }
  void fill(std::vector<float> &a, float bound) {
    for (float &v : a)
      v = uniform(-bound, bound);
  }

private:
  std::uint32_t state_ = 2463534242u;
};

// a -= rate * g, elementwise.
void descend(std::vector<float> &a, const std::vector<float> &g, float rate) {
  for (std::size_t i = 0; i < a.size(); ++i)
    a[i] -= rate * g[i];
}

// The parameters of the model, or their gradients: one buffer per param,
// sized by the header's macros.
struct Params {
  std::vector<float> W1 = std::vector<float>(mlp_W1_SIZE);
  std::vector<float> b1 = std::vector<float>(mlp_b1_SIZE);
  std::vector<float> W2 = std::vector<float>(mlp_W2_SIZE);
  std::vector<float> b2 = std::vector<float>(mlp_b2_SIZE);

  void descend(const Params &grad, float rate) {
    ::descend(W1, grad.W1, rate);
    ::descend(b1, grad.b1, rate);
    ::descend(W2, grad.W2, rate);
    ::descend(b2, grad.b2, rate);
  }
};

} // namespace

int main() {
  constexpr std::size_t batch = mlp_x_DIM0, features = mlp_x_DIM1;
  constexpr std::size_t classes = mlp_y_DIM1;
  Random random;

  // The data: one random prototype per class; sample i belongs to class
  // i % classes and is its prototype plus noise. y is one-hot.
  std::vector<float> x(mlp_x_SIZE), y(mlp_y_SIZE, 0.0f);
  std::vector<float> prototypes(classes * features);
  random.fill(prototypes, 1.0f);
  for (std::size_t i = 0; i < batch; ++i) {
    std::size_t label = i % classes;
    for (std::size_t j = 0; j < features; ++j)
      x[i * features + j] =
          prototypes[label * features + j] + random.uniform(-0.5f, 0.5f);
    y[i * classes + label] = 1.0f;
  }

  // The weights: uniform in +-1/sqrt(fan_in), the biases zero.
  Params params, grad;
  random.fill(params.W1, 1.0f / std::sqrt(float(mlp_W1_DIM0)));
  random.fill(params.W2, 1.0f / std::sqrt(float(mlp_W2_DIM0)));

  float first = 0.0f, loss = 0.0f;
  for (int step = 0; step < kSteps; ++step) {
    if (mlp_grad(x.data(), y.data(), params.W1.data(), params.b1.data(),
                 params.W2.data(), params.b2.data(), &loss, grad.W1.data(),
                 grad.b1.data(), grad.W2.data(), grad.b2.data()) != 0) {
      std::fprintf(stderr, "train_mlp: mlp_grad could not obtain memory\n");
      return 2;
    }
    if (step == 0)
      first = loss;
    std::printf("step %2d  loss %.6f\n", step, loss);
    params.descend(grad, kLearningRate);
  }

  // The loss after the last step, through the forward entry point.
  if (mlp_forward(x.data(), y.data(), params.W1.data(), params.b1.data(),
                  params.W2.data(), params.b2.data(), &loss) != 0) {
    std::fprintf(stderr, "train_mlp: mlp_forward could not obtain memory\n");
    return 2;
  }
  std::printf("final    loss %.6f\n", loss);

  bool fell = loss < first;
  if (fell)
    std::printf("loss fell from %.6f to %.6f\n", first, loss);
  else
    std::printf("loss did not fall: %.6f to %.6f\n", first, loss);
  return fell ? 0 : 1;
}

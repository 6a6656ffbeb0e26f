// mlp.cpp: bench/speed/mlp.adj by hand: a 784-256-256-10 perceptron with
// tanh hidden layers and a softmax cross-entropy loss, batch 64, and its
// hand-derived backward pass. The matmuls are OpenBLAS's cblas_sgemm on one
// thread; bias plus tanh is one vectorized loop per layer (vecmath.h).
// Usage: mlp DATA_DIR REPEATS (reads x, y, W1, b1, W2, b2, W3, b3 .npy).
#include <cblas.h>

#include <cmath>

#include "harness.h"
#include "vecmath.h"

constexpr int kBatch = 64, kIn = 784, kHidden = 256, kClasses = 10;

using Matrix = std::vector<float>;

// c = a @ b (or with a and b transposed), row-major: c is m x n.
static void matmul(const Matrix &a, bool transpose_a, const Matrix &b,
                   bool transpose_b, Matrix &c, int m, int n, int k) {
  cblas_sgemm(CblasRowMajor, transpose_a ? CblasTrans : CblasNoTrans,
              transpose_b ? CblasTrans : CblasNoTrans, m, n, k, 1.0f,
              a.data(), transpose_a ? m : k, b.data(), transpose_b ? k : n,
              0.0f, c.data(), n);
}

// h = tanh(a + bias), bias broadcast over the rows of the rows x n matrix a.
static void bias_tanh(const Matrix &a, const Matrix &bias, Matrix &h, int n) {
  for (size_t row = 0; row < a.size(); row += n)
    for (int j = 0; j < n; ++j) h[row + j] = fast_tanh(a[row + j] + bias[j]);
}

// The sums of the columns of the rows x n matrix g, into bias_grad.
static void column_sums(const Matrix &g, Matrix &bias_grad, int n) {
  std::fill(bias_grad.begin(), bias_grad.end(), 0.0f);
  for (size_t row = 0; row < g.size(); row += n)
    for (int j = 0; j < n; ++j) bias_grad[j] += g[row + j];
}

// da = dh * (1 - h^2), the cotangent of tanh's argument.
static void tanh_backward(const Matrix &h, const Matrix &dh, Matrix &da) {
  for (size_t i = 0; i < h.size(); ++i) da[i] = dh[i] * (1 - h[i] * h[i]);
}

struct Mlp {
  Matrix x, y, W1, b1, W2, b2, W3, b3;  // inputs and params
  Matrix a1 = Matrix(kBatch * kHidden), h1 = a1, a2 = a1, h2 = a1;
  Matrix logits = Matrix(kBatch * kClasses), dlogits = logits;
  Matrix dh = a1, da = a1;
  Matrix dW1 = Matrix(kIn * kHidden), db1 = Matrix(kHidden);
  Matrix dW2 = Matrix(kHidden * kHidden), db2 = db1;
  Matrix dW3 = Matrix(kHidden * kClasses), db3 = Matrix(kClasses);

  // The loss; with `grad`, the gradients too.
  double run(bool grad) {
    matmul(x, false, W1, false, a1, kBatch, kHidden, kIn);
    bias_tanh(a1, b1, h1, kHidden);
    matmul(h1, false, W2, false, a2, kBatch, kHidden, kHidden);
    bias_tanh(a2, b2, h2, kHidden);
    matmul(h2, false, W3, false, logits, kBatch, kClasses, kHidden);
    // loss = -mean_rows(sum(y * log_softmax(logits + b3))); its cotangent
    // on the logits is (softmax * sum(y) - y) / batch per row.
    double loss = 0;
    for (int row = 0; row < kBatch; ++row) {
      float *z = &logits[row * kClasses];
      const float *labels = &y[row * kClasses];
      float top = -INFINITY, total = 0, label_sum = 0;
      for (int j = 0; j < kClasses; ++j)  // the bias, in place
        top = std::max(top, z[j] += b3[j]);
      for (int j = 0; j < kClasses; ++j) total += std::exp(z[j] - top);
      float log_total = top + std::log(total);
      for (int j = 0; j < kClasses; ++j) {
        loss -= labels[j] * (z[j] - log_total);
        label_sum += labels[j];
      }
      if (grad)
        for (int j = 0; j < kClasses; ++j)
          dlogits[row * kClasses + j] =
              (std::exp(z[j] - log_total) * label_sum - labels[j]) / kBatch;
    }
    if (grad) {
      matmul(h2, true, dlogits, false, dW3, kHidden, kClasses, kBatch);
      column_sums(dlogits, db3, kClasses);
      matmul(dlogits, false, W3, true, dh, kBatch, kHidden, kClasses);
      tanh_backward(h2, dh, da);
      matmul(h1, true, da, false, dW2, kHidden, kHidden, kBatch);
      column_sums(da, db2, kHidden);
      matmul(da, false, W2, true, dh, kBatch, kHidden, kHidden);
      tanh_backward(h1, dh, da);
      matmul(x, true, da, false, dW1, kIn, kHidden, kBatch);
      column_sums(da, db1, kHidden);
    }
    return loss / kBatch;
  }

  double gradient_squared_norm() const {
    double norm = 0;
    for (const Matrix *g : {&dW1, &db1, &dW2, &db2, &dW3, &db3})
      for (float v : *g) norm += double(v) * v;
    return norm;
  }
};

int main(int argc, char **argv) {
  std::string data;
  int repeats;
  parse_arguments(argc, argv, data, repeats);
  openblas_set_num_threads(1);
  auto read = [&](const char *name, size_t count) {
    return read_npy(data + "/" + name + ".npy", count);
  };
  Mlp mlp{read("x", kBatch * kIn),        read("y", kBatch * kClasses),
          read("W1", kIn * kHidden),      read("b1", kHidden),
          read("W2", kHidden * kHidden),  read("b2", kHidden),
          read("W3", kHidden * kClasses), read("b3", kClasses)};
  double loss = 0;
  double forward = median_seconds(repeats, [&] { loss = mlp.run(false); });
  print_forward("mlp", forward, loss);
  double grad = median_seconds(repeats, [&] { loss = mlp.run(true); });
  print_grad("mlp", grad, loss, mlp.gradient_squared_norm());
}

/* train_mlp.c: trains examples/mlp.adj for a few steps of plain gradient
 * descent with the functions `adjoint compile` generated ahead of time, and
 * prints the falling loss. C99; needs only libc and libm.
 *
 * Two commands, from the repository's root:
 *
 *   build/bin/adjoint compile examples/mlp.adj -o mlp.o --header mlp.h && cc -std=c99 -O2 -I. examples/aot/train_mlp.c mlp.o -lm -o train_mlp
 *   ./train_mlp
 *
 * or through CMake with an installed adjoint: see CMakeLists.txt here and
 * docs/aot.md ("Using adjoint from CMake").
 *
 * Exits 0 if the loss fell, 1 if it did not, 2 if memory ran out. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "mlp.h"

enum { STEPS = 20 };
static const float LEARNING_RATE = 0.1f;

/* A fixed pseudo-random sequence (xorshift32), so every run sees the same
 * data and the same initial weights. */
static uint32_t rng_state = 2463534242u;

static float uniform(float lo, float hi) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return lo + (hi - lo) * (float)(rng_state >> 8) / 16777216.0f;
}

static void fill_uniform(float *a, size_t n, float bound) {
  for (size_t i = 0; i < n; ++i)
    a[i] = uniform(-bound, bound);
}

/* a -= rate * g, elementwise. */
static void descend(float *a, const float *g, size_t n, float rate) {
  for (size_t i = 0; i < n; ++i)
    a[i] -= rate * g[i];
}

int main(void) {
  const size_t batch = mlp_x_DIM0, features = mlp_x_DIM1;
  const size_t classes = mlp_y_DIM1;

  float *x = malloc(mlp_x_SIZE * sizeof(float));
  float *y = calloc(mlp_y_SIZE, sizeof(float));
  float *W1 = malloc(mlp_W1_SIZE * sizeof(float));
  float *b1 = calloc(mlp_b1_SIZE, sizeof(float));
  float *W2 = malloc(mlp_W2_SIZE * sizeof(float));
  float *b2 = calloc(mlp_b2_SIZE, sizeof(float));
  float *W1_grad = malloc(mlp_W1_SIZE * sizeof(float));
  float *b1_grad = malloc(mlp_b1_SIZE * sizeof(float));
  float *W2_grad = malloc(mlp_W2_SIZE * sizeof(float));
  float *b2_grad = malloc(mlp_b2_SIZE * sizeof(float));
  if (!x || !y || !W1 || !b1 || !W2 || !b2 || !W1_grad || !b1_grad ||
      !W2_grad || !b2_grad) {
    fprintf(stderr, "train_mlp: out of memory\n");
    return 2;
  }

  /* The data: one random prototype per class; sample i belongs to class
   * i % classes and is its prototype plus noise. y is one-hot. */
  float *prototypes = malloc(classes * features * sizeof(float));
  if (!prototypes) {
    fprintf(stderr, "train_mlp: out of memory\n");
    return 2;
  }
  fill_uniform(prototypes, classes * features, 1.0f);
  for (size_t i = 0; i < batch; ++i) {
    size_t label = i % classes;
    for (size_t j = 0; j < features; ++j)
      x[i * features + j] =
          prototypes[label * features + j] + uniform(-0.5f, 0.5f);
    y[i * classes + label] = 1.0f;
  }
  free(prototypes);

  /* The weights: uniform in +-1/sqrt(fan_in), the biases zero. */
  fill_uniform(W1, mlp_W1_SIZE, 1.0f / sqrtf((float)mlp_W1_DIM0));
  fill_uniform(W2, mlp_W2_SIZE, 1.0f / sqrtf((float)mlp_W2_DIM0));

  float first = 0.0f, loss = 0.0f;
  for (int step = 0; step < STEPS; ++step) {
    if (mlp_grad(x, y, W1, b1, W2, b2, &loss, W1_grad, b1_grad, W2_grad,
                 b2_grad) != 0) {
      fprintf(stderr, "train_mlp: mlp_grad could not obtain memory\n");
      return 2;
    }
    if (step == 0)
      first = loss;
    printf("step %2d  loss %.6f\n", step, loss);
    descend(W1, W1_grad, mlp_W1_SIZE, LEARNING_RATE);
    descend(b1, b1_grad, mlp_b1_SIZE, LEARNING_RATE);
    descend(W2, W2_grad, mlp_W2_SIZE, LEARNING_RATE);
    descend(b2, b2_grad, mlp_b2_SIZE, LEARNING_RATE);
  }

  /* The loss after the last step, through the forward entry point. */
  if (mlp_forward(x, y, W1, b1, W2, b2, &loss) != 0) {
    fprintf(stderr, "train_mlp: mlp_forward could not obtain memory\n");
    return 2;
  }
  printf("final    loss %.6f\n", loss);

  int fell = loss < first;
  if (fell)
    printf("loss fell from %.6f to %.6f\n", first, loss);
  else
    printf("loss did not fall: %.6f to %.6f\n", first, loss);

  free(x);
  free(y);
  free(W1);
  free(b1);
  free(W2);
  free(b2);
  free(W1_grad);
  free(b1_grad);
  free(W2_grad);
  free(b2_grad);
  return fell ? 0 : 1;
}

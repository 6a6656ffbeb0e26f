/* mlp_grad.c: peak bytes live during one mlp_grad call (examples/mlp.adj,
 * compiled with --entries grad), and the total allocated, which is what
 * would be live at once if every buffer were freed only at the end. */
#include "counting_malloc.h"
#include "mlp.h"

#include <stdio.h>

static float x[mlp_x_SIZE], y[mlp_y_SIZE], W1[mlp_W1_SIZE], b1[mlp_b1_SIZE],
    W2[mlp_W2_SIZE], b2[mlp_b2_SIZE], gW1[mlp_W1_SIZE], gb1[mlp_b1_SIZE],
    gW2[mlp_W2_SIZE], gb2[mlp_b2_SIZE];

int main(void) {
  for (int i = 0; i < mlp_x_SIZE; ++i)
    x[i] = (float)(i % 17) / 17.0f;
  for (int i = 0; i < mlp_y_DIM0; ++i)
    y[i * mlp_y_DIM1 + i % mlp_y_DIM1] = 1.0f;
  for (int i = 0; i < mlp_W1_SIZE; ++i)
    W1[i] = 0.01f * (float)(i % 13 - 6);
  for (int i = 0; i < mlp_W2_SIZE; ++i)
    W2[i] = 0.01f * (float)(i % 11 - 5);
  float loss;
  if (mlp_grad(x, y, W1, b1, W2, b2, &loss, gW1, gb1, gW2, gb2) != 0)
    return 1;
  printf("mlp grad: peak %zu bytes live, %zu allocated in all (%.2f)\n",
         counted_peak, counted_total,
         (double)counted_peak / (double)counted_total);
  return 0;
}

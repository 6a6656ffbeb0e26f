/* peak_memory.c: buffers are freed right after their last use. Replaces
 * malloc and free with versions that count the bytes live and the most
 * ever live, and runs chain_grad (Inputs/chain.adj, 12 tanh layers of 1000
 * floats). The reverse sweep must keep the 12 layer results (tanh's rule
 * reads its result) and allocates about twice as many buffers in all;
 * freed early, the rest never pile up on top of the kept ones. */
#include "chain.h"

#include <stdio.h>
#include <string.h>

void *__libc_malloc(size_t size);
void __libc_free(void *pointer);

/* Each block starts with its size, padded to keep 16-byte alignment. */
enum { kHeader = 16 };
static size_t live = 0, peak = 0, total = 0;

void *malloc(size_t size) {
  char *block = __libc_malloc(size + kHeader);
  if (!block)
    return NULL;
  memcpy(block, &size, sizeof size);
  live += size;
  total += size;
  if (live > peak)
    peak = live;
  return block + kHeader;
}

void free(void *pointer) {
  if (!pointer)
    return;
  char *block = (char *)pointer - kHeader;
  size_t size;
  memcpy(&size, block, sizeof size);
  live -= size;
  __libc_free(block);
}

int main(void) {
  static float x[chain_x_SIZE], w[chain_w_SIZE];
  for (int i = 0; i < chain_x_SIZE; ++i) {
    x[i] = 0.001f * (float)i;
    w[i] = 1.0f - 0.0005f * (float)i;
  }
  float loss;
  static float grad[chain_w_SIZE];
  if (chain_grad(x, w, &loss, grad) != 0) {
    printf("FAIL: chain_grad returned nonzero\n");
    return 1;
  }
  size_t layer = sizeof(float) * chain_x_SIZE;
  printf("allocated %zu layers, at most %zu live at once, none left: %s\n",
         total / layer, (peak + layer - 1) / layer, live == 0 ? "yes" : "no");
  return 0;
}

/* peak_memory.c: buffers freed early share one arena. Replaces malloc and
 * free with versions that count the calls, the bytes live and the most
 * ever live, and runs chain_grad (Inputs/chain.adj, 12 tanh layers of 1000
 * floats). Its buffers, dozens of them, live in one arena planned at
 * compile time, in which buffers never live at the same time share
 * bytes: one malloc, of a few layers, not the sum of all the buffers. */
#include "chain.h"

#include <stdio.h>
#include <string.h>

void *__libc_malloc(size_t size);
void __libc_free(void *pointer);

/* Each block starts with its size, padded to keep 16-byte alignment. */
enum { kHeader = 16 };
static size_t calls = 0, live = 0, peak = 0, total = 0;

void *malloc(size_t size) {
  char *block = __libc_malloc(size + kHeader);
  if (!block)
    return NULL;
  memcpy(block, &size, sizeof size);
  ++calls;
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
  /* Before printf, which may allocate stdout's buffer. */
  size_t arena = total;
  size_t layer = sizeof(float) * chain_x_SIZE;
  printf("%zu malloc calls, at most %zu layers live at once, none left: "
         "%s\n",
         calls, (peak + layer - 1) / layer, live == 0 ? "yes" : "no");
  size_t workspace = chain_grad_workspace_size();
  printf("the arena: the workspace size and at most the alignment more: "
         "%s\n",
         arena >= workspace && arena <= workspace + chain_WORKSPACE_ALIGNMENT
             ? "yes"
             : "no");
  return 0;
}

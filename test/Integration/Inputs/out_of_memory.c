/* out_of_memory.c: an entry point reports that memory could not be
 * obtained. This program replaces malloc (the object's only allocator) with
 * one that fails from the N-th call on, for N = 1, 2, ...: every run must
 * return nonzero while allocations fail, and 0 with the same results as an
 * unhindered run once they no longer do. Built against examples/branch.adj
 * compiled with `--prefix branch`. */
#include "branch.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

void *__libc_malloc(size_t size);

/* Calls left before malloc fails; negative: never fail. */
static long calls_left = -1;
static long calls_made = 0;

void *malloc(size_t size) {
  ++calls_made;
  if (calls_left == 0)
    return NULL;
  if (calls_left > 0)
    --calls_left;
  return __libc_malloc(size);
}

static float x[branch_x_SIZE], theta[branch_theta_SIZE];

static int run(long allowed, float *loss, float *grad) {
  calls_left = allowed;
  calls_made = 0;
  int status = branch_grad(x, theta, loss, grad);
  calls_left = -1;
  return status;
}

int main(void) {
  for (int i = 0; i < branch_x_SIZE; ++i) {
    x[i] = 0.25f * (float)(i + 1);
    theta[i] = 0.5f - 0.125f * (float)i;
  }
  float loss, grad[branch_theta_SIZE];
  if (run(-1, &loss, grad) != 0) {
    printf("FAIL: the unhindered run returned nonzero\n");
    return 1;
  }
  long needed = calls_made;
  if (needed == 0) {
    printf("FAIL: branch_grad allocates nothing; the test tests nothing\n");
    return 1;
  }
  for (long allowed = 0; allowed < needed; ++allowed) {
    float l, g[branch_theta_SIZE];
    int status = run(allowed, &l, g);
    if (status == 0) {
      printf("FAIL: returned 0 with malloc failing after %ld calls\n",
             allowed);
      return 1;
    }
  }
  float again, grad2[branch_theta_SIZE];
  if (run(needed, &again, grad2) != 0 || again != loss ||
      memcmp(grad, grad2, sizeof grad) != 0) {
    printf("FAIL: a run with enough memory differs\n");
    return 1;
  }
  printf("ok: %ld allocations; each failure gave a nonzero status\n", needed);
  return 0;
}

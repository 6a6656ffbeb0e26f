/* workspace.c: the workspace variant of an entry point allocates nothing.
 * Replaces malloc with one that counts its calls and the bytes asked for,
 * then runs chain_grad (Inputs/chain.adj) twice: as is, which must call
 * malloc exactly once (its arena, chain_grad_workspace_size() bytes and at
 * most the alignment more to align it), and as chain_grad_workspace in a
 * caller's 64-byte-aligned workspace, which must not call it at all and
 * give bitwise the same results. Also: a NULL workspace gives a nonzero
 * status. */
#include "chain.h"

#include <stdio.h>
#include <string.h>

void *__libc_malloc(size_t size);

static size_t calls = 0, requested = 0;

void *malloc(size_t size) {
  ++calls;
  requested = size;
  return __libc_malloc(size);
}

/* The caller's workspace, aligned as the header asks. */
static _Alignas(chain_WORKSPACE_ALIGNMENT) unsigned char workspace[1 << 20];

int main(void) {
  static float x[chain_x_SIZE], w[chain_w_SIZE];
  for (int i = 0; i < chain_x_SIZE; ++i) {
    x[i] = 0.001f * (float)i;
    w[i] = 1.0f - 0.0005f * (float)i;
  }
  size_t size = chain_grad_workspace_size();
  if (size == 0 || size > sizeof workspace) {
    printf("FAIL: workspace size %zu\n", size);
    return 1;
  }

  float loss, loss2;
  static float grad[chain_w_SIZE], grad2[chain_w_SIZE];
  calls = 0;
  if (chain_grad(x, w, &loss, grad) != 0) {
    printf("FAIL: chain_grad returned nonzero\n");
    return 1;
  }
  printf("chain_grad: %zu malloc calls, %s\n", calls,
         requested >= size && requested <= size + chain_WORKSPACE_ALIGNMENT
             ? "for its arena"
             : "FAIL: not the arena's size");

  calls = 0;
  memset(workspace, 0xff, sizeof workspace);
  if (chain_grad_workspace(x, w, &loss2, grad2, workspace) != 0) {
    printf("FAIL: chain_grad_workspace returned nonzero\n");
    return 1;
  }
  printf("chain_grad_workspace: %zu malloc calls, results %s\n", calls,
         memcmp(&loss, &loss2, sizeof loss) == 0 &&
                 memcmp(grad, grad2, sizeof grad) == 0
             ? "bitwise equal"
             : "FAIL: differ");

  printf("NULL workspace: status %d\n",
         chain_grad_workspace(x, w, &loss2, grad2, NULL));
  return 0;
}

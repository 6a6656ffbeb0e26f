/* counting_malloc.h: malloc and free that count the bytes live, the most
 * ever live and the total handed out. Include in exactly one C file that
 * is linked with an adjoint object (its only allocator is malloc). */
#ifndef ADJOINT_BENCH_COUNTING_MALLOC_H
#define ADJOINT_BENCH_COUNTING_MALLOC_H

#include <stddef.h>
#include <string.h>

void *__libc_malloc(size_t size);
void __libc_free(void *pointer);

enum { kCountingHeader = 16 };
static size_t counted_live = 0, counted_peak = 0, counted_total = 0;

void *malloc(size_t size) {
  char *block = __libc_malloc(size + kCountingHeader);
  if (!block)
    return NULL;
  memcpy(block, &size, sizeof size);
  counted_live += size;
  counted_total += size;
  if (counted_live > counted_peak)
    counted_peak = counted_live;
  return block + kCountingHeader;
}

void free(void *pointer) {
  if (!pointer)
    return;
  char *block = (char *)pointer - kCountingHeader;
  size_t size;
  memcpy(&size, block, sizeof size);
  counted_live -= size;
  __libc_free(block);
}

#endif

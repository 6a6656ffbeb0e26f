// RUN: not adjoint-opt %s --adj-arena-plan=max-bytes=191 2>&1 | FileCheck %s
// RUN: adjoint-opt %s --adj-arena-plan=max-bytes=192 | FileCheck %s --check-prefix=FITS

// Three 16-float buffers (64 bytes each) live at once: an arena of 192
// bytes. One byte less is an error at the largest buffer (the first of
// equals), with notes at the next two.
// CHECK: error: @f needs 192 bytes for its intermediate values, more than the limit of 191 bytes (--max-memory); the largest, of 64 bytes, is this value
// CHECK: note: and 64 bytes for this one
// CHECK: note: and 64 bytes for this one
// FITS: adj.arena_size = 192
func.func @f(%x: memref<16xf32>) {
  %a = memref.alloc() : memref<16xf32>
  %b = memref.alloc() : memref<16xf32>
  %c = memref.alloc() : memref<16xf32>
  memref.copy %x, %a : memref<16xf32> to memref<16xf32>
  memref.copy %a, %b : memref<16xf32> to memref<16xf32>
  memref.copy %b, %c : memref<16xf32> to memref<16xf32>
  memref.copy %c, %x : memref<16xf32> to memref<16xf32>
  memref.dealloc %a : memref<16xf32>
  memref.dealloc %b : memref<16xf32>
  memref.dealloc %c : memref<16xf32>
  return
}

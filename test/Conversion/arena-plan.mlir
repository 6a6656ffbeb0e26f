// RUN: adjoint-opt %s --pass-pipeline='builtin.module(func.func(adj-arena-plan))' --split-input-file | FileCheck %s
// RUN: adjoint-opt %s --pass-pipeline='builtin.module(func.func(adj-arena-plan{share-space=false}))' --split-input-file | FileCheck %s --check-prefix=KEEP

// A chain of three 4xf32 buffers (16 bytes, one 64-byte slot each), freed
// early: %a is dead before %c is allocated, so %c takes %a's slot. Live at
// once: at most two slots, so the lower bound is 2 * 64 = 128 and the
// arena is 128 bytes. Without sharing: three slots, 192 bytes, same bound.
// CHECK-LABEL: func.func @chain(
// CHECK-SAME:    %[[X:.*]]: memref<4xf32>, %[[OUT:.*]]: memref<4xf32>)
// CHECK-SAME:    attributes {adj.arena_buffers = 3 : i64, adj.arena_lower_bound = 128 : i64, adj.arena_size = 128 : i64}
// CHECK-NEXT:    %[[ARENA:.*]] = memref.alloc() {adj.arena, alignment = 64 : i64} : memref<128xi8>
// CHECK-NEXT:    %[[OFF_A:.*]] = arith.constant 0 : index
// CHECK-NEXT:    %[[A:.*]] = memref.view %[[ARENA]][%[[OFF_A]]][] : memref<128xi8> to memref<4xf32>
// CHECK-NEXT:    memref.copy %[[X]], %[[A]]
// CHECK-NEXT:    %[[OFF_B:.*]] = arith.constant 64 : index
// CHECK-NEXT:    %[[B:.*]] = memref.view %[[ARENA]][%[[OFF_B]]][] : memref<128xi8> to memref<4xf32>
// CHECK-NEXT:    memref.copy %[[A]], %[[B]]
// CHECK-NEXT:    %[[OFF_C:.*]] = arith.constant 0 : index
// CHECK-NEXT:    %[[C:.*]] = memref.view %[[ARENA]][%[[OFF_C]]][] : memref<128xi8> to memref<4xf32>
// CHECK-NEXT:    memref.copy %[[B]], %[[C]]
// CHECK-NEXT:    memref.copy %[[C]], %[[OUT]]
// CHECK-NEXT:    memref.dealloc %[[ARENA]] : memref<128xi8>
// CHECK-NEXT:    return

// KEEP-LABEL: func.func @chain(
// KEEP-SAME:    attributes {adj.arena_buffers = 3 : i64, adj.arena_lower_bound = 128 : i64, adj.arena_size = 192 : i64}
// KEEP:         %[[ARENA:.*]] = memref.alloc() {adj.arena, alignment = 64 : i64} : memref<192xi8>
// KEEP:         arith.constant 0 : index
// KEEP:         arith.constant 64 : index
// KEEP:         arith.constant 128 : index
// KEEP-NOT:     memref.alloc
// KEEP:         memref.dealloc %[[ARENA]] : memref<192xi8>
// KEEP-NEXT:    return
func.func @chain(%x: memref<4xf32>, %out: memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  memref.copy %x, %a : memref<4xf32> to memref<4xf32>
  %b = memref.alloc() : memref<4xf32>
  memref.copy %a, %b : memref<4xf32> to memref<4xf32>
  memref.dealloc %a : memref<4xf32>
  %c = memref.alloc() : memref<4xf32>
  memref.copy %b, %c : memref<4xf32> to memref<4xf32>
  memref.dealloc %b : memref<4xf32>
  memref.copy %c, %out : memref<4xf32> to memref<4xf32>
  memref.dealloc %c : memref<4xf32>
  return
}

// -----

// Sizes differ. %big1 (100 f32 = 400 bytes, a 448-byte slot) and %small
// (10 f64 = 80 bytes, a 128-byte slot) are live at once; %big1 is freed
// before %big2 (2x50 f32, 448 bytes) is allocated, which is live with
// %small. Largest first: %big1 at 0, %big2 at 0 (not live with %big1),
// %small after both at 448. Arena 448 + 128 = 576; the lower bound is
// 448 + 128 = 576 too (at %small's and at %big2's allocation).
// CHECK-LABEL: func.func @sizes(
// CHECK-SAME:    attributes {adj.arena_buffers = 3 : i64, adj.arena_lower_bound = 576 : i64, adj.arena_size = 576 : i64}
// CHECK:         %[[ARENA:.*]] = memref.alloc() {adj.arena, alignment = 64 : i64} : memref<576xi8>
// CHECK:         %[[OFF_BIG1:.*]] = arith.constant 0 : index
// CHECK-NEXT:    memref.view %[[ARENA]][%[[OFF_BIG1]]][] : memref<576xi8> to memref<100xf32>
// CHECK:         %[[OFF_SMALL:.*]] = arith.constant 448 : index
// CHECK-NEXT:    memref.view %[[ARENA]][%[[OFF_SMALL]]][] : memref<576xi8> to memref<10xf64>
// CHECK:         %[[OFF_BIG2:.*]] = arith.constant 0 : index
// CHECK-NEXT:    memref.view %[[ARENA]][%[[OFF_BIG2]]][] : memref<576xi8> to memref<2x50xf32>
// CHECK-NOT:     memref.alloc
// CHECK:         memref.dealloc %[[ARENA]] : memref<576xi8>
// CHECK-NEXT:    return

// Kept apart: 448 + 128 + 448 = 1024.
// KEEP-LABEL: func.func @sizes(
// KEEP-SAME:    attributes {adj.arena_buffers = 3 : i64, adj.arena_lower_bound = 576 : i64, adj.arena_size = 1024 : i64}
func.func @sizes(%x: memref<100xf32>, %y: memref<10xf64>, %out: memref<2x50xf32>) {
  %big1 = memref.alloc() : memref<100xf32>
  memref.copy %x, %big1 : memref<100xf32> to memref<100xf32>
  %small = memref.alloc() : memref<10xf64>
  memref.copy %y, %small : memref<10xf64> to memref<10xf64>
  memref.dealloc %big1 : memref<100xf32>
  %big2 = memref.alloc() : memref<2x50xf32>
  memref.copy %big2, %out : memref<2x50xf32> to memref<2x50xf32>
  memref.dealloc %small : memref<10xf64>
  memref.dealloc %big2 : memref<2x50xf32>
  return
}

// -----

// Left alone: a dynamic shape, and a buffer with no deallocation in the
// block (it may outlive the call: here it is returned). One buffer remains
// for the arena, one slot of 64 bytes.
// CHECK-LABEL: func.func @unplannable(
// CHECK-SAME:    attributes {adj.arena_buffers = 1 : i64, adj.arena_lower_bound = 64 : i64, adj.arena_size = 64 : i64}
// CHECK:         memref.alloc() {adj.arena, alignment = 64 : i64} : memref<64xi8>
// CHECK:         %[[DYNAMIC:.*]] = memref.alloc(%{{.*}}) : memref<?xf32>
// CHECK:         %[[RETURNED:.*]] = memref.alloc() : memref<8xf32>
// CHECK:         memref.dealloc %[[DYNAMIC]] : memref<?xf32>
// CHECK:         return %[[RETURNED]]
func.func @unplannable(%n: index) -> memref<8xf32> {
  %planned = memref.alloc() : memref<2xf32>
  %dynamic = memref.alloc(%n) : memref<?xf32>
  %returned = memref.alloc() : memref<8xf32>
  memref.dealloc %planned : memref<2xf32>
  memref.dealloc %dynamic : memref<?xf32>
  return %returned : memref<8xf32>
}

// -----

// No buffer, no arena; the plan is all zeros.
// CHECK-LABEL: func.func @no_buffers(
// CHECK-SAME:    attributes {adj.arena_buffers = 0 : i64, adj.arena_lower_bound = 0 : i64, adj.arena_size = 0 : i64}
// CHECK-NOT:     memref.alloc
// CHECK:         return
func.func @no_buffers(%x: memref<4xf32>, %out: memref<4xf32>) {
  memref.copy %x, %out : memref<4xf32> to memref<4xf32>
  return
}

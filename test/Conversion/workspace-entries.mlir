// RUN: adjoint-opt %s --pass-pipeline='builtin.module(func.func(adj-arena-plan),adj-entry-status,adj-workspace-entries)' --split-input-file --verify-diagnostics | FileCheck %s

// @f's two buffers of 4 f32 are live at once: a 128-byte arena, checked
// for null by adj-entry-status. @f_workspace takes the arena as its last
// argument (the null check now checks it) and allocates and frees
// nothing; @f_workspace_size returns 128.
// CHECK-LABEL: func.func @f(
// CHECK-SAME:    -> i32
// CHECK:         memref.alloc() {adj.arena, alignment = 64 : i64} : memref<128xi8>
// CHECK:         memref.dealloc
// CHECK-LABEL: func.func @f_workspace(
// CHECK-SAME:    %[[X:.*]]: memref<4xf32>, %[[OUT:.*]]: memref<4xf32>, %[[WS:.*]]: memref<128xi8>) -> i32 {
// CHECK-NOT:     memref.alloc
// CHECK:         memref.extract_aligned_pointer_as_index %[[WS]]
// CHECK:         cf.cond_br
// CHECK:         memref.view %[[WS]]
// CHECK:         memref.view %[[WS]]
// CHECK-NOT:     memref.dealloc
// CHECK:         return
// CHECK-LABEL: func.func @f_workspace_size() -> i64 {
// CHECK-NEXT:    %[[SIZE:.*]] = arith.constant 128 : i64
// CHECK-NEXT:    return %[[SIZE]] : i64
func.func @f(%x: memref<4xf32>, %out: memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  %b = memref.alloc() : memref<4xf32>
  memref.copy %x, %a : memref<4xf32> to memref<4xf32>
  memref.copy %a, %b : memref<4xf32> to memref<4xf32>
  memref.copy %b, %out : memref<4xf32> to memref<4xf32>
  memref.dealloc %a : memref<4xf32>
  memref.dealloc %b : memref<4xf32>
  return
}

// -----

// No buffers: a workspace of 0 bytes, unused, and no null check. Private
// functions get no variant.
// CHECK-LABEL: func.func private @helper(
// CHECK-LABEL: func.func @copy(
// CHECK-LABEL: func.func @copy_workspace(
// CHECK-SAME:    %{{.*}}: memref<0xi8>) -> i32 {
// CHECK-NEXT:    memref.copy
// CHECK-NEXT:    %[[OK:.*]] = arith.constant 0 : i32
// CHECK-NEXT:    return %[[OK]] : i32
// CHECK-LABEL: func.func @copy_workspace_size() -> i64 {
// CHECK-NEXT:    arith.constant 0 : i64
// CHECK-NOT:   func.func @helper_workspace
func.func private @helper(%x: memref<4xf32>) {
  return
}
func.func @copy(%x: memref<4xf32>, %out: memref<4xf32>) {
  memref.copy %x, %out : memref<4xf32> to memref<4xf32>
  return
}

// -----

// expected-error @+1 {{cannot add @g_workspace: the name is taken}}
func.func @g(%x: memref<4xf32>) {
  return
}
func.func private @g_workspace() {
  return
}

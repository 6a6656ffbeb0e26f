// RUN: adjoint-opt %s --pass-pipeline='builtin.module(adj-outline-loops{max-ops=4})' --split-input-file | FileCheck %s

// Two copies (1 op each) and two loop nests (3 ops each: the generic, its
// body's op and the yield), at most four ops per part: the copies go
// together, each nest alone, the last copy with the second nest. Each part
// takes the arena and the arguments it touches; the views and their
// offsets are copied into it, and the function keeps none of them. The
// arena's deallocation stays in the function.
// CHECK-LABEL: func.func @chain(
// CHECK-SAME:    %[[X:.*]]: memref<4xf32>, %[[OUT:.*]]: memref<4xf32>)
// CHECK-NEXT:    %[[ARENA:.*]] = memref.alloc() : memref<128xi8>
// CHECK-NEXT:    call @chain.part0(%[[X]], %[[ARENA]])
// CHECK-NEXT:    call @chain.part1(%[[ARENA]])
// CHECK-NEXT:    call @chain.part2(%[[ARENA]], %[[OUT]])
// CHECK-NEXT:    memref.dealloc %[[ARENA]]
// CHECK-NEXT:    return

// CHECK:       func.func private @chain.part0(%[[X0:.*]]: memref<4xf32>, %[[A0:.*]]: memref<128xi8>) attributes {no_inline}
// CHECK-NEXT:    %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:    %[[V0:.*]] = memref.view %[[A0]][%[[C0]]][]
// CHECK-NEXT:    %[[C64:.*]] = arith.constant 64 : index
// CHECK-NEXT:    %[[V1:.*]] = memref.view %[[A0]][%[[C64]]][]
// CHECK-NEXT:    memref.copy %[[X0]], %[[V0]]
// CHECK-NEXT:    memref.copy %[[V0]], %[[V1]]
// CHECK-NEXT:    return

// CHECK:       func.func private @chain.part1(%{{.*}}: memref<128xi8>) attributes {no_inline}
// CHECK:         linalg.generic
// CHECK:           math.tanh
// CHECK-NOT:     linalg.generic
// CHECK:         return

// CHECK:       func.func private @chain.part2(%{{.*}}: memref<128xi8>, %[[OUT2:.*]]: memref<4xf32>) attributes {no_inline}
// CHECK:         linalg.generic
// CHECK:           math.exp
// CHECK:         memref.copy %{{.*}}, %[[OUT2]]
// CHECK-NEXT:    return
#id = affine_map<(d0) -> (d0)>
func.func @chain(%x: memref<4xf32>, %out: memref<4xf32>) {
  %arena = memref.alloc() : memref<128xi8>
  %c0 = arith.constant 0 : index
  %a = memref.view %arena[%c0][] : memref<128xi8> to memref<4xf32>
  memref.copy %x, %a : memref<4xf32> to memref<4xf32>
  %c64 = arith.constant 64 : index
  %b = memref.view %arena[%c64][] : memref<128xi8> to memref<4xf32>
  memref.copy %a, %b : memref<4xf32> to memref<4xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%b : memref<4xf32>) outs(%a : memref<4xf32>) {
  ^bb0(%in: f32, %o: f32):
    %t = math.tanh %in : f32
    linalg.yield %t : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : memref<4xf32>) outs(%b : memref<4xf32>) {
  ^bb0(%in: f32, %o: f32):
    %e = math.exp %in : f32
    linalg.yield %e : f32
  }
  memref.copy %b, %out : memref<4xf32> to memref<4xf32>
  memref.dealloc %arena : memref<128xi8>
  return
}

// -----

// Short functions stay as they are.
// CHECK-LABEL: func.func @short(
// CHECK-NEXT:    memref.copy
// CHECK-NEXT:    memref.copy
// CHECK-NEXT:    return
// CHECK-NOT:   func.func private
func.func @short(%x: memref<4xf32>, %y: memref<4xf32>, %z: memref<4xf32>) {
  memref.copy %x, %y : memref<4xf32> to memref<4xf32>
  memref.copy %y, %z : memref<4xf32> to memref<4xf32>
  return
}

// -----

// A buffer allocated between two loop nests of one run is an argument
// of the part, which is called after the run's last op, where the buffer
// exists; a dynamic buffer cannot be passed as a bare pointer, so the run
// that reads one stays in place.
// CHECK-LABEL: func.func @arguments(
// CHECK-SAME:    %[[X:.*]]: memref<4xf32>, %[[N:.*]]: index)
// CHECK-NEXT:    %[[A:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT:    call @arguments.part0(%[[X]], %[[A]])
// CHECK-NEXT:    memref.dealloc %[[A]]
// CHECK-NEXT:    %[[D:.*]] = memref.alloc(%[[N]]) : memref<?xf32>
// CHECK-NEXT:    memref.copy %[[D]], %[[D]]
// CHECK-NEXT:    memref.copy %[[D]], %[[D]]
// CHECK-NEXT:    memref.copy %[[D]], %[[D]]
// CHECK-NEXT:    memref.copy %[[D]], %[[D]]
// CHECK-NEXT:    memref.copy %[[D]], %[[D]]
// CHECK-NEXT:    memref.dealloc %[[D]]
// CHECK:       func.func private @arguments.part0(%{{.*}}: memref<4xf32>, %{{.*}}: memref<4xf32>)
// CHECK-COUNT-4: memref.copy
// CHECK-NEXT:    return
func.func @arguments(%x: memref<4xf32>, %n: index) {
  memref.copy %x, %x : memref<4xf32> to memref<4xf32>
  memref.copy %x, %x : memref<4xf32> to memref<4xf32>
  %a = memref.alloc() : memref<4xf32>
  memref.copy %x, %a : memref<4xf32> to memref<4xf32>
  memref.copy %a, %x : memref<4xf32> to memref<4xf32>
  memref.dealloc %a : memref<4xf32>
  %d = memref.alloc(%n) : memref<?xf32>
  memref.copy %d, %d : memref<?xf32> to memref<?xf32>
  memref.copy %d, %d : memref<?xf32> to memref<?xf32>
  memref.copy %d, %d : memref<?xf32> to memref<?xf32>
  memref.copy %d, %d : memref<?xf32> to memref<?xf32>
  memref.copy %d, %d : memref<?xf32> to memref<?xf32>
  memref.dealloc %d : memref<?xf32>
  return
}

//===- LoopLoweringTest.cpp - Which generics get special loops -*- C++ -*-===//
//
// The two tests adj-linalg-to-loops uses to pick a lowering, on generics
// parsed from MLIR: hasInnermostReductions (accumulators in registers)
// and getInnerVectorLength (a short inner loop as vector code).
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/InnerVectorLoops.h"
#include "adjoint/Conversion/ReductionLoops.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace adjoint;

namespace {

class LoopLoweringTest : public ::testing::Test {
protected:
  LoopLoweringTest() {
    context.loadDialect<arith::ArithDialect, func::FuncDialect,
                        linalg::LinalgDialect, math::MathDialect,
                        memref::MemRefDialect>();
  }

  /// The generic of `x : inType` into `y : outType` with `maps`,
  /// `iterators` and `body` (block arguments %a and %o).
  linalg::GenericOp parse(StringRef maps, StringRef iterators, StringRef inType,
                          StringRef outType, StringRef body) {
    std::string element = outType.contains("f64") ? "f64" : "f32";
    std::string source =
        ("func.func @f(%x: " + inType + ", %y: " + outType +
         ") {\n linalg.generic {indexing_maps = [" + maps +
         "], iterator_types = [" + iterators + "]} ins(%x : " + inType +
         ") outs(%y : " + outType + ") {\n ^bb0(%a: " + element +
         ", %o: " + element + "):\n " + body + "\n }\n return\n}")
            .str();
    module = parseSourceString<ModuleOp>(source, &context);
    EXPECT_TRUE(module) << source;
    linalg::GenericOp generic;
    if (module)
      module->walk([&](linalg::GenericOp op) { generic = op; });
    return generic;
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

constexpr StringRef kSum =
    "%s = arith.addf %o, %a : f32\n linalg.yield %s : f32";
constexpr StringRef kExp = "%e = math.exp %a : f32\n linalg.yield %e : f32";

TEST_F(LoopLoweringTest, RowSumsHaveInnermostReductions) {
  linalg::GenericOp op = parse(
      "affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>",
      "\"parallel\", \"reduction\"", "memref<4x5xf32>", "memref<4xf32>", kSum);
  EXPECT_TRUE(hasInnermostReductions(op));
}

TEST_F(LoopLoweringTest, ColumnSumsDoNot) {
  linalg::GenericOp op = parse(
      "affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>",
      "\"reduction\", \"parallel\"", "memref<4x5xf32>", "memref<5xf32>", kSum);
  EXPECT_FALSE(hasInnermostReductions(op));
}

TEST_F(LoopLoweringTest, ElementwiseOpsAndTensorsDoNot) {
  EXPECT_FALSE(hasInnermostReductions(
      parse("affine_map<(i) -> (i)>, affine_map<(i) -> (i)>", "\"parallel\"",
            "memref<4xf32>", "memref<4xf32>", kExp)));
  EXPECT_FALSE(hasInnermostReductions(
      parse("affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>",
            "\"parallel\", \"reduction\"", "memref<?x5xf32>", "memref<?xf32>",
            kSum)));
}

TEST_F(LoopLoweringTest, ShortContiguousInnerLoopsAreVectors) {
  // 10 f32 in a 256-bit register of 8: one vector and a masked one.
  linalg::GenericOp op =
      parse("affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>",
            "\"parallel\", \"parallel\"", "memref<7x10xf32>",
            "memref<7x10xf32>", kExp);
  EXPECT_EQ(getInnerVectorLength(op, 256), 8);
  EXPECT_EQ(getInnerVectorLength(op, 512), 16);
  // Off without a width.
  EXPECT_EQ(getInnerVectorLength(op, 0), 0);
}

TEST_F(LoopLoweringTest, BroadcastOperandsAreVectorsToo) {
  // x is invariant along j (broadcast); y runs along j.
  linalg::GenericOp op =
      parse("affine_map<(i, j) -> (i, 0)>, affine_map<(i, j) -> (i, j)>",
            "\"parallel\", \"parallel\"", "memref<7x1xf64>", "memref<7x10xf64>",
            "%e = math.exp %a : f64\n linalg.yield %e : f64");
  EXPECT_EQ(getInnerVectorLength(op, 256), 4);
}

TEST_F(LoopLoweringTest, LongTransposedOrReductionInnerLoopsAreNot) {
  // 100 f32 is more than 4 vectors of 8: LLVM vectorizes it well.
  EXPECT_EQ(getInnerVectorLength(parse("affine_map<(i, j) -> (i, j)>, "
                                       "affine_map<(i, j) -> (i, j)>",
                                       "\"parallel\", \"parallel\"",
                                       "memref<3x100xf32>", "memref<3x100xf32>",
                                       kExp),
                                 256),
            0);
  // x read across the inner loop.
  EXPECT_EQ(
      getInnerVectorLength(parse("affine_map<(i, j) -> (j, i)>, "
                                 "affine_map<(i, j) -> (i, j)>",
                                 "\"parallel\", \"parallel\"",
                                 "memref<6x3xf32>", "memref<3x6xf32>", kExp),
                           256),
      0);
  // The inner loop is a reduction.
  EXPECT_EQ(getInnerVectorLength(
                parse("affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>",
                      "\"parallel\", \"reduction\"", "memref<4x5xf32>",
                      "memref<4xf32>", kSum),
                256),
            0);
}

TEST_F(LoopLoweringTest, BodiesWithIndicesAreNot) {
  linalg::GenericOp op =
      parse("affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>",
            "\"parallel\", \"parallel\"", "memref<3x6xf32>", "memref<3x6xf32>",
            "%j = linalg.index 1 : index\n %k = arith.index_cast %j : index to "
            "i32\n %f = arith.sitofp %k : i32 to f32\n linalg.yield %f : f32");
  EXPECT_EQ(getInnerVectorLength(op, 256), 0);
}

} // namespace

//===- MatmulContractionTest.cpp - Which contractions get kernels -*- C++ -*-=//
//
// matchContraction on linalg.generic ops parsed from MLIR: the loops it
// finds for m, n, k and the batch, the kernel each operand layout gets, and
// the ops it must leave alone.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Conversion/MatmulContraction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace adjoint;

namespace {

/// Parses a function whose body is one linalg.generic with the given maps,
/// iterators, operand types and body, and matches it.
class MatmulContractionTest : public ::testing::Test {
protected:
  MatmulContractionTest() {
    context.loadDialect<arith::ArithDialect, func::FuncDialect,
                        linalg::LinalgDialect, memref::MemRefDialect>();
  }

  std::optional<Contraction> match(StringRef maps, StringRef iterators,
                                   StringRef lhs, StringRef rhs, StringRef out,
                                   StringRef body = "") {
    std::string element = out.contains("f64") ? "f64" : "f32";
    std::string inElement = lhs.contains("f64") ? "f64" : "f32";
    std::string defaultBody =
        "%p = arith.mulf %x, %y : " + element +
        "\n %s = arith.addf %acc, %p fastmath<reassoc> : " + element +
        "\n linalg.yield %s : " + element;
    std::string source =
        ("func.func @f(%a: " + lhs + ", %b: " + rhs + ", %c: " + out +
         ") {\n linalg.generic {indexing_maps = [" + maps +
         "], iterator_types = [" + iterators + "]} ins(%a, %b : " + lhs +
         ", " + rhs + ") outs(%c : " + out + ") {\n ^bb0(%x: " + inElement +
         ", %y: " + inElement + ", %acc: " + element + "):\n " +
         (body.empty() ? defaultBody : body.str()) + "\n }\n return\n}")
            .str();
    module = parseSourceString<ModuleOp>(source, &context);
    EXPECT_TRUE(module) << source;
    if (!module)
      return std::nullopt;
    linalg::GenericOp generic;
    module->walk([&](linalg::GenericOp op) { generic = op; });
    return matchContraction(generic);
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

constexpr const char *kMatmulMaps =
    "affine_map<(d0, d1, d2) -> (d0, d1)>, "
    "affine_map<(d0, d1, d2) -> (d1, d2)>, "
    "affine_map<(d0, d1, d2) -> (d0, d2)>";
constexpr const char *kMatmulIterators =
    "\"parallel\", \"reduction\", \"parallel\"";

TEST_F(MatmulContractionTest, PlainMatmulGetsTheRowKernel) {
  std::optional<Contraction> c =
      match(kMatmulMaps, kMatmulIterators, "memref<2x3xf32>",
            "memref<3x4xf32>", "memref<2x4xf32>");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->kernel, ContractionKernel::Row);
  EXPECT_EQ(c->mLoop, 0u);
  EXPECT_EQ(c->kLoop, 1u);
  EXPECT_EQ(c->nLoop, 2u);
  EXPECT_TRUE(c->batchLoops.empty());
  EXPECT_EQ(c->getM(), 2);
  EXPECT_EQ(c->getK(), 3);
  EXPECT_EQ(c->getN(), 4);
  EXPECT_TRUE(c->elementType.isF32());
}

// The rhs read transposed, loops (m, n, k): both operands run along k.
TEST_F(MatmulContractionTest, TransposedRhsGetsTheDotKernel) {
  std::optional<Contraction> c =
      match("affine_map<(d0, d1, d2) -> (d0, d2)>, "
            "affine_map<(d0, d1, d2) -> (d1, d2)>, "
            "affine_map<(d0, d1, d2) -> (d0, d1)>",
            "\"parallel\", \"parallel\", \"reduction\"", "memref<2x5xf64>",
            "memref<3x5xf64>", "memref<2x3xf64>");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->kernel, ContractionKernel::Dot);
  EXPECT_EQ(c->mLoop, 0u);
  EXPECT_EQ(c->nLoop, 1u);
  EXPECT_EQ(c->kLoop, 2u);
  EXPECT_TRUE(c->elementType.isF64());
}

// Batched with the lhs transposed: the row kernel, batch loop 0.
TEST_F(MatmulContractionTest, BatchedTransposedLhs) {
  std::optional<Contraction> c =
      match("affine_map<(d0, d1, d2, d3) -> (d0, d2, d1)>, "
            "affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>, "
            "affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>",
            "\"parallel\", \"parallel\", \"reduction\", \"parallel\"",
            "memref<7x5x2xf32>", "memref<7x5x4xf32>", "memref<7x2x4xf32>");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->kernel, ContractionKernel::Row);
  EXPECT_EQ(c->batchLoops, (SmallVector<unsigned>{0}));
  EXPECT_EQ(c->mLoop, 1u);
  EXPECT_EQ(c->kLoop, 2u);
  EXPECT_EQ(c->nLoop, 3u);
}

// Both operands transposed: neither kernel's vectors run along memory.
TEST_F(MatmulContractionTest, BothTransposedIsLeftAlone) {
  EXPECT_FALSE(match("affine_map<(d0, d1, d2) -> (d1, d0)>, "
                     "affine_map<(d0, d1, d2) -> (d2, d1)>, "
                     "affine_map<(d0, d1, d2) -> (d0, d2)>",
                     kMatmulIterators, "memref<3x2xf32>", "memref<4x3xf32>",
                     "memref<2x4xf32>"));
}

TEST_F(MatmulContractionTest, WiderAccumulatorIsLeftAlone) {
  EXPECT_FALSE(match(kMatmulMaps, kMatmulIterators, "memref<2x3xf32>",
                     "memref<3x4xf32>", "memref<2x4xf64>",
                     "%xw = arith.extf %x : f32 to f64\n"
                     "%yw = arith.extf %y : f32 to f64\n"
                     "%p = arith.mulf %xw, %yw : f64\n"
                     "%s = arith.addf %acc, %p : f64\n"
                     "linalg.yield %s : f64"));
}

TEST_F(MatmulContractionTest, OtherBodiesAreLeftAlone) {
  // A subtraction, and a product of the lhs with itself.
  EXPECT_FALSE(match(kMatmulMaps, kMatmulIterators, "memref<2x3xf32>",
                     "memref<3x4xf32>", "memref<2x4xf32>",
                     "%p = arith.mulf %x, %y : f32\n"
                     "%s = arith.subf %acc, %p : f32\n"
                     "linalg.yield %s : f32"));
  EXPECT_FALSE(match(kMatmulMaps, kMatmulIterators, "memref<2x3xf32>",
                     "memref<3x4xf32>", "memref<2x4xf32>",
                     "%p = arith.mulf %x, %x : f32\n"
                     "%s = arith.addf %acc, %p : f32\n"
                     "linalg.yield %s : f32"));
}

TEST_F(MatmulContractionTest, StridedBuffersAreLeftAlone) {
  EXPECT_FALSE(match(kMatmulMaps, kMatmulIterators,
                     "memref<2x3xf32, strided<[6, 1]>>", "memref<3x4xf32>",
                     "memref<2x4xf32>"));
}

} // namespace

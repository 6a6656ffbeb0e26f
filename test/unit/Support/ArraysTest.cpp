//===- ArraysTest.cpp - Tests of seeded fill and array printing -*- C++ -*-===//
//
// fillUniform is deterministic per (seed, stream), stays in [-1, 1) and
// differs between streams and seeds, for f32 and f64; summarizeArray and
// formatArray print hand-computed values of scalars and small tensors.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Support/Arrays.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

using namespace adjoint;
using adjoint::graph::ElementType;

namespace {

NpyArray makeF32(const graph::Shape &shape, const std::vector<float> &values) {
  NpyArray array = makeArray(ElementType::F32, shape);
  EXPECT_EQ(array.data.size(), values.size() * sizeof(float));
  std::memcpy(array.data.data(), values.data(), array.data.size());
  return array;
}

NpyArray makeF64(const graph::Shape &shape,
                 const std::vector<double> &values) {
  NpyArray array = makeArray(ElementType::F64, shape);
  EXPECT_EQ(array.data.size(), values.size() * sizeof(double));
  std::memcpy(array.data.data(), values.data(), array.data.size());
  return array;
}

std::vector<double> elements(const NpyArray &array) {
  std::vector<double> result;
  for (int64_t i = 0; i < graph::numElements(array.shape); ++i)
    result.push_back(getElement(array, i));
  return result;
}

std::vector<double> filled(ElementType type, const graph::Shape &shape,
                           uint64_t seed, uint64_t stream) {
  NpyArray array = makeArray(type, shape);
  fillUniform(array, seed, stream);
  return elements(array);
}

TEST(MakeArrayTest, ZeroFilled) {
  NpyArray f32 = makeArray(ElementType::F32, {2, 3});
  EXPECT_EQ(f32.type, ElementType::F32);
  EXPECT_EQ(f32.shape, (graph::Shape{2, 3}));
  EXPECT_EQ(f32.data.size(), 24u);
  EXPECT_EQ(elements(f32), std::vector<double>(6, 0.0));

  NpyArray scalar = makeArray(ElementType::F64, {});
  EXPECT_EQ(scalar.data.size(), 8u);
  EXPECT_EQ(getElement(scalar, 0), 0.0);
}

TEST(FillUniformTest, DeterministicF32) {
  std::vector<double> a = filled(ElementType::F32, {4, 25}, 7, 0);
  std::vector<double> b = filled(ElementType::F32, {4, 25}, 7, 0);
  EXPECT_EQ(a, b);
}

TEST(FillUniformTest, DeterministicF64) {
  std::vector<double> a = filled(ElementType::F64, {100}, 123, 3);
  std::vector<double> b = filled(ElementType::F64, {100}, 123, 3);
  EXPECT_EQ(a, b);
}

TEST(FillUniformTest, InRangeAndSpread) {
  for (ElementType type : {ElementType::F32, ElementType::F64}) {
    std::vector<double> values = filled(type, {10000}, 0, 0);
    double low = 1, high = -1, sum = 0;
    for (double v : values) {
      EXPECT_GE(v, -1.0);
      EXPECT_LT(v, 1.0);
      low = std::min(low, v);
      high = std::max(high, v);
      sum += v;
    }
    // 10,000 uniform draws reach close to both ends and average near 0
    // (the standard error of the mean is about 0.006).
    EXPECT_LT(low, -0.99);
    EXPECT_GT(high, 0.99);
    EXPECT_NEAR(sum / values.size(), 0.0, 0.05);
  }
}

TEST(FillUniformTest, ValuesAreNotAllEqual) {
  std::vector<double> values = filled(ElementType::F64, {16}, 0, 0);
  for (size_t i = 1; i < values.size(); ++i)
    EXPECT_NE(values[i], values[0]) << "index " << i;
}

TEST(FillUniformTest, StreamsDiffer) {
  std::vector<double> s0 = filled(ElementType::F32, {32}, 5, 0);
  std::vector<double> s1 = filled(ElementType::F32, {32}, 5, 1);
  std::vector<double> s2 = filled(ElementType::F32, {32}, 5, 2);
  EXPECT_NE(s0, s1);
  EXPECT_NE(s1, s2);
  EXPECT_NE(s0, s2);
  // Not merely shifted copies of each other either.
  EXPECT_NE(std::vector<double>(s0.begin() + 1, s0.end()),
            std::vector<double>(s1.begin(), s1.end() - 1));
}

TEST(FillUniformTest, SeedsDiffer) {
  EXPECT_NE(filled(ElementType::F64, {32}, 0, 0),
            filled(ElementType::F64, {32}, 1, 0));
  EXPECT_NE(filled(ElementType::F32, {32}, 1, 1),
            filled(ElementType::F32, {32}, 2, 1));
}

TEST(FillUniformTest, F32IsF64Rounded) {
  // Both element types draw the same doubles; f32 rounds them.
  std::vector<double> f64 = filled(ElementType::F64, {50}, 9, 4);
  std::vector<double> f32 = filled(ElementType::F32, {50}, 9, 4);
  for (size_t i = 0; i < f64.size(); ++i)
    EXPECT_EQ(f32[i], static_cast<double>(static_cast<float>(f64[i])));
}

TEST(FillUniformTest, PrefixIsIndependentOfSize) {
  std::vector<double> small = filled(ElementType::F64, {3}, 11, 2);
  std::vector<double> large = filled(ElementType::F64, {2, 5}, 11, 2);
  EXPECT_EQ(small, std::vector<double>(large.begin(), large.begin() + 3));
}

TEST(FillUniformTest, Scalar) {
  std::vector<double> a = filled(ElementType::F32, {}, 3, 0);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_GE(a[0], -1.0);
  EXPECT_LT(a[0], 1.0);
  EXPECT_EQ(a, filled(ElementType::F32, {}, 3, 0));
}

TEST(GetElementTest, ReadsBothTypes) {
  NpyArray f32 = makeF32({3}, {1.5f, -2.0f, 0.25f});
  EXPECT_EQ(elements(f32), (std::vector<double>{1.5, -2.0, 0.25}));
  NpyArray f64 = makeF64({2}, {0.1, -1e300});
  EXPECT_EQ(elements(f64), (std::vector<double>{0.1, -1e300}));
}

TEST(SummarizeArrayTest, ScalarF32) {
  EXPECT_EQ(summarizeArray(makeF32({}, {2.5f})), "f32[] = 2.5");
  EXPECT_EQ(summarizeArray(makeF32({}, {-3.0f})), "f32[] = -3");
}

TEST(SummarizeArrayTest, ScalarF64) {
  EXPECT_EQ(summarizeArray(makeF64({}, {0.125})), "f64[] = 0.125");
}

TEST(SummarizeArrayTest, MatrixF32) {
  // min -2, max 3.5, mean (1 - 2 + 3.5 + 0.5) / 4 = 0.75.
  EXPECT_EQ(summarizeArray(makeF32({2, 2}, {1.0f, -2.0f, 3.5f, 0.5f})),
            "f32[2, 2]  min -2  max 3.5  mean 0.75");
}

TEST(SummarizeArrayTest, VectorF64) {
  // min -0.5, max 1, mean (0.25 + 1 - 0.5) / 3 = 0.25.
  EXPECT_EQ(summarizeArray(makeF64({3}, {0.25, 1.0, -0.5})),
            "f64[3]  min -0.5  max 1  mean 0.25");
}

TEST(SummarizeArrayTest, SingleElementTensorIsNotAScalar) {
  EXPECT_EQ(summarizeArray(makeF32({1, 1}, {4.0f})),
            "f32[1, 1]  min 4  max 4  mean 4");
}

TEST(SummarizeArrayTest, MinAndMaxAtTheEnds) {
  // min 6 is last, max 8 is first; mean (8 + 7 + 6) / 3 = 7.
  EXPECT_EQ(summarizeArray(makeF64({3}, {8.0, 7.0, 6.0})),
            "f64[3]  min 6  max 8  mean 7");
  EXPECT_EQ(summarizeArray(makeF32({3}, {-8.0f, -7.0f, -6.0f})),
            "f32[3]  min -8  max -6  mean -7");
}

TEST(FormatArrayTest, Scalar) {
  EXPECT_EQ(formatArray(makeF32({}, {2.5f})), "2.5");
  EXPECT_EQ(formatArray(makeF64({}, {-0.75})), "-0.75");
}

TEST(FormatArrayTest, Vector) {
  EXPECT_EQ(formatArray(makeF32({3}, {1.0f, -2.5f, 0.0f})), "[1, -2.5, 0]");
}

TEST(FormatArrayTest, Matrix) {
  EXPECT_EQ(formatArray(makeF32({2, 2}, {1.0f, 2.0f, 3.0f, 4.0f})),
            "[[1, 2],\n [3, 4]]");
}

TEST(FormatArrayTest, ThreeDimensions) {
  EXPECT_EQ(formatArray(makeF64({2, 1, 2}, {1.0, 2.0, 3.0, 4.0})),
            "[[[1, 2]],\n [[3, 4]]]");
}

TEST(FormatArrayTest, InnerRowsIndentByDepth) {
  EXPECT_EQ(formatArray(makeF32({1, 2, 2}, {1.0f, 2.0f, 3.0f, 4.0f})),
            "[[[1, 2],\n  [3, 4]]]");
}

TEST(FormatArrayTest, RoundTrips) {
  // Printed digits read back to the same value.
  float f = 1.0f / 3.0f;
  std::string text = formatArray(makeF32({}, {f}));
  EXPECT_EQ(std::strtof(text.c_str(), nullptr), f) << text;
  double d = 2.0 / 3.0;
  text = formatArray(makeF64({}, {d}));
  EXPECT_EQ(std::strtod(text.c_str(), nullptr), d) << text;
}

} // namespace

TEST(FillUniformTest, F32StaysBelowOne) {
  // This seed draws 0.99999997..., which rounds to 1.0f.
  adjoint::NpyArray array =
      adjoint::makeArray(adjoint::graph::ElementType::F32, {});
  adjoint::fillUniform(array, 44479757, 0);
  EXPECT_LT(adjoint::getElement(array, 0), 1.0);
  EXPECT_GT(adjoint::getElement(array, 0), 0.99);
}

TEST(SummarizeArrayTest, NaNPropagatesToMinAndMax) {
  adjoint::NpyArray array =
      adjoint::makeArray(adjoint::graph::ElementType::F64, {2});
  adjoint::setElement(array, 0, std::nan(""));
  adjoint::setElement(array, 1, 2.0);
  std::string summary = adjoint::summarizeArray(array);
  EXPECT_NE(summary.find("min nan"), std::string::npos) << summary;
  EXPECT_NE(summary.find("max nan"), std::string::npos) << summary;
}

TEST(DoublesTest, RoundTripF64) {
  std::vector<double> values = {1.5, -2.25, 1e300, 0.1};
  NpyArray array = fromDoubles(graph::ElementType::F64, {2, 2}, values);
  EXPECT_EQ(toDoubles(array), values);
}

TEST(DoublesTest, F32RoundsEachValue) {
  NpyArray array = fromDoubles(graph::ElementType::F32, {2}, {0.1, 3.0});
  std::vector<double> back = toDoubles(array);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0], static_cast<double>(0.1f));
  EXPECT_NE(back[0], 0.1);
  EXPECT_EQ(back[1], 3.0);
}

//===- ShapeInferenceTest.cpp - Tests of the op shape rules -----*- C++ -*-===//
//
// inferShape on valid and invalid operands for every op family, including
// inputs no parser would produce (as MLIR verifiers may pass): bad arity,
// bad attributes, non-positive dimensions, ranks above the limit. It must
// return an error for them, never crash.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Graph/ShapeInference.h"

#include <gtest/gtest.h>

using namespace adjoint::graph;

namespace {

Shape inferOk(OpKind kind, const std::vector<Shape> &shapes,
              const Attributes &attrs = {}) {
  InferredShape result = inferShape(kind, shapes, attrs);
  EXPECT_TRUE(result.ok()) << result.error;
  return result.shape;
}

std::string inferError(OpKind kind, const std::vector<Shape> &shapes,
                       const Attributes &attrs = {}) {
  InferredShape result = inferShape(kind, shapes, attrs);
  EXPECT_FALSE(result.ok()) << formatShape(result.shape);
  return result.error;
}

Attributes axes(std::vector<int64_t> list, bool keepdims = false) {
  Attributes attrs;
  attrs.axes = std::move(list);
  attrs.keepdims = keepdims;
  return attrs;
}

TEST(ShapeInferenceTest, OpTable) {
  EXPECT_EQ(lookupOp("log_softmax")->kind, OpKind::LogSoftmax);
  EXPECT_EQ(lookupOp("concat")->arity, -1);
  EXPECT_EQ(lookupOp("input"), nullptr);
  EXPECT_EQ(lookupOp("constant"), nullptr);
  EXPECT_EQ(lookupOp("Add"), nullptr);
  for (int k = 0; k <= static_cast<int>(OpKind::Concat); ++k) {
    OpKind kind = static_cast<OpKind>(k);
    EXPECT_EQ(getOpInfo(kind).kind, kind);
    if (kind > OpKind::Constant) {
      EXPECT_EQ(lookupOp(getOpInfo(kind).name), &getOpInfo(kind));
    }
  }
  EXPECT_TRUE(isElementwiseBinary(OpKind::Minimum));
  EXPECT_FALSE(isElementwiseBinary(OpKind::Neg));
  EXPECT_TRUE(isElementwiseUnary(OpKind::Square));
  EXPECT_TRUE(isReduction(OpKind::LogSumExp));
  EXPECT_FALSE(isReduction(OpKind::Softmax));
  EXPECT_STREQ(elementTypeName(ElementType::F64), "f64");
  EXPECT_EQ(elementByteSize(ElementType::F32), 4);
  EXPECT_EQ(numElements({}), 1);
  EXPECT_EQ(numElements({2, 3, 4}), 24);
  EXPECT_EQ(formatShape({}), "[]");
  EXPECT_EQ(formatShape({64, 784}), "[64, 784]");
}

TEST(ShapeInferenceTest, Broadcasting) {
  EXPECT_EQ(inferOk(OpKind::Add, {{3, 4}, {4}}), (Shape{3, 4}));
  EXPECT_EQ(inferOk(OpKind::Pow, {{}, {2, 1}}), (Shape{2, 1}));
  EXPECT_EQ(inferOk(OpKind::Maximum, {{5, 1, 3}, {4, 1}}), (Shape{5, 4, 3}));
  EXPECT_EQ(inferError(OpKind::Add, {{3, 4}, {5}}),
            "operands of 'add' have incompatible shapes [3, 4] and [5]");
  EXPECT_EQ(inferError(OpKind::Sub, {{2}, {3}}),
            "operands of 'sub' have incompatible shapes [2] and [3]");
}

TEST(ShapeInferenceTest, Unary) {
  EXPECT_EQ(inferOk(OpKind::Tanh, {{2, 3}}), (Shape{2, 3}));
  EXPECT_EQ(inferOk(OpKind::Neg, {{}}), Shape{});
}

TEST(ShapeInferenceTest, MatMul) {
  EXPECT_EQ(inferOk(OpKind::MatMul, {{2, 3}, {3, 5}}), (Shape{2, 5}));
  EXPECT_EQ(inferOk(OpKind::MatMul, {{7, 2, 3}, {7, 3, 5}}), (Shape{7, 2, 5}));
  EXPECT_EQ(inferError(OpKind::MatMul, {{2, 3}, {4, 5}}),
            "'matmul' needs inner dimensions to match: [2, 3] x [4, 5]");
  EXPECT_NE(inferError(OpKind::MatMul, {{3}, {3, 5}}).find("rank at least 2"),
            std::string::npos);
  EXPECT_NE(inferError(OpKind::MatMul, {{1, 2, 3}, {3, 5}}).find("equal rank"),
            std::string::npos);
  EXPECT_NE(inferError(OpKind::MatMul, {{2, 2, 3}, {4, 3, 5}})
                .find("equal batch dimensions"),
            std::string::npos);
}

TEST(ShapeInferenceTest, Transpose) {
  Attributes attrs;
  attrs.perm = {2, 0, 1};
  EXPECT_EQ(inferOk(OpKind::Transpose, {{2, 3, 4}}, attrs), (Shape{4, 2, 3}));
  EXPECT_EQ(inferOk(OpKind::Transpose, {{}}), Shape{});
  for (std::vector<int64_t> bad :
       {std::vector<int64_t>{0, 0, 1}, {0, 1}, {0, 1, 3}, {-1, 0, 1}}) {
    attrs.perm = bad;
    EXPECT_NE(inferError(OpKind::Transpose, {{2, 3, 4}}, attrs)
                  .find("not a permutation"),
              std::string::npos);
  }
}

TEST(ShapeInferenceTest, ReshapeAndBroadcast) {
  Attributes attrs;
  attrs.shape = {3, 2};
  EXPECT_EQ(inferOk(OpKind::Reshape, {{6}}, attrs), (Shape{3, 2}));
  attrs.shape = {};
  EXPECT_EQ(inferOk(OpKind::Reshape, {{1, 1}}, attrs), Shape{});
  attrs.shape = {4};
  EXPECT_EQ(inferError(OpKind::Reshape, {{2, 3}}, attrs),
            "'reshape' cannot change the element count: [2, 3] to [4]");
  attrs.shape = {-1, 6};
  EXPECT_NE(inferError(OpKind::Reshape, {{6}}, attrs).find("non-positive"),
            std::string::npos);
  attrs.shape = {INT64_MAX, INT64_MAX};
  EXPECT_FALSE(inferShape(OpKind::Reshape, {{6}}, attrs).ok());

  attrs.shape = {4, 2, 3};
  EXPECT_EQ(inferOk(OpKind::Broadcast, {{2, 1}}, attrs), (Shape{4, 2, 3}));
  EXPECT_EQ(inferOk(OpKind::Broadcast, {{}}, attrs), (Shape{4, 2, 3}));
  EXPECT_EQ(inferError(OpKind::Broadcast, {{2}}, attrs),
            "'broadcast' cannot broadcast [2] to [4, 2, 3]");
  attrs.shape = {3};
  EXPECT_NE(inferError(OpKind::Broadcast, {{1, 3}}, attrs).find("cannot"),
            std::string::npos);
  attrs.shape = {1, 1, 1, 1, 1, 1, 1};
  EXPECT_NE(inferError(OpKind::Broadcast, {{1}}, attrs).find("rank 7"),
            std::string::npos);
}

TEST(ShapeInferenceTest, Reductions) {
  EXPECT_EQ(inferOk(OpKind::Sum, {{2, 3, 4}}, axes({0, 1, 2})), Shape{});
  EXPECT_EQ(inferOk(OpKind::Mean, {{2, 3, 4}}, axes({1})), (Shape{2, 4}));
  EXPECT_EQ(inferOk(OpKind::Max, {{2, 3, 4}}, axes({0, 2}, true)),
            (Shape{1, 3, 1}));
  EXPECT_EQ(inferOk(OpKind::LogSumExp, {{2, 3}}, axes({})), (Shape{2, 3}));
  EXPECT_EQ(inferOk(OpKind::Sum, {{}}, axes({})), Shape{});
  EXPECT_NE(inferError(OpKind::Sum, {{2, 3}}, axes({2})).find("out of range"),
            std::string::npos);
  EXPECT_NE(inferError(OpKind::Sum, {{2, 3}}, axes({-1})).find("out of range"),
            std::string::npos);
  EXPECT_NE(inferError(OpKind::Sum, {{2, 3}}, axes({1, 0})).find("sorted"),
            std::string::npos);
  EXPECT_NE(inferError(OpKind::Sum, {{2, 3}}, axes({1, 1})).find("sorted"),
            std::string::npos);
}

TEST(ShapeInferenceTest, SoftmaxSliceConcat) {
  EXPECT_EQ(inferOk(OpKind::Softmax, {{2, 3}}, axes({1})), (Shape{2, 3}));
  EXPECT_FALSE(inferShape(OpKind::LogSoftmax, {{2, 3}}, axes({})).ok());
  EXPECT_FALSE(inferShape(OpKind::LogSoftmax, {{2, 3}}, axes({0, 1})).ok());
  EXPECT_FALSE(inferShape(OpKind::Softmax, {{}}, axes({0})).ok());

  Attributes slice = axes({1});
  slice.start = 1;
  slice.end = 3;
  EXPECT_EQ(inferOk(OpKind::Slice, {{2, 4}}, slice), (Shape{2, 2}));
  for (auto [start, end] :
       {std::pair<int64_t, int64_t>{2, 2}, {-1, 2}, {0, 5}, {3, 1}}) {
    slice.start = start;
    slice.end = end;
    EXPECT_NE(inferError(OpKind::Slice, {{2, 4}}, slice).find("'slice'"),
              std::string::npos);
  }

  EXPECT_EQ(inferOk(OpKind::Concat, {{2, 3}, {2, 5}, {2, 1}}, axes({1})),
            (Shape{2, 9}));
  EXPECT_EQ(inferOk(OpKind::Concat, {{2, 3}}, axes({0})), (Shape{2, 3}));
  EXPECT_EQ(inferError(OpKind::Concat, {{2, 3}, {3, 3}}, axes({1})),
            "operands of 'concat' along axis 1 have incompatible shapes "
            "[2, 3] and [3, 3]");
  EXPECT_FALSE(inferShape(OpKind::Concat, {{2, 3}, {3}}, axes({0})).ok());
  EXPECT_FALSE(inferShape(OpKind::Concat, {{}}, axes({0})).ok());
  EXPECT_FALSE(
      inferShape(OpKind::Concat, {{INT64_MAX}, {INT64_MAX}}, axes({0})).ok());
}

TEST(ShapeInferenceTest, NeverCrashesOnBadInput) {
  // Wrong arity.
  EXPECT_EQ(inferError(OpKind::Add, {{2}}), "'add' takes 2 operands, got 1");
  EXPECT_FALSE(inferShape(OpKind::Exp, {}, {}).ok());
  EXPECT_FALSE(inferShape(OpKind::Concat, {}, axes({0})).ok());
  EXPECT_FALSE(inferShape(OpKind::MatMul, {{2, 2}}, {}).ok());
  // Leaves, constants and out-of-range kinds.
  EXPECT_FALSE(inferShape(OpKind::Input, {}, {}).ok());
  EXPECT_FALSE(inferShape(OpKind::Constant, {}, {}).ok());
  EXPECT_FALSE(inferShape(static_cast<OpKind>(999), {}, {}).ok());
  // Bad operand shapes.
  EXPECT_FALSE(inferShape(OpKind::Exp, {{2, -1}}, {}).ok());
  EXPECT_FALSE(inferShape(OpKind::Exp, {{0}}, {}).ok());
  EXPECT_FALSE(inferShape(OpKind::Exp, {{1, 1, 1, 1, 1, 1, 1}}, {}).ok());
  // Missing attributes.
  EXPECT_FALSE(inferShape(OpKind::Transpose, {{2, 3}}, {}).ok());
  EXPECT_FALSE(inferShape(OpKind::Slice, {{2, 3}}, {}).ok());
  EXPECT_FALSE(inferShape(OpKind::Softmax, {{2, 3}}, {}).ok());
}

TEST(ShapeInferenceTest, ByteLimit) {
  EXPECT_TRUE(fitsByteLimit({}, ElementType::F64));
  EXPECT_TRUE(fitsByteLimit({int64_t(1) << 46}, ElementType::F32));
  EXPECT_FALSE(fitsByteLimit({int64_t(1) << 46}, ElementType::F64));
  EXPECT_TRUE(fitsByteLimit({int64_t(1) << 45}, ElementType::F64));
  EXPECT_FALSE(fitsByteLimit({INT64_MAX, INT64_MAX}, ElementType::F32));
  EXPECT_FALSE(fitsByteLimit({1 << 20, 1 << 20, 1 << 20}, ElementType::F32));
  EXPECT_FALSE(fitsByteLimit({2, 0}, ElementType::F32));
  EXPECT_FALSE(fitsByteLimit({-4}, ElementType::F32));
}

} // namespace

//===- LexerTest.cpp - Tests of the model file lexer ------------*- C++ -*-===//
//
// Token kinds, positions, numbers in C's grammar, newlines inside brackets,
// and the byte-level errors (NUL, invalid UTF-8) that lit tests cannot
// write down easily.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Graph/Lexer.h"

#include <gtest/gtest.h>

using namespace adjoint::graph;

namespace {

std::vector<TokenKind> kinds(std::string_view source) {
  Diagnostic diag;
  std::vector<TokenKind> result;
  for (const Token &token : tokenize(source, diag))
    result.push_back(token.kind);
  return result;
}

/// The error of lexing `source`, which must fail.
Diagnostic lexError(std::string_view source) {
  Diagnostic diag;
  std::vector<Token> tokens = tokenize(source, diag);
  EXPECT_EQ(tokens.back().kind, TokenKind::Error) << source;
  return diag;
}

TEST(LexerTest, StatementTokens) {
  using K = TokenKind;
  EXPECT_EQ(kinds("input x : f32[3, 4]\n"),
            (std::vector<K>{K::KwInput, K::Name, K::Colon, K::KwF32,
                            K::LBracket, K::Number, K::Comma, K::Number,
                            K::RBracket, K::Newline, K::Eof}));
  EXPECT_EQ(kinds("y = -a*b + f(x, k=true) / 2 - c"),
            (std::vector<K>{K::Name,  K::Equal,  K::Minus, K::Name,   K::Star,
                            K::Name,  K::Plus,   K::Name,  K::LParen, K::Name,
                            K::Comma, K::Name,   K::Equal, K::KwTrue, K::RParen,
                            K::Slash, K::Number, K::Minus, K::Name,   K::Eof}));
}

TEST(LexerTest, ReservedWordsAndNames) {
  using K = TokenKind;
  EXPECT_EQ(
      kinds("model input param output f32 f64 true false"),
      (std::vector<K>{K::KwModel, K::KwInput, K::KwParam, K::KwOutput, K::KwF32,
                      K::KwF64, K::KwTrue, K::KwFalse, K::Eof}));
  // Attribute keys and op names are ordinary names.
  EXPECT_EQ(
      kinds("axis add _x1 f16 Model"),
      (std::vector<K>{K::Name, K::Name, K::Name, K::Name, K::Name, K::Eof}));
}

TEST(LexerTest, Positions) {
  Diagnostic diag;
  std::vector<Token> tokens = tokenize("# c\n\tx  = y\n", diag);
  ASSERT_GE(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].kind, TokenKind::Newline);
  EXPECT_EQ(tokens[1].text, "x");
  EXPECT_EQ(tokens[1].loc.line, 2u);
  EXPECT_EQ(tokens[1].loc.column, 2u); // A tab is one column.
  EXPECT_EQ(tokens[2].loc.column, 5u);
  EXPECT_EQ(tokens[3].loc.column, 7u);
  EXPECT_EQ(tokens.back().kind, TokenKind::Eof);
  EXPECT_EQ(tokens.back().loc.line, 3u);
}

TEST(LexerTest, NewlinesInsideBrackets) {
  using K = TokenKind;
  EXPECT_EQ(
      kinds("f(a,\n  b)\nx[1,\n2]\n"),
      (std::vector<K>{K::Name, K::LParen, K::Name, K::Comma, K::Name, K::RParen,
                      K::Newline, K::Name, K::LBracket, K::Number, K::Comma,
                      K::Number, K::RBracket, K::Newline, K::Eof}));
  // A stray closer does not make the depth negative.
  EXPECT_EQ(kinds(")\n"), (std::vector<K>{K::RParen, K::Newline, K::Eof}));
}

TEST(LexerTest, Numbers) {
  struct Case {
    const char *text;
    double value;
    bool isInteger;
  };
  for (Case c : {Case{"2", 2.0, true}, Case{"0.5", 0.5, false},
                 Case{".5", 0.5, false}, Case{"5.", 5.0, false},
                 Case{"1e-3", 1e-3, false}, Case{"1E+5", 1e5, false},
                 Case{"007", 7.0, true}, Case{"1e-400", 0.0, false}}) {
    Diagnostic diag;
    std::vector<Token> tokens = tokenize(c.text, diag);
    ASSERT_EQ(tokens.size(), 2u) << c.text;
    EXPECT_EQ(tokens[0].kind, TokenKind::Number) << c.text;
    EXPECT_EQ(tokens[0].text, c.text);
    EXPECT_EQ(tokens[0].number, c.value) << c.text;
    EXPECT_EQ(tokens[0].isInteger, c.isInteger) << c.text;
  }
}

TEST(LexerTest, NumberErrors) {
  Diagnostic diag = lexError("x = 1e999");
  EXPECT_EQ(diag.loc.column, 5u);
  EXPECT_NE(diag.message.find("'1e999' is out of range"), std::string::npos);
  diag = lexError("x = 1e+");
  EXPECT_EQ(diag.loc.column, 5u);
  EXPECT_NE(diag.message.find("exponent"), std::string::npos);
  diag = lexError("x = 2x");
  EXPECT_NE(diag.message.find("malformed number '2x'"), std::string::npos);
  diag = lexError("x = 1.2.3");
  EXPECT_NE(diag.message.find("malformed number"), std::string::npos);
}

TEST(LexerTest, UnexpectedCharacters) {
  Diagnostic diag = lexError("x = a @ b");
  EXPECT_EQ(diag.loc.column, 7u);
  EXPECT_NE(diag.message.find("unexpected character '@'"), std::string::npos);
  diag = lexError("x = \x01");
  EXPECT_NE(diag.message.find("0x01"), std::string::npos);
  diag = lexError("x = \xC3\xA9"); // Valid UTF-8, but not in a name.
  EXPECT_NE(diag.message.find("unexpected character '\xC3\xA9'"),
            std::string::npos);
}

TEST(LexerTest, NulByte) {
  using namespace std::string_literals;
  Diagnostic diag = lexError("x = a\n  b\0"s);
  EXPECT_EQ(diag.loc.line, 2u);
  EXPECT_EQ(diag.loc.column, 4u);
  EXPECT_NE(diag.message.find("NUL"), std::string::npos);
  diag = lexError("# comment \0 here\n"s);
  EXPECT_EQ(diag.loc.line, 1u);
  EXPECT_EQ(diag.loc.column, 11u);
}

TEST(LexerTest, InvalidUtf8InComment) {
  Diagnostic diag = lexError("input x : f32\n# caf\xC3\xA9 \xFF\n");
  EXPECT_EQ(diag.loc.line, 2u);
  EXPECT_EQ(diag.loc.column, 9u);
  EXPECT_NE(diag.message.find("invalid UTF-8"), std::string::npos);
  // Valid multi-byte text in comments is fine.
  Diagnostic ok;
  EXPECT_EQ(tokenize("# \xE2\x82\xAC \xF0\x9F\x98\x80\n", ok).back().kind,
            TokenKind::Eof);
}

TEST(LexerTest, Utf8Validation) {
  EXPECT_EQ(validUtf8Length("a"), 1u);
  EXPECT_EQ(validUtf8Length("\xC3\xA9"), 2u);
  EXPECT_EQ(validUtf8Length("\xE2\x82\xAC"), 3u);
  EXPECT_EQ(validUtf8Length("\xF4\x8F\xBF\xBF"), 4u);
  EXPECT_EQ(validUtf8Length("\xC0\xAF"), 0u);         // Overlong.
  EXPECT_EQ(validUtf8Length("\xE0\x80\xAF"), 0u);     // Overlong.
  EXPECT_EQ(validUtf8Length("\xED\xA0\x80"), 0u);     // Surrogate.
  EXPECT_EQ(validUtf8Length("\xF4\x90\x80\x80"), 0u); // Beyond U+10FFFF.
  EXPECT_EQ(validUtf8Length("\xE2\x82"), 0u);         // Truncated.
  EXPECT_EQ(validUtf8Length("\x80"), 0u);             // Lone continuation.
  EXPECT_EQ(validUtf8Length("\xC3("), 0u);
}

TEST(LexerTest, ErrorIsSticky) {
  Lexer lexer("@ x");
  EXPECT_EQ(lexer.next().kind, TokenKind::Error);
  EXPECT_EQ(lexer.next().kind, TokenKind::Error);
  EXPECT_EQ(lexer.error().loc.column, 1u);
}

TEST(LexerTest, CarriageReturnIsWhitespace) {
  using K = TokenKind;
  EXPECT_EQ(kinds("x\r\ny"),
            (std::vector<K>{K::Name, K::Newline, K::Name, K::Eof}));
}

} // namespace

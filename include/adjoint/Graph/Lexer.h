//===- Lexer.h - Model file tokens ------------------------------*- C++ -*-===//
//
// Splits the text of a model file into tokens. It checks the lexical rules
// of the format: valid UTF-8 with no NUL byte (comments included), names,
// reserved words, C-style numbers (finite as a double) and punctuation.
// Newlines end statements except inside an open `(` or `[`, so the lexer
// emits Newline tokens only at bracket depth zero.
//
//===----------------------------------------------------------------------===//

#ifndef ADJOINT_GRAPH_LEXER_H
#define ADJOINT_GRAPH_LEXER_H

#include "adjoint/Graph/Diagnostic.h"
#include "adjoint/Graph/Graph.h"

#include <string>
#include <string_view>
#include <vector>

namespace adjoint::graph {

enum class TokenKind {
  Eof,
  /// A lexical error; the lexer's diagnostic says what.
  Error,
  Newline,
  Name,
  Number,
  // Reserved words.
  KwModel,
  KwInput,
  KwParam,
  KwOutput,
  KwF32,
  KwF64,
  KwTrue,
  KwFalse,
  // Punctuation.
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Colon,
  Equal,
  Plus,
  Minus,
  Star,
  Slash,
};

struct Token {
  TokenKind kind = TokenKind::Eof;
  /// The token's bytes in the source (empty for Eof and Newline).
  std::string_view text;
  SourceLoc loc;
  /// Number: the value as a double.
  double number = 0.0;
  /// Number: written with digits only (no `.`, no exponent).
  bool isInteger = false;
};

/// True for model, input, param, output, f32, f64, true and false.
bool isReservedWord(TokenKind kind);

/// "')'", "a name", "end of line"...: how messages refer to a token kind.
std::string describeTokenKind(TokenKind kind);
/// How messages refer to a token found in the source: "'foo'", "end of
/// file"...
std::string describeToken(const Token &token);

class Lexer {
public:
  explicit Lexer(std::string_view source) : source(source) {}

  /// The next token. After Eof or Error, returns the same token again.
  Token next();
  /// The error behind an Error token.
  const Diagnostic &error() const { return diag; }

private:
  Token make(TokenKind kind, size_t begin, SourceLoc loc);
  Token fail(SourceLoc loc, std::string message);
  /// Skips a comment up to (not including) its newline; false on an
  /// encoding error.
  bool skipComment();
  Token lexName(size_t begin, SourceLoc loc);
  Token lexNumber(size_t begin, SourceLoc loc);
  Token lexNonAscii(SourceLoc loc);
  SourceLoc here() const;

  std::string_view source;
  size_t pos = 0;
  unsigned line = 1;
  size_t lineStart = 0;
  /// Open `(` and `[` not yet closed.
  unsigned depth = 0;
  bool done = false;
  Token last;
  Diagnostic diag;
};

/// Lexes all of `source`: the tokens end with Eof, or with Error if there is
/// a lexical error (then `diag` is set).
std::vector<Token> tokenize(std::string_view source, Diagnostic &diag);

/// Length of the valid UTF-8 sequence at the start of `text` (1 to 4), or 0
/// if it is not valid (overlong, surrogate, beyond U+10FFFF, truncated).
size_t validUtf8Length(std::string_view text);

} // namespace adjoint::graph

#endif // ADJOINT_GRAPH_LEXER_H

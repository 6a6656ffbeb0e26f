//===- Lexer.cpp - Model file tokens ----------------------------*- C++ -*-===//
//
// A hand-written lexer over the source bytes. Positions are 1-based lines
// and byte columns (a tab is one column). Every byte is checked: NUL and
// invalid UTF-8 are errors wherever they are, comments included; non-ASCII
// text is only allowed in comments. Numbers are scanned with C's grammar
// and converted with strtod on a copy of the token; overflow to infinity is
// an error here, the element type's range is checked by the parser.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Graph/Lexer.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace adjoint::graph {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool isNameChar(char c) { return isNameStart(c) || isDigit(c); }

struct ReservedWord {
  const char *text;
  TokenKind kind;
};
const ReservedWord kReservedWords[] = {
    {"model", TokenKind::KwModel}, {"input", TokenKind::KwInput},
    {"param", TokenKind::KwParam}, {"output", TokenKind::KwOutput},
    {"f32", TokenKind::KwF32},     {"f64", TokenKind::KwF64},
    {"true", TokenKind::KwTrue},   {"false", TokenKind::KwFalse},
};

bool punctuationKind(char c, TokenKind &kind) {
  switch (c) {
  case '(':
    kind = TokenKind::LParen;
    return true;
  case ')':
    kind = TokenKind::RParen;
    return true;
  case '[':
    kind = TokenKind::LBracket;
    return true;
  case ']':
    kind = TokenKind::RBracket;
    return true;
  case ',':
    kind = TokenKind::Comma;
    return true;
  case ':':
    kind = TokenKind::Colon;
    return true;
  case '=':
    kind = TokenKind::Equal;
    return true;
  case '+':
    kind = TokenKind::Plus;
    return true;
  case '-':
    kind = TokenKind::Minus;
    return true;
  case '*':
    kind = TokenKind::Star;
    return true;
  case '/':
    kind = TokenKind::Slash;
    return true;
  default:
    return false;
  }
}

/// "'@'" for printable ASCII, "0x07" otherwise.
std::string describeByte(char c) {
  char buffer[8];
  if (c >= 0x20 && c < 0x7F)
    std::snprintf(buffer, sizeof buffer, "'%c'", c);
  else
    std::snprintf(buffer, sizeof buffer, "0x%02X",
                  static_cast<unsigned char>(c));
  return buffer;
}

} // namespace

bool isReservedWord(TokenKind kind) {
  return kind >= TokenKind::KwModel && kind <= TokenKind::KwFalse;
}

std::string describeTokenKind(TokenKind kind) {
  switch (kind) {
  case TokenKind::Eof:
    return "end of file";
  case TokenKind::Error:
    return "an invalid token";
  case TokenKind::Newline:
    return "end of line";
  case TokenKind::Name:
    return "a name";
  case TokenKind::Number:
    return "a number";
  case TokenKind::LParen:
    return "'('";
  case TokenKind::RParen:
    return "')'";
  case TokenKind::LBracket:
    return "'['";
  case TokenKind::RBracket:
    return "']'";
  case TokenKind::Comma:
    return "','";
  case TokenKind::Colon:
    return "':'";
  case TokenKind::Equal:
    return "'='";
  case TokenKind::Plus:
    return "'+'";
  case TokenKind::Minus:
    return "'-'";
  case TokenKind::Star:
    return "'*'";
  case TokenKind::Slash:
    return "'/'";
  default:
    for (const ReservedWord &word : kReservedWords)
      if (word.kind == kind)
        return std::string("'") + word.text + "'";
    return "a token";
  }
}

std::string describeToken(const Token &token) {
  if (token.text.empty())
    return describeTokenKind(token.kind);
  return "'" + std::string(token.text) + "'";
}

size_t validUtf8Length(std::string_view text) {
  if (text.empty())
    return 0;
  unsigned char lead = static_cast<unsigned char>(text[0]);
  if (lead < 0x80)
    return 1;
  size_t length;
  unsigned char low = 0x80, high = 0xBF; // Range of the second byte.
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0)
      low = 0xA0; // Overlong.
    else if (lead == 0xED)
      high = 0x9F; // Surrogates.
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0)
      low = 0x90; // Overlong.
    else if (lead == 0xF4)
      high = 0x8F; // Beyond U+10FFFF.
  } else {
    return 0;
  }
  if (text.size() < length)
    return 0;
  for (size_t i = 1; i < length; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    unsigned char min = i == 1 ? low : 0x80, max = i == 1 ? high : 0xBF;
    if (c < min || c > max)
      return 0;
  }
  return length;
}

SourceLoc Lexer::here() const {
  return {line, static_cast<unsigned>(pos - lineStart + 1)};
}

Token Lexer::make(TokenKind kind, size_t begin, SourceLoc loc) {
  Token token;
  token.kind = kind;
  token.text = source.substr(begin, pos - begin);
  token.loc = loc;
  return token;
}

Token Lexer::fail(SourceLoc loc, std::string message) {
  diag = {loc, std::move(message)};
  Token token;
  token.kind = TokenKind::Error;
  token.loc = loc;
  return token;
}

bool Lexer::skipComment() {
  while (pos < source.size() && source[pos] != '\n') {
    char c = source[pos];
    if (c == '\0') {
      diag = {here(), "NUL byte in the source"};
      return false;
    }
    size_t length = validUtf8Length(source.substr(pos));
    if (length == 0) {
      diag = {here(), "invalid UTF-8 byte"};
      return false;
    }
    pos += length;
  }
  return true;
}

Token Lexer::lexName(size_t begin, SourceLoc loc) {
  while (pos < source.size() && isNameChar(source[pos]))
    ++pos;
  Token token = make(TokenKind::Name, begin, loc);
  for (const ReservedWord &word : kReservedWords)
    if (token.text == word.text)
      token.kind = word.kind;
  return token;
}

Token Lexer::lexNumber(size_t begin, SourceLoc loc) {
  auto skipDigits = [&] {
    size_t start = pos;
    while (pos < source.size() && isDigit(source[pos]))
      ++pos;
    return pos > start;
  };
  bool isInteger = true;
  skipDigits();
  if (pos < source.size() && source[pos] == '.') {
    isInteger = false;
    ++pos;
    skipDigits();
  }
  if (pos < source.size() && (source[pos] == 'e' || source[pos] == 'E')) {
    isInteger = false;
    ++pos;
    if (pos < source.size() && (source[pos] == '+' || source[pos] == '-'))
      ++pos;
    if (!skipDigits())
      return fail(loc, "malformed number '" +
                           std::string(source.substr(begin, pos - begin)) +
                           "': the exponent has no digits");
  }
  if (pos < source.size() && (isNameChar(source[pos]) || source[pos] == '.')) {
    while (pos < source.size() &&
           (isNameChar(source[pos]) || source[pos] == '.'))
      ++pos;
    return fail(loc, "malformed number '" +
                         std::string(source.substr(begin, pos - begin)) + "'");
  }
  Token token = make(TokenKind::Number, begin, loc);
  std::string copy(token.text);
  token.number = std::strtod(copy.c_str(), nullptr);
  token.isInteger = isInteger;
  if (std::isinf(token.number))
    return fail(loc, "number '" + copy + "' is out of range");
  return token;
}

Token Lexer::lexNonAscii(SourceLoc loc) {
  size_t length = validUtf8Length(source.substr(pos));
  if (length == 0)
    return fail(loc, "invalid UTF-8 byte");
  return fail(loc, "unexpected character '" +
                       std::string(source.substr(pos, length)) + "'");
}

Token Lexer::next() {
  if (done)
    return last;
  Token token;
  while (true) {
    if (pos >= source.size()) {
      token = make(TokenKind::Eof, pos, here());
      break;
    }
    size_t begin = pos;
    SourceLoc loc = here();
    char c = source[pos];
    if (c == ' ' || c == '\t' || c == '\r') {
      ++pos;
      continue;
    }
    if (c == '#') {
      if (!skipComment()) {
        token = fail(diag.loc, diag.message);
        break;
      }
      continue;
    }
    if (c == '\n') {
      ++pos;
      ++line;
      lineStart = pos;
      if (depth > 0)
        continue;
      token = make(TokenKind::Newline, pos, loc);
      token.text = {};
      break;
    }
    if (isNameStart(c)) {
      ++pos;
      token = lexName(begin, loc);
      break;
    }
    if (isDigit(c) ||
        (c == '.' && pos + 1 < source.size() && isDigit(source[pos + 1]))) {
      token = lexNumber(begin, loc);
      break;
    }
    if (c == '\0') {
      token = fail(loc, "NUL byte in the source");
      break;
    }
    if (static_cast<unsigned char>(c) >= 0x80) {
      token = lexNonAscii(loc);
      break;
    }
    TokenKind kind;
    if (!punctuationKind(c, kind)) {
      token = fail(loc, "unexpected character " + describeByte(c));
      break;
    }
    if (kind == TokenKind::LParen || kind == TokenKind::LBracket)
      ++depth;
    else if ((kind == TokenKind::RParen || kind == TokenKind::RBracket) &&
             depth > 0)
      --depth;
    ++pos;
    token = make(kind, begin, loc);
    break;
  }
  if (token.kind == TokenKind::Eof || token.kind == TokenKind::Error) {
    done = true;
    last = token;
  }
  return token;
}

std::vector<Token> tokenize(std::string_view source, Diagnostic &diag) {
  Lexer lexer(source);
  std::vector<Token> tokens;
  while (true) {
    tokens.push_back(lexer.next());
    TokenKind kind = tokens.back().kind;
    if (kind == TokenKind::Error)
      diag = lexer.error();
    if (kind == TokenKind::Eof || kind == TokenKind::Error)
      return tokens;
  }
}

} // namespace adjoint::graph

//===- Parser.cpp - Model file parser ---------------------------*- C++ -*-===//
//
// A recursive-descent parser over the lexer's tokens that builds the Graph
// directly: every leaf, constant, call and infix operator becomes one node,
// typed by inferShape as soon as it is built. Recursion happens only for
// parentheses and calls, and is bounded by kMaxNestingDepth; operator
// chains and unary minus are loops. The element type is known from the
// first leaf on; constants and sizes of values built before it are checked
// when it becomes known. The first error stops parsing; an error token of
// the lexer is reported when the parser reaches it, so errors come in
// source order.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Graph/Parser.h"

#include "adjoint/Graph/Lexer.h"
#include "adjoint/Graph/OpAttributes.h"
#include "adjoint/Graph/ShapeInference.h"

#include <cmath>
#include <deque>
#include <unordered_map>
#include <utility>

namespace adjoint::graph {

namespace {

constexpr NodeId kNoNode = -1;

std::string formatLoc(SourceLoc loc) {
  return std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

/// Parses decimal digits into a non-negative int64; false on overflow.
bool parseDigits(std::string_view digits, int64_t &value) {
  value = 0;
  for (char c : digits) {
    int64_t digit = c - '0';
    if (value > (INT64_MAX - digit) / 10)
      return false;
    value = value * 10 + digit;
  }
  return true;
}

/// True if `value` rounds to a finite float (the midpoint between FLT_MAX
/// and 2^128 rounds to infinity).
bool isFiniteAsFloat(double value) { return std::fabs(value) < 0x1.ffffffp127; }

class Parser {
public:
  Parser(std::string_view source, std::string_view fileName, Diagnostic &diag)
      : diag(diag), source(source), lexer(source) {
    graph.name = defaultModelName(fileName);
  }

  std::optional<Graph> parse();

private:
  // Tokens and errors.
  /// The token `ahead` tokens after the current one.
  Token peek(size_t ahead = 0) {
    while (lookahead.size() <= ahead)
      lookahead.push_back(lexer.next());
    return lookahead[ahead];
  }
  bool at(TokenKind kind) { return peek().kind == kind; }
  Token consume() {
    Token token = peek();
    lookahead.pop_front();
    previousLoc = token.loc;
    return token;
  }
  /// Reports `message` at `token`, or the lexer's error if `token` is the
  /// lexer's error token.
  bool fail(const Token &token, std::string message);
  bool failAt(SourceLoc loc, std::string message) {
    diag = {loc, std::move(message)};
    return false;
  }
  bool expect(TokenKind kind, const Token &after);
  /// Consumes the `close` matching `open`; a missing one is reported at
  /// `open` when the text goes on with a new statement or ends.
  bool expectClose(TokenKind close, const Token &open);
  bool enterNesting(const Token &token);
  void findDefinitions();

  // Statements.
  bool parseStatement();
  bool parseModelName();
  bool parseLeaf();
  bool parseDimension(Shape &shape);
  bool parseAssignment();
  bool parseOutput();
  /// Checks that the next token can name a new value and consumes it.
  bool parseNewName(const Token &after, Token &name);
  bool checkNewName(const Token &name);
  bool finish();

  // Expressions.
  NodeId parseExpression();
  NodeId parseTerm();
  NodeId parseUnary();
  NodeId parsePrimary();
  NodeId parseCall(const Token &opToken);
  bool parseArguments(const Token &open, std::vector<NodeId> &operands,
                      std::vector<NamedAttr> &attrs);
  bool parseAttrValue(AttrValue &value);
  bool parseInteger(int64_t &value, SourceLoc &loc, const char *what);
  NodeId resolveName(const Token &name);

  // Nodes.
  NodeId addNode(Node node);
  NodeId addOp(OpKind kind, std::vector<NodeId> operands,
               const Attributes &attrs, SourceLoc loc);
  NodeId addConstant(const Token &number);
  bool setElementType(const Token &typeToken);
  /// Checks what depends on the element type: a constant's range, a
  /// value's byte size.
  bool checkValue(NodeId id, std::string_view text);

  Diagnostic &diag;
  std::string_view source;
  Lexer lexer;
  std::deque<Token> lookahead;
  SourceLoc previousLoc;
  Graph graph;

  /// Defined names, each with the node it names and where it was defined.
  std::unordered_map<std::string, std::pair<NodeId, SourceLoc>> values;
  /// Every name some statement defines, where it is first defined.
  std::unordered_map<std::string, SourceLoc> definitions;

  bool typeKnown = false;
  SourceLoc typeLoc;
  /// Values built before the element type was known, with their text for
  /// constants.
  std::vector<std::pair<NodeId, std::string_view>> unchecked;

  int depth = 0;
  bool sawStatement = false;
  bool sawOutput = false;
};

bool Parser::fail(const Token &token, std::string message) {
  if (token.kind == TokenKind::Error) {
    diag = lexer.error();
    return false;
  }
  return failAt(token.loc, std::move(message));
}

bool Parser::expect(TokenKind kind, const Token &after) {
  if (at(kind)) {
    consume();
    return true;
  }
  return fail(peek(), "expected " + describeTokenKind(kind) + " after " +
                          describeToken(after) + ", found " +
                          describeToken(peek()));
}

bool Parser::expectClose(TokenKind close, const Token &open) {
  const Token &token = peek();
  if (token.kind == close) {
    consume();
    return true;
  }
  bool onNewLine = token.loc.line > previousLoc.line;
  bool newStatement =
      token.kind == TokenKind::Eof || token.kind == TokenKind::KwModel ||
      token.kind == TokenKind::KwInput || token.kind == TokenKind::KwParam ||
      token.kind == TokenKind::KwOutput ||
      (onNewLine && token.kind == TokenKind::Name &&
       peek(1).kind == TokenKind::Equal);
  if (newStatement && token.kind != TokenKind::Error)
    return failAt(open.loc, "unclosed " + describeToken(open));
  return fail(token, "expected " + describeTokenKind(close) + ", found " +
                         describeToken(token));
}

bool Parser::enterNesting(const Token &token) {
  if (depth >= kMaxNestingDepth)
    return fail(token, "expression nested too deeply (more than " +
                           std::to_string(kMaxNestingDepth) + " levels)");
  ++depth;
  return true;
}

void Parser::findDefinitions() {
  Lexer scanner(source);
  bool statementStart = true;
  Token token = scanner.next();
  while (token.kind != TokenKind::Eof && token.kind != TokenKind::Error) {
    Token next = scanner.next();
    if (statementStart && token.kind == TokenKind::Name &&
        next.kind == TokenKind::Equal)
      definitions.emplace(std::string(token.text), token.loc);
    if (statementStart &&
        (token.kind == TokenKind::KwInput ||
         token.kind == TokenKind::KwParam) &&
        next.kind == TokenKind::Name)
      definitions.emplace(std::string(next.text), next.loc);
    statementStart = token.kind == TokenKind::Newline;
    token = next;
  }
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

std::optional<Graph> Parser::parse() {
  findDefinitions();
  while (true) {
    while (at(TokenKind::Newline))
      consume();
    if (at(TokenKind::Eof))
      break;
    if (!parseStatement())
      return std::nullopt;
    if (!at(TokenKind::Newline) && !at(TokenKind::Eof)) {
      fail(peek(), "expected end of line after the statement, found " +
                       describeToken(peek()));
      return std::nullopt;
    }
  }
  if (!finish())
    return std::nullopt;
  return std::move(graph);
}

bool Parser::parseStatement() {
  const Token &token = peek();
  if (sawOutput)
    return fail(token, token.kind == TokenKind::KwOutput
                           ? "only one 'output' statement is allowed"
                           : "'output' must be the last statement");
  if (isReservedWord(token.kind) && peek(1).kind == TokenKind::Equal)
    return fail(token, describeToken(token) +
                           " is a reserved word and cannot name a value");
  bool first = !sawStatement;
  sawStatement = true;
  switch (token.kind) {
  case TokenKind::KwModel:
    if (!first)
      return fail(token, "'model' must be the first statement");
    return parseModelName();
  case TokenKind::KwInput:
  case TokenKind::KwParam:
    return parseLeaf();
  case TokenKind::KwOutput:
    return parseOutput();
  case TokenKind::Name:
    if (peek(1).kind != TokenKind::Equal)
      return fail(peek(1), "expected '=' after " + describeToken(token) +
                               ", found " + describeToken(peek(1)));
    return parseAssignment();
  default:
    return fail(token, "expected a statement, found " + describeToken(token));
  }
}

bool Parser::parseModelName() {
  consume(); // 'model'

  if (!at(TokenKind::Name))
    return fail(peek(), "expected a model name after 'model', found " +
                            describeToken(peek()));
  graph.name = std::string(consume().text);
  return true;
}

bool Parser::parseNewName(const Token &after, Token &name) {
  const Token &token = peek();
  if (isReservedWord(token.kind))
    return fail(token, describeToken(token) +
                           " is a reserved word and cannot name a value");
  if (token.kind != TokenKind::Name)
    return fail(token, "expected a name after " + describeToken(after) +
                           ", found " + describeToken(token));
  name = consume();
  return checkNewName(name);
}

bool Parser::checkNewName(const Token &name) {
  if (lookupOp(name.text))
    return fail(name, "'" + std::string(name.text) +
                          "' is an op name and cannot name a value");
  auto it = values.find(std::string(name.text));
  if (it != values.end())
    return fail(name, "'" + std::string(name.text) +
                          "' is already defined at " +
                          formatLoc(it->second.second));
  return true;
}

bool Parser::parseLeaf() {
  Token keyword = consume();
  Token name;
  if (!parseNewName(keyword, name) || !expect(TokenKind::Colon, name))
    return false;
  Token typeToken = peek();
  if (typeToken.kind != TokenKind::KwF32 && typeToken.kind != TokenKind::KwF64)
    return fail(typeToken, "expected a type (f32 or f64), found " +
                               describeToken(typeToken));
  consume();
  if (!setElementType(typeToken))
    return false;

  Node node;
  node.kind =
      keyword.kind == TokenKind::KwInput ? OpKind::Input : OpKind::Param;
  node.name = std::string(name.text);
  node.loc = name.loc;
  if (at(TokenKind::LBracket)) {
    Token open = consume();
    do {
      if (!parseDimension(node.shape))
        return false;
    } while (at(TokenKind::Comma) && (consume(), true));
    if (!expectClose(TokenKind::RBracket, open))
      return false;
  }
  if (!fitsByteLimit(node.shape, graph.elementType))
    return fail(typeToken, "a value of type " + std::string(typeToken.text) +
                               formatShape(node.shape) +
                               " is larger than 2^48 bytes");
  NodeId id = addNode(std::move(node));
  values[std::string(name.text)] = {id, name.loc};
  (keyword.kind == TokenKind::KwInput ? graph.inputs : graph.params)
      .push_back(id);
  return true;
}

bool Parser::parseDimension(Shape &shape) {
  const Token &token = peek();
  if (token.kind == TokenKind::Minus)
    return fail(token, "a dimension must be a positive integer");
  if (token.kind != TokenKind::Number)
    return fail(token, "expected a dimension, found " + describeToken(token));
  if (!token.isInteger)
    return fail(token, "a dimension must be a positive integer, found " +
                           describeToken(token));
  int64_t dim;
  if (!parseDigits(token.text, dim))
    return fail(token, "dimension " + describeToken(token) + " is too large");
  if (dim == 0)
    return fail(token, "a dimension must be positive, found 0");
  if (static_cast<int64_t>(shape.size()) == kMaxRank)
    return fail(token, "a type has at most " + std::to_string(kMaxRank) +
                           " dimensions");
  shape.push_back(dim);
  consume();
  return true;
}

bool Parser::parseAssignment() {
  Token name = consume();
  if (!checkNewName(name))
    return false;
  consume(); // '='
  size_t firstNew = graph.nodes.size();
  NodeId id = parseExpression();
  if (id == kNoNode)
    return false;
  // A fresh node takes the name; `y = x` makes `y` another name of `x`.
  if (static_cast<size_t>(id) >= firstNew)
    graph.nodes[static_cast<size_t>(id)].name = std::string(name.text);
  values[std::string(name.text)] = {id, name.loc};
  return true;
}

bool Parser::parseOutput() {
  consume(); // 'output'

  sawOutput = true;
  do {
    const Token &token = peek();
    if (token.kind != TokenKind::Name)
      return fail(token,
                  "expected an output name, found " + describeToken(token));
    Token name = consume();
    NodeId id = resolveName(name);
    if (id == kNoNode)
      return false;
    for (const std::string &previous : graph.outputNames)
      if (previous == name.text)
        return fail(name, "'" + previous + "' is listed twice in 'output'");
    graph.outputs.push_back(id);
    graph.outputNames.emplace_back(name.text);
    graph.outputLocs.push_back(name.loc);
  } while (at(TokenKind::Comma) && (consume(), true));
  return true;
}

bool Parser::finish() {
  SourceLoc end = peek().loc;
  if (!sawOutput)
    return failAt(end, "missing 'output' statement");
  if (graph.inputs.empty() && graph.params.empty())
    return failAt(end, "the model has no 'input' or 'param' leaf");
  return true;
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

NodeId Parser::parseExpression() {
  NodeId lhs = parseTerm();
  while (lhs != kNoNode && (at(TokenKind::Plus) || at(TokenKind::Minus))) {
    Token op = consume();
    NodeId rhs = parseTerm();
    if (rhs == kNoNode)
      return kNoNode;
    lhs = addOp(op.kind == TokenKind::Plus ? OpKind::Add : OpKind::Sub,
                {lhs, rhs}, {}, op.loc);
  }
  return lhs;
}

NodeId Parser::parseTerm() {
  NodeId lhs = parseUnary();
  while (lhs != kNoNode && (at(TokenKind::Star) || at(TokenKind::Slash))) {
    Token op = consume();
    NodeId rhs = parseUnary();
    if (rhs == kNoNode)
      return kNoNode;
    lhs = addOp(op.kind == TokenKind::Star ? OpKind::Mul : OpKind::Div,
                {lhs, rhs}, {}, op.loc);
  }
  return lhs;
}

NodeId Parser::parseUnary() {
  std::vector<SourceLoc> minuses;
  while (at(TokenKind::Minus))
    minuses.push_back(consume().loc);
  NodeId id = parsePrimary();
  for (auto it = minuses.rbegin(); id != kNoNode && it != minuses.rend(); ++it)
    id = addOp(OpKind::Neg, {id}, {}, *it);
  return id;
}

NodeId Parser::parsePrimary() {
  Token token = peek();
  switch (token.kind) {
  case TokenKind::Number:
    consume();
    return addConstant(token);
  case TokenKind::Name:
    consume();
    if (at(TokenKind::LParen))
      return parseCall(token);
    return resolveName(token);
  case TokenKind::LParen: {
    consume();
    if (!enterNesting(token))
      return kNoNode;
    NodeId id = parseExpression();
    --depth;
    if (id == kNoNode || !expectClose(TokenKind::RParen, token))
      return kNoNode;
    return id;
  }
  default:
    fail(token, "expected an expression, found " + describeToken(token));
    return kNoNode;
  }
}

NodeId Parser::resolveName(const Token &name) {
  std::string text(name.text);
  auto it = values.find(text);
  if (it != values.end())
    return it->second.first;
  if (lookupOp(text))
    fail(name, "'" + text + "' is an op; call it as " + text + "(...)");
  else if (auto later = definitions.find(text); later != definitions.end())
    fail(name, "'" + text + "' is used before its definition at " +
                   formatLoc(later->second));
  else
    fail(name, "unknown name '" + text + "'");
  return kNoNode;
}

NodeId Parser::parseCall(const Token &opToken) {
  std::string text(opToken.text);
  const OpInfo *info = lookupOp(text);
  if (!info) {
    fail(opToken, values.count(text) ? "'" + text + "' is a value, not an op"
                                     : "unknown op '" + text + "'");
    return kNoNode;
  }
  Token open = consume();
  if (!enterNesting(open))
    return kNoNode;
  std::vector<NodeId> operands;
  std::vector<NamedAttr> written;
  bool parsed = parseArguments(open, operands, written);
  --depth;
  if (!parsed)
    return kNoNode;

  size_t count = operands.size();
  if (info->arity >= 0 ? count != static_cast<size_t>(info->arity)
                       : count == 0) {
    std::string expected = info->arity >= 0 ? std::to_string(info->arity)
                                            : std::string("at least 1");
    fail(opToken, "'" + text + "' takes " + expected + " operand" +
                      (info->arity == 1 ? "" : "s") + ", got " +
                      std::to_string(count));
    return kNoNode;
  }
  std::vector<Shape> shapes;
  for (NodeId operand : operands)
    shapes.push_back(graph.node(operand).shape);
  Attributes attrs;
  if (!buildAttributes(info->kind, written, shapes, opToken.loc, attrs, diag))
    return kNoNode;
  return addOp(info->kind, std::move(operands), attrs, opToken.loc);
}

bool Parser::parseArguments(const Token &open, std::vector<NodeId> &operands,
                            std::vector<NamedAttr> &attrs) {
  if (at(TokenKind::RParen)) {
    consume();
    return true;
  }
  while (true) {
    if (at(TokenKind::Name) && peek(1).kind == TokenKind::Equal) {
      NamedAttr attr;
      Token key = consume();
      consume(); // '='
      attr.key = std::string(key.text);
      attr.keyLoc = key.loc;
      if (!parseAttrValue(attr.value))
        return false;
      attrs.push_back(std::move(attr));
    } else {
      if (!attrs.empty())
        return fail(peek(), "operands must come before attributes");
      NodeId id = parseExpression();
      if (id == kNoNode)
        return false;
      operands.push_back(id);
    }
    if (!at(TokenKind::Comma))
      return expectClose(TokenKind::RParen, open);
    consume();
  }
}

bool Parser::parseAttrValue(AttrValue &value) {
  const Token &token = peek();
  value.loc = token.loc;
  if (token.kind == TokenKind::KwTrue || token.kind == TokenKind::KwFalse) {
    value.kind = AttrValue::Kind::Bool;
    value.boolean = token.kind == TokenKind::KwTrue;
    consume();
    return true;
  }
  if (token.kind != TokenKind::LBracket) {
    value.kind = AttrValue::Kind::Integer;
    return parseInteger(value.integer, value.loc,
                        "an attribute value (an integer, a list of integers, "
                        "true or false)");
  }
  value.kind = AttrValue::Kind::List;
  Token open = consume();
  if (at(TokenKind::RBracket)) {
    consume();
    return true;
  }
  while (true) {
    int64_t element;
    SourceLoc loc;
    if (!parseInteger(element, loc, "an integer"))
      return false;
    value.list.push_back(element);
    value.elementLocs.push_back(loc);
    if (!at(TokenKind::Comma))
      return expectClose(TokenKind::RBracket, open);
    consume();
  }
}

bool Parser::parseInteger(int64_t &value, SourceLoc &loc, const char *what) {
  loc = peek().loc;
  bool negative = at(TokenKind::Minus);
  if (negative)
    consume();
  const Token &token = peek();
  if (token.kind != TokenKind::Number)
    return fail(token, std::string("expected ") +
                           (negative ? "an integer" : what) + ", found " +
                           describeToken(token));
  if (!token.isInteger)
    return fail(token, "expected an integer, found " + describeToken(token));
  if (!parseDigits(token.text, value))
    return fail(token, "integer " + describeToken(token) + " is too large");
  if (negative)
    value = -value;
  consume();
  return true;
}

//===----------------------------------------------------------------------===//
// Nodes
//===----------------------------------------------------------------------===//

NodeId Parser::addNode(Node node) {
  graph.nodes.push_back(std::move(node));
  return static_cast<NodeId>(graph.nodes.size() - 1);
}

NodeId Parser::addOp(OpKind kind, std::vector<NodeId> operands,
                     const Attributes &attrs, SourceLoc loc) {
  std::vector<Shape> shapes;
  for (NodeId operand : operands)
    shapes.push_back(graph.node(operand).shape);
  InferredShape result = inferShape(kind, shapes, attrs);
  if (!result.ok()) {
    failAt(loc, result.error);
    return kNoNode;
  }
  Node node;
  node.kind = kind;
  node.operands = std::move(operands);
  node.attrs = attrs;
  node.shape = std::move(result.shape);
  node.loc = loc;
  NodeId id = addNode(std::move(node));
  if (!typeKnown) {
    unchecked.emplace_back(id, std::string_view());
    return id;
  }
  return checkValue(id, {}) ? id : kNoNode;
}

NodeId Parser::addConstant(const Token &number) {
  Node node;
  node.kind = OpKind::Constant;
  node.constant = number.number;
  node.loc = number.loc;
  NodeId id = addNode(std::move(node));
  if (!typeKnown) {
    unchecked.emplace_back(id, number.text);
    return id;
  }
  return checkValue(id, number.text) ? id : kNoNode;
}

bool Parser::setElementType(const Token &typeToken) {
  ElementType type =
      typeToken.kind == TokenKind::KwF32 ? ElementType::F32 : ElementType::F64;
  if (typeKnown) {
    if (type == graph.elementType)
      return true;
    return fail(typeToken, "element type " + std::string(typeToken.text) +
                               " differs from the model's element type " +
                               elementTypeName(graph.elementType) +
                               " (declared at " + formatLoc(typeLoc) + ")");
  }
  typeKnown = true;
  typeLoc = typeToken.loc;
  graph.elementType = type;
  for (const auto &[id, text] : unchecked)
    if (!checkValue(id, text))
      return false;
  unchecked.clear();
  return true;
}

bool Parser::checkValue(NodeId id, std::string_view text) {
  const Node &node = graph.node(id);
  if (node.kind == OpKind::Constant) {
    if (graph.elementType == ElementType::F32 &&
        !isFiniteAsFloat(node.constant))
      return failAt(node.loc, "number '" + std::string(text) +
                                  "' is out of range for f32");
    return true;
  }
  if (!fitsByteLimit(node.shape, graph.elementType))
    return failAt(node.loc, "the result of '" +
                                std::string(getOpInfo(node.kind).name) +
                                "', of shape " + formatShape(node.shape) +
                                ", is larger than 2^48 bytes as " +
                                elementTypeName(graph.elementType));
  return true;
}

} // namespace

std::optional<Graph> parseModel(std::string_view source,
                                std::string_view fileName, Diagnostic &diag) {
  return Parser(source, fileName, diag).parse();
}

std::string defaultModelName(std::string_view fileName) {
  size_t slash = fileName.find_last_of("/\\");
  std::string_view stem =
      slash == std::string_view::npos ? fileName : fileName.substr(slash + 1);
  size_t dot = stem.rfind('.');
  if (dot != std::string_view::npos && dot != 0)
    stem = stem.substr(0, dot);
  std::string name;
  for (char c : stem) {
    bool valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c == '_';
    name += valid ? c : '_';
  }
  if (name.empty() || (name[0] >= '0' && name[0] <= '9'))
    name.insert(name.begin(), '_');
  return name;
}

std::optional<Diagnostic> checkScalarLoss(const Graph &graph) {
  if (graph.outputs.empty())
    return Diagnostic{{}, "the model has no output to use as the loss"};
  const Node &loss = graph.node(graph.outputs.front());
  if (loss.shape.empty())
    return std::nullopt;
  SourceLoc loc = graph.outputLocs.empty() ? loss.loc : graph.outputLocs[0];
  std::string name =
      graph.outputNames.empty() ? loss.name : graph.outputNames[0];
  return Diagnostic{loc, "the loss '" + name +
                             "' (the first output) must be a scalar, but "
                             "has shape " +
                             formatShape(loss.shape)};
}

} // namespace adjoint::graph

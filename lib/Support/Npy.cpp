//===- Npy.cpp - NumPy .npy files -------------------------------*- C++ -*-===//
//
// Reader and writer of NumPy .npy files (format versions 1.0, 2.0, 3.0) for
// little-endian f32/f64 arrays in C order. The header is a Python dict
// literal; it is parsed here by a small, depth-limited parser of the literal
// subset NumPy writes (strings, integers, booleans, None, tuples, lists,
// dicts), so key order, whitespace, quotes and trailing commas do not
// matter. Nothing is allocated from header values: the declared shape must
// equal the expected one and the data size is checked against the bytes
// actually present (with overflow checks) before any buffer is sized.
// Writing goes to a uniquely named temporary file in the destination's
// directory, renamed into place only once it is complete.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Support/Npy.h"

#include "adjoint/Support/AtomicFiles.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <new>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace adjoint;
using graph::ElementType;
using graph::Shape;

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;
/// Magic, two version bytes, and the shortest (2-byte) header length field.
constexpr size_t kMinPreamble = kMagicSize + 2 + 2;
/// Data starts at a multiple of this in the files we write (as NumPy does).
constexpr size_t kAlignment = 64;
/// Deepest nesting accepted in a header literal.
constexpr int kMaxDepth = 16;

int64_t byteSize(ElementType type) { return type == ElementType::F64 ? 8 : 4; }

const char *descrFor(ElementType type) {
  return type == ElementType::F64 ? "<f8" : "<f4";
}

const char *typeName(ElementType type) {
  return type == ElementType::F64 ? "f64" : "f32";
}

/// A shape as NumPy prints it: "()", "(3,)", "(3, 4)".
std::string formatNpyShape(const Shape &shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += ", ";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1)
    s += ",";
  s += ")";
  return s;
}

/// The byte size of `shape` elements of `elemSize` bytes; false on overflow
/// or a negative dimension.
bool checkedByteSize(const Shape &shape, int64_t elemSize, uint64_t &bytes) {
  uint64_t n = static_cast<uint64_t>(elemSize);
  for (int64_t d : shape) {
    if (d < 0)
      return false;
    if (__builtin_mul_overflow(n, static_cast<uint64_t>(d), &n))
      return false;
  }
  bytes = n;
  return true;
}

/// Makes a string printable in a message: quotes it in Python style and
/// escapes control and non-ASCII bytes; long strings are cut.
std::string quoteForMessage(std::string_view s) {
  std::string out = "'";
  size_t limit = 40;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == limit) {
      out += "...";
      break;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\'' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", c);
      out += buf;
    }
  }
  out += "'";
  return out;
}

//===----------------------------------------------------------------------===//
// Header literal parser
//===----------------------------------------------------------------------===//

/// A Python literal value of the subset used by .npy headers.
struct PyValue {
  enum Kind { Str, Int, Bool, None, Tuple, List, Dict } kind = None;
  std::string str;
  int64_t integer = 0;
  bool boolean = false;
  /// Tuple and List elements; Dict values (keys in `keys`).
  std::vector<PyValue> items;
  std::vector<std::string> keys;
};

class HeaderParser {
public:
  explicit HeaderParser(std::string_view text) : text(text) {}

  /// Parses the whole text as one dict literal followed by whitespace.
  bool parseDict(PyValue &out, std::string &error) {
    skipSpace();
    if (!parseValue(out, 0))
      return fail(error);
    if (out.kind != PyValue::Dict) {
      err = "the header is not a dict literal";
      return fail(error);
    }
    skipSpace();
    if (pos != text.size()) {
      err = "unexpected " + describeHere() + " after the header dict";
      return fail(error);
    }
    return true;
  }

private:
  std::string_view text;
  size_t pos = 0;
  std::string err;

  bool fail(std::string &error) {
    error = "malformed header: " + err;
    return false;
  }

  static bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
  }
  void skipSpace() {
    while (pos < text.size() && isSpace(text[pos]))
      ++pos;
  }
  std::string describeHere() const {
    if (pos >= text.size())
      return "end of header";
    return quoteForMessage(text.substr(pos, 1)) + " at offset " +
           std::to_string(pos);
  }
  bool expected(const char *what) {
    err = std::string("expected ") + what + ", found " + describeHere();
    return false;
  }

  bool parseValue(PyValue &out, int depth) {
    if (depth > kMaxDepth) {
      err = "nested too deeply";
      return false;
    }
    skipSpace();
    if (pos >= text.size())
      return expected("a value");
    char c = text[pos];
    if (c == '\'' || c == '"')
      return parseString(out);
    if (c == '{')
      return parseDictBody(out, depth);
    if (c == '(')
      return parseSequence(out, depth, ')');
    if (c == '[')
      return parseSequence(out, depth, ']');
    if (c == '-' || c == '+' || (c >= '0' && c <= '9'))
      return parseInt(out);
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t start = pos;
      while (pos < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[pos])) ||
              text[pos] == '_'))
        ++pos;
      std::string_view word = text.substr(start, pos - start);
      if (word == "True" || word == "False") {
        out.kind = PyValue::Bool;
        out.boolean = word == "True";
        return true;
      }
      if (word == "None") {
        out.kind = PyValue::None;
        return true;
      }
      pos = start;
      err = "unknown name " + quoteForMessage(word) + " at offset " +
            std::to_string(start);
      return false;
    }
    return expected("a value");
  }

  bool parseString(PyValue &out) {
    char quote = text[pos++];
    std::string s;
    while (true) {
      if (pos >= text.size() || text[pos] == '\n') {
        err = "unterminated string";
        return false;
      }
      char c = text[pos++];
      if (c == quote)
        break;
      if (c == '\\') {
        if (pos >= text.size()) {
          err = "unterminated string";
          return false;
        }
        // Only the escapes a dtype string could plausibly hold matter; the
        // escaped character is kept as is.
        c = text[pos++];
      }
      s += c;
    }
    out.kind = PyValue::Str;
    out.str = std::move(s);
    return true;
  }

  bool parseInt(PyValue &out) {
    size_t start = pos;
    bool negative = false;
    if (text[pos] == '-' || text[pos] == '+') {
      negative = text[pos] == '-';
      ++pos;
      skipSpace();
    }
    if (pos >= text.size() || !(text[pos] >= '0' && text[pos] <= '9'))
      return expected("a digit");
    int64_t value = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      int digit = text[pos] - '0';
      if (__builtin_mul_overflow(value, int64_t(10), &value) ||
          __builtin_add_overflow(value, int64_t(digit), &value)) {
        err = "integer too large at offset " + std::to_string(start);
        return false;
      }
      ++pos;
    }
    // Python 2 era files may write long integers as "3L".
    if (pos < text.size() && (text[pos] == 'L' || text[pos] == 'l'))
      ++pos;
    if (pos < text.size() &&
        (std::isalnum(static_cast<unsigned char>(text[pos])) ||
         text[pos] == '.' || text[pos] == '_')) {
      err = "invalid number at offset " + std::to_string(start);
      return false;
    }
    out.kind = PyValue::Int;
    out.integer = negative ? -value : value;
    return true;
  }

  /// `(...)` or `[...]`. A parenthesized single value without a comma is
  /// just that value, as in Python: `(3)` is the integer 3.
  bool parseSequence(PyValue &out, int depth, char close) {
    ++pos;
    std::vector<PyValue> items;
    bool sawComma = false;
    while (true) {
      skipSpace();
      if (pos < text.size() && text[pos] == close) {
        ++pos;
        break;
      }
      PyValue item;
      if (!parseValue(item, depth + 1))
        return false;
      items.push_back(std::move(item));
      skipSpace();
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
        sawComma = true;
        continue;
      }
      if (pos < text.size() && text[pos] == close) {
        ++pos;
        break;
      }
      return expected(close == ')' ? "',' or ')'" : "',' or ']'");
    }
    if (close == ')' && items.size() == 1 && !sawComma) {
      out = std::move(items[0]);
      return true;
    }
    out = PyValue();
    out.kind = close == ')' ? PyValue::Tuple : PyValue::List;
    out.items = std::move(items);
    return true;
  }

  bool parseDictBody(PyValue &out, int depth) {
    ++pos;
    PyValue dict;
    dict.kind = PyValue::Dict;
    while (true) {
      skipSpace();
      if (pos < text.size() && text[pos] == '}') {
        ++pos;
        break;
      }
      if (pos >= text.size() || (text[pos] != '\'' && text[pos] != '"'))
        return expected("a quoted key or '}'");
      PyValue key;
      if (!parseString(key))
        return false;
      for (const std::string &k : dict.keys) {
        if (k == key.str) {
          err = "duplicate key " + quoteForMessage(key.str);
          return false;
        }
      }
      skipSpace();
      if (pos >= text.size() || text[pos] != ':')
        return expected("':'");
      ++pos;
      PyValue value;
      if (!parseValue(value, depth + 1))
        return false;
      dict.keys.push_back(std::move(key.str));
      dict.items.push_back(std::move(value));
      skipSpace();
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
        continue;
      }
      if (pos < text.size() && text[pos] == '}') {
        ++pos;
        break;
      }
      return expected("',' or '}'");
    }
    out = std::move(dict);
    return true;
  }
};

bool isValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xe0) == 0xc0) {
      len = 2;
      cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size())
      return false;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80)
        return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
        (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
        (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    i += len;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

/// Where the header and the data are, from the fixed-size preamble.
struct Preamble {
  int major = 0;
  uint64_t headerStart = 0;
  uint64_t dataOffset = 0;
};

/// Checks the magic string, the version and the header length of a file of
/// `fileSize` bytes starting with `prefix` (at least min(fileSize, 12)
/// bytes of it).
bool parsePreamble(std::string_view prefix, uint64_t fileSize, Preamble &out,
                   std::string &error) {
  if (fileSize == 0) {
    error = "not a .npy file: the file is empty";
    return false;
  }
  if (prefix.size() < kMagicSize ||
      std::memcmp(prefix.data(), kMagic, kMagicSize) != 0) {
    error = "not a .npy file: bad magic string (expected '\\x93NUMPY')";
    return false;
  }
  if (prefix.size() < kMagicSize + 2) {
    error = "truncated header: the file ends in the version bytes";
    return false;
  }
  int major = static_cast<unsigned char>(prefix[6]);
  int minor = static_cast<unsigned char>(prefix[7]);
  if ((major != 1 && major != 2 && major != 3) || minor != 0) {
    error = "unsupported .npy format version " + std::to_string(major) + "." +
            std::to_string(minor) + " (expected 1.0, 2.0 or 3.0)";
    return false;
  }
  size_t lenBytes = major == 1 ? 2 : 4;
  if (prefix.size() < kMagicSize + 2 + lenBytes) {
    error = "truncated header: the file ends in the header length";
    return false;
  }
  uint64_t headerLen = 0;
  for (size_t i = 0; i < lenBytes; ++i)
    headerLen |=
        static_cast<uint64_t>(static_cast<unsigned char>(prefix[8 + i]))
        << (8 * i);
  out.major = major;
  out.headerStart = kMagicSize + 2 + lenBytes;
  out.dataOffset = out.headerStart + headerLen;
  if (out.dataOffset > fileSize) {
    error = "truncated header: header length " + std::to_string(headerLen) +
            " goes past the end of the file (" + std::to_string(fileSize) +
            " bytes)";
    return false;
  }
  return true;
}

/// Parses the header text and checks dtype, order and shape against the
/// expectation; `dataBytes` is the byte size the data must have.
bool checkHeader(std::string_view header, int major, ElementType type,
                 const Shape &shape, uint64_t &dataBytes, std::string &error) {
  if (major == 3 && !isValidUtf8(header)) {
    error = "malformed header: not valid UTF-8";
    return false;
  }
  PyValue dict;
  if (!HeaderParser(header).parseDict(dict, error))
    return false;

  const PyValue *descr = nullptr, *fortran = nullptr, *shapeValue = nullptr;
  for (size_t i = 0; i < dict.keys.size(); ++i) {
    const std::string &key = dict.keys[i];
    if (key == "descr")
      descr = &dict.items[i];
    else if (key == "fortran_order")
      fortran = &dict.items[i];
    else if (key == "shape")
      shapeValue = &dict.items[i];
    else {
      error = "malformed header: unexpected key " + quoteForMessage(key) +
              " (expected 'descr', 'fortran_order' and 'shape')";
      return false;
    }
  }
  const char *missing = !descr        ? "descr"
                        : !fortran    ? "fortran_order"
                        : !shapeValue ? "shape"
                                      : nullptr;
  if (missing) {
    error = std::string("malformed header: missing key '") + missing + "'";
    return false;
  }

  std::string want = std::string("expected dtype '") + descrFor(type) + "' (" +
                     typeName(type) + "), found ";
  if (descr->kind != PyValue::Str) {
    error = want + "a structured or non-string dtype descriptor";
    return false;
  }
  if (descr->str != descrFor(type)) {
    error = want + quoteForMessage(descr->str);
    const std::string &d = descr->str;
    if (d == "<f4" || d == "<f8")
      error += std::string(" (") + (d == "<f8" ? "f64" : "f32") + ")";
    else if (!d.empty() && d[0] == '>')
      error += " (big-endian data is not supported)";
    return false;
  }

  if (fortran->kind != PyValue::Bool) {
    error = "malformed header: 'fortran_order' is not True or False";
    return false;
  }
  if (fortran->boolean) {
    error = "Fortran order is not supported (expected a C-order array with "
            "fortran_order False)";
    return false;
  }

  if (shapeValue->kind != PyValue::Tuple) {
    error = "malformed header: 'shape' is not a tuple";
    return false;
  }
  Shape found;
  for (const PyValue &dim : shapeValue->items) {
    if (dim.kind != PyValue::Int || dim.integer < 0) {
      error = "malformed header: 'shape' holds something other than "
              "non-negative integers";
      return false;
    }
    found.push_back(dim.integer);
  }
  if (found != shape) {
    error = "expected shape " + formatNpyShape(shape) + ", found " +
            formatNpyShape(found);
    return false;
  }
  if (!checkedByteSize(shape, byteSize(type), dataBytes)) {
    error = "array size " + formatNpyShape(shape) + " overflows";
    return false;
  }
  return true;
}

bool checkDataSize(uint64_t expected, uint64_t found, std::string &error) {
  if (found < expected) {
    error = "truncated data: expected " + std::to_string(expected) +
            " bytes, found " + std::to_string(found);
    return false;
  }
  if (found > expected) {
    error = "extra data: expected " + std::to_string(expected) +
            " bytes, found " + std::to_string(found) + " (" +
            std::to_string(found - expected) + " bytes after the data)";
    return false;
  }
  return true;
}

/// A file descriptor closed on scope exit.
struct Fd {
  int fd = -1;
  explicit Fd(int fd) : fd(fd) {}
  ~Fd() {
    if (fd >= 0)
      ::close(fd);
  }
  Fd(const Fd &) = delete;
  Fd &operator=(const Fd &) = delete;
};

/// Reads exactly `n` bytes at the current position; false on error or EOF
/// (errno is 0 on a short read).
bool readFully(int fd, char *dst, size_t n) {
  while (n > 0) {
    ssize_t got = ::read(fd, dst, n);
    if (got < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    if (got == 0) {
      errno = 0;
      return false;
    }
    dst += got;
    n -= static_cast<size_t>(got);
  }
  return true;
}

std::string errnoMessage(int err) {
  return err ? std::strerror(err) : "unexpected end of file";
}

} // namespace

bool adjoint::parseNpy(const std::string &bytes, ElementType type,
                       const Shape &shape, NpyArray &out, std::string &error) {
  Preamble pre;
  if (!parsePreamble(bytes, bytes.size(), pre, error))
    return false;
  std::string_view header(bytes.data() + pre.headerStart,
                          pre.dataOffset - pre.headerStart);
  uint64_t dataBytes = 0;
  if (!checkHeader(header, pre.major, type, shape, dataBytes, error))
    return false;
  if (!checkDataSize(dataBytes, bytes.size() - pre.dataOffset, error))
    return false;
  out.type = type;
  out.shape = shape;
  out.data.assign(bytes.begin() + static_cast<std::ptrdiff_t>(pre.dataOffset),
                  bytes.end());
  return true;
}

bool adjoint::readNpy(const std::string &path, ElementType type,
                      const Shape &shape, NpyArray &out, std::string &error) {
  auto fail = [&](const std::string &message) {
    error = path + ": error: " + message;
    return false;
  };
  int rawFd;
  do {
    rawFd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (rawFd < 0 && errno == EINTR);
  if (rawFd < 0)
    return fail(std::string("cannot open file: ") + std::strerror(errno));
  Fd fd(rawFd);
  struct stat st;
  if (::fstat(fd.fd, &st) != 0)
    return fail(std::string("cannot open file: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode))
    return fail("cannot open file: " + std::string(std::strerror(EISDIR)));
  if (!S_ISREG(st.st_mode))
    return fail("cannot read file: not a regular file");
  uint64_t fileSize = static_cast<uint64_t>(st.st_size);

  // The preamble: up to 12 bytes (magic, version, 4-byte header length).
  std::string prefix(static_cast<size_t>(std::min<uint64_t>(fileSize, 12)),
                     '\0');
  if (!readFully(fd.fd, prefix.data(), prefix.size()))
    return fail("cannot read file: " + errnoMessage(errno));
  Preamble pre;
  std::string message;
  if (!parsePreamble(prefix, fileSize, pre, message))
    return fail(message);

  // The header. Its length is bounded by the file's real size.
  std::string header(static_cast<size_t>(pre.dataOffset - pre.headerStart),
                     '\0');
  if (::lseek(fd.fd, static_cast<off_t>(pre.headerStart), SEEK_SET) < 0 ||
      !readFully(fd.fd, header.data(), header.size()))
    return fail("cannot read file: " + errnoMessage(errno));
  uint64_t dataBytes = 0;
  if (!checkHeader(header, pre.major, type, shape, dataBytes, message))
    return fail(message);
  if (!checkDataSize(dataBytes, fileSize - pre.dataOffset, message))
    return fail(message);

  // Only now, with the size matching the file, allocate and read.
  std::vector<char> data;
  try {
    data.resize(static_cast<size_t>(dataBytes));
  } catch (const std::bad_alloc &) {
    return fail("cannot allocate " + std::to_string(dataBytes) + " bytes");
  }
  if (!readFully(fd.fd, data.data(), data.size()))
    return fail("cannot read file: " + errnoMessage(errno));
  out.type = type;
  out.shape = shape;
  out.data = std::move(data);
  return true;
}

std::string adjoint::serializeNpy(const NpyArray &array) {
  std::string dict =
      std::string("{'descr': '") + descrFor(array.type) +
      "', 'fortran_order': False, 'shape': " + formatNpyShape(array.shape) +
      ", }";
  // Version 1.0 has a 2-byte header length; NumPy falls back to 2.0 for
  // longer headers, and so do we (only reachable with absurd ranks).
  bool v2 = false;
  size_t preamble = kMinPreamble;
  size_t total =
      (preamble + dict.size() + 1 + kAlignment - 1) / kAlignment * kAlignment;
  if (total - preamble > 0xffff) {
    v2 = true;
    preamble = kMinPreamble + 2;
    total =
        (preamble + dict.size() + 1 + kAlignment - 1) / kAlignment * kAlignment;
  }
  size_t headerLen = total - preamble;
  std::string out(kMagic, kMagicSize);
  out += static_cast<char>(v2 ? 2 : 1);
  out += '\0';
  for (size_t i = 0; i < (v2 ? 4u : 2u); ++i)
    out += static_cast<char>((headerLen >> (8 * i)) & 0xff);
  out += dict;
  out.append(headerLen - dict.size() - 1, ' ');
  out += '\n';
  out.append(array.data.begin(), array.data.end());
  return out;
}

/// The .npy bytes of `array`, after checking its buffer holds exactly its
/// shape's bytes. On error sets `message` and returns false.
static bool serializeChecked(const NpyArray &array, std::string &bytes,
                             std::string &message) {
  uint64_t expected = 0;
  if (!checkedByteSize(array.shape, byteSize(array.type), expected)) {
    message = "array size " + formatNpyShape(array.shape) + " overflows";
    return false;
  }
  if (expected != array.data.size()) {
    message = "internal error: shape " + formatNpyShape(array.shape) + " of " +
              typeName(array.type) + " needs " + std::to_string(expected) +
              " bytes, the buffer holds " + std::to_string(array.data.size());
    return false;
  }
  bytes = serializeNpy(array);
  return true;
}

bool adjoint::writeNpy(const std::string &path, const NpyArray &array,
                       std::string &error) {
  return writeNpyFiles({path}, {array}, error);
}

bool adjoint::writeNpyFiles(const std::vector<std::string> &paths,
                            const std::vector<NpyArray> &arrays,
                            std::string &error) {
  if (paths.size() != arrays.size()) {
    error = "error: internal error: " + std::to_string(paths.size()) +
            " paths for " + std::to_string(arrays.size()) + " arrays";
    return false;
  }
  std::vector<std::string> contents(arrays.size());
  for (size_t i = 0; i < arrays.size(); ++i) {
    std::string message;
    if (!serializeChecked(arrays[i], contents[i], message)) {
      error = paths[i] + ": error: " + message;
      return false;
    }
  }
  return writeFilesAtomically(paths, contents, error);
}

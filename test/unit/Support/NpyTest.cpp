//===- NpyTest.cpp - Tests of the .npy reader and writer --------*- C++ -*-===//
//
// Unit tests of lib/Support/Npy.cpp. Fixtures are built byte by byte from the
// .npy format specification (magic, version, little-endian header length,
// Python dict header, raw data), including the exact layout NumPy's np.save
// produces; test/Integration/forward_oracle.py checks against NumPy itself.
//
//===----------------------------------------------------------------------===//

#include "adjoint/Support/Npy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

using adjoint::NpyArray;
using adjoint::graph::ElementType;
using adjoint::graph::Shape;

namespace {

/// A .npy file: magic, version, header length (2 bytes for v1, else 4),
/// header text exactly as given, then data.
std::string makeNpy(int major, const std::string &header,
                    const std::string &data, int minor = 0) {
  std::string out("\x93NUMPY", 6);
  out += static_cast<char>(major);
  out += static_cast<char>(minor);
  size_t len = header.size();
  int lenBytes = major == 1 ? 2 : 4;
  for (int i = 0; i < lenBytes; ++i)
    out += static_cast<char>((len >> (8 * i)) & 0xff);
  out += header;
  out += data;
  return out;
}

/// The header NumPy's np.save writes for version 1.0: the dict, spaces up to
/// a 64-byte boundary of the whole preamble, and a newline.
std::string numpyHeader(const std::string &descr, const std::string &shape) {
  std::string dict = "{'descr': '" + descr +
                     "', 'fortran_order': False, 'shape': " + shape + ", }";
  size_t total = (10 + dict.size() + 1 + 63) / 64 * 64;
  return dict + std::string(total - 10 - dict.size() - 1, ' ') + "\n";
}

template <typename T>
std::string rawBytes(const std::vector<T> &values) {
  return std::string(reinterpret_cast<const char *>(values.data()),
                     values.size() * sizeof(T));
}

std::vector<float> iota32(size_t n) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i)
    v[i] = 0.5f * static_cast<float>(i) - 3.25f;
  return v;
}

std::vector<double> iota64(size_t n) {
  std::vector<double> v(n);
  for (size_t i = 0; i < n; ++i)
    v[i] = 1.0 / (static_cast<double>(i) + 3.0) - 0.125;
  return v;
}

NpyArray makeArray(ElementType type, Shape shape, const std::string &bytes) {
  NpyArray a;
  a.type = type;
  a.shape = std::move(shape);
  a.data.assign(bytes.begin(), bytes.end());
  return a;
}

/// Parses `bytes` expecting failure; returns the error message.
std::string parseError(const std::string &bytes, ElementType type,
                       const Shape &shape) {
  NpyArray out;
  std::string error;
  bool ok = adjoint::parseNpy(bytes, type, shape, out, error);
  EXPECT_FALSE(ok) << "parsed unexpectedly";
  EXPECT_FALSE(error.empty());
  return error;
}

/// A fresh directory, removed with its files at the end of the test.
class NpyFileTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string base = ::testing::TempDir();
    if (base.empty() || base.back() != '/')
      base += '/';
    std::string tmpl = base + "npytest.XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    ASSERT_NE(::mkdtemp(buf.data()), nullptr) << std::strerror(errno);
    dir = buf.data();
  }
  void TearDown() override {
    for (const std::string &name : listDir()) {
      std::string p = dir + "/" + name;
      struct stat st;
      if (::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        ::rmdir(p.c_str());
      else
        std::remove(p.c_str());
    }
    ::rmdir(dir.c_str());
  }
  std::vector<std::string> listDir() const {
    std::vector<std::string> names;
    if (DIR *d = ::opendir(dir.c_str())) {
      while (dirent *e = ::readdir(d)) {
        std::string n = e->d_name;
        if (n != "." && n != "..")
          names.push_back(n);
      }
      ::closedir(d);
    }
    return names;
  }
  std::string path(const std::string &name) const { return dir + "/" + name; }
  void writeRaw(const std::string &name, const std::string &bytes) const {
    std::ofstream f(path(name), std::ios::binary);
    f << bytes;
  }
  std::string readRaw(const std::string &name) const {
    std::ifstream f(path(name), std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }

  std::string dir;
};

//===----------------------------------------------------------------------===//
// Writing: the exact bytes
//===----------------------------------------------------------------------===//

TEST(NpySerialize, MatchesNumPyLayoutF32) {
  std::vector<float> v = iota32(12);
  NpyArray a = makeArray(ElementType::F32, {3, 4}, rawBytes(v));
  std::string bytes = adjoint::serializeNpy(a);
  std::string expected = makeNpy(1, numpyHeader("<f4", "(3, 4)"), rawBytes(v));
  EXPECT_EQ(bytes, expected);
  EXPECT_EQ((bytes.size() - v.size() * 4) % 64, 0u);
  EXPECT_EQ(bytes[bytes.size() - v.size() * 4 - 1], '\n');
}

TEST(NpySerialize, MatchesNumPyLayoutF64AndScalarAndVector) {
  std::vector<double> v = iota64(5);
  EXPECT_EQ(
      adjoint::serializeNpy(makeArray(ElementType::F64, {5}, rawBytes(v))),
      makeNpy(1, numpyHeader("<f8", "(5,)"), rawBytes(v)));
  std::vector<double> s = {2.5};
  EXPECT_EQ(adjoint::serializeNpy(makeArray(ElementType::F64, {}, rawBytes(s))),
            makeNpy(1, numpyHeader("<f8", "()"), rawBytes(s)));
}

TEST(NpySerialize, AlignsEveryRankTo64) {
  for (int rank = 0; rank <= 6; ++rank) {
    Shape shape(static_cast<size_t>(rank), 123456789);
    NpyArray a;
    a.type = ElementType::F32;
    a.shape = shape;
    std::string bytes = adjoint::serializeNpy(a); // no data: header only
    EXPECT_EQ(bytes.size() % 64, 0u) << "rank " << rank;
    EXPECT_EQ(bytes.back(), '\n');
    EXPECT_EQ(bytes[6], 1);
    EXPECT_EQ(bytes[7], 0);
    size_t hlen = static_cast<unsigned char>(bytes[8]) |
                  (static_cast<unsigned char>(bytes[9]) << 8);
    EXPECT_EQ(hlen + 10, bytes.size());
  }
}

//===----------------------------------------------------------------------===//
// Reading: accepted inputs
//===----------------------------------------------------------------------===//

TEST(NpyParse, ReadsNumPyLayout) {
  std::vector<float> v = iota32(12);
  std::string bytes = makeNpy(1, numpyHeader("<f4", "(3, 4)"), rawBytes(v));
  NpyArray out;
  std::string error;
  ASSERT_TRUE(adjoint::parseNpy(bytes, ElementType::F32, {3, 4}, out, error))
      << error;
  EXPECT_EQ(out.type, ElementType::F32);
  EXPECT_EQ(out.shape, (Shape{3, 4}));
  EXPECT_EQ(std::string(out.data.begin(), out.data.end()), rawBytes(v));
}

TEST(NpyParse, AcceptsVersions2And3) {
  std::vector<double> v = iota64(6);
  std::string header =
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }\n";
  for (int major : {2, 3}) {
    NpyArray out;
    std::string error;
    ASSERT_TRUE(adjoint::parseNpy(makeNpy(major, header, rawBytes(v)),
                                  ElementType::F64, {2, 3}, out, error))
        << "version " << major << ": " << error;
    EXPECT_EQ(std::string(out.data.begin(), out.data.end()), rawBytes(v));
  }
}

TEST(NpyParse, AcceptsVersion3Utf8AndLongHeader) {
  // A v3 header is UTF-8; a valid multi-byte sequence in the padding area
  // is not possible (only whitespace is allowed), so check a long header
  // whose length needs more than two bytes.
  std::vector<float> v = iota32(2);
  std::string header =
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }" +
      std::string(70000, ' ') + "\n";
  NpyArray out;
  std::string error;
  EXPECT_TRUE(adjoint::parseNpy(makeNpy(3, header, rawBytes(v)),
                                ElementType::F32, {2}, out, error))
      << error;
  EXPECT_TRUE(adjoint::parseNpy(makeNpy(2, header, rawBytes(v)),
                                ElementType::F32, {2}, out, error))
      << error;
}

TEST(NpyParse, HeaderSpellings) {
  std::vector<float> v = iota32(12);
  const char *headers[] = {
      // Key order, double quotes, no trailing comma, no newline.
      "{\"shape\": (3, 4), \"descr\": \"<f4\", \"fortran_order\": False}",
      // Extra spaces everywhere and trailing commas in dict and tuple.
      "  {  'fortran_order' :False ,'shape':(  3 ,4 , ) ,  'descr' : '<f4' , "
      "}  \n",
      // Tabs, newlines and mixed quotes.
      "{\t'descr':\t\"<f4\",\n'fortran_order': False,\r\n'shape': (3,4)}\n",
      // Python 2 long integers.
      "{'descr': '<f4', 'fortran_order': False, 'shape': (3L, 4L), }\n",
  };
  for (const char *h : headers) {
    NpyArray out;
    std::string error;
    EXPECT_TRUE(adjoint::parseNpy(makeNpy(1, h, rawBytes(v)), ElementType::F32,
                                  {3, 4}, out, error))
        << h << ": " << error;
  }
}

TEST(NpyParse, ScalarAndOneDimensionalShapes) {
  std::vector<float> one = {4.0f};
  NpyArray out;
  std::string error;
  EXPECT_TRUE(adjoint::parseNpy(
      makeNpy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': ()}",
              rawBytes(one)),
      ElementType::F32, {}, out, error))
      << error;
  EXPECT_TRUE(out.shape.empty());
  EXPECT_EQ(out.data.size(), 4u);
  EXPECT_TRUE(adjoint::parseNpy(
      makeNpy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)}",
              rawBytes(one)),
      ElementType::F32, {1}, out, error))
      << error;
}

//===----------------------------------------------------------------------===//
// Reading: rejections
//===----------------------------------------------------------------------===//

std::string f32Header(const std::string &shape) {
  return "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
}

TEST(NpyReject, WrongDtype) {
  std::vector<double> v = iota64(12);
  std::string e =
      parseError(makeNpy(1, numpyHeader("<f8", "(3, 4)"), rawBytes(v)),
                 ElementType::F32, {3, 4});
  EXPECT_NE(e.find("expected dtype '<f4' (f32), found '<f8' (f64)"),
            std::string::npos)
      << e;
  std::vector<float> w = iota32(12);
  e = parseError(makeNpy(1, numpyHeader("<f4", "(3, 4)"), rawBytes(w)),
                 ElementType::F64, {3, 4});
  EXPECT_NE(e.find("expected dtype '<f8' (f64), found '<f4' (f32)"),
            std::string::npos)
      << e;
  e = parseError(makeNpy(1, numpyHeader("<i4", "(3, 4)"), rawBytes(w)),
                 ElementType::F32, {3, 4});
  EXPECT_NE(e.find("expected dtype '<f4' (f32), found '<i4'"),
            std::string::npos)
      << e;
  e = parseError(makeNpy(1, numpyHeader("=f4", "(3, 4)"), rawBytes(w)),
                 ElementType::F32, {3, 4});
  EXPECT_NE(e.find("found '=f4'"), std::string::npos) << e;
}

TEST(NpyReject, BigEndian) {
  std::vector<float> w = iota32(12);
  std::string e =
      parseError(makeNpy(1, numpyHeader(">f4", "(3, 4)"), rawBytes(w)),
                 ElementType::F32, {3, 4});
  EXPECT_NE(e.find("expected dtype '<f4' (f32), found '>f4'"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("big-endian"), std::string::npos) << e;
}

TEST(NpyReject, StructuredDtype) {
  std::string e = parseError(
      makeNpy(1,
              "{'descr': [('a', '<f4'), ('b', '<f4')], 'fortran_order': "
              "False, 'shape': (2,), }",
              std::string(16, '\0')),
      ElementType::F32, {2});
  EXPECT_NE(e.find("expected dtype '<f4' (f32)"), std::string::npos) << e;
}

TEST(NpyReject, WrongShape) {
  std::vector<float> w = iota32(12);
  std::string e =
      parseError(makeNpy(1, numpyHeader("<f4", "(4, 3)"), rawBytes(w)),
                 ElementType::F32, {3, 4});
  EXPECT_NE(e.find("expected shape (3, 4), found (4, 3)"), std::string::npos)
      << e;
  e = parseError(makeNpy(1, numpyHeader("<f4", "(12,)"), rawBytes(w)),
                 ElementType::F32, {3, 4});
  EXPECT_NE(e.find("expected shape (3, 4), found (12,)"), std::string::npos)
      << e;
  std::vector<float> one = {1.0f};
  e = parseError(makeNpy(1, numpyHeader("<f4", "(1,)"), rawBytes(one)),
                 ElementType::F32, {});
  EXPECT_NE(e.find("expected shape (), found (1,)"), std::string::npos) << e;
  e = parseError(makeNpy(1, numpyHeader("<f4", "()"), rawBytes(one)),
                 ElementType::F32, {1});
  EXPECT_NE(e.find("expected shape (1,), found ()"), std::string::npos) << e;
  e = parseError(makeNpy(1, numpyHeader("<f4", "(0, 4)"), ""), ElementType::F32,
                 {3, 4});
  EXPECT_NE(e.find("expected shape (3, 4), found (0, 4)"), std::string::npos)
      << e;
}

TEST(NpyReject, FortranOrder) {
  std::vector<float> w = iota32(12);
  std::string e = parseError(
      makeNpy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (3, 4), }\n",
              rawBytes(w)),
      ElementType::F32, {3, 4});
  EXPECT_NE(e.find("Fortran order is not supported"), std::string::npos) << e;
}

TEST(NpyReject, TruncatedData) {
  std::vector<float> w = iota32(10);
  std::string e =
      parseError(makeNpy(1, numpyHeader("<f4", "(3, 4)"), rawBytes(w)),
                 ElementType::F32, {3, 4});
  EXPECT_NE(e.find("truncated data: expected 48 bytes, found 40"),
            std::string::npos)
      << e;
  e = parseError(makeNpy(1, numpyHeader("<f4", "(3, 4)"), ""), ElementType::F32,
                 {3, 4});
  EXPECT_NE(e.find("truncated data: expected 48 bytes, found 0"),
            std::string::npos)
      << e;
}

TEST(NpyReject, ExtraData) {
  std::vector<float> w = iota32(14);
  std::string e =
      parseError(makeNpy(1, numpyHeader("<f4", "(3, 4)"), rawBytes(w)),
                 ElementType::F32, {3, 4});
  EXPECT_NE(e.find("extra data: expected 48 bytes, found 56"),
            std::string::npos)
      << e;
}

TEST(NpyReject, BadMagic) {
  std::vector<float> w = iota32(12);
  std::string bytes = makeNpy(1, numpyHeader("<f4", "(3, 4)"), rawBytes(w));
  bytes[1] = 'n';
  std::string e = parseError(bytes, ElementType::F32, {3, 4});
  EXPECT_NE(e.find("bad magic string"), std::string::npos) << e;
  e = parseError("", ElementType::F32, {3, 4});
  EXPECT_NE(e.find("empty"), std::string::npos) << e;
  e = parseError("\x93NUM", ElementType::F32, {3, 4});
  EXPECT_NE(e.find("bad magic string"), std::string::npos) << e;
  e = parseError("PK\x03\x04 this is a zip", ElementType::F32, {3, 4});
  EXPECT_NE(e.find("not a .npy file"), std::string::npos) << e;
}

TEST(NpyReject, UnsupportedVersion) {
  std::string header = f32Header("(1,)");
  std::string e = parseError(makeNpy(4, header, std::string(4, '\0')),
                             ElementType::F32, {1});
  EXPECT_NE(e.find("unsupported .npy format version 4.0"), std::string::npos)
      << e;
  e = parseError(makeNpy(1, header, std::string(4, '\0'), 1), ElementType::F32,
                 {1});
  EXPECT_NE(e.find("unsupported .npy format version 1.1"), std::string::npos)
      << e;
  e = parseError(makeNpy(0, header, std::string(4, '\0')), ElementType::F32,
                 {1});
  EXPECT_NE(e.find("unsupported .npy format version 0.0"), std::string::npos)
      << e;
}

TEST(NpyReject, TruncatedPreamble) {
  std::string full = makeNpy(2, f32Header("(1,)"), std::string(4, '\0'));
  for (size_t n : {6u, 7u, 8u, 9u, 10u, 11u}) {
    std::string e = parseError(full.substr(0, n), ElementType::F32, {1});
    EXPECT_NE(e.find("truncated header"), std::string::npos) << n << ": " << e;
  }
}

TEST(NpyReject, HeaderLengthBeyondFile) {
  std::string bytes = makeNpy(1, f32Header("(1,)"), std::string(4, '\0'));
  bytes[8] = '\xff';
  bytes[9] = '\xff';
  std::string e = parseError(bytes, ElementType::F32, {1});
  EXPECT_NE(e.find("header length 65535 goes past the end of the file"),
            std::string::npos)
      << e;
  // A 4-byte length near 2^32 in a v2 file.
  std::string v2 = makeNpy(2, f32Header("(1,)"), std::string(4, '\0'));
  v2[8] = v2[9] = v2[10] = v2[11] = '\xff';
  e = parseError(v2, ElementType::F32, {1});
  EXPECT_NE(e.find("header length 4294967295 goes past the end"),
            std::string::npos)
      << e;
}

TEST(NpyReject, MalformedHeaders) {
  struct Case {
    const char *header;
    const char *message;
  } cases[] = {
      {"", "malformed header"},
      {"   \n", "malformed header"},
      {"['descr', '<f4']", "not a dict"},
      {"{'descr': '<f4', 'fortran_order': False}", "missing key 'shape'"},
      {"{'fortran_order': False, 'shape': (1,)}", "missing key 'descr'"},
      {"{'descr': '<f4', 'shape': (1,)}", "missing key 'fortran_order'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}",
       "unexpected key 'x'"},
      {"{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': "
       "(1,)}",
       "duplicate key 'descr'"},
      {"{'descr': '<f4, 'fortran_order': False, 'shape': (1,)}",
       "malformed header"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,)",
       "malformed header"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} x",
       "after the header dict"},
      {"{'descr': '<f4', 'fortran_order': false, 'shape': (1,)}",
       "unknown name 'false'"},
      {"{'descr': '<f4', 'fortran_order': 0, 'shape': (1,)}",
       "'fortran_order' is not True or False"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': 1}",
       "'shape' is not a tuple"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1)}",
       "'shape' is not a tuple"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': [1]}",
       "'shape' is not a tuple"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}",
       "non-negative integers"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1.0,)}",
       "invalid number"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': ('1',)}",
       "non-negative integers"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': "
       "(99999999999999999999999,)}",
       "integer too large"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,,)}",
       "malformed header"},
      {"{'descr' '<f4', 'fortran_order': False, 'shape': (1,)}",
       "expected ':'"},
      {"{descr: '<f4', 'fortran_order': False, 'shape': (1,)}",
       "expected a quoted key"},
      {"{'descr': '<f4' 'fortran_order': False, 'shape': (1,)}",
       "malformed header"},
  };
  for (const Case &c : cases) {
    std::string e = parseError(makeNpy(1, c.header, std::string(4, '\0')),
                               ElementType::F32, {1});
    EXPECT_NE(e.find(c.message), std::string::npos)
        << "header " << c.header << ": " << e;
  }
}

TEST(NpyReject, DeepNestingDoesNotCrash) {
  std::string deep = "{'descr': " + std::string(100000, '(') + "}";
  std::string e = parseError(makeNpy(2, deep, ""), ElementType::F32, {1});
  EXPECT_NE(e.find("nested too deeply"), std::string::npos) << e;
}

TEST(NpyReject, InvalidUtf8InVersion3) {
  std::string header = f32Header("(1,)") + "\xff\n";
  std::string e = parseError(makeNpy(3, header, std::string(4, '\0')),
                             ElementType::F32, {1});
  EXPECT_NE(e.find("not valid UTF-8"), std::string::npos) << e;
}

TEST(NpyReject, HostileShapeDoesNotAllocate) {
  // The shape matches what is asked for, but the data is not there: this
  // must be reported without allocating 2^60 bytes.
  Shape huge = {int64_t(1) << 30, int64_t(1) << 28};
  std::string e = parseError(
      makeNpy(1, f32Header("(1073741824, 268435456)"), std::string(8, '\0')),
      ElementType::F32, huge);
  EXPECT_NE(e.find("truncated data: expected 1152921504606846976 bytes, "
                   "found 8"),
            std::string::npos)
      << e;
  // A product that overflows 64 bits.
  Shape overflow = {int64_t(1) << 40, int64_t(1) << 40};
  e = parseError(makeNpy(1, f32Header("(1099511627776, 1099511627776)"), ""),
                 ElementType::F32, overflow);
  EXPECT_NE(e.find("overflows"), std::string::npos) << e;
  // A hostile shape that is not the expected one never gets that far.
  e = parseError(makeNpy(1, f32Header("(9223372036854775807, 9)"), ""),
                 ElementType::F32, {3});
  EXPECT_NE(e.find("expected shape (3,), found (9223372036854775807, 9)"),
            std::string::npos)
      << e;
}

TEST(NpyReject, NeverCrashesOnDamagedFiles) {
  // Every prefix and many single-byte corruptions of a valid file: each is
  // either accepted as the expected array or rejected with a message.
  std::vector<float> v = iota32(12);
  for (int major : {1, 2, 3}) {
    std::string good = makeNpy(
        major, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }\n",
        rawBytes(v));
    for (size_t n = 0; n < good.size(); ++n) {
      NpyArray out;
      std::string error;
      EXPECT_FALSE(adjoint::parseNpy(good.substr(0, n), ElementType::F32,
                                     {3, 4}, out, error));
      EXPECT_FALSE(error.empty());
    }
    uint32_t state = 12345u + static_cast<uint32_t>(major);
    for (int i = 0; i < 5000; ++i) {
      state = state * 1664525u + 1013904223u;
      std::string bad = good;
      size_t at = (state >> 8) % (good.size() - 48); // the preamble+header
      bad[at] = static_cast<char>(state >> 24);
      NpyArray out;
      std::string error;
      if (adjoint::parseNpy(bad, ElementType::F32, {3, 4}, out, error))
        EXPECT_EQ(out.data.size(), 48u);
      else
        EXPECT_FALSE(error.empty());
    }
  }
}

//===----------------------------------------------------------------------===//
// Files
//===----------------------------------------------------------------------===//

TEST_F(NpyFileTest, RoundTripF32) {
  std::vector<float> v = iota32(12);
  std::string error;
  ASSERT_TRUE(adjoint::writeNpy(
      path("a.npy"), makeArray(ElementType::F32, {3, 4}, rawBytes(v)), error))
      << error;
  NpyArray out;
  ASSERT_TRUE(
      adjoint::readNpy(path("a.npy"), ElementType::F32, {3, 4}, out, error))
      << error;
  EXPECT_EQ(std::string(out.data.begin(), out.data.end()), rawBytes(v));
  EXPECT_EQ(listDir(), std::vector<std::string>{"a.npy"});
}

TEST_F(NpyFileTest, RoundTripF64ScalarAndRank6) {
  struct Case {
    ElementType type;
    Shape shape;
  } cases[] = {
      {ElementType::F64, {2, 3}},
      {ElementType::F64, {}},
      {ElementType::F32, {}},
      {ElementType::F32, {7}},
      {ElementType::F64, {1, 2, 1, 3, 1, 2}},
      {ElementType::F32, {2, 1, 2, 1, 2, 3}},
  };
  int i = 0;
  for (const Case &c : cases) {
    size_t n = 1;
    for (int64_t d : c.shape)
      n *= static_cast<size_t>(d);
    std::string bytes =
        c.type == ElementType::F64 ? rawBytes(iota64(n)) : rawBytes(iota32(n));
    std::string p = path("c" + std::to_string(i++) + ".npy");
    std::string error;
    ASSERT_TRUE(adjoint::writeNpy(p, makeArray(c.type, c.shape, bytes), error))
        << error;
    NpyArray out;
    ASSERT_TRUE(adjoint::readNpy(p, c.type, c.shape, out, error)) << error;
    EXPECT_EQ(out.type, c.type);
    EXPECT_EQ(out.shape, c.shape);
    EXPECT_EQ(std::string(out.data.begin(), out.data.end()), bytes);
  }
}

TEST_F(NpyFileTest, OverwritesExistingFile) {
  writeRaw("a.npy", "old contents");
  std::vector<double> v = iota64(3);
  std::string error;
  ASSERT_TRUE(adjoint::writeNpy(
      path("a.npy"), makeArray(ElementType::F64, {3}, rawBytes(v)), error))
      << error;
  EXPECT_EQ(readRaw("a.npy"),
            makeNpy(1, numpyHeader("<f8", "(3,)"), rawBytes(v)));
  EXPECT_EQ(listDir().size(), 1u);
}

TEST_F(NpyFileTest, ReadsVersion2File) {
  std::vector<float> v = iota32(4);
  writeRaw("v2.npy", makeNpy(2, f32Header("(2, 2)") + "\n", rawBytes(v)));
  NpyArray out;
  std::string error;
  ASSERT_TRUE(
      adjoint::readNpy(path("v2.npy"), ElementType::F32, {2, 2}, out, error))
      << error;
  EXPECT_EQ(std::string(out.data.begin(), out.data.end()), rawBytes(v));
}

TEST_F(NpyFileTest, MissingFile) {
  NpyArray out;
  std::string error;
  std::string p = path("missing.npy");
  EXPECT_FALSE(adjoint::readNpy(p, ElementType::F32, {1}, out, error));
  EXPECT_EQ(error, p + ": error: cannot open file: No such file or directory");
}

TEST_F(NpyFileTest, DirectoryIsNotAFile) {
  NpyArray out;
  std::string error;
  EXPECT_FALSE(adjoint::readNpy(dir, ElementType::F32, {1}, out, error));
  EXPECT_EQ(error.rfind(dir + ": error: cannot open file: ", 0), 0u) << error;
}

TEST_F(NpyFileTest, ReadErrorsArePrefixedWithPath) {
  std::vector<float> w = iota32(10);
  writeRaw("t.npy", makeNpy(1, numpyHeader("<f4", "(3, 4)"), rawBytes(w)));
  NpyArray out;
  std::string error;
  EXPECT_FALSE(
      adjoint::readNpy(path("t.npy"), ElementType::F32, {3, 4}, out, error));
  EXPECT_EQ(error, path("t.npy") +
                       ": error: truncated data: expected 48 bytes, found 40");

  writeRaw("e.npy", "");
  EXPECT_FALSE(
      adjoint::readNpy(path("e.npy"), ElementType::F32, {3, 4}, out, error));
  EXPECT_EQ(error.rfind(path("e.npy") + ": error: not a .npy file", 0), 0u)
      << error;

  std::string big = makeNpy(1, f32Header("(1,)"), std::string(4, '\0'));
  big[8] = big[9] = '\xff';
  writeRaw("h.npy", big);
  EXPECT_FALSE(
      adjoint::readNpy(path("h.npy"), ElementType::F32, {1}, out, error));
  EXPECT_NE(error.find("goes past the end of the file"), std::string::npos)
      << error;

  writeRaw("x.npy",
           makeNpy(1, numpyHeader("<f4", "(3, 4)"), rawBytes(iota32(13))));
  EXPECT_FALSE(
      adjoint::readNpy(path("x.npy"), ElementType::F32, {3, 4}, out, error));
  EXPECT_NE(error.find("extra data: expected 48 bytes, found 52"),
            std::string::npos)
      << error;

  // A huge declared shape with a tiny file is reported, not allocated.
  writeRaw("huge.npy", makeNpy(1, f32Header("(1073741824, 268435456)"), ""));
  EXPECT_FALSE(adjoint::readNpy(path("huge.npy"), ElementType::F32,
                                {int64_t(1) << 30, int64_t(1) << 28}, out,
                                error));
  EXPECT_NE(error.find("truncated data"), std::string::npos) << error;
}

TEST_F(NpyFileTest, WriteIntoMissingDirectoryFails) {
  std::string p = path("nodir/a.npy");
  std::string error;
  std::vector<float> v = {1.0f};
  EXPECT_FALSE(adjoint::writeNpy(
      p, makeArray(ElementType::F32, {}, rawBytes(v)), error));
  EXPECT_EQ(error.rfind(p + ": error: ", 0), 0u) << error;
  EXPECT_NE(error.find("No such file or directory"), std::string::npos)
      << error;
  EXPECT_TRUE(listDir().empty());
}

TEST_F(NpyFileTest, WriteOverDirectoryFailsAndCleansUp) {
  ASSERT_EQ(::mkdir(path("sub").c_str(), 0755), 0);
  std::string error;
  std::vector<float> v = {1.0f};
  EXPECT_FALSE(adjoint::writeNpy(
      path("sub"), makeArray(ElementType::F32, {}, rawBytes(v)), error));
  EXPECT_EQ(error.rfind(path("sub") + ": error: ", 0), 0u) << error;
  // Only the directory remains: the temporary file is gone.
  EXPECT_EQ(listDir(), std::vector<std::string>{"sub"});
}

TEST_F(NpyFileTest, WriteRejectsInconsistentBuffer) {
  std::string error;
  std::vector<float> v = iota32(5);
  EXPECT_FALSE(adjoint::writeNpy(
      path("a.npy"), makeArray(ElementType::F32, {2, 3}, rawBytes(v)), error));
  EXPECT_NE(error.find("needs 24 bytes, the buffer holds 20"),
            std::string::npos)
      << error;
  EXPECT_TRUE(listDir().empty());
}

TEST_F(NpyFileTest, WriteFilesWritesAll) {
  std::vector<std::string> paths = {path("a.npy"), path("b.npy"),
                                    path("c.npy")};
  std::vector<NpyArray> arrays = {
      makeArray(ElementType::F32, {2}, rawBytes(iota32(2))),
      makeArray(ElementType::F32, {}, rawBytes(iota32(1))),
      makeArray(ElementType::F32, {2, 3}, rawBytes(iota32(6)))};
  std::string error;
  ASSERT_TRUE(adjoint::writeNpyFiles(paths, arrays, error)) << error;
  std::vector<std::string> names = listDir();
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"a.npy", "b.npy", "c.npy"}));
  NpyArray out;
  ASSERT_TRUE(
      adjoint::readNpy(path("c.npy"), ElementType::F32, {2, 3}, out, error))
      << error;
  EXPECT_EQ(std::string(out.data.begin(), out.data.end()), rawBytes(iota32(6)));
}

TEST_F(NpyFileTest, WriteFilesIsAllOrNothing) {
  std::vector<NpyArray> arrays = {
      makeArray(ElementType::F64, {2}, rawBytes(iota64(2))),
      makeArray(ElementType::F64, {2}, rawBytes(iota64(2)))};
  std::string error;
  // The second destination is a directory.
  ASSERT_EQ(::mkdir(path("b.npy").c_str(), 0755), 0);
  EXPECT_FALSE(
      adjoint::writeNpyFiles({path("a.npy"), path("b.npy")}, arrays, error));
  EXPECT_EQ(error.rfind(path("b.npy") + ": error: ", 0), 0u) << error;
  EXPECT_EQ(listDir(), std::vector<std::string>{"b.npy"});
  // The second destination's directory does not exist.
  EXPECT_FALSE(
      adjoint::writeNpyFiles({path("a.npy"), path("no/b.npy")}, arrays, error));
  EXPECT_EQ(error.rfind(path("no/b.npy") + ": error: ", 0), 0u) << error;
  EXPECT_EQ(listDir(), std::vector<std::string>{"b.npy"});
  // The second buffer does not match its shape.
  arrays[1].shape = {3};
  EXPECT_FALSE(
      adjoint::writeNpyFiles({path("a.npy"), path("c.npy")}, arrays, error));
  EXPECT_NE(error.find("needs 24 bytes, the buffer holds 16"),
            std::string::npos)
      << error;
  EXPECT_EQ(listDir(), std::vector<std::string>{"b.npy"});
}

} // namespace

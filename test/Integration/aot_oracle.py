# aot_oracle.py: checks `adjoint compile` (ahead-of-time objects and their C
# headers) against `adjoint run` (the JIT) on the same inputs.
#
# For every model of examples/*.adj (globbed, so a new example is picked
# up) plus test/Driver/Inputs/affine.adj (its first output is a vector, so
# it has no grad/hvp), in f32 and in f64 (the element type rewritten as in
# torch_oracle.py):
#   compile   `adjoint compile MODEL -o m.o --header m.h` once, with the
#             default entries; the header must declare exactly forward, vjp
#             and jvp, plus grad and hvp when the first output is a scalar
#   header    the header is parsed (prototypes, the per-argument comments,
#             the `PREFIX_NAME_RANK/_DIMi/_SIZE` macros); every leaf's
#             macros must match its declaration in the model file, every
#             argument's C type the element type, every argument comment
#             the prototype; the header must compile alone, included twice,
#             with `cc -std=c99 -Wall -Wextra -Werror -pedantic` and, in a
#             .cpp, with `c++ -std=c++17 -Wall -Wextra -Werror`
#   ENTRY     a C test program generated from the parsed header reads each
#             argument from raw little-endian binary (`ndarray.tofile`),
#             fills the results with NaN, calls PREFIX_ENTRY, checks that it
#             returns 0 and writes each result; it is compiled with
#             `cc -std=c99 -Wall -Wextra -Werror -pedantic`, linked with the
#             object and -lm, and run twice: with malloc'd buffers and with
#             every buffer one element past an aligned address (the ABI
#             takes plain pointers, so no alignment may be assumed). Every
#             result is compared with `adjoint run --entry ENTRY` on the
#             same values (.npy via np.save). The same generated source is
#             also compiled as C++17 (with the same warnings as errors),
#             linked and run for forward, which checks `extern "C"`.
#   self-contained  `nm -u` of the object is a subset of ALLOWED_UNDEFINED
#             (libc allocation and memory functions, libm math); no symbol
#             at all matches mlir|_ZN|__cxa|_Unwind|__gxx; the only defined
#             global symbols are the PREFIX_ENTRY functions and their
#             PREFIX_ENTRY_workspace and _workspace_size (each declared in
#             the header, as `int` and `size_t` functions); no constructor
#             or thread-local sections; `ldd` of the linked C test program
#             lists only libc, libm, the vdso and the dynamic loader.
# Then, once (`link-together`): the headers of all the original models,
# plus curve.adj compiled a second time under `--prefix curve_again`, are
# included in one C file whose objects are all linked into one program
# (non-entry symbols must be internal, header guards and macros distinct);
# every forward entry must return 0, and curve_forward and
# curve_again_forward give bitwise equal results.
#
# Tolerance: a result x of the object passes against the JIT's y when
# |x - y| <= 1e-6 * max(1, |y|) elementwise. Both come from the same MLIR
# through the same pipeline, so they mostly agree bitwise, but the JIT and
# the object are separate LLVM code generations (the object for
# --target-cpu native, position-independent), so FMA contraction and vector
# widths may differ, and with them the rounding of long sums. The max(1, .)
# makes the test absolute for results near 0: a gradient that is 0 in exact
# arithmetic (broadcast's c and s, whose contributions cancel) is rounding
# noise of order eps * (size of the cancelling terms, ~1) on both sides, and
# a purely relative test of two noise values would fail for no error.
#
# Usage: aot_oracle.py [DRIVER [SRCROOT]] [-k SUBSTRING] [--keep] [-v]
#                      [-j N] [--cc CC] [--cxx CXX]
#   DRIVER defaults to $ADJOINT or `adjoint` on PATH; SRCROOT to
#   $ADJOINT_SRC_ROOT or two levels above this file.
# Prints one PASS/FAIL line per check and `N passed, M failed`; exits 1 on a
# failure. Runs with Debian's /usr/bin/python3 and python3-numpy.

import concurrent.futures
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib

import numpy as np

import oracle_cli

ENTRIES = ["forward", "grad", "vjp", "jvp", "hvp"]
TOLERANCE = 1e-6

# What an object may leave undefined: libc memory management, and libm.
ALLOWED_UNDEFINED = {
    "malloc", "free", "calloc", "realloc", "aligned_alloc", "posix_memalign",
    "memcpy", "memset", "memmove", "memcmp",
}
for _f in ["exp", "expm1", "exp2", "log", "log1p", "log2", "log10", "pow",
           "sqrt", "cbrt", "sin", "cos", "tan", "asin", "acos", "atan",
           "atan2", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "erf",
           "erfc", "fabs", "floor", "ceil", "round", "trunc", "rint",
           "nearbyint", "fmod", "fmin", "fmax", "copysign", "hypot",
           "sincos", "ldexp", "frexp"]:
    ALLOWED_UNDEFINED.update({_f, _f + "f"})
FORBIDDEN_SYMBOL = re.compile(r"mlir|_ZN|__cxa|_Unwind|__gxx")
ALLOWED_LIBRARIES = re.compile(
    r"^(linux-vdso\.so\.1|linux-gate\.so\.1|libc\.so\.6|libm\.so\.6|"
    r"ld-linux[-\w.]*\.so\.\d+)$")

LEAF_DECL = re.compile(
    r"^\s*(input|param)\s+(\w+)\s*:\s*(f32|f64)\s*(?:\[([^\]]*)\])?",
    re.M)


def parse_shape(text):
    text = (text or "").strip()
    return tuple(int(d) for d in text.split(",")) if text else ()


# --------------------------------------------------------------------------
# The header.


class Argument:
    def __init__(self, name, is_input, dtype, shape, macro, buffer):
        self.name = name        # the C parameter name
        self.is_input = is_input
        self.dtype = dtype      # "f32" or "f64"
        self.shape = shape
        self.macro = macro      # PREFIX_OWNER: the shape macros' stem
        self.buffer = buffer    # the file name stem, e.g. "r.grad"
        self.ctype = None
        self.const = None


class Header:
    def __init__(self, text):
        self.text = text
        self.macros = {m.group(1): int(m.group(2)) for m in re.finditer(
            r"^#define (\w+) (\d+)$", text, re.M)}
        self.functions = {}     # name -> [Argument]
        self.problems = []
        workspace = set()       # entries with PREFIX_E_workspace
        for proto in re.finditer(r"^int (\w+)\(([^)]*)\);", text, re.M):
            name = proto.group(1)
            if name.endswith("_workspace"):
                workspace.add(name[:-len("_workspace")])
                continue
            # The comment block right before the prototype.
            start = text.rfind("/*", 0, proto.start())
            comment = text[start:proto.start()]
            args = []
            for m in re.finditer(
                    r"^ \*   (\w+): (in |out) (f32|f64)\[([0-9, ]*)\], "
                    r"(\w+)_SIZE elements \(([\w.]+)\)$", comment, re.M):
                args.append(Argument(m.group(1), m.group(2) == "in ",
                                     m.group(3), parse_shape(m.group(4)),
                                     m.group(5), m.group(6)))
            params = [p.strip() for p in proto.group(2).split(",")]
            if len(params) != len(args):
                self.problems.append(
                    f"{name}: {len(params)} parameters but {len(args)} "
                    f"argument comments")
                continue
            for a, p in zip(args, params):
                pm = re.fullmatch(r"(const )?(float|double) \*(\w+)", p)
                if not pm:
                    self.problems.append(f"{name}: cannot parse '{p}'")
                    continue
                a.const = bool(pm.group(1))
                a.ctype = pm.group(2)
                if pm.group(3) != a.name:
                    self.problems.append(
                        f"{name}: parameter '{pm.group(3)}' is commented as "
                        f"'{a.name}'")
                if a.const != a.is_input:
                    self.problems.append(
                        f"{name}: '{p}' is {'an input' if a.is_input else 'a result'}"
                        f" but {'' if a.const else 'not '}const")
            self.functions[name] = args
        sizes = set(re.findall(r"^size_t (\w+)_workspace_size\(void\);",
                               text, re.M))
        if not set(self.functions) == workspace == sizes:
            self.problems.append(
                f"entries {sorted(self.functions)}, workspace variants "
                f"{sorted(workspace)}, workspace sizes {sorted(sizes)}")


# --------------------------------------------------------------------------
# The generated C test program. It compiles as C99 and as C++17.

PROGRAM_HEAD = """\
/* Generated by aot_oracle.py: runs one entry point of %(prefix)s.
 * Usage: PROG ENTRY INDIR OUTDIR MISALIGN */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "%(header)s"

typedef %(ctype)s scalar;

static void *blocks[64];
static int nblocks;

/* n elements, `misalign` elements past a malloc'd (aligned) address. */
static scalar *allocate(size_t n, int misalign) {
  char *p = (char *)malloc((n + 1) * sizeof(scalar));
  if (!p) {
    fprintf(stderr, "out of memory\\n");
    exit(2);
  }
  blocks[nblocks++] = p;
  return (scalar *)(p + (size_t)misalign * sizeof(scalar));
}

static void release(void) {
  while (nblocks > 0)
    free(blocks[--nblocks]);
}

static int read_buffer(const char *dir, const char *name, scalar *p,
                       size_t n) {
  char path[4096];
  FILE *f;
  size_t got;
  int extra;
  sprintf(path, "%%s/%%s.bin", dir, name);
  f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "%%s: cannot open\\n", path);
    return 1;
  }
  got = fread(p, sizeof(scalar), n, f);
  extra = fgetc(f);
  fclose(f);
  if (got != n || extra != EOF) {
    fprintf(stderr, "%%s: expected %%lu elements\\n", path,
            (unsigned long)n);
    return 1;
  }
  return 0;
}

static int write_buffer(const char *dir, const char *name, const scalar *p,
                        size_t n) {
  char path[4096];
  FILE *f;
  sprintf(path, "%%s/%%s.bin", dir, name);
  f = fopen(path, "wb");
  if (!f || fwrite(p, sizeof(scalar), n, f) != n || fclose(f) != 0) {
    fprintf(stderr, "%%s: cannot write\\n", path);
    return 1;
  }
  return 0;
}

static void poison(scalar *p, size_t n) {
  size_t i;
  for (i = 0; i < n; ++i)
    p[i] = (scalar)NAN;
}

"""

PROGRAM_MAIN = """\
int main(int argc, char **argv) {
  int status = 3;
  if (argc != 5) {
    fprintf(stderr, "usage: %%s ENTRY INDIR OUTDIR MISALIGN\\n", argv[0]);
    return 3;
  }
%(dispatch)s
  else
    fprintf(stderr, "unknown entry '%%s'\\n", argv[1]);
  release();
  return status;
}
"""


def generate_program(prefix, header_name, ctype, header, shapes):
    """The C source; `shapes` maps each macro stem PREFIX_NAME (of a leaf or
    an output) to the shape its macros must give, checked at compile time."""
    out = [PROGRAM_HEAD % {"prefix": prefix, "header": header_name,
                           "ctype": ctype}]
    # Compile-time checks of the shape macros (a negative array size fails).
    for i, (macro, shape) in enumerate(sorted(shapes.items())):
        conds = [f"{macro}_RANK == {len(shape)}",
                 f"{macro}_SIZE == {int(np.prod(shape, dtype=np.int64))}"]
        conds += [f"{macro}_DIM{d} == {n}" for d, n in enumerate(shape)]
        out.append(f"typedef char shape_check_{i}"
                   f"[({' && '.join(conds)}) ? 1 : -1];\n")
    out.append("\n")
    dispatch = []
    for fname, args in header.functions.items():
        entry = fname[len(prefix) + 1:]
        body = [f"static int run_{entry}(const char *in, const char *out, "
                f"int misalign) {{\n",
                "  int rc;\n"]
        for i, a in enumerate(args):
            body.append(f"  scalar *a{i} = allocate({a.macro}_SIZE, "
                        f"misalign);\n")
        for i, a in enumerate(args):
            size = f"{a.macro}_SIZE"
            if a.is_input:
                body.append(f"  if (read_buffer(in, \"{a.buffer}\", a{i}, "
                            f"{size}))\n    return 1;\n")
            else:
                body.append(f"  poison(a{i}, {size});\n")
        call = ", ".join(f"a{i}" for i in range(len(args)))
        body.append(f"  rc = {fname}({call});\n")
        body.append(f"  if (rc != 0) {{\n    fprintf(stderr, \"{fname} "
                    f"returned %d\\n\", rc);\n    return 1;\n  }}\n")
        for i, a in enumerate(args):
            if not a.is_input:
                body.append(f"  if (write_buffer(out, \"{a.buffer}\", a{i}, "
                            f"{a.macro}_SIZE))\n    return 1;\n")
        body.append("  return 0;\n}\n\n")
        out.extend(body)
        dispatch.append(f"if (strcmp(argv[1], \"{entry}\") == 0)\n"
                        f"    status = run_{entry}(argv[2], argv[3], "
                        f"atoi(argv[4]));")
    out.append(PROGRAM_MAIN % {"dispatch": "  " + "\n  else ".join(dispatch)})
    return "".join(out)


HEADER_ONLY_C = """\
/* The header alone, included twice (its guard), as C99. */
#include "%(header)s"
#include "%(header)s"

int (*const %(prefix)s_entry_check)(%(params)s) = %(prefix)s_forward;
int %(prefix)s_size_check[%(macro)s_SIZE];
"""

HEADER_ONLY_CXX = """\
// The header in C++17: extern "C" functions, macros usable in constants.
#include "%(header)s"
#include "%(header)s"

#include <type_traits>

static_assert(std::is_same<decltype(&%(prefix)s_forward),
                           int (*)(%(params)s)>::value,
              "the prototype");
constexpr long size_check = %(macro)s_SIZE;
static_assert(size_check == %(size)d, "the size macro");

int main() {
  int (*volatile entry)(%(params)s) = %(prefix)s_forward;
  return entry == nullptr;
}
"""


# --------------------------------------------------------------------------


def run(cmd, cwd=None, timeout=300):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd,
                              timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        return subprocess.CompletedProcess(cmd, -1, "", str(e))


def failed(proc, what):
    return [f"{what}: exit status {proc.returncode}",
            "  command: " + " ".join(proc.args),
            "  " + (proc.stderr.strip() + "\n" + proc.stdout.strip())
            .strip()[:2000]]


def compare(x, y):
    """The largest |x - y| / max(1, |y|), NaN if either has a NaN."""
    x = x.astype(np.float64)
    y = y.astype(np.float64)
    if x.size == 0:
        return 0.0
    if np.isnan(x).any() or np.isnan(y).any():
        return float("nan")
    return float(np.max(np.abs(x - y) / np.maximum(1.0, np.abs(y))))


class Variant:
    """One model in one element type: its checks, run in a worker."""

    def __init__(self, oracle, model_path, ty, original):
        self.oracle = oracle
        self.model_path = model_path
        self.base = os.path.basename(model_path)
        self.ty = ty
        self.original = original
        self.label = f"{self.base} [{ty}]"
        self.results = []       # (name, problems, details)
        self.work = None
        self.prefix = None      # set once the object and header are good

    def report(self, what, problems, details=None):
        self.results.append((f"{self.label} {what}", problems,
                             details or []))

    def run(self):
        o = self.oracle
        self.work = tempfile.mkdtemp(prefix="adj-aot-")
        try:
            self.run_checks()
        except Exception as e:  # a bug in the oracle is a failure too
            self.report("oracle", [f"internal error: {e!r}"])
        finally:
            if o.keep:
                self.results.append((f"  kept {self.work}", None, []))
        return self

    def run_checks(self):
        o = self.oracle
        w = self.work
        with open(self.model_path, encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"\bf(32|64)\b", self.ty, text)
        model = os.path.join(w, self.base)
        with open(model, "w", encoding="utf-8") as f:
            f.write(text)
        leaves = {m.group(2): (m.group(1), parse_shape(m.group(4)))
                  for m in LEAF_DECL.finditer(text)}
        dtype = np.dtype("<f4" if self.ty == "f32" else "<f8")
        ctype = "float" if self.ty == "f32" else "double"

        # compile
        obj = os.path.join(w, "m.o")
        hdr = os.path.join(w, "m.h")
        proc = run([o.driver, "compile", model, "-o", obj, "--header", hdr])
        if proc.returncode != 0:
            self.report("compile", failed(proc, "adjoint compile"))
            return
        with open(hdr, encoding="utf-8") as f:
            header = Header(f.read())
        names = list(header.functions)
        prefix = os.path.commonprefix(names).rstrip("_") if names else ""
        entries = [n[len(prefix) + 1:] for n in names]

        # The JIT decides which entries exist: forward's first output.
        data = os.path.join(w, "data")
        os.makedirs(data)
        rng = np.random.default_rng(zlib.crc32(self.label.encode()))
        written = set()

        def write_value(name, shape):
            if name in written:
                return
            written.add(name)
            value = rng.uniform(-1.0, 1.0, shape).astype(dtype)
            np.save(os.path.join(data, name + ".npy"), value)
            value.tofile(os.path.join(data, name + ".bin"))

        for name, (_, shape) in leaves.items():
            write_value(name, shape)
        for args in header.functions.values():
            for a in args:
                if a.is_input:
                    write_value(a.buffer, a.shape)

        jit = {}
        for entry in ENTRIES:
            out = os.path.join(w, "jit", entry)
            jit[entry] = (out, run([o.driver, "run", model, "--entry", entry,
                                    "--data", data, "--out", out]))
        problems = list(header.problems)
        fwd = jit["forward"][1]
        if fwd.returncode != 0:
            self.report("compile", failed(fwd, "adjoint run --entry forward"))
            return
        scalar_loss = all(jit[e][1].returncode == 0 for e in ("grad", "hvp"))
        expected = [e for e in ENTRIES
                    if scalar_loss or e not in ("grad", "hvp")]
        if entries != expected:
            problems.append(f"the header declares {entries}, expected "
                            f"{expected} (the JIT's entries)")
        self.report("compile", problems)
        if problems:
            return
        self.prefix = prefix

        # header
        problems = []
        shapes = {}
        for name, (kind, shape) in leaves.items():
            shapes[f"{prefix}_{name}"] = shape
            got = (header.macros.get(f"{prefix}_{name}_RANK"),
                   header.macros.get(f"{prefix}_{name}_SIZE"),
                   tuple(header.macros.get(f"{prefix}_{name}_DIM{d}")
                         for d in range(len(shape))))
            want = (len(shape), int(np.prod(shape, dtype=np.int64)), shape)
            if got != want:
                problems.append(f"{kind} {name}: macros (rank, size, dims) "
                                f"{got}, declared {want}")
        for fname, args in header.functions.items():
            for a in args:
                if a.dtype != self.ty or a.ctype != ctype:
                    problems.append(f"{fname}: {a.name} is {a.dtype} "
                                    f"{a.ctype}, expected {self.ty} {ctype}")
                shapes.setdefault(a.macro, a.shape)
                if shapes[a.macro] != a.shape:
                    problems.append(f"{fname}: {a.name} has shape {a.shape}"
                                    f", {a.macro} {shapes[a.macro]}")
        fwd_args = header.functions[f"{prefix}_forward"]
        params = ", ".join(("const " if a.is_input else "") + ctype + " *"
                           for a in fwd_args)
        first = fwd_args[0]
        subst = {"header": "m.h", "prefix": prefix, "params": params,
                 "macro": first.macro,
                 "size": int(np.prod(first.shape, dtype=np.int64))}
        with open(os.path.join(w, "hc.c"), "w") as f:
            f.write(HEADER_ONLY_C % subst)
        with open(os.path.join(w, "hcxx.cpp"), "w") as f:
            f.write(HEADER_ONLY_CXX % subst)
        proc = run([o.cc, "-std=c99", "-Wall", "-Wextra", "-Werror",
                    "-pedantic", "-c", "hc.c", "-o", "hc.o"], cwd=w)
        if proc.returncode != 0:
            problems += failed(proc, "the header alone as C99")
        proc = None
        if self.original:   # C++ is slow to compile: once per model
            proc = run([o.cxx, "-std=c++17", "-Wall", "-Wextra", "-Werror",
                        "hcxx.cpp", "m.o", "-o", "hcxx"], cwd=w)
        if proc and proc.returncode != 0:
            problems += failed(proc, "the header in C++17")
        self.report("header", problems)

        # The test program, as C99 and as C++17.
        source = generate_program(prefix, "m.h", ctype, header, shapes)
        with open(os.path.join(w, "prog.c"), "w") as f:
            f.write(source)
        with open(os.path.join(w, "prog.cpp"), "w") as f:
            f.write(source)
        proc = run([o.cc, "-std=c99", "-Wall", "-Wextra", "-Werror",
                    "-pedantic", "-O1", "prog.c", "m.o", "-lm", "-o", "prog"],
                   cwd=w)
        if proc.returncode != 0:
            self.report("program", failed(proc, "the C test program"))
            return
        cxx_problems = None
        if self.original:
            proc = run([o.cxx, "-std=c++17", "-Wall", "-Wextra", "-Werror",
                        "-O1", "prog.cpp", "m.o", "-lm", "-o", "progxx"],
                       cwd=w)
            cxx_problems = [] if proc.returncode == 0 else failed(
                proc, "the test program as C++17")

        # Every entry: aligned, misaligned, and (forward) the C++ build.
        for fname, args in header.functions.items():
            entry = fname[len(prefix) + 1:]
            jit_out, jit_proc = jit[entry]
            problems = []
            details = []
            if jit_proc.returncode != 0:
                self.report(entry, failed(jit_proc, f"adjoint run --entry "
                                                    f"{entry}"))
                continue
            runs = [("aligned", "prog", 0), ("misaligned", "prog", 1)]
            if entry == "forward" and cxx_problems is not None:
                if cxx_problems:
                    problems += cxx_problems
                else:
                    runs.append(("c++", "progxx", 0))
            results = [a for a in args if not a.is_input]
            want_files = sorted(a.buffer + ".npy" for a in results)
            got_files = sorted(os.listdir(jit_out))
            if got_files != want_files:
                problems.append(f"the JIT wrote {got_files}, the header "
                                f"declares {want_files}")
            for how, prog, misalign in runs:
                out = os.path.join(w, "aot", entry, how)
                os.makedirs(out)
                proc = run([os.path.join(w, prog), entry, data, out,
                            str(misalign)])
                if proc.returncode != 0:
                    problems += failed(proc, f"{how} run")
                    continue
                for a in results:
                    try:
                        y = np.load(os.path.join(jit_out, a.buffer + ".npy"))
                    except OSError as e:
                        problems.append(f"{a.buffer}: {e}")
                        continue
                    x = np.fromfile(os.path.join(out, a.buffer + ".bin"),
                                    dtype=dtype)
                    if y.dtype != dtype or y.shape != a.shape:
                        problems.append(f"{a.buffer}: the JIT gives "
                                        f"{y.dtype}{list(y.shape)}, the "
                                        f"header {self.ty}{list(a.shape)}")
                        continue
                    if x.size != y.size:
                        problems.append(f"{how} {a.buffer}: {x.size} "
                                        f"elements, expected {y.size}")
                        continue
                    err = compare(x.reshape(y.shape), y)
                    exact = bool(np.array_equal(x.reshape(y.shape), y))
                    details.append(f"{how} {a.buffer}: max error {err:.3g}"
                                   f"{' (bitwise equal)' if exact else ''}")
                    if not err <= TOLERANCE:
                        problems.append(
                            f"{how} {a.buffer}: max |x - y| / max(1, |y|) = "
                            f"{err:.3g} > {TOLERANCE:g}")
            self.report(entry, problems, details)

        # self-contained: the entries and their workspace functions
        exported = [n + suffix for n in names
                    for suffix in ("", "_workspace", "_workspace_size")]
        self.report("self-contained",
                    self.check_self_contained(obj, os.path.join(w, "prog"),
                                              exported))

    def check_self_contained(self, obj, prog, names):
        problems = []
        proc = run(["nm", "-u", obj])
        if proc.returncode != 0:
            return failed(proc, "nm -u")
        undefined = {line.split()[-1] for line in proc.stdout.splitlines()
                     if line.strip()}
        extra = sorted(undefined - ALLOWED_UNDEFINED)
        if extra:
            problems.append(f"undefined symbols outside libc/libm: {extra}")
        if not {"malloc", "free"} <= undefined:
            # Not wrong, but the allow-list would then be untested.
            problems.append(f"expected malloc and free among the undefined "
                            f"symbols, found {sorted(undefined)}")
        proc = run(["nm", "-a", obj])
        bad = sorted(line.split()[-1] for line in proc.stdout.splitlines()
                     if line.strip() and FORBIDDEN_SYMBOL.search(
                         line.split()[-1]))
        if proc.returncode != 0 or bad:
            problems.append(f"runtime symbols: {bad} (nm -a status "
                            f"{proc.returncode})")
        proc = run(["nm", "-g", "--defined-only", obj])
        defined = sorted(line.split()[-1] for line in proc.stdout.splitlines()
                         if line.strip())
        if defined != sorted(names):
            problems.append(f"defined global symbols {defined}, expected "
                            f"only {sorted(names)}")
        proc = run(["objdump", "-h", obj])
        sections = re.findall(r"^\s*\d+\s+(\S+)", proc.stdout, re.M)
        bad = [s for s in sections
               if re.match(r"\.(init_array|fini_array|ctors|dtors|tdata|tbss"
                           r"|gcc_except_table)", s)]
        if proc.returncode != 0 or bad:
            problems.append(f"sections needing a runtime: {bad} (objdump "
                            f"status {proc.returncode})")
        proc = run(["ldd", prog])
        if proc.returncode != 0:
            return problems + failed(proc, "ldd")
        libs = [line.split()[0] for line in proc.stdout.splitlines()
                if line.strip()]
        libs = [os.path.basename(lib) for lib in libs]
        bad = [lib for lib in libs if not ALLOWED_LIBRARIES.match(lib)]
        if bad or "libc.so.6" not in libs:
            problems.append(f"ldd lists {libs}; allowed only libc, libm, the "
                            f"vdso and the loader")
        return problems


LINK_TOGETHER_MAIN = """\
int main(void) {
  int failures = 0;
%(calls)s
  if (memcmp(curve_out, curve_again_out, sizeof curve_out) != 0) {
    fprintf(stderr, "curve and curve_again differ\\n");
    ++failures;
  }
  printf("%%d failures\\n", failures);
  return failures != 0;
}
"""


class Oracle(oracle_cli.Tally):
    def __init__(self, args, driver):
        self.driver = driver
        self.srcroot = args.srcroot
        self.keep = args.keep
        super().__init__(args.verbose)
        self.cc = args.cc
        self.cxx = args.cxx
        self.jobs = args.jobs

    def models(self):
        paths = sorted(glob.glob(os.path.join(self.srcroot, "examples",
                                              "*.adj")))
        paths.append(os.path.join(self.srcroot, "test", "Driver", "Inputs",
                                  "affine.adj"))
        return paths

    def run(self, selected):
        variants = []
        for path in self.models():
            with open(path, encoding="utf-8") as f:
                original = "f64" if re.search(r":\s*f64", f.read()) else "f32"
            for ty in ("f32", "f64"):
                v = Variant(self, path, ty, original == ty)
                if selected(v.label):
                    variants.append(v)
        if not variants:
            self.report("models", ["no model selected"])
            return
        try:
            with concurrent.futures.ThreadPoolExecutor(self.jobs) as pool:
                for v in pool.map(Variant.run, variants):
                    for name, problems, details in v.results:
                        self.report(name, problems, details)
            originals = [v for v in variants if v.original]
            if selected("link-together") and len(originals) == len(
                    self.models()):
                self.link_together(originals)
        finally:
            if not self.keep:
                for v in variants:
                    if v.work:
                        shutil.rmtree(v.work, ignore_errors=True)

    def link_together(self, variants):
        """Every model's header (in its own type) in one C file, every
        object, and curve.adj's a second time under another prefix, in one
        program."""
        work = tempfile.mkdtemp(prefix="adj-aot-link-")
        problems = []
        try:
            jobs = []
            for v in variants:
                if not v.prefix:
                    problems.append(f"{v.label} did not compile")
                    continue
                stem = os.path.splitext(v.base)[0]
                shutil.copy(os.path.join(v.work, "m.h"),
                            os.path.join(work, stem + ".h"))
                jobs.append((os.path.join(v.work, "m.o"), stem, v.prefix))
            # Only forward, as it needs no other symbol than curve's.
            proc = run([self.driver, "compile",
                        os.path.join(self.srcroot, "examples", "curve.adj"),
                        "-o", os.path.join(work, "curve_again.o"),
                        "--header", os.path.join(work, "curve_again.h"),
                        "--entries", "forward", "--prefix", "curve_again"])
            if proc.returncode != 0:
                problems += failed(proc, "adjoint compile --prefix "
                                         "curve_again")
            jobs.append((os.path.join(work, "curve_again.o"), "curve_again",
                         "curve_again"))
            objects = []
            includes = []
            calls = []
            for obj, stem, prefix in jobs if not problems else []:
                hdr = os.path.join(work, stem + ".h")
                with open(hdr, encoding="utf-8") as f:
                    header = Header(f.read())
                fname = prefix + "_forward"
                args = header.functions[fname]
                ctype = args[0].ctype
                objects.append(obj)
                includes.append(f'#include "{stem}.h"\n')
                decls = []
                for i, a in enumerate(args):
                    size = f"{a.macro}_SIZE"
                    decls.append(f"    static {ctype} a{i}[{size}];\n")
                    if a.is_input:
                        decls.append(f"    for (i = 0; i < {size}; ++i) "
                                     f"a{i}[i] = ({ctype})(i % 7) / 8;\n")
                call = ", ".join(f"a{i}" for i in range(len(args)))
                save = ""
                if prefix in ("curve", "curve_again"):
                    out = len(args) - 1   # pts, the last result
                    save = (f"    memcpy({prefix}_out, a{out}, "
                            f"sizeof {prefix}_out);\n")
                calls.append(
                    f"  {{\n    long i;\n{''.join(decls)}"
                    f"    if ({fname}({call}) != 0) {{\n"
                    f"      fprintf(stderr, \"{fname} failed\\n\");\n"
                    f"      ++failures;\n    }}\n{save}  }}\n")
            if not problems:
                source = ("#include <stdio.h>\n#include <string.h>\n"
                          + "".join(includes)
                          + "static float curve_out[curve_pts_SIZE];\n"
                          + "static float curve_again_out[curve_again_pts_SIZE];\n"
                          + LINK_TOGETHER_MAIN % {"calls": "".join(calls)})
                with open(os.path.join(work, "all.c"), "w") as f:
                    f.write(source)
                proc = run([self.cc, "-std=c99", "-Wall", "-Wextra", "-Werror",
                            "-pedantic", "all.c"] + objects
                           + ["-lm", "-o", "all"], cwd=work)
                if proc.returncode != 0:
                    problems += failed(proc, "compiling and linking all "
                                             "models into one program")
                else:
                    proc = run([os.path.join(work, "all")])
                    if proc.returncode != 0:
                        problems += failed(proc, "the linked program")
        finally:
            if self.keep:
                print(f"  kept {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)
        self.report("link-together", problems)


def main():
    parser = oracle_cli.make_parser(__doc__, filter_help=(
        "only the models whose label (e.g. 'curve.adj [f32]') contains "
        "this; link-together runs when every model's own type is "
        "selected"), verbose_help="show the error of every result")
    parser.add_argument("-j", dest="jobs", type=int,
                        default=max(2, min(4, os.cpu_count() or 2)),
                        help="models checked at once")
    parser.add_argument("--cc", default=os.environ.get("CC", "cc"))
    parser.add_argument("--cxx", default=os.environ.get("CXX", "c++"))
    args = parser.parse_args()

    driver = oracle_cli.find_driver(args.driver)
    if driver is None:
        return 1

    oracle = Oracle(args, driver)
    oracle.run(lambda label: args.filter in label)
    print(f"{oracle.passed} passed, {oracle.failed} failed")
    return 1 if oracle.failed else 0


if __name__ == "__main__":
    sys.exit(main())

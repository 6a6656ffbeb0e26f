# forward_oracle.py: checks `adjoint run --entry forward` against NumPy.
#
# For every case (a small model text and a NumPy reference), in f32 and in
# f64, it writes the model and seeded random inputs (.npy, via np.save) to a
# temporary directory, runs the driver, loads what it wrote with np.load and
# compares with the reference computed in float64. It also checks that the
# driver reads .npy versions 2.0 and 3.0, and rejects bad data files (wrong
# dtype or shape, Fortran order, truncated, extra bytes, big-endian,
# missing) with exit status 1, a `PATH: error:` message and no output files.
#
# Usage: forward_oracle.py [DRIVER [SRCROOT]] [-k SUBSTRING] [--keep] [-v]
#   DRIVER defaults to $ADJOINT or `adjoint` on PATH; SRCROOT (for examples/)
#   to $ADJOINT_SRC_ROOT or two levels above this file.
# Prints PASS/FAIL per case and `N passed, M failed`; exits 1 on a failure.
# Runs with Debian's /usr/bin/python3 and python3-numpy.

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib

import numpy as np

import oracle_cli

# --------------------------------------------------------------------------
# NumPy references, all computed in float64.


def relu(x):
    return np.maximum(x, 0.0)


def sigmoid(x):
    # Stable for large |x|.
    return np.where(x >= 0, 1.0 / (1.0 + np.exp(-np.abs(x))),
                    np.exp(-np.abs(x)) / (1.0 + np.exp(-np.abs(x))))


def _axes(axis):
    return tuple(axis) if isinstance(axis, (list, tuple)) else axis


def rsum(x, axis=None, keepdims=False):
    return np.sum(x, axis=_axes(axis), keepdims=keepdims)


def rmean(x, axis=None, keepdims=False):
    return np.mean(x, axis=_axes(axis), keepdims=keepdims)


def rmax(x, axis=None, keepdims=False):
    return np.max(x, axis=_axes(axis), keepdims=keepdims)


def logsumexp(x, axis=None, keepdims=False):
    axis = _axes(axis)
    m = np.max(x, axis=axis, keepdims=True)
    r = m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    return r if keepdims else np.squeeze(r, axis=axis)


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(x, axis=-1):
    return x - logsumexp(x, axis=axis, keepdims=True)


def slice_(x, axis, start, end):
    index = [slice(None)] * x.ndim
    index[axis] = slice(start, end)
    return x[tuple(index)]


# --------------------------------------------------------------------------
# Input generators: (rng, shape) -> float64 array.

GENERATORS = {
    "normal": lambda rng, s: rng.standard_normal(s),
    # Away from zero, for log, sqrt, pow bases and divisors.
    "pos": lambda rng, s: rng.uniform(0.5, 2.0, s),
    # Spans 1e-2 .. 1e2.
    "logpos": lambda rng, s: 10.0 ** rng.uniform(-2.0, 2.0, s),
    "wide": lambda rng, s: 10.0 * rng.standard_normal(s),
    "angle": lambda rng, s: rng.uniform(-10.0, 10.0, s),
    "big": lambda rng, s: 1000.0 + 3.0 * rng.standard_normal(s),
    "negbig": lambda rng, s: -1000.0 - 3.0 * rng.standard_normal(s),
    "unit": lambda rng, s: rng.uniform(0.0, 1.0, s),
    "labels": lambda rng, s: rng.integers(0, 2, s).astype(np.float64),
}


def with_zeros(kind):
    """A generator of `kind` with some exact zeros (relu/abs kinks)."""
    def gen(rng, s):
        x = GENERATORS[kind](rng, s)
        if x.ndim:
            x.flat[::3] = 0.0
        return x
    return gen


def scaled(factor, kind="normal"):
    return lambda rng, s: factor * GENERATORS[kind](rng, s)


def onehot(rng, s):
    x = np.zeros(s)
    labels = rng.integers(0, s[-1], s[:-1])
    np.put_along_axis(x, labels[..., None], 1.0, axis=-1)
    return x


# --------------------------------------------------------------------------
# Cases.

TOL = {"f32": (1e-5, 1e-6), "f64": (1e-12, 1e-12)}


class Case:
    """A model text with `{T}` for the element type, its NumPy reference
    (dict of float64 leaves -> list of outputs), and for which types."""

    def __init__(self, name, text, ref, gen=None, types=("f32", "f64"),
                 tol=None, path=None, exact=False, npy_version=None):
        self.name = name
        self.text = text
        self.ref = ref
        self.gen = gen or {}
        self.types = types
        self.tol = tol or {}
        self.path = path  # a model file of the source tree instead of text
        self.exact = exact
        self.npy_version = npy_version


CASES = []


def case(*args, **kwargs):
    CASES.append(Case(*args, **kwargs))


BINARY_LEAVES = """\
input a : {T}[3, 4]
input b : {T}[4]
input c : {T}[3, 1]
input d : {T}[1, 4]
input e : {T}[2, 1, 3]
input f : {T}[4, 1]
param s : {T}
"""

BINARY_OPS = {
    "add": np.add,
    "sub": np.subtract,
    "mul": np.multiply,
    "div": np.divide,
    "pow": np.power,
    "maximum": np.maximum,
    "minimum": np.minimum,
}

for _op, _fn in BINARY_OPS.items():
    _text = BINARY_LEAVES + f"""\
r1 = {_op}(a, b)        # [3, 4] with [4]
r2 = {_op}(c, d)        # [3, 1] with [1, 4]
r3 = {_op}(e, f)        # [2, 1, 3] with [4, 1]
r4 = {_op}(a, s)        # tensor with scalar leaf
r5 = {_op}(s, b)
r6 = {_op}(a, 2.5)      # tensor with scalar constant
r7 = {_op}(0.75, d)
r8 = {_op}(a, a)        # same shape; ties for maximum/minimum
r9 = {_op}(f, d)        # [4, 1] with [1, 4]
output r1, r2, r3, r4, r5, r6, r7, r8, r9
"""
    _ref = (lambda fn: lambda v: [
        fn(v["a"], v["b"]), fn(v["c"], v["d"]), fn(v["e"], v["f"]),
        fn(v["a"], v["s"]), fn(v["s"], v["b"]), fn(v["a"], 2.5),
        fn(0.75, v["d"]), fn(v["a"], v["a"]), fn(v["f"], v["d"])])(_fn)
    _gen = {}
    if _op in ("div", "pow"):
        _gen = {k: "pos" for k in "abcdefs"}
    case(f"binary_{_op}", _text, _ref, gen=_gen)

case("pow_exponents", """\
input a : {T}[3, 4]
input b : {T}[4]
r1 = pow(a, -1.5)
r2 = pow(a, b - 1)
r3 = pow(a, 2)
r4 = pow(a, 0.5)
output r1, r2, r3, r4
""", lambda v: [v["a"] ** -1.5, v["a"] ** (v["b"] - 1), v["a"] ** 2,
                v["a"] ** 0.5], gen={"a": "logpos", "b": "pos"})

INFIX_OPS = {"+": np.add, "-": np.subtract, "*": np.multiply,
             "/": np.divide}
for _sym, _fn in INFIX_OPS.items():
    _text = BINARY_LEAVES + f"""\
r1 = a {_sym} b
r2 = c {_sym} d
r3 = e {_sym} f
r4 = a {_sym} s
r5 = 2.5 {_sym} a
r6 = a {_sym} 4
output r1, r2, r3, r4, r5, r6
"""
    _ref = (lambda fn: lambda v: [
        fn(v["a"], v["b"]), fn(v["c"], v["d"]), fn(v["e"], v["f"]),
        fn(v["a"], v["s"]), fn(2.5, v["a"]), fn(v["a"], 4.0)])(_fn)
    _name = {"+": "plus", "-": "minus", "*": "times", "/": "divide"}[_sym]
    case(f"infix_{_name}", _text, _ref,
         gen={k: "pos" for k in "abcdefs"} if _sym == "/" else {})

UNARY_LEAVES = """\
input x : {T}[3, 4]
input v : {T}[5]
input s : {T}
input t : {T}[2, 3, 4]
"""

UNARY_OPS = {
    "neg": (np.negative, "normal"),
    "exp": (np.exp, "normal"),
    "log": (np.log, "logpos"),
    "sqrt": (np.sqrt, "logpos"),
    "tanh": (np.tanh, "wide"),
    "sigmoid": (sigmoid, "wide"),
    "relu": (relu, with_zeros("normal")),
    "sin": (np.sin, "angle"),
    "cos": (np.cos, "angle"),
    "abs": (np.abs, with_zeros("normal")),
    "square": (np.square, "normal"),
}

for _op, (_fn, _kind) in UNARY_OPS.items():
    _text = UNARY_LEAVES + f"""\
r1 = {_op}(x)
r2 = {_op}(v)
r3 = {_op}(s)
r4 = {_op}(t)
output r1, r2, r3, r4
"""
    _ref = (lambda fn: lambda v: [fn(v["x"]), fn(v["v"]), fn(v["s"]),
                                  fn(v["t"])])(_fn)
    case(f"unary_{_op}", _text, _ref, gen={k: _kind for k in "xvst"})

# Larger operands, so vectorized code paths and their remainders run too.
case("unary_large", """\
input x : {T}[257, 33]
input p : {T}[257, 33]
r1 = exp(x)
r2 = log(p)
r3 = sqrt(p)
r4 = tanh(x)
r5 = sigmoid(x)
r6 = sin(x)
r7 = cos(x)
r8 = relu(x) + abs(x) - square(x) - neg(x)
output r1, r2, r3, r4, r5, r6, r7, r8
""", lambda v: [np.exp(v["x"]), np.log(v["p"]), np.sqrt(v["p"]),
                np.tanh(v["x"]), sigmoid(v["x"]), np.sin(v["x"]),
                np.cos(v["x"]),
                relu(v["x"]) + np.abs(v["x"]) - v["x"] ** 2 + v["x"]],
     gen={"x": scaled(4.0), "p": "logpos"})

case("rank6", """\
input a : {T}[2, 1, 3, 1, 2, 1]
input b : {T}[1, 4, 1, 3, 1, 2]
r1 = a + b
r2 = sum(a * b, axis=[1, -1, 3], keepdims=true)
r3 = max(a - b, axis=[0, 2, 4])
r4 = softmax(a * b, axis=2)
r5 = slice(a + b, axis=4, start=1, end=2)
r6 = transpose(a * b, perm=[5, 4, 3, 2, 1, 0])
r7 = logsumexp(b, axis=[-6, -5, -4, -3, -2, -1])
r8 = mean(a * b, axis=[0, 5])
output r1, r2, r3, r4, r5, r6, r7, r8
""", lambda v: [v["a"] + v["b"], rsum(v["a"] * v["b"], [1, -1, 3], True),
                rmax(v["a"] - v["b"], [0, 2, 4]),
                softmax(v["a"] * v["b"], 2),
                slice_(v["a"] + v["b"], 4, 1, 2),
                (v["a"] * v["b"]).transpose(5, 4, 3, 2, 1, 0),
                logsumexp(v["b"]), rmean(v["a"] * v["b"], [0, 5])])

case("size_one_axes", """\
input x : {T}[3, 1]
input y : {T}[1]
r1 = softmax(x, axis=1)
r2 = log_softmax(x, axis=-1)
r3 = sum(x, axis=1)
r4 = max(y)
r5 = logsumexp(x, axis=1, keepdims=true)
r6 = concat(y, y, y, axis=0)
output r1, r2, r3, r4, r5, r6
""", lambda v: [softmax(v["x"], 1), log_softmax(v["x"], -1), rsum(v["x"], 1),
                rmax(v["y"]), logsumexp(v["x"], 1, True),
                np.concatenate([v["y"]] * 3)])

case("structural_chain", """\
input x : {T}[4, 6]
input c : {T}[1, 6]
t = transpose(x)
r1 = reshape(t, shape=[3, 8])
r2 = slice(transpose(r1), axis=0, start=2, end=7)
r3 = concat(slice(x, axis=1, start=0, end=2),
            slice(x, axis=1, start=4, end=6), axis=1)
r4 = broadcast(c, shape=[2, 6]) + slice(x, axis=0, start=1, end=3)
output r1, r2, r3, r4
""", lambda v: [v["x"].T.reshape(3, 8),
                slice_(v["x"].T.reshape(3, 8).T, 0, 2, 7),
                np.concatenate([v["x"][:, 0:2], v["x"][:, 4:6]], 1),
                v["c"] + v["x"][1:3]])

case("sigmoid_extremes", """\
input x : {T}[6]
r = sigmoid(x)
output r
""", lambda v: [sigmoid(v["x"])],
     gen={"x": lambda rng, s: np.array([-200.0, -90.0, -20.0, 0.0, 20.0,
                                        200.0])})

REDUCTIONS = {"sum": rsum, "mean": rmean, "max": rmax,
              "logsumexp": logsumexp}
for _op, _fn in REDUCTIONS.items():
    _text = f"""\
input x : {{T}}[2, 3, 4]
input v : {{T}}[7]
r1 = {_op}(x)                               # all axes: a scalar
r2 = {_op}(x, axis=1)
r3 = {_op}(x, axis=-1)
r4 = {_op}(x, axis=[0, 2])
r5 = {_op}(x, axis=[-1, 0], keepdims=true)
r6 = {_op}(x, axis=1, keepdims=true)
r7 = {_op}(x, keepdims=true)
r8 = {_op}(x, axis=[0, 1, 2])
r9 = {_op}(v)
r10 = {_op}(x, axis=[1, -3], keepdims=false)
output r1, r2, r3, r4, r5, r6, r7, r8, r9, r10
"""
    _ref = (lambda fn: lambda v: [
        fn(v["x"]), fn(v["x"], 1), fn(v["x"], -1), fn(v["x"], [0, 2]),
        fn(v["x"], [-1, 0], True), fn(v["x"], 1, True),
        fn(v["x"], None, True), fn(v["x"], [0, 1, 2]), fn(v["v"]),
        fn(v["x"], [1, -3])])(_fn)
    case(f"reduce_{_op}", _text, _ref)

case("reduce_accuracy", """\
input x : {T}[1000, 1000]
r1 = sum(x)
r2 = mean(x)
r3 = sum(x, axis=0)
r4 = logsumexp(x)
output r1, r2, r3, r4
""", lambda v: [rsum(v["x"]), rmean(v["x"]), rsum(v["x"], 0),
                logsumexp(v["x"])], gen={"x": "unit"})

case("reduce_accuracy_outer_axis", """\
input x : {T}[500000, 2]
r1 = sum(x, axis=0)
r2 = mean(x, axis=-2, keepdims=true)
output r1, r2
""", lambda v: [rsum(v["x"], 0), rmean(v["x"], -2, True)], gen={"x": "unit"})

case("matmul_batched_large", """\
input a : {T}[3, 40, 256]
input b : {T}[3, 256, 24]
r = matmul(a, b)
output r
""", lambda v: [v["a"] @ v["b"]], gen={"a": "unit", "b": "unit"})

# Stability: exp(1000) overflows even f64, so these only pass if the
# implementation subtracts the maximum. The inputs themselves are spaced
# 6e-5 apart in f32 near 1000, so a result like x - lse(x) may carry that
# much absolute error there.
for _kind in ("big", "negbig"):
    case(f"stable_{_kind}", """\
input x : {T}[3, 5]
input y : {T}[2, 3, 4]
r1 = logsumexp(x)
r2 = logsumexp(x, axis=-1)
r3 = softmax(x)
r4 = log_softmax(x)
r5 = softmax(y, axis=0)
r6 = log_softmax(y, axis=1)
r7 = logsumexp(y, axis=[0, 2], keepdims=true)
output r1, r2, r3, r4, r5, r6, r7
""", lambda v: [
        logsumexp(v["x"]), logsumexp(v["x"], -1), softmax(v["x"]),
        log_softmax(v["x"]), softmax(v["y"], 0), log_softmax(v["y"], 1),
        logsumexp(v["y"], [0, 2], True)],
        gen={"x": _kind, "y": _kind}, tol={"f32": (1e-5, 2e-4)})

for _op, _fn in (("softmax", softmax), ("log_softmax", log_softmax)):
    case(f"{_op}_axes", f"""\
input x : {{T}}[3, 5]
input y : {{T}}[2, 3, 4]
input v : {{T}}[6]
r1 = {_op}(x)
r2 = {_op}(x, axis=0)
r3 = {_op}(y, axis=1)
r4 = {_op}(y, axis=-3)
r5 = {_op}(y)
r6 = {_op}(v, axis=0)
output r1, r2, r3, r4, r5, r6
""", (lambda fn: lambda v: [fn(v["x"]), fn(v["x"], 0), fn(v["y"], 1),
                            fn(v["y"], -3), fn(v["y"]), fn(v["v"], 0)])(_fn),
         gen={"x": "wide", "y": "wide", "v": "wide"})

case("matmul", """\
input a : {T}[3, 4]
input b : {T}[4, 5]
input c : {T}[2, 3, 4]
input d : {T}[2, 4, 5]
input e : {T}[2, 3, 4, 5]
input f : {T}[2, 3, 5, 2]
input g : {T}[1, 1]
r1 = matmul(a, b)
r2 = matmul(c, d)
r3 = matmul(e, f)
r4 = matmul(a, transpose(a))
r5 = matmul(g, g)
r6 = matmul(transpose(b), transpose(a))
output r1, r2, r3, r4, r5, r6
""", lambda v: [v["a"] @ v["b"], v["c"] @ v["d"], v["e"] @ v["f"],
                v["a"] @ v["a"].T, v["g"] @ v["g"], v["b"].T @ v["a"].T])

case("matmul_large", """\
input a : {T}[33, 300]
input b : {T}[300, 17]
r = matmul(a, b)
output r
""", lambda v: [v["a"] @ v["b"]], gen={"a": "unit", "b": "unit"})

# The register kernels of adj-matmul-kernel: full tiles plus a partial
# one in m, n and k (several blocks of 256 terms and a partial block), an
# lhs read transposed (row kernel), an rhs read transposed (dot kernel, a
# masked last vector of k), batched, and a long contraction summed in
# blocks.
def exp_range(rng, s):
    """x over f64 exp's whole range: 2,000 random points in [-750, 720],
    a fine grid around 0, the edges of overflow (709.78) and of the
    subnormals (-708.4 to -745.1), and inf, -inf, NaN and +-0."""
    special = [0.0, -0.0, np.inf, -np.inf, np.nan, 709.78, 709.79, 710.0,
               -708.39, -708.4, -744.4, -745.13, -745.14, 1e-300, -1e-300,
               np.log(2) / 2, -np.log(2) / 2]
    grid = np.linspace(-1.0, 1.0, 401)
    rest = rng.uniform(-750.0, 720.0, s[0] - len(special) - len(grid))
    return np.concatenate([special, grid, rest])


# f64 exp is our own expansion (adj-approximate-math, ExpF64.cpp), not
# libm's: within 2 ulp of NumPy's exp over the whole range, subnormal
# results within one subnormal step, 0 and inf past the edges, NaN kept.
case("exp_f64_range", """\
input x : {T}[2418]
r = exp(x)
output r
""", lambda v: [np.exp(v["x"])], gen={"x": exp_range}, types=("f64",),
     tol={"f64": (4.5e-16, 1e-323)})

case("matmul_kernels", """\
input a : {T}[13, 600]
input b : {T}[600, 37]
input p : {T}[600, 13]
input q : {T}[37, 600]
input c : {T}[2, 7, 300]
input d : {T}[2, 9, 300]
input u : {T}[2, 20000]
input w : {T}[20000, 3]
r1 = matmul(a, b)
r2 = matmul(transpose(p), b)
r3 = matmul(a, transpose(q))
r4 = matmul(c, transpose(d, perm=[0, 2, 1]))
r5 = matmul(u, w)
output r1, r2, r3, r4, r5
""", lambda v: [v["a"] @ v["b"], v["p"].T @ v["b"], v["a"] @ v["q"].T,
                v["c"] @ v["d"].transpose(0, 2, 1), v["u"] @ v["w"]],
     gen={"a": "unit", "b": "unit", "p": "unit", "q": "unit", "c": "unit",
          "d": "unit", "u": "unit", "w": "unit"})

case("transpose", """\
input x : {T}[2, 3, 4]
input m : {T}[3, 5]
input v : {T}[5]
input w : {T}[2, 1, 3, 1, 2, 2]
r1 = transpose(x)
r2 = transpose(x, perm=[1, 0, 2])
r3 = transpose(x, perm=[2, 0, 1])
r4 = transpose(m)
r5 = transpose(x, perm=[0, 1, 2])
r6 = transpose(v)
r7 = transpose(m, perm=[1, 0])
r8 = transpose(w, perm=[5, 3, 1, 0, 2, 4])
output r1, r2, r3, r4, r5, r6, r7, r8
""", lambda v: [v["x"].transpose(), v["x"].transpose(1, 0, 2),
                v["x"].transpose(2, 0, 1), v["m"].T, v["x"], v["v"],
                v["m"].T, v["w"].transpose(5, 3, 1, 0, 2, 4)], exact=True)

case("reshape", """\
input x : {T}[2, 3, 4]
input s : {T}
input o : {T}[1, 1]
input v : {T}[6]
r1 = reshape(x, shape=[6, 4])
r2 = reshape(x, shape=[24])
r3 = reshape(x, shape=[4, 3, 2])
r4 = reshape(x, shape=[1, 2, 1, 3, 4, 1])
r5 = reshape(s, shape=[1, 1])
r6 = reshape(o, shape=[1])
r7 = reshape(s, shape=[1, 1, 1])
r8 = reshape(v, shape=[3, 2])
r9 = reshape(transpose(x), shape=[24])
output r1, r2, r3, r4, r5, r6, r7, r8, r9
""", lambda v: [v["x"].reshape(6, 4), v["x"].reshape(24),
                v["x"].reshape(4, 3, 2), v["x"].reshape(1, 2, 1, 3, 4, 1),
                v["s"].reshape(1, 1), v["o"].reshape(1),
                v["s"].reshape(1, 1, 1), v["v"].reshape(3, 2),
                v["x"].transpose().reshape(24)], exact=True)

case("broadcast", """\
input v : {T}[4]
input c : {T}[3, 1]
input s : {T}
input u : {T}[1, 1]
r1 = broadcast(v, shape=[3, 4])
r2 = broadcast(c, shape=[3, 5])
r3 = broadcast(c, shape=[2, 3, 4])
r4 = broadcast(s, shape=[2, 2])
r5 = broadcast(v, shape=[4])
r6 = broadcast(u, shape=[2, 3])
r7 = broadcast(s, shape=[1])
output r1, r2, r3, r4, r5, r6, r7
""", lambda v: [np.broadcast_to(v["v"], (3, 4)),
                np.broadcast_to(v["c"], (3, 5)),
                np.broadcast_to(v["c"], (2, 3, 4)),
                np.broadcast_to(v["s"], (2, 2)), v["v"],
                np.broadcast_to(v["u"], (2, 3)),
                np.broadcast_to(v["s"], (1,))], exact=True)

case("slice", """\
input x : {T}[4, 5, 6]
input v : {T}[7]
r1 = slice(x, axis=0, start=1, end=3)
r2 = slice(x, axis=1, start=0, end=5)
r3 = slice(x, axis=2, start=5, end=6)
r4 = slice(x, axis=-1, start=2, end=4)
r5 = slice(x, axis=-3, start=0, end=1)
r6 = slice(v, axis=0, start=3, end=7)
r7 = slice(x, axis=1, start=2, end=3)
output r1, r2, r3, r4, r5, r6, r7
""", lambda v: [slice_(v["x"], 0, 1, 3), slice_(v["x"], 1, 0, 5),
                slice_(v["x"], 2, 5, 6), slice_(v["x"], -1, 2, 4),
                slice_(v["x"], -3, 0, 1), slice_(v["v"], 0, 3, 7),
                slice_(v["x"], 1, 2, 3)], exact=True)

case("concat", """\
input a : {T}[2, 3]
input b : {T}[2, 4]
input c : {T}[1, 3]
input d : {T}[2, 3]
input e : {T}[2, 2, 3]
input f : {T}[2, 1, 3]
input p : {T}[3]
input q : {T}[2]
r1 = concat(a, b, axis=1)
r2 = concat(a, c, axis=0)
r3 = concat(a, c, d, axis=0)
r4 = concat(a, b, d, axis=-1)
r5 = concat(e, f, e, axis=1)
r6 = concat(p, q, axis=0)
r7 = concat(e, f, axis=-2)
output r1, r2, r3, r4, r5, r6, r7
""", lambda v: [np.concatenate([v["a"], v["b"]], 1),
                np.concatenate([v["a"], v["c"]], 0),
                np.concatenate([v["a"], v["c"], v["d"]], 0),
                np.concatenate([v["a"], v["b"], v["d"]], -1),
                np.concatenate([v["e"], v["f"], v["e"]], 1),
                np.concatenate([v["p"], v["q"]], 0),
                np.concatenate([v["e"], v["f"]], -2)], exact=True)

case("precedence", """\
input a : {T}[3, 4]
input b : {T}[3, 4]
input c : {T}[4]
r1 = a - b * c
r2 = -a + b
r3 = a / b / c
r4 = a - b - c
r5 = (a - b) * c
r6 = -a * b
r7 = -(a + b) / 2
r8 = 2 * a + b / 4 - 1
r9 = a - b + c
r10 = -a - b
r11 = 1 / a
r12 = a * b + c * a / b
r13 = -exp(a) * -b
output r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13
""", lambda v: [
    v["a"] - v["b"] * v["c"], -v["a"] + v["b"], v["a"] / v["b"] / v["c"],
    v["a"] - v["b"] - v["c"], (v["a"] - v["b"]) * v["c"], -v["a"] * v["b"],
    -(v["a"] + v["b"]) / 2, 2 * v["a"] + v["b"] / 4 - 1,
    v["a"] - v["b"] + v["c"], -v["a"] - v["b"], 1 / v["a"],
    v["a"] * v["b"] + v["c"] * v["a"] / v["b"],
    -np.exp(v["a"]) * -v["b"]], gen={"a": "pos", "b": "pos", "c": "pos"})

case("literals", """\
input a : {T}[5]
r = a * .5 + 5. - 1e-3 * a + 1E+2 - 2.5e1 / a
output r
""", lambda v: [v["a"] * .5 + 5. - 1e-3 * v["a"] + 1e2 - 25.0 / v["a"]],
     gen={"a": "pos"})

case("nested_composition", """\
input x : {T}[4, 3]
param w : {T}[3, 2]
h = sqrt(square(tanh(matmul(x, w))) + 1)
r = sum(log(h) * cos(h) + sin(exp(-abs(h))), axis=0, keepdims=true)
output r
""", lambda v: [rsum(np.log(np.sqrt(np.tanh(v["x"] @ v["w"]) ** 2 + 1))
                     * np.cos(np.sqrt(np.tanh(v["x"] @ v["w"]) ** 2 + 1))
                     + np.sin(np.exp(-np.abs(np.sqrt(
                         np.tanh(v["x"] @ v["w"]) ** 2 + 1)))), 0, True)])

case("leaf_outputs", """\
input x : {T}[2, 3]
param p : {T}
param q : {T}[1, 2, 1, 2, 1, 2]
output x, p, q
""", lambda v: [v["x"], v["p"], v["q"]], exact=True)

for _version in ((2, 0), (3, 0)):
    case(f"npy_version_{_version[0]}", """\
input x : {T}[3, 4]
param p : {T}
r = x * p
output r
""", lambda v: [v["x"] * v["p"]], npy_version=_version)

# Edge cases the format allows but that are easy to get wrong.
case("edge_reduce_scalar", """\
input s : {T}
r1 = sum(s)
r2 = max(s)
r3 = logsumexp(s)
output r1, r2, r3
""", lambda v: [v["s"], v["s"], v["s"]])

case("edge_concat_single", """\
input a : {T}[2, 3]
r = concat(a, axis=1)
output r
""", lambda v: [v["a"]], exact=True)

case("edge_unary_minus_operand", """\
input a : {T}[3]
input b : {T}[3]
r1 = a * -b
r2 = a - -b
output r1, r2
""", lambda v: [v["a"] * -v["b"], v["a"] + v["b"]])


# The example models of examples/, read from the source tree.
def mlp_ref(v):
    h = np.tanh(v["x"] @ v["W1"] + v["b1"])
    logits = h @ v["W2"] + v["b2"]
    return [-rmean(rsum(v["y"] * log_softmax(logits, 1), 1))]


def logreg_ref(v):
    z = (v["x"] @ v["w"].reshape(5, 1)).reshape(100) + v["b"]
    nll = relu(z) - z * v["y"] + np.log(1 + np.exp(-np.abs(z)))
    return [rmean(nll), sigmoid(z)]


def broadcast_ref(v):
    t = v["x"] * v["a"] + v["c"] - v["s"]
    m = rmean(t, [0, -1], True)
    cen = t - m
    mx = rmax(cen, -2)
    lse = logsumexp(cen, [1, 2])
    sm = softmax(cen, 1)
    lsm = log_softmax(t, 0)
    head = slice_(sm, 2, 1, 4)
    tail = slice_(lsm, -1, 0, 2)
    both = np.concatenate([head, tail], -1)
    tr = both.transpose(2, 0, 1)
    flat = tr.reshape(5, 12)
    rev = flat.T
    big = np.broadcast_to(lse, (3, 4))
    loss = rsum(mx ** 2) / 20 + rmean(big) + 0.01 * rsum(rev * rev, [0, 1])
    return [loss, m, big]


case("example_mlp", None, mlp_ref, path="examples/mlp.adj", types=("f32",),
     gen={"y": onehot, "W1": scaled(1 / 28.0), "b1": scaled(0.1),
          "W2": scaled(1 / 16.0), "b2": scaled(0.1)})
case("example_logreg", None, logreg_ref, path="examples/logreg.adj",
     types=("f64",), gen={"y": "labels", "x": "wide"})
case("example_broadcast", None, broadcast_ref,
     path="examples/broadcast.adj", types=("f32",))

# --------------------------------------------------------------------------
# Running.

DECL = re.compile(
    r"^\s*(input|param)\s+([A-Za-z_]\w*)\s*:\s*(f32|f64)\s*(?:\[([^\]]*)\])?",
    re.M)
OUTPUT = re.compile(r"^\s*output\s+([^#\n]*)", re.M)
NPTYPE = {"f32": np.float32, "f64": np.float64}


def leaves_of(text):
    """[(name, type, shape)] of the declarations, in order."""
    leaves = []
    for m in DECL.finditer(text):
        dims = m.group(4)
        shape = tuple(int(d) for d in dims.split(",") if d.strip()) \
            if dims else ()
        leaves.append((m.group(2), m.group(3), shape))
    return leaves


def outputs_of(text):
    m = OUTPUT.search(text)
    return [n.strip() for n in m.group(1).split(",")] if m else []


def seed_of(name, ty):
    return zlib.crc32(f"{name}/{ty}".encode())


def save(path, array, version=None):
    if version is None:
        np.save(path, array)
    else:
        with open(path, "wb") as f:
            np.lib.format.write_array(f, array, version=version)


class Runner(oracle_cli.Tally):
    def __init__(self, driver, srcroot, keep, verbose):
        self.driver = driver
        self.srcroot = srcroot
        self.keep = keep
        super().__init__(verbose)

    def run_driver(self, model, data, out):
        cmd = [self.driver, "run", model, "--entry", "forward",
               "--data", data, "--out", out]
        try:
            return subprocess.run(cmd, capture_output=True, text=True,
                                  timeout=300)
        except (OSError, subprocess.TimeoutExpired) as e:
            return subprocess.CompletedProcess(cmd, -1, "", str(e))

    def run_case(self, c, ty, work):
        if c.path:
            model = os.path.join(self.srcroot, c.path)
            with open(model, encoding="utf-8") as f:
                text = f.read()
        else:
            text = c.text.replace("{T}", ty)
            model = os.path.join(work, "model.adj")
            with open(model, "w", encoding="utf-8") as f:
                f.write(text)
        data = os.path.join(work, "data")
        out = os.path.join(work, "out")
        os.makedirs(data)
        os.makedirs(out)

        rng = np.random.default_rng(seed_of(c.name, ty))
        values = {}
        for name, decl_ty, shape in leaves_of(text):
            gen = c.gen.get(name, "normal")
            gen = GENERATORS[gen] if isinstance(gen, str) else gen
            x = np.asarray(gen(rng, shape), dtype=np.float64)
            assert x.shape == shape, (name, x.shape, shape)
            x = x.astype(NPTYPE[decl_ty])
            save(os.path.join(data, name + ".npy"), x, c.npy_version)
            # The reference sees exactly the values the driver gets.
            values[name] = x.astype(np.float64)

        proc = self.run_driver(model, data, out)
        if proc.returncode != 0:
            return [f"driver exited with {proc.returncode}: "
                    + proc.stderr.strip()[:2000]]
        names = outputs_of(text)
        refs = [np.asarray(r, dtype=np.float64) for r in c.ref(values)]
        assert len(refs) == len(names), c.name
        rtol, atol = c.tol.get(ty, TOL[ty])
        problems = []
        for name, ref in zip(names, refs):
            path = os.path.join(out, name + ".npy")
            try:
                got = np.load(path, allow_pickle=False)
            except Exception as e:  # noqa: BLE001 - report any load failure
                problems.append(f"{name}: cannot load {path}: {e}")
                continue
            if got.dtype != np.dtype(NPTYPE[ty]).newbyteorder("<"):
                problems.append(f"{name}: dtype {got.dtype.str}, expected "
                                f"{np.dtype(NPTYPE[ty]).str}")
                continue
            if got.shape != ref.shape:
                problems.append(f"{name}: shape {got.shape}, expected "
                                f"{ref.shape}")
                continue
            g = got.astype(np.float64)
            if c.exact:
                ok = np.array_equal(g, ref, equal_nan=True)
            else:
                ok = np.allclose(g, ref, rtol=rtol, atol=atol, equal_nan=True)
            if not ok:
                err = np.abs(g - ref)
                i = np.unravel_index(np.argmax(err - atol - rtol * np.abs(ref)),
                                     ref.shape) if ref.ndim else ()
                problems.append(
                    f"{name}: mismatch (rtol={rtol}, atol={atol}); worst at "
                    f"{tuple(int(k) for k in i)}: got {g[i]!r}, expected "
                    f"{ref[i]!r}; max abs err {np.nanmax(err):.3g}")
        expected_files = sorted(n + ".npy" for n in names)
        found_files = sorted(os.listdir(out))
        if found_files != expected_files:
            problems.append(f"output directory holds {found_files}, "
                            f"expected {expected_files}")
        return problems

    def run_cases(self, cases):
        for c in cases:
            for ty in c.types:
                name = f"{c.name} [{ty}]"
                work = tempfile.mkdtemp(prefix="adj-oracle-")
                try:
                    problems = self.run_case(c, ty, work)
                finally:
                    if self.keep:
                        print(f"  kept {work}")
                    else:
                        shutil.rmtree(work, ignore_errors=True)
                self.report(name, problems)

    # ----------------------------------------------------------------------
    # Bad data files.

    REJECT_MODEL = """\
# reject.adj: a model whose data files are damaged one at a time.
input x : f32[3, 4]
param w : f32[4]
y = sum(x * w, axis=1)
output y
"""

    def run_rejections(self, selected):
        def good(data):
            rng = np.random.default_rng(7)
            np.save(os.path.join(data, "x.npy"),
                    rng.standard_normal((3, 4)).astype(np.float32))
            np.save(os.path.join(data, "w.npy"),
                    rng.standard_normal(4).astype(np.float32))

        def rewrite(name, array):
            return lambda data: np.save(os.path.join(data, name), array)

        def truncate(data):
            p = os.path.join(data, "x.npy")
            with open(p, "rb") as f:
                b = f.read()
            with open(p, "wb") as f:
                f.write(b[:-4])

        def extra(data):
            with open(os.path.join(data, "w.npy"), "ab") as f:
                f.write(b"\0\0\0\0")

        def missing(data):
            os.remove(os.path.join(data, "w.npy"))

        x = np.arange(12, dtype=np.float32).reshape(3, 4)
        # (name, damage, file named in the message, required substrings:
        # each entry is a list of alternatives, one of which must appear)
        rejections = [
            ("wrong_dtype", rewrite("x.npy", x.astype(np.float64)), "x.npy",
             [["f4", "f32"], ["f8", "f64"]]),
            ("wrong_shape", rewrite("x.npy", x.reshape(4, 3)), "x.npy",
             [["3, 4", "3,4"], ["4, 3", "4,3"]]),
            ("wrong_rank", rewrite("w.npy", np.zeros((1, 4), np.float32)),
             "w.npy", [["(4,)", "[4]"], ["1, 4", "1,4"]]),
            ("fortran_order", rewrite("x.npy", np.asfortranarray(x)),
             "x.npy", [["ortran"]]),
            ("truncated", truncate, "x.npy", [["truncat", "short"]]),
            ("extra_bytes", extra, "w.npy", [["extra", "after", "trailing"]]),
            ("big_endian", rewrite("x.npy", x.astype(">f4")), "x.npy",
             [[">f4", "big-endian", "big endian"]]),
            ("missing", missing, "w.npy", [["No such file", "cannot open",
                                            "missing", "not found"]]),
        ]
        for name, damage, bad_file, needles in rejections:
            full = f"reject_{name}"
            if not selected(full):
                continue
            work = tempfile.mkdtemp(prefix="adj-oracle-")
            try:
                model = os.path.join(work, "reject.adj")
                with open(model, "w", encoding="utf-8") as f:
                    f.write(self.REJECT_MODEL)
                data = os.path.join(work, "data")
                out = os.path.join(work, "out")
                os.makedirs(data)
                os.makedirs(out)
                good(data)
                damage(data)
                proc = self.run_driver(model, data, out)
                problems = []
                if proc.returncode != 1:
                    problems.append(f"exit status {proc.returncode}, "
                                    f"expected 1")
                err = proc.stderr
                path = os.path.join(data, bad_file)
                if not re.search(re.escape(bad_file) + r": error: ", err):
                    problems.append(f"no '{bad_file}: error: ' in stderr")
                elif path + ": error: " not in err:
                    problems.append(f"the message does not name {path}")
                for alternatives in needles:
                    if not any(a in err for a in alternatives):
                        problems.append(f"none of {alternatives} in stderr")
                if os.listdir(out):
                    problems.append(f"output files written: "
                                    f"{os.listdir(out)}")
                if problems:
                    problems.append("stderr: " + err.strip()[:1000])
            finally:
                if self.keep:
                    print(f"  kept {work}")
                else:
                    shutil.rmtree(work, ignore_errors=True)
            self.report(full, problems)


    def run_partial_output_check(self, selected):
        """A failed write of the second output leaves no first output."""
        name = "reject_output_blocked"
        if not selected(name):
            return
        work = tempfile.mkdtemp(prefix="adj-oracle-")
        try:
            model = os.path.join(work, "two.adj")
            with open(model, "w", encoding="utf-8") as f:
                f.write("input x : f64[3]\ny = x * 2\nz = x + 1\n"
                        "output y, z\n")
            data = os.path.join(work, "data")
            out = os.path.join(work, "out")
            os.makedirs(data)
            os.makedirs(os.path.join(out, "z.npy"))  # in the way
            np.save(os.path.join(data, "x.npy"), np.arange(3.0))
            proc = self.run_driver(model, data, out)
            problems = []
            if proc.returncode != 1:
                problems.append(f"exit status {proc.returncode}, expected 1")
            if "z.npy: error: " not in proc.stderr:
                problems.append("no 'z.npy: error: ' in stderr")
            left = sorted(os.listdir(out))
            if left != ["z.npy"]:
                problems.append(f"partial output left in the output "
                                f"directory: {left}")
            if problems:
                problems.append("stderr: " + proc.stderr.strip()[:1000])
        finally:
            shutil.rmtree(work, ignore_errors=True)
        self.report(name, problems)


def main():
    parser = oracle_cli.make_parser(__doc__)
    args = parser.parse_args()

    driver = oracle_cli.find_driver(args.driver)
    if driver is None:
        return 1

    def selected(name):
        return args.filter in name

    runner = Runner(driver, args.srcroot, args.keep, args.verbose)
    runner.run_cases([c for c in CASES if selected(c.name)])
    runner.run_rejections(selected)
    runner.run_partial_output_check(selected)
    print(f"{runner.passed} passed, {runner.failed} failed")
    return 1 if runner.failed else 0


if __name__ == "__main__":
    sys.exit(main())

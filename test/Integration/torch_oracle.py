# torch_oracle.py: checks `adjoint run --entry forward|grad|vjp|jvp|hvp` and
# `adjoint jacobian --mode forward|reverse|auto` on the example models
# against PyTorch autograd.
#
# Every model of examples/*.adj (the directory is globbed, so new examples
# are picked up) is translated to PyTorch by the small interpreter below,
# written from docs/model-format.md alone (it shares no code with the C++
# parser). A model the interpreter cannot read, or with an op, attribute or
# shape it does not know, FAILs; nothing is skipped but too large a
# Jacobian (below).
#
# Each model runs in f32 and in f64: the model text is copied with its
# element type rewritten, so an f32 example also runs as f64 and vice versa.
# Seeded random inputs, params, one cotangent per output and one tangent per
# param are written with np.save in that type; the reference is always
# computed in float64 by torch.autograd from exactly those values (number
# literals are rounded to the model's type first, as the format says they
# are constants of it), as a function of the params with the inputs fixed:
#   forward  every output (`OUT/NAME.npy`)
#   grad     the loss and every `PARAM.grad.npy` against
#            torch.autograd.grad(loss, params)
#   vjp      every `PARAM.grad.npy` against
#            torch.autograd.grad(outputs, params, grad_outputs=cotangents)
#   jvp      every output and every `OUTPUT.tangent.npy` against
#            torch.autograd.functional.jvp(outputs, params, tangents)
#   hvp      every `PARAM.grad.npy` against
#            torch.autograd.functional.hvp(loss, params, tangents): the
#            Hessian of the loss times the tangents (the same files as jvp's)
#   jacobian every `OUTPUT.PARAM.jacobian.npy` (output shape + param shape)
#            against torch.autograd.functional.jacobian(outputs, params),
#            with `--mode forward` and `--mode reverse` in both types, and
#            `--mode auto` once per model (in f64). The mode line printed
#            first must name the mode asked for; for auto, forward mode
#            exactly when the params have fewer elements in total than the
#            outputs.
# A model whose first output is not a scalar must have `--entry grad` and
# `--entry hvp` rejected (exit status 1, nothing written). Files, dtypes and
# shapes are checked too. One PASS/FAIL line per (model, type, entry or
# jacobian mode).
#
# The Jacobian is checked only when (param elements) x (output elements),
# all the Jacobians together, is at most JACOBIAN_LIMIT = 2e5: forward mode
# makes one jvp call per param element, so mlp (203,530 param elements, one
# output) would take minutes. Such a model prints `SKIP jacobian MODEL
# [TYPE]: N x M elements too large for the oracle`, which is neither a pass
# nor a failure (counted apart as `skipped`); its other entries are still
# checked. curve.adj (2 x 101) and logreg.adj (6 x 101) are there for
# forward mode, branch.adj (3 x 1) for reverse mode under auto.
#
# Tolerances. Two errors are computed per result array x against the
# reference y:
#   elem = max |x - y| / max(1, |x| + |y|)     (the metric of `adjoint check`)
#   norm = ||x - y||_2 / max(1, ||y||_2)       (over the whole array)
# Both are relative above 1 and absolute below, so a gradient that is zero
# in exact arithmetic (broadcast's c and s: their contributions cancel, and
# f32 gives ~1e-8 of rounding noise) is fine. `elem` alone would accept a
# gradient whose entries are all small (mlp's W1: ~1e-3) and all 10% wrong
# in f32; `norm` adds those errors up over the array and catches it.
#   f64: 1e-10 for both. Both sides are IEEE double with different
#        summation orders; on these models the errors are at most ~1e-15,
#        so 1e-10 leaves five orders of margin for larger examples, while
#        any real bug (a wrong term, a missing broadcast sum, a wrong tie)
#        is many orders above it.
#   f32: 1e-4 for both. f32 rounds at 6e-8 per operation; sums over up to
#        784 terms (mlp's matmul) and tanh/log_softmax chains give observed
#        errors of at most ~6e-7 against the f64 reference (logreg's
#        prob.tangent and prob.w.jacobian; grad and vjp ~3e-7), so 1e-4 is
#        a 150-fold margin, and still far below any wrong formula. jvp, hvp
#        and the Jacobians chain the same local derivatives in another
#        order, with errors of the same size (f64: at most ~8e-16).
#
# Usage: torch_oracle.py [DRIVER [SRCROOT]] [-k SUBSTRING] [--keep] [-v]
#                        [-j N]
#   DRIVER defaults to $ADJOINT or `adjoint` on PATH; SRCROOT (for examples/)
#   to $ADJOINT_SRC_ROOT or two levels above this file. -v prints the errors
#   of every array, also on PASS; -k selects "MODEL.adj [TYPE]" by substring;
#   -j runs N driver processes at a time (default: cores + 1), across
#   models, while the references are computed.
# Prints PASS/FAIL per case, SKIP per Jacobian too large, and `N passed,
# M failed, K skipped`; exits 1 on a failure.
# Runs with Debian's /usr/bin/python3, python3-numpy and python3-torch.

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

try:
    import torch
except ImportError as _e:  # report it the way every other failure is
    print(f"FAIL import torch: {_e} (needs Debian's python3-torch, run by "
          f"/usr/bin/python3)")
    print("0 passed, 1 failed")
    sys.exit(1)

torch.set_num_threads(1)

TOL = {"f64": (1e-10, 1e-10), "f32": (1e-4, 1e-4)}  # (elem, norm)
NPTYPE = {"f32": np.float32, "f64": np.float64}
ENTRIES = ("forward", "grad", "vjp", "jvp", "hvp")
# `adjoint jacobian` is checked when (param elements) x (output elements),
# the size of all the Jacobians together, is at most this.
JACOBIAN_LIMIT = 200_000

# --------------------------------------------------------------------------
# The model format: tokens, statements, expressions.


class TranslationError(Exception):
    pass


TOKEN = re.compile(r"""
    (?P<space>[ \t\r]+)
  | (?P<comment>\#[^\n]*)
  | (?P<newline>\n)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<sym>[-+*/()\[\],=:])
""", re.X)

KEYWORDS = {"model", "input", "param", "output", "f32", "f64", "true",
            "false"}


def tokenize(text):
    """Statements as lists of (kind, value, line) tokens. A newline ends a
    statement unless a `(` or `[` is open."""
    statements, current, depth, line, pos = [], [], 0, 1, 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise TranslationError(f"line {line}: unexpected character "
                                   f"{text[pos]!r}")
        pos = m.end()
        kind = m.lastgroup
        if kind in ("space", "comment"):
            continue
        if kind == "newline":
            line += 1
            if depth == 0 and current:
                statements.append(current)
                current = []
            continue
        value = m.group(kind)
        if value in "([":
            depth += 1
        elif value in ")]":
            depth -= 1
        current.append((kind, value, line))
    if current:
        statements.append(current)
    return statements


class Tokens:
    def __init__(self, tokens):
        self.tokens = tokens
        self.i = 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else \
            ("end", None, self.tokens[-1][2])

    def take(self, value=None, kind=None):
        tok = self.peek()
        if (value is not None and tok[1] != value) or \
                (kind is not None and tok[0] != kind):
            want = value if value is not None else kind
            raise TranslationError(f"line {tok[2]}: expected {want}, found "
                                   f"{tok[1]!r}")
        self.i += 1
        return tok

    def at(self, value):
        return self.peek()[1] == value and self.peek()[0] != "end"

    def done(self):
        return self.i >= len(self.tokens)


# Expression trees: ("num", float), ("ref", name), ("op", name, args, attrs,
# line).

def parse_expr(ts):
    node = parse_term(ts)
    while ts.at("+") or ts.at("-"):
        tok = ts.take()
        node = ("op", {"+": "add", "-": "sub"}[tok[1]], [node, parse_term(ts)],
                {}, tok[2])
    return node


def parse_term(ts):
    node = parse_unary(ts)
    while ts.at("*") or ts.at("/"):
        tok = ts.take()
        node = ("op", {"*": "mul", "/": "div"}[tok[1]],
                [node, parse_unary(ts)], {}, tok[2])
    return node


def parse_unary(ts):
    if ts.at("-"):
        tok = ts.take()
        return ("op", "neg", [parse_unary(ts)], {}, tok[2])
    return parse_primary(ts)


def parse_attr_value(ts):
    if ts.at("["):
        ts.take("[")
        values = [parse_int(ts)]
        while ts.at(","):
            ts.take(",")
            values.append(parse_int(ts))
        ts.take("]")
        return values
    if ts.at("true") or ts.at("false"):
        return ts.take()[1] == "true"
    return parse_int(ts)


def parse_int(ts):
    sign = -1 if ts.at("-") and ts.take("-") else 1
    tok = ts.take(kind="number")
    if not re.fullmatch(r"\d+", tok[1]):
        raise TranslationError(f"line {tok[2]}: expected an integer, found "
                               f"{tok[1]!r}")
    return sign * int(tok[1])


def parse_primary(ts):
    tok = ts.peek()
    if tok[0] == "number":
        ts.take()
        return ("num", float(tok[1]))
    if tok[1] == "(":
        ts.take("(")
        node = parse_expr(ts)
        ts.take(")")
        return node
    if tok[0] == "name" and tok[1] not in KEYWORDS:
        ts.take()
        if not ts.at("("):
            return ("ref", tok[1])
        ts.take("(")
        args, attrs = [], {}
        while not ts.at(")"):
            nxt = ts.tokens[ts.i + 1] if ts.i + 1 < len(ts.tokens) else None
            if ts.peek()[0] == "name" and nxt and nxt[1] == "=":
                key = ts.take()[1]
                ts.take("=")
                if key in attrs:
                    raise TranslationError(f"line {tok[2]}: repeated "
                                           f"attribute {key}")
                attrs[key] = parse_attr_value(ts)
            else:
                if attrs:
                    raise TranslationError(f"line {tok[2]}: argument after "
                                           f"an attribute")
                args.append(parse_expr(ts))
            if not ts.at(")"):
                ts.take(",")
        ts.take(")")
        return ("op", tok[1], args, attrs, tok[2])
    raise TranslationError(f"line {tok[2]}: unexpected {tok[1]!r}")


class Model:
    """A parsed model: leaves [(kind, name, type, shape)], statements
    [(name, tree)], outputs [name]."""

    def __init__(self, text):
        self.leaves, self.statements, self.outputs = [], [], []
        self.type = None
        for stmt in tokenize(text):
            ts = Tokens(stmt)
            head = ts.peek()
            if head[1] == "model":
                ts.take()
                ts.take(kind="name")
            elif head[1] in ("input", "param"):
                ts.take()
                name = ts.take(kind="name")[1]
                ts.take(":")
                ty = ts.take(kind="name")
                if ty[1] not in NPTYPE:
                    raise TranslationError(f"line {ty[2]}: unknown type "
                                           f"{ty[1]!r}")
                if self.type not in (None, ty[1]):
                    raise TranslationError(f"line {ty[2]}: mixed types")
                self.type = ty[1]
                shape = parse_attr_value(ts) if ts.at("[") else []
                self.leaves.append((head[1], name, ty[1], tuple(shape)))
            elif head[1] == "output":
                ts.take()
                self.outputs.append(ts.take(kind="name")[1])
                while ts.at(","):
                    ts.take(",")
                    self.outputs.append(ts.take(kind="name")[1])
            else:
                name = ts.take(kind="name")[1]
                ts.take("=")
                self.statements.append((name, parse_expr(ts)))
            if not ts.done():
                tok = ts.peek()
                raise TranslationError(f"line {tok[2]}: unexpected "
                                       f"{tok[1]!r}")
        if not self.outputs:
            raise TranslationError("no output statement")
        if self.type is None:
            raise TranslationError("no leaves")

    def params(self):
        return [n for k, n, _, _ in self.leaves if k == "param"]

    def evaluate(self, values):
        """The outputs, as torch tensors, from {leaf name: tensor}. Number
        literals are constants of the model's element type, promoted to the
        tensors' dtype."""
        env = dict(values)
        dtype = next(iter(values.values())).dtype

        def ev(node):
            if node[0] == "num":
                c = float(NPTYPE[self.type](node[1]))
                return torch.tensor(c, dtype=dtype)
            if node[0] == "ref":
                if node[1] not in env:
                    raise TranslationError(f"undefined name {node[1]!r}")
                return env[node[1]]
            _, op, args, attrs, line = node
            if op not in OPS:
                raise TranslationError(f"line {line}: op {op!r} has no "
                                       f"PyTorch translation")
            operands = [ev(a) for a in args]
            try:
                return OPS[op](operands, attrs)
            except TranslationError as e:
                raise TranslationError(f"line {line}: {op}: {e}") from None
            except RuntimeError as e:  # a shape torch refuses
                raise TranslationError(f"line {line}: {op}: {e}") from None

        for name, tree in self.statements:
            if name in env:
                raise TranslationError(f"{name!r} defined twice")
            env[name] = ev(tree)
        missing = [o for o in self.outputs if o not in env]
        if missing:
            raise TranslationError(f"undefined outputs {missing}")
        return [env[o] for o in self.outputs]


# --------------------------------------------------------------------------
# The ops, with the format's semantics.


def check_attrs(attrs, allowed, required=()):
    for k in attrs:
        if k not in allowed:
            raise TranslationError(f"unknown attribute {k!r}")
    for k in required:
        if k not in attrs:
            raise TranslationError(f"missing attribute {k!r}")


def check_arity(args, n):
    if len(args) != n:
        raise TranslationError(f"takes {n} operands, got {len(args)}")


def norm_axes(axis, rank):
    """The format's `axis`: an integer or a non-empty list of distinct axes,
    negative counting from the end; default (None) all axes."""
    if axis is None:
        return list(range(rank))
    axes = axis if isinstance(axis, list) else [axis]
    if isinstance(axis, bool) or not axes or \
            any(isinstance(a, bool) for a in axes):
        raise TranslationError(f"bad axis {axis!r}")
    out = []
    for a in axes:
        if not -rank <= a < rank:
            raise TranslationError(f"axis {a} out of range for rank {rank}")
        out.append(a % rank)
    if len(set(out)) != len(out):
        raise TranslationError(f"repeated axis in {axis!r}")
    return sorted(out)


def unary(fn):
    def op(args, attrs):
        check_arity(args, 1)
        check_attrs(attrs, ())
        return fn(args[0])
    return op


def binary(fn):
    def op(args, attrs):
        check_arity(args, 2)
        check_attrs(attrs, ())
        a, b = args
        torch.broadcast_shapes(a.shape, b.shape)  # NumPy rules or an error
        return fn(a, b)
    return op


def reduction(fn):
    """sum/mean/max/logsumexp(x, axis=..., keepdims=false)."""
    def op(args, attrs):
        check_arity(args, 1)
        check_attrs(attrs, ("axis", "keepdims"))
        x = args[0]
        keepdims = attrs.get("keepdims", False)
        if not isinstance(keepdims, bool):
            raise TranslationError("keepdims is not a boolean")
        axes = norm_axes(attrs.get("axis"), x.dim())
        if not axes:  # a scalar: nothing to reduce
            return x
        return fn(x, axes, keepdims)
    return op


def first_max(x, axes, keepdims):
    """max over `axes`, the gradient to the first maximal element in
    row-major order over the reduced axes (torch.amax would split it)."""
    kept = [d for d in range(x.dim()) if d not in axes]
    flat = x.permute(kept + axes).reshape(
        [x.shape[d] for d in kept] + [-1])
    index = torch.argmax(flat, dim=-1, keepdim=True)  # the first maximum
    y = torch.gather(flat, -1, index).squeeze(-1)
    if keepdims:
        y = y.reshape([1 if d in axes else x.shape[d]
                       for d in range(x.dim())])
    return y


def softmax_like(fn):
    def op(args, attrs):
        check_arity(args, 1)
        check_attrs(attrs, ("axis",))
        x = args[0]
        axis = attrs.get("axis", -1)
        if isinstance(axis, list):
            if len(axis) != 1:
                raise TranslationError(f"one axis expected, got {axis}")
            axis = axis[0]
        return fn(x, dim=norm_axes(axis, x.dim())[0])
    return op


def op_matmul(args, attrs):
    check_arity(args, 2)
    check_attrs(attrs, ())
    a, b = args
    if a.dim() < 2 or a.dim() != b.dim() or a.shape[:-2] != b.shape[:-2] \
            or a.shape[-1] != b.shape[-2]:
        raise TranslationError(f"shapes {list(a.shape)} and {list(b.shape)}")
    return torch.matmul(a, b)


def op_transpose(args, attrs):
    check_arity(args, 1)
    check_attrs(attrs, ("perm",))
    x = args[0]
    perm = attrs.get("perm", list(range(x.dim()))[::-1])
    if not isinstance(perm, list) or sorted(perm) != list(range(x.dim())):
        raise TranslationError(f"bad perm {perm!r} for rank {x.dim()}")
    return x.permute(perm)


def shape_attr(attrs):
    shape = attrs["shape"]
    if not isinstance(shape, list) or any(
            isinstance(d, bool) or d <= 0 for d in shape):
        raise TranslationError(f"bad shape {shape!r}")
    return shape


def op_reshape(args, attrs):
    check_arity(args, 1)
    check_attrs(attrs, ("shape",), ("shape",))
    x, shape = args[0], shape_attr(attrs)
    if int(np.prod(shape)) != x.numel():
        raise TranslationError(f"cannot reshape {list(x.shape)} to {shape}")
    return x.reshape(shape)


def op_broadcast(args, attrs):
    check_arity(args, 1)
    check_attrs(attrs, ("shape",), ("shape",))
    return torch.broadcast_to(args[0], shape_attr(attrs))


def op_slice(args, attrs):
    check_arity(args, 1)
    check_attrs(attrs, ("axis", "start", "end"), ("axis", "start", "end"))
    x = args[0]
    if isinstance(attrs["axis"], list):
        raise TranslationError("slice takes one axis")
    axis = norm_axes(attrs["axis"], x.dim())[0]
    start, end = attrs["start"], attrs["end"]
    if not 0 <= start < end <= x.shape[axis]:
        raise TranslationError(f"bad start={start}, end={end} for size "
                               f"{x.shape[axis]}")
    return x.narrow(axis, start, end - start)


def op_concat(args, attrs):
    check_attrs(attrs, ("axis",), ("axis",))
    if not args:
        raise TranslationError("no operands")
    if isinstance(attrs["axis"], list):
        raise TranslationError("concat takes one axis")
    return torch.cat(args, dim=norm_axes(attrs["axis"], args[0].dim())[0])


OPS = {
    "add": binary(torch.add),
    "sub": binary(torch.sub),
    "mul": binary(torch.mul),
    "div": binary(torch.div),
    "pow": binary(torch.pow),
    # On ties the gradient goes to `a` (torch.maximum would split it).
    "maximum": binary(lambda a, b: torch.where(a >= b, a, b)),
    "minimum": binary(lambda a, b: torch.where(a <= b, a, b)),
    "neg": unary(torch.neg),
    "exp": unary(torch.exp),
    "log": unary(torch.log),
    "sqrt": unary(torch.sqrt),
    "tanh": unary(torch.tanh),
    "sigmoid": unary(torch.sigmoid),
    "relu": unary(torch.relu),      # relu'(0) = 0 in torch too
    "sin": unary(torch.sin),
    "cos": unary(torch.cos),
    "abs": unary(torch.abs),        # abs'(0) = sign(0) = 0 in torch too
    "square": unary(torch.square),
    "matmul": op_matmul,
    "transpose": op_transpose,
    "reshape": op_reshape,
    "broadcast": op_broadcast,
    "sum": reduction(lambda x, a, k: torch.sum(x, dim=a, keepdim=k)),
    "mean": reduction(lambda x, a, k: torch.mean(x, dim=a, keepdim=k)),
    "max": reduction(first_max),
    "logsumexp": reduction(lambda x, a, k: torch.logsumexp(x, dim=a,
                                                           keepdim=k)),
    "softmax": softmax_like(torch.softmax),
    "log_softmax": softmax_like(torch.log_softmax),
    "slice": op_slice,
    "concat": op_concat,
}

# --------------------------------------------------------------------------
# Data. Standard normal unless an example asks otherwise below (by file
# name); a new example works with the default and may add hints here.


def onehot(rng, s):
    x = np.zeros(s)
    labels = rng.integers(0, s[-1], s[:-1])
    np.put_along_axis(x, labels[..., None], 1.0, axis=-1)
    return x


def scaled(factor):
    return lambda rng, s: factor * rng.standard_normal(s)


HINTS = {
    # Weights ~ 1/sqrt(fan-in), so that tanh does not saturate.
    "mlp.adj": {"y": onehot, "W1": scaled(1 / 28.0), "b1": scaled(0.1),
                "W2": scaled(1 / 16.0), "b2": scaled(0.1)},
    "logreg.adj": {"y": lambda rng, s: rng.integers(0, 2, s).astype(float),
                   "x": scaled(3.0)},
}


def seed_of(*parts):
    return zlib.crc32("/".join(parts).encode())


def retype(text, ty):
    """The model text with every element type replaced by `ty` (f32 and f64
    are reserved words, so no name can contain them as a word)."""
    return re.sub(r"\b(f32|f64)\b", ty, text)


# --------------------------------------------------------------------------
# Comparison.


def errors(got, ref):
    """(elem, norm-numerator, norm-of-ref, worst index) of two f64 arrays."""
    diff = np.abs(got - ref)
    elem = diff / np.maximum(1.0, np.abs(got) + np.abs(ref))
    i = np.unravel_index(np.argmax(elem), ref.shape) if ref.ndim else ()
    return (float(np.max(elem)), float(np.linalg.norm(diff.ravel())),
            float(np.linalg.norm(ref.ravel())), i)


# --------------------------------------------------------------------------
# Running.


class Runner(oracle_cli.Tally):
    def __init__(self, driver, keep, verbose):
        self.driver = driver
        self.keep = keep
        super().__init__(verbose)
        self.skipped = 0

    def run_driver(self, args, out):
        """One driver run into `out` (made first, so that a run which
        writes nothing leaves it empty); a CompletedProcess."""
        os.makedirs(out)
        cmd = [self.driver] + args + ["--out", out]
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
        except OSError as e:
            return subprocess.CompletedProcess(cmd, -1, "", str(e))
        try:
            stdout, stderr = proc.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            proc.kill()
            stdout, stderr = proc.communicate()
            stderr += "\ntimed out after 300 s"
        return subprocess.CompletedProcess(cmd, proc.returncode, stdout,
                                           stderr)

    def compare(self, ty, out, expected, notes):
        """Problems of the files in `out` against {file stem: f64 array}."""
        elem_tol, norm_tol = TOL[ty]
        problems = []
        for stem, ref in expected.items():
            path = os.path.join(out, stem + ".npy")
            try:
                got = np.load(path, allow_pickle=False)
            except Exception as e:  # noqa: BLE001 - report any load failure
                problems.append(f"{stem}: cannot load {path}: {e}")
                continue
            want = np.dtype(NPTYPE[ty]).newbyteorder("<")
            if got.dtype != want:
                problems.append(f"{stem}: dtype {got.dtype.str}, expected "
                                f"{want.str}")
                continue
            if got.shape != ref.shape:
                problems.append(f"{stem}: shape {got.shape}, expected "
                                f"{ref.shape}")
                continue
            g = got.astype(np.float64)
            if not np.all(np.isfinite(g)) or not np.all(np.isfinite(ref)):
                problems.append(f"{stem}: not finite: got {g.ravel()[:4]}, "
                                f"reference {ref.ravel()[:4]}")
                continue
            elem, dnorm, rnorm, i = errors(g, ref)
            norm = dnorm / max(1.0, rnorm)
            notes.append(f"{stem}: elem {elem:.3g}, norm {norm:.3g} "
                         f"(|ref| {rnorm:.3g})")
            if elem > elem_tol or norm > norm_tol:
                problems.append(
                    f"{stem}: mismatch: elem error {elem:.3g} (tol "
                    f"{elem_tol:g}), norm error {norm:.3g} (tol {norm_tol:g})"
                    f"; worst at {tuple(int(k) for k in i)}: got {g[i]!r}, "
                    f"expected {ref[i]!r}")
        found = sorted(os.listdir(out))
        if found != sorted(s + ".npy" for s in expected):
            problems.append(f"output directory holds {found}, expected "
                            f"{sorted(s + '.npy' for s in expected)}")
        return problems

    @staticmethod
    def check_mode(job, proc, n_params, n_outputs, notes):
        """Problems of the mode line `adjoint jacobian` prints first:
        `forward mode, ...` or `reverse mode, ...`; --mode auto must pick
        forward mode exactly when the params have fewer elements in total
        than the outputs."""
        mode = job.split("-", 1)[1]
        if mode == "auto":
            want = "forward" if n_params < n_outputs else "reverse"
            why = (f"auto with {n_params} param elements and {n_outputs} "
                   f"output elements")
        else:
            want, why = mode, f"--mode {mode}"
        lines = proc.stdout.splitlines()
        first = lines[0] if lines else ""
        notes.append(f"mode line: {first!r}")
        m = re.match(r"(forward|reverse) mode\b", first)
        if not m:
            return [f"no mode line: stdout starts with {first!r}"]
        if m.group(1) != want:
            return [f"{why}: printed {first!r}, expected {want} mode"]
        return []

    def start_model(self, path, ty, pool):
        """Writes the model and its data, submits its driver runs to `pool`
        and computes the reference meanwhile; the state finish_model
        reports on."""
        base = os.path.basename(path)
        case = {"label": f"{base} [{ty}]", "path": path, "ty": ty,
                "work": tempfile.mkdtemp(prefix="adj-torch-oracle-"),
                "skip": None, "error": None, "runs": {}}
        work = case["work"]
        with open(path, encoding="utf-8") as f:
            text = retype(f.read(), ty)
        model_path = os.path.join(work, base)
        with open(model_path, "w", encoding="utf-8") as f:
            f.write(text)
        data = os.path.join(work, "data")
        jobs = {e: ["run", model_path, "--entry", e, "--data", data]
                for e in ENTRIES}
        case["jobs"] = list(jobs)
        try:
            model = Model(text)
            ref = Reference(model, base, ty, data)
        except TranslationError as e:
            case["jobs"].append("jacobian")
            case["error"] = e
            return case
        n_params, n_outputs = case["sizes"] = ref.sizes()
        if n_params * n_outputs <= JACOBIAN_LIMIT:
            modes = ["forward", "reverse"]
            if ty == "f64":  # auto once per model
                modes.append("auto")
            for mode in modes:
                jobs["jacobian-" + mode] = ["jacobian", model_path, "--mode",
                                            mode, "--data", data]
        else:
            case["skip"] = (f"SKIP jacobian {case['label']}: {n_params} x "
                            f"{n_outputs} elements too large for the oracle")
        case["jobs"] = list(jobs)
        # The slowest compilation (hvp) first.
        for job in sorted(jobs, key=lambda j: j != "hvp"):
            case["runs"][job] = pool.submit(
                self.run_driver, jobs[job], os.path.join(work, "out-" + job))
        try:
            case["results"] = ref.results(
                [j for j in jobs if j.startswith("jacobian-")])
        except TranslationError as e:
            case["error"] = e
        return case

    def finish_model(self, case):
        """Waits for a model's driver runs and reports on them."""
        label, ty, work = case["label"], case["ty"], case["work"]
        try:
            if case["skip"]:
                self.skipped += 1
                print(case["skip"])
            for job in case["jobs"]:
                if job in case["runs"]:
                    proc = case["runs"][job].result()
                if case["error"] is not None:
                    self.report(f"{label} {job}", [
                        f"cannot translate {case['path']} to PyTorch: "
                        f"{case['error']}"])
                    continue
                out = os.path.join(work, "out-" + job)
                notes = []
                expected = case["results"][job]
                if expected is None:  # grad or hvp of a non-scalar loss
                    problems = []
                    if proc.returncode != 1:
                        problems.append(f"--entry {job} with a non-scalar "
                                        f"first output: exit status "
                                        f"{proc.returncode}, expected 1")
                    if os.listdir(out):
                        problems.append(f"files written: {os.listdir(out)}")
                elif proc.returncode != 0:
                    problems = [f"driver exited with {proc.returncode}: "
                                + proc.stderr.strip()[:2000]]
                else:
                    problems = self.compare(ty, out, expected, notes)
                    if job.startswith("jacobian-"):
                        problems += self.check_mode(job, proc,
                                                    *case["sizes"], notes)
                self.report(f"{label} {job}", problems, notes)
        finally:
            if self.keep:
                print(f"  kept {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)


class Reference:
    """Writes a model's data files to `data` and computes the expected
    results in float64 with torch.autograd."""

    def __init__(self, model, base, ty, data):
        self.model = model
        os.makedirs(data)
        # The same f64 draws for both types (rounded for f32).
        rng = np.random.default_rng(seed_of(base, "leaves"))
        hints = HINTS.get(base, {})
        self.values = {}
        for kind, name, _, shape in model.leaves:
            gen = hints.get(name, lambda r, s: r.standard_normal(s))
            x = np.asarray(gen(rng, shape), dtype=np.float64)
            x = x.reshape(shape).astype(NPTYPE[ty])
            np.save(os.path.join(data, name + ".npy"), x)
            t = torch.tensor(x.astype(np.float64), dtype=torch.float64)
            self.values[name] = t.requires_grad_(kind == "param")
        self.params = model.params()
        self.outputs = model.evaluate(self.values)
        rng = np.random.default_rng(seed_of(base, "cotangents"))
        self.cots = []
        for name, o in zip(model.outputs, self.outputs):
            u = rng.standard_normal(tuple(o.shape)).astype(NPTYPE[ty])
            np.save(os.path.join(data, name + ".cotangent.npy"), u)
            self.cots.append(torch.tensor(u.astype(np.float64)))
        # One tangent per param: jvp's tangents and hvp's vectors.
        rng = np.random.default_rng(seed_of(base, "tangents"))
        self.tangents = []
        for p in self.params:
            v = rng.standard_normal(tuple(self.values[p].shape))
            v = v.astype(NPTYPE[ty])
            np.save(os.path.join(data, p + ".tangent.npy"), v)
            self.tangents.append(torch.tensor(v.astype(np.float64)))

    def sizes(self):
        """(param elements, output elements), each in total."""
        return (sum(self.values[p].numel() for p in self.params),
                sum(o.numel() for o in self.outputs))

    def of_params(self, *ps):
        """The outputs as a function of the params, the inputs fixed (for
        torch.autograd.functional)."""
        values = {n: v.detach() for n, v in self.values.items()}
        values.update(zip(self.params, ps))
        return tuple(self.model.evaluate(values))

    def results(self, jacobians):
        """{entry or jacobian job: {file stem: f64 array}}, None for grad
        and hvp when the loss is not a scalar."""
        model, values, params = self.model, self.values, self.params
        outputs, leaves = self.outputs, [self.values[p].detach()
                                         for p in self.params]

        def numpy(t, like):
            return (t.detach().numpy() if t is not None
                    else np.zeros(tuple(like.shape)))

        def grads(outs, cots):
            # Outputs that do not depend on a param (an input output) add
            # nothing; a param no output depends on gets zeros.
            pairs = [(o, c) for o, c in zip(outs, cots) if o.requires_grad]
            got = [None] * len(params)
            if pairs and params:
                got = torch.autograd.grad(
                    [o for o, _ in pairs], [values[p] for p in params],
                    grad_outputs=[c for _, c in pairs], retain_graph=True,
                    allow_unused=True)
            return {p + ".grad": numpy(g, values[p])
                    for p, g in zip(params, got)}

        results = {"forward": {n: o.detach().numpy()
                               for n, o in zip(model.outputs, outputs)}}
        loss = outputs[0]
        scalar_loss = loss.dim() == 0
        if scalar_loss:
            results["grad"] = {model.outputs[0]: loss.detach().numpy()}
            results["grad"].update(grads([loss], [torch.ones_like(loss)]))
        else:
            results["grad"] = None
        results["vjp"] = grads(outputs, self.cots)

        # jvp: the outputs and their tangents, by torch's double-backward.
        if params:
            _, tans = torch.autograd.functional.jvp(
                self.of_params, tuple(leaves), tuple(self.tangents))
        else:
            tans = [None] * len(outputs)
        results["jvp"] = {n: o.detach().numpy()
                          for n, o in zip(model.outputs, outputs)}
        results["jvp"].update({n + ".tangent": numpy(t, o) for n, o, t in
                               zip(model.outputs, outputs, tans)})

        # hvp: the Hessian of the loss in the params, times the tangents.
        if not scalar_loss:
            results["hvp"] = None
        elif params:
            _, hv = torch.autograd.functional.hvp(
                lambda *ps: self.of_params(*ps)[0], tuple(leaves),
                tuple(self.tangents))
            results["hvp"] = {p + ".grad": numpy(h, values[p])
                              for p, h in zip(params, hv)}
        else:
            results["hvp"] = {}

        # jacobian: output shape + param shape, the same in every mode.
        if jacobians:
            jac = {}
            if params:
                j = torch.autograd.functional.jacobian(self.of_params,
                                                       tuple(leaves))
                for n, row in zip(model.outputs, j):
                    for p, block in zip(params, row):  # zeros if unused
                        jac[f"{n}.{p}.jacobian"] = block.detach().numpy()
            for job in jacobians:
                results[job] = jac
        return results


def main():
    parser = oracle_cli.make_parser(__doc__)
    parser.add_argument("-j", dest="jobs", type=int,
                        default=(os.cpu_count() or 1) + 1,
                        help="driver runs at a time (default: cores + 1)")
    args = parser.parse_args()

    driver = oracle_cli.find_driver(args.driver)
    if driver is None:
        return 1
    models = sorted(glob.glob(os.path.join(args.srcroot, "examples",
                                           "*.adj")))
    if not models:
        print(f"FAIL no examples/*.adj under {args.srcroot}")
        print("0 passed, 1 failed")
        return 1

    runner = Runner(driver, args.keep, args.verbose)
    # Each driver run is mostly single-threaded JIT compilation: a few at a
    # time across all the models keep the cores busy, and the references
    # are computed while they run.
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        cases = [runner.start_model(path, ty, pool)
                 for path in models for ty in ("f32", "f64")
                 if args.filter in f"{os.path.basename(path)} [{ty}]"]
        for case in cases:
            runner.finish_model(case)
    print(f"{runner.passed} passed, {runner.failed} failed, "
          f"{runner.skipped} skipped")
    return 1 if runner.failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Elementwise chains of N nodes, and their values and gradients in NumPy.

The chain repeats a cycle of five ops on a param x : f32[16]:

    a = tanh(h); b = sigmoid(a); c = b * x; d = exp(c); h' = d + a

from h = x, cut after N - 2 ops, and ends with loss = sum(h). With the
param and the sum it has exactly N nodes. Every value stays in (-1, 4),
and x feeds every cycle, so its gradient collects a term from each one
and does not vanish however long the chain.

    chain.py model N DIR    writes DIR/chain.adj and DIR/data/x.npy
    chain.py check N DIR    compares DIR/out/loss.npy, and x.grad.npy if
                            there, (written by `adjoint run --entry forward
                            or grad --out DIR/out`) with NumPy's values in
                            f64, and prints them
"""

import os
import sys

import numpy as np

SIZE = 16
CYCLE = ("tanh", "sigmoid", "mul", "exp", "add")


def ops(n):
    """The chain's ops as (name, result, operands), values by index."""
    assert n >= 3, "a chain has at least the param, one op and the sum"
    result, h, a = [], 0, None
    for i in range(1, n - 1):
        op = CYCLE[(i - 1) % len(CYCLE)]
        if op in ("tanh", "sigmoid", "exp"):
            operand = h if op == "tanh" else i - 1
            result.append((op, i, (operand,)))
            if op == "tanh":
                a = i
        elif op == "mul":
            result.append((op, i, (i - 1, 0)))
        else:
            result.append((op, i, (i - 1, a)))
            h = i
    return result, n - 2


def write_model(n, directory):
    chain, last = ops(n)
    lines = [f"# A chain of {n} elementwise nodes (bench/compile-time/chain.py)",
             "model chain", f"param x : f32[{SIZE}]"]
    symbols = {"add": "+", "mul": "*"}
    for op, index, operands in chain:
        names = [f"v{o}" if o else "x" for o in operands]
        if op in symbols:
            expression = f" {symbols[op]} ".join(names)
        else:
            expression = f"{op}({names[0]})"
        lines.append(f"v{index} = {expression}")
    lines += [f"loss = sum(v{last})", "output loss"]
    with open(os.path.join(directory, "chain.adj"), "w") as file:
        file.write("\n".join(lines) + "\n")
    os.makedirs(os.path.join(directory, "data"), exist_ok=True)
    x = np.random.default_rng(n).uniform(-1, 1, SIZE).astype(np.float32)
    np.save(os.path.join(directory, "data", "x.npy"), x)


def forward(chain, values):
    functions = {
        "tanh": lambda u: np.tanh(u),
        "sigmoid": lambda u: 1 / (1 + np.exp(-u)),
        "exp": lambda u: np.exp(u),
        "mul": lambda u, w: u * w,
        "add": lambda u, w: u + w,
    }
    for op, index, operands in chain:
        values[index] = functions[op](*(values[o] for o in operands))


def gradient(chain, values, last):
    """d sum(values[last]) / d values[0], by a hand-written reverse sweep."""
    cotangents = {last: np.ones(SIZE)}
    for op, index, operands in reversed(chain):
        g = cotangents.pop(index, None)
        if g is None:
            continue
        y = values[index]
        if op == "tanh":
            local = [g * (1 - y * y)]
        elif op == "sigmoid":
            local = [g * y * (1 - y)]
        elif op == "exp":
            local = [g * y]
        elif op == "mul":
            local = [g * values[operands[1]], g * values[operands[0]]]
        else:
            local = [g, g]
        for operand, contribution in zip(operands, local):
            cotangents[operand] = cotangents.get(operand, 0) + contribution
    return cotangents[0]


def check(n, directory):
    chain, last = ops(n)
    values = {0: np.load(os.path.join(directory, "data", "x.npy"))
                 .astype(np.float64)}
    forward(chain, values)
    expected_loss = values[last].sum()
    out = os.path.join(directory, "out")
    loss = float(np.load(os.path.join(out, "loss.npy")))
    ok = abs(loss - expected_loss) <= 1e-4 * abs(expected_loss)
    print(f"loss: adjoint {loss:.6g}, NumPy {expected_loss:.6g}: "
          f"{'ok' if ok else 'MISMATCH'}")
    grad_file = os.path.join(out, "x.grad.npy")
    if os.path.exists(grad_file):
        expected_grad = gradient(chain, values, last)
        grad = np.load(grad_file).astype(np.float64)
        error = np.abs(grad - expected_grad).max()
        grad_ok = error <= 1e-3 * np.abs(expected_grad).max()
        print(f"x.grad: largest difference {error:.3g} of at most "
              f"{np.abs(expected_grad).max():.6g}: "
              f"{'ok' if grad_ok else 'MISMATCH'}")
        ok = ok and grad_ok
    return 0 if ok else 1


def main(argv):
    if len(argv) != 4 or argv[1] not in ("model", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    n, directory = int(argv[2]), argv[3]
    if argv[1] == "model":
        os.makedirs(directory, exist_ok=True)
        write_model(n, directory)
        return 0
    return check(n, directory)


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""torch_models.py: the speed benchmark's five models (bench/speed/*.adj,
shapes from make_models.py) in PyTorch eager mode, on the data make_data.py
wrote. Times `forward` (the loss under torch.no_grad()) and `grad` (the
loss, then backward() into fresh .grad tensors), each the median of
--repeats calls after one warm-up call.

Usage: python3 bench/speed/torch_models.py DATA_DIR [--threads N|all]
           [--repeats N] [MODEL...]
Prints one line per model and entry:
  NAME ENTRY MEDIAN_SECONDS LOSS GRAD_SQUARED_NORM
(the sum of the squares of every gradient; `-` for forward)."""

import argparse
import math
import os
import pathlib
import statistics
import time

import numpy as np
import torch

import make_models as shapes
from make_data import leaves


def mlp(leaf):
    x, y = leaf("x"), leaf("y")
    W1, b1, W2, b2, W3, b3 = (leaf(n) for n in
                              ("W1", "b1", "W2", "b2", "W3", "b3"))

    def loss():
        h1 = torch.tanh(x @ W1 + b1)
        h2 = torch.tanh(h1 @ W2 + b2)
        logits = h2 @ W3 + b3
        return -torch.mean(torch.sum(y * torch.log_softmax(logits, 1), 1))

    return loss


def chain(leaf):
    x = leaf("x")

    def loss():
        return torch.sum(torch.tanh(torch.sigmoid(x) * x + torch.exp(-x * x)))

    return loss


def lstm(leaf):
    xs = [leaf(f"x{t}") for t in range(1, shapes.LSTM_STEPS + 1)]
    layers = [(leaf(f"Wx{l}"), leaf(f"Wh{l}"), leaf(f"b{l}")) for l in (1, 2)]

    def cell(source, h, c, Wx, Wh, b):
        z = source @ Wx + b if h is None else source @ Wx + h @ Wh + b
        i, f, g, o = torch.split(z, shapes.LSTM_HIDDEN, dim=1)
        c_new = torch.sigmoid(i) * torch.tanh(g)
        if c is not None:
            c_new = torch.sigmoid(f) * c + c_new
        return torch.sigmoid(o) * torch.tanh(c_new), c_new

    def loss():
        states = [(None, None), (None, None)]
        for x in xs:
            source = x
            for layer, weights in enumerate(layers):
                states[layer] = cell(source, *states[layer], *weights)
                source = states[layer][0]
        return torch.mean(torch.square(source))

    return loss


def gmm(leaf):
    x, means, log_vars, logits = (leaf(n) for n in
                                  ("x", "means", "log_vars", "logits"))
    normaliser = 0.5 * shapes.GMM_DIM * math.log(2 * math.pi)

    def loss():
        diff = x[:, None, :] - means
        mahalanobis = torch.sum(torch.square(diff) * torch.exp(-log_vars), 2)
        log_density = (-0.5 * mahalanobis - 0.5 * torch.sum(log_vars, 1)
                       - normaliser)
        return -torch.mean(torch.logsumexp(
            torch.log_softmax(logits, 0) + log_density, 1))

    return loss


def attention(leaf):
    X, Wq, Wk, Wv, Wo = (leaf(n) for n in ("X", "Wq", "Wk", "Wv", "Wo"))
    scale = 1 / math.sqrt(shapes.ATTENTION_DIM)

    def loss():
        Q, K, V = X @ Wq, X @ Wk, X @ Wv
        weights = torch.softmax(Q @ K.T * scale, 1)
        return torch.mean(torch.square(weights @ V @ Wo))

    return loss


MODELS = {"mlp": mlp, "chain": chain, "lstm": lstm, "gmm": gmm,
          "attention": attention}
PARAMS = {name: [leaf_name for kind, leaf_name, _, _ in leaves(name)
                 if kind == "param"] for name in MODELS}


def median_seconds(call, repeats: int) -> float:
    call()  # warm-up
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def measure(name: str, data: pathlib.Path, repeats: int):
    """(entry, median seconds, loss, gradient squared norm or "-") of the
    forward and grad entries of model `name` on the data in data/name."""
    params = []

    def leaf(leaf_name):
        value = torch.from_numpy(np.load(data / name / f"{leaf_name}.npy"))
        if leaf_name in PARAMS[name]:
            value.requires_grad_(True)
            params.append(value)
        return value

    loss = MODELS[name](leaf)

    def forward():
        with torch.no_grad():
            return loss()

    def grad():
        for p in params:
            p.grad = None
        value = loss()
        value.backward()
        return value

    forward_seconds = median_seconds(forward, repeats)
    grad_seconds = median_seconds(grad, repeats)
    value = grad().item()
    norm = sum(float(torch.sum(p.grad.double() ** 2)) for p in params)
    return [("forward", forward_seconds, forward().item(), "-"),
            ("grad", grad_seconds, value, f"{norm:.9g}")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=pathlib.Path, metavar="DATA_DIR")
    parser.add_argument("models", nargs="*", metavar="MODEL",
                        help=f"one of {', '.join(MODELS)} (default: all)")
    parser.add_argument("--threads", default="1",
                        help="intra-op threads: a number or 'all' "
                        "(every CPU); default 1")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    unknown = sorted(set(args.models) - set(MODELS))
    if unknown:
        parser.error(f"unknown model(s): {', '.join(unknown)}")
    threads = os.cpu_count() if args.threads == "all" else int(args.threads)
    torch.set_num_threads(threads)
    for name in args.models or list(MODELS):
        for entry, seconds, loss, norm in measure(name, args.data,
                                                  args.repeats):
            print(f"{name} {entry} {seconds:.9f} {loss:.9g} {norm}",
                  flush=True)


if __name__ == "__main__":
    main()

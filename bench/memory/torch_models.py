#!/usr/bin/env python3
"""torch_models.py: the memory benchmark's models in PyTorch, with the peak
memory of one forward+backward measured as adjoint's memory report does:
the growth of the process's peak resident set size over the call
(malloc_trim(0), "5" to /proc/self/clear_refs, VmHWM - VmRSS before).
Mirrors examples/mlp.adj and bench/memory/{chain50,rnn}.adj (shapes from
make_models.py); leaves hold seeded values uniform in [-1, 1), as the
driver's. Inputs and params exist before the measured call and the call
creates the loss and the gradients, as adjoint's driver allocates its
results inside the measured region. One thread, one warm-up call.

Usage: python3 bench/memory/torch_models.py [--repeats N] [MODEL...]
Prints one line per model: NAME PEAK_RSS_GROWTH_BYTES MEDIAN_SECONDS."""

import argparse
import ctypes
import statistics
import time

import torch

import make_models as shapes

LIBC = ctypes.CDLL("libc.so.6")


def status_bytes(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                kilobytes, unit = line.split()[1:3]
                assert unit == "kB", line
                return int(kilobytes) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def peak_rss_growth(call) -> int:
    """The growth of the peak RSS while `call()` runs, in bytes."""
    LIBC.malloc_trim(0)
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")
    baseline = status_bytes("VmRSS")
    call()
    return max(status_bytes("VmHWM") - baseline, 0)


def uniform(*shape, requires_grad=False):
    return (torch.rand(*shape) * 2 - 1).requires_grad_(requires_grad)


def mlp():
    x, y = uniform(64, 784), uniform(64, 10)
    W1, b1 = uniform(784, 256, requires_grad=True), uniform(256, requires_grad=True)
    W2, b2 = uniform(256, 10, requires_grad=True), uniform(10, requires_grad=True)

    def loss():
        h = torch.tanh(x @ W1 + b1)
        logits = h @ W2 + b2
        return -torch.mean(torch.sum(y * torch.log_softmax(logits, 1), 1))

    return loss, [W1, b1, W2, b2]


def chain50():
    x = uniform(shapes.CHAIN_ROWS, shapes.CHAIN_WIDTH)
    params = [uniform(shapes.CHAIN_WIDTH, requires_grad=True)
              for _ in range(2 * shapes.CHAIN_LAYERS)]

    def loss():
        h = x
        for w, b in zip(params[0::2], params[1::2]):
            h = torch.tanh(h * w + b)
        return torch.mean(h)

    return loss, params


def rnn():
    xs = [uniform(shapes.RNN_BATCH, shapes.RNN_INPUT)
          for _ in range(shapes.RNN_STEPS)]
    Wx = uniform(shapes.RNN_INPUT, shapes.RNN_HIDDEN, requires_grad=True)
    Wh = uniform(shapes.RNN_HIDDEN, shapes.RNN_HIDDEN, requires_grad=True)
    b = uniform(shapes.RNN_HIDDEN, requires_grad=True)

    def loss():
        h = torch.tanh(xs[0] @ Wx + b)
        for x in xs[1:]:
            h = torch.tanh(x @ Wx + h @ Wh + b)
        return torch.mean(torch.square(h))

    return loss, [Wx, Wh, b]


MODELS = {"mlp": mlp, "chain50": chain50, "rnn": rnn}


def measure(name: str, repeats: int):
    torch.manual_seed(0)
    loss, params = MODELS[name]()

    def grad():
        loss().backward()

    def drop_gradients():
        for p in params:
            p.grad = None

    grad()  # warm-up
    growths, seconds = [], []
    for _ in range(repeats):
        drop_gradients()
        growths.append(peak_rss_growth(grad))
        drop_gradients()
        start = time.perf_counter()
        grad()
        seconds.append(time.perf_counter() - start)
    return statistics.median(growths), statistics.median(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", metavar="MODEL",
                        help=f"one of {', '.join(MODELS)} (default: all)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    unknown = sorted(set(args.models) - set(MODELS))
    if unknown:
        parser.error(f"unknown model(s): {', '.join(unknown)}")
    torch.set_num_threads(1)
    for name in args.models or list(MODELS):
        growth, seconds = measure(name, args.repeats)
        print(f"{name} {int(growth)} {seconds:.6f}")


if __name__ == "__main__":
    main()

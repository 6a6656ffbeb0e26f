#!/usr/bin/env python3
"""report.py: the markdown table, the check that every implementation
computed the same loss and gradient, and the reading of the targets of the
speed benchmark. RESULTS.tsv (run.sh collects it) holds one line per
implementation (adjoint, pytorch-1t, pytorch-all, hand), model and entry:
IMPLEMENTATION MODEL ENTRY MEDIAN_SECONDS LOSS GRAD_SQUARED_NORM, the last
two `-` where not known; adjoint's loss and gradients are read from
ADJOINT_OUT/MODEL/*.npy (`adjoint run --entry grad --out`).

Usage: python3 bench/speed/report.py RESULTS.tsv ADJOINT_OUT
Exits with status 1 if a loss or a gradient norm disagrees with adjoint's."""

import pathlib
import sys

import numpy as np

IMPLEMENTATIONS = ["adjoint", "pytorch-1t", "pytorch-all", "hand"]
LOSS_TOLERANCE, NORM_TOLERANCE = 1e-4, 1e-3  # relative


def read_results(path):
    rows = {}
    with open(path) as results:
        for line in results:
            implementation, model, entry, seconds, loss, norm = line.split()
            rows[implementation, model, entry] = {
                "seconds": float(seconds),
                "loss": None if loss == "-" else float(loss),
                "norm": None if norm == "-" else float(norm)}
    return rows


def adjoint_results(directory: pathlib.Path):
    """adjoint's loss and the sum of the squares of its gradients."""
    gradients = sorted(directory.glob("*.grad.npy"))
    losses = [p for p in directory.glob("*.npy") if p not in gradients]
    assert len(losses) == 1, f"expected one loss file in {directory}"
    norm = sum(float(np.sum(np.load(p).astype(np.float64) ** 2))
               for p in gradients)
    return float(np.load(losses[0])), norm


def milliseconds(row):
    return "—" if row is None else f"{row['seconds'] * 1e3:.3f}"


def ratio(numerator, denominator):
    if numerator is None or denominator is None:
        return "—"
    return f"{numerator['seconds'] / denominator['seconds']:.2f}"


def table(rows, models):
    lines = [
        "| model | entry | adjoint ms | PyTorch 1T ms | PyTorch all-T ms | "
        "hand C++ ms | adjoint / PyTorch 1T | adjoint / hand | "
        "grad/forward |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for model in models:
        for entry in ("forward", "grad"):
            row = {i: rows.get((i, model, entry)) for i in IMPLEMENTATIONS}
            grad_forward = (ratio(row["adjoint"],
                                  rows[("adjoint", model, "forward")])
                            if entry == "grad" else "—")
            lines.append(
                f"| {model} | {entry} | "
                + " | ".join(milliseconds(row[i]) for i in IMPLEMENTATIONS)
                + f" | {ratio(row['adjoint'], row['pytorch-1t'])} | "
                f"{ratio(row['adjoint'], row['hand'])} | {grad_forward} |")
    return "\n".join(lines)


def relative(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-30)


def agreement(rows, models):
    """Lines comparing each loss and gradient norm with adjoint's, and
    whether they all agree."""
    lines, agree = ["", "Same results (relative difference from adjoint's "
                    "loss; gradient squared norm):"], True
    for model in models:
        loss, norm = rows["adjoint", model, "grad"]["loss"], \
            rows["adjoint", model, "grad"]["norm"]
        parts = []
        for implementation in IMPLEMENTATIONS[1:]:
            other = rows.get((implementation, model, "grad"))
            if other is None:
                continue
            loss_error = relative(other["loss"], loss)
            norm_error = relative(other["norm"], norm)
            agree &= loss_error <= LOSS_TOLERANCE and \
                norm_error <= NORM_TOLERANCE
            parts.append(f"{implementation} {loss_error:.1e}; "
                         f"{norm_error:.1e}")
        lines.append(f"- {model} (loss {loss:.9g}): " + ", ".join(parts))
    lines.append(f"- within {LOSS_TOLERANCE:g} (loss) and "
                 f"{NORM_TOLERANCE:g} (norm): {'yes' if agree else 'NO'}")
    return lines, agree


def verdict(met):
    return "met" if met else "NOT met"


def targets(rows, models):
    def seconds(implementation, model, entry="grad"):
        return rows[implementation, model, entry]["seconds"]

    lines = ["", "Targets (single thread, grad):"]
    speedup = seconds("pytorch-1t", "chain") / seconds("adjoint", "chain")
    lines.append(f"- chain: at least 5x faster than PyTorch eager: "
                 f"{verdict(speedup >= 5)} ({speedup:.2f}x)")
    behind = seconds("adjoint", "chain") / seconds("hand", "chain")
    lines.append(f"- chain: within 1.2x of the hand-written loop: "
                 f"{verdict(behind <= 1.2)} ({behind:.2f}x its time)")
    speedup = seconds("pytorch-1t", "mlp") / seconds("adjoint", "mlp")
    lines.append(f"- mlp: at least as fast as PyTorch eager: "
                 f"{verdict(speedup >= 1)} ({speedup:.2f}x)")
    behind = seconds("adjoint", "mlp") / seconds("hand", "mlp")
    lines.append(f"- mlp: within 1.25x of hand-written C++ with OpenBLAS: "
                 f"{verdict(behind <= 1.25)} ({behind:.2f}x its time)")
    for model in models:
        factor = seconds("adjoint", model) / seconds("adjoint", model,
                                                     "forward")
        torch = seconds("pytorch-1t", model) / seconds("pytorch-1t", model,
                                                       "forward")
        lines.append(f"- {model}: grad at most 3x forward: "
                     f"{verdict(factor <= 3)} ({factor:.2f}x; PyTorch 1T "
                     f"{torch:.2f}x)")
    return lines


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    rows = read_results(sys.argv[1])
    models = list(dict.fromkeys(model for _, model, _ in rows))
    for model in models:
        loss, norm = adjoint_results(pathlib.Path(sys.argv[2]) / model)
        rows["adjoint", model, "grad"].update(loss=loss, norm=norm)
    print(table(rows, models))
    lines, agree = agreement(rows, models)
    print("\n".join(lines + targets(rows, models)))
    sys.exit(0 if agree else 1)


if __name__ == "__main__":
    main()

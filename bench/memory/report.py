#!/usr/bin/env python3
"""report.py: the markdown table and the reading of the targets of the
memory benchmark, from the tab-separated results run.sh collects (model,
plan, arena bytes, lower bound, peak RSS growth, median seconds of grad;
the arena and the bound are empty for PyTorch).

Usage: python3 bench/memory/report.py RESULTS.tsv"""

import sys

PLANS = ["keep-all", "none", "cheap", "auto", "pytorch"]
DEEP_CHAIN = "chain50"


def read_results(path):
    rows = {}
    with open(path) as results:
        for line in results:
            fields = line.rstrip("\n").split("\t")
            name, plan = fields[0], fields[1]
            arena, bound, peak = (int(f) if f else None for f in fields[2:5])
            rows[name, plan] = {"arena": arena, "bound": bound, "peak": peak,
                                "seconds": float(fields[5])}
    return rows


def count(value):
    return "—" if value is None else f"{value:,}"


def ratio(numerator, denominator):
    if numerator is None or not denominator:
        return "—"
    return f"{numerator / denominator:.2f}"


def table(rows, models):
    lines = [
        "| model | plan | arena bytes | lower bound | arena/bound | "
        "peak RSS growth | ratio to keep-all | ratio to PyTorch | "
        "grad median time |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in models:
        keep_all = rows[name, "keep-all"]["peak"]
        torch = rows[name, "pytorch"]["peak"]
        for plan in PLANS:
            row = rows[name, plan]
            lines.append(
                f"| {name} | {plan} | {count(row['arena'])} | "
                f"{count(row['bound'])} | {ratio(row['arena'], row['bound'])} | "
                f"{count(row['peak'])} | {ratio(row['peak'], keep_all)} | "
                f"{ratio(row['peak'], torch)} | "
                f"{row['seconds'] * 1e3:.2f} ms |")
    return "\n".join(lines)


def verdict(met):
    return "met" if met else "NOT met"


def targets(rows, models):
    lines = ["", "Targets:"]
    worst = max(((rows[n, p]["arena"] / rows[n, p]["bound"], n, p)
                 for n in models for p in ("none", "cheap", "auto")))
    lines.append(f"- arena within 10% of the lower bound (remat plans): "
                 f"{verdict(worst[0] <= 1.10)}; worst {worst[0]:.2f} "
                 f"({worst[1]}, {worst[2]})")
    if DEEP_CHAIN in models:
        auto, keep = rows[DEEP_CHAIN, "auto"], rows[DEEP_CHAIN, "keep-all"]
        memory = auto["peak"] / keep["peak"]
        time = auto["seconds"] / keep["seconds"]
        lines.append(f"- {DEEP_CHAIN}, auto: peak RSS growth below 25% of "
                     f"keep-all: {verdict(memory < 0.25)} ({memory:.0%})")
        lines.append(f"- {DEEP_CHAIN}, auto: grad time at most 1.5x "
                     f"keep-all: {verdict(time <= 1.5)} ({time:.2f}x)")
    for name in models:
        ours, torch = rows[name, "auto"]["peak"], rows[name, "pytorch"]["peak"]
        lines.append(f"- {name}: peak RSS growth (auto) below PyTorch's: "
                     f"{verdict(ours < torch)} ({ours:,} vs {torch:,} bytes)")
    return "\n".join(lines)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rows = read_results(sys.argv[1])
    models = list(dict.fromkeys(name for name, _ in rows))
    print(table(rows, models))
    print(targets(rows, models))


if __name__ == "__main__":
    main()

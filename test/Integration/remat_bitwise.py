#!/usr/bin/env python3
"""Gradients do not change, bit for bit, under any memory plan.

For every model of examples/ and the chain of test/Integration/Inputs, runs
`adjoint run --entry grad` (and vjp) under --remat=none, cheap and auto and
--keep-all, on the same seeded data, and compares the .npy files byte for
byte with those of --remat=none. Recomputing runs the same ops on the same
operands, so any difference is a bug. It also checks that --remat=auto did
recompute something where the memory report says the model has candidates
(the chain), so the comparison is not vacuous there.
"""

import glob
import os
import subprocess
import sys
import tempfile

from oracle_cli import Tally, find_driver, make_parser

PLANS = [["--remat=none"], ["--remat=cheap"], ["--remat=auto"], ["--keep-all"]]


def run(driver, model, entry, plan, out):
    command = [driver, "run", model, "--entry", entry, "--out", out,
               "--memory-report", *plan]
    result = subprocess.run(command, capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def recomputed_count(report):
    for line in report.splitlines():
        line = line.strip()
        if line.startswith("recomputed in the reverse sweep:"):
            return int(line.split(":")[1].split()[0])
    return None


def check(driver, model, entry, tally):
    name = f"{os.path.basename(model)} {entry}"
    problems, details = [], []
    with tempfile.TemporaryDirectory(prefix="remat-") as tmp:
        outputs = {}
        for plan in PLANS:
            out = os.path.join(tmp, plan[0].strip("-").replace("=", "-"))
            status, report = run(driver, model, entry, plan, out)
            if status != 0:
                problems.append(f"{' '.join(plan)} exited {status}: {report}")
                continue
            outputs[plan[0]] = out
            details.append(f"{' '.join(plan)}: recomputed "
                           f"{recomputed_count(report)}")
            if plan == ["--remat=auto"] and "chain" in model and \
                    not recomputed_count(report):
                problems.append("--remat=auto recomputed nothing")
        reference = outputs.get("--remat=none")
        for plan, out in outputs.items():
            if reference is None or out == reference:
                continue
            for file in sorted(os.listdir(reference)):
                with open(os.path.join(reference, file), "rb") as f:
                    expected = f.read()
                path = os.path.join(out, file)
                if not os.path.exists(path):
                    problems.append(f"{plan}: {file} missing")
                    continue
                with open(path, "rb") as f:
                    if f.read() != expected:
                        problems.append(f"{plan}: {file} differs")
    tally.report(name, problems, details)


def main():
    parser = make_parser(__doc__)
    args = parser.parse_args()
    driver = find_driver(args.driver)
    if driver is None:
        return 1
    models = sorted(glob.glob(os.path.join(args.srcroot, "examples", "*.adj")))
    models.append(os.path.join(args.srcroot, "test", "Integration", "Inputs",
                               "chain.adj"))
    tally = Tally(args.verbose)
    for model in models:
        if args.filter not in model:
            continue
        for entry in ["grad", "vjp"]:
            check(driver, model, entry, tally)
    print(f"{tally.passed} passed, {tally.failed} failed")
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())

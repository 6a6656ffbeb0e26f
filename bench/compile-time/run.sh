#!/usr/bin/env bash
# bench/compile-time/run.sh: how compile time grows with the graph.
# Writes elementwise chains of 1,000, 10,000 and 100,000 nodes (chain.py: a
# cycle of tanh, sigmoid, mul, exp and add on a param of 16 floats) and
# JIT-compiles the forward and the grad entry point of each with `adjoint
# bench --runs 1`, which prints the compile time of each stage. Prints a
# markdown table: per model and entry, each stage's wall time, the total,
# the CPU time of the whole process (user + system, parsing and the one
# call included), its peak RSS, and both times per node, so linearity
# shows as constant last columns (on a busy machine, the CPU time is the
# steadier one). A run that takes longer than TIMEOUT seconds
# is stopped and reported as such.
#
# Usage: bash bench/compile-time/run.sh [BUILD_DIR]   (default: ./build)
# Environment: SIZES (default "1000 10000 100000"), ENTRIES (default
# "forward grad"), TIMEOUT (seconds per compile, default 1800).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build}"
python="${PYTHON:-/usr/bin/python3}"
sizes="${SIZES:-1000 10000 100000}"
entries="${ENTRIES:-forward grad}"
timeout="${TIMEOUT:-1800}"

if [[ ! -x "$build/bin/adjoint" ]]; then
  echo "run.sh: error: no driver at $build/bin/adjoint; build it first" \
    "(cmake -G Ninja -S . -B build && ninja -C build), or pass BUILD_DIR" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A copy, so a rebuild during the run cannot mix two versions.
adjoint="$work/adjoint"
cp "$build/bin/adjoint" "$adjoint"

# The milliseconds after the label $1 on the compile line of $2.
stage() {
  sed -n "s/.*$1 \([0-9.]*\) ms.*/\1/p" "$2" | head -n 1
}
seconds() { awk "BEGIN { printf \"%.2f\", $1 / 1000 }"; }

echo "| nodes | entry | AD passes s | MLIR lowering s | LLVM optimization s | code generation s | compile s | CPU s | peak RSS MB | compile ms / node | CPU ms / node |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for nodes in $sizes; do
  "$python" "$here/chain.py" model "$nodes" "$work/$nodes"
  for entry in $entries; do
    echo "run.sh: $nodes nodes, $entry" >&2
    out="$work/$nodes-$entry.txt"
    usage="$work/$nodes-$entry.usage"
    status=0
    "$python" - "$timeout" "$usage" "$adjoint" bench "$work/$nodes/chain.adj" \
      --entry "$entry" --data "$work/$nodes/data" --runs 1 >"$out" <<'EOF' ||
import resource, subprocess, sys
timeout, usage, command = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
try:
    status = subprocess.run(command, timeout=timeout).returncode
except subprocess.TimeoutExpired:
    status = 124
child = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(usage, "w") as file:
    print(child.ru_utime + child.ru_stime, child.ru_maxrss / 1024, file=file)
sys.exit(status)
EOF
    status=$?
    if [[ $status -eq 124 ]]; then
      echo "| $nodes | $entry | — | — | — | — | > $timeout | — | — | — | — |"
      continue
    elif [[ $status -ne 0 ]]; then
      echo "run.sh: error: adjoint bench failed on $nodes nodes, $entry" >&2
      cat "$out" >&2
      exit 1
    fi
    read -r cpu rss <"$usage"
    total="$(stage 'compile:' "$out")"
    printf '| %s | %s | %s | %s | %s | %s | %s | %.1f | %.0f | %.3f | %.3f |\n' \
      "$nodes" "$entry" \
      "$(seconds "$(stage 'AD passes' "$out")")" \
      "$(seconds "$(stage 'MLIR lowering' "$out")")" \
      "$(seconds "$(stage 'LLVM optimization' "$out")")" \
      "$(seconds "$(stage 'code generation' "$out")")" \
      "$(seconds "$total")" "$cpu" "$rss" \
      "$(awk "BEGIN { print $total / $nodes }")" \
      "$(awk "BEGIN { print $cpu * 1000 / $nodes }")"
  done
done

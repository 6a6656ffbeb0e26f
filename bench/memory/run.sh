#!/usr/bin/env bash
# bench/memory/run.sh: the peak memory of `grad` on the benchmark models
# (examples/mlp.adj, bench/memory/chain50.adj, bench/memory/rnn.adj) under
# each memory plan (--keep-all, the reference that keeps every
# intermediate; --remat=none, cheap, auto), against PyTorch's autograd on
# the same models measured the same way: the growth of the process's peak
# RSS over one call after a warm-up. Prints a markdown table and a reading
# of the targets (report.py).
#
# adjoint: `adjoint bench MODEL --entry grad PLAN --runs REPEATS` (JIT) for
# the arena, the lower bound, the peak RSS growth and the median time of a
# call. PyTorch: torch_models.py, one thread, the median of REPEATS.
#
# Usage: bash bench/memory/run.sh [BUILD_DIR]   (default: ./build)
# Environment: REPEATS (timed calls, default 20), PYTHON (default
# /usr/bin/python3, with torch).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build}"
adjoint="$build/bin/adjoint"
python="${PYTHON:-/usr/bin/python3}"
repeats="${REPEATS:-20}"

if [[ ! -x "$adjoint" ]]; then
  echo "run.sh: error: no driver at $adjoint; build it first" \
    "(cmake -G Ninja -S . -B build && ninja -C build), or pass BUILD_DIR" >&2
  exit 1
fi
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "run.sh: error: $python cannot import torch (set PYTHON)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The first number after the label $1 in the output $2 of adjoint bench.
field() {
  local value
  value="$(sed -n "s/^ *$1 *\([0-9][0-9.]*\) .*/\1/p" "$2" | head -n 1)"
  if [[ -z "$value" ]]; then
    echo "run.sh: error: no '$1' in the output of adjoint bench:" >&2
    cat "$2" >&2
    exit 1
  fi
  echo "$value"
}

models=(mlp "$root/examples/mlp.adj"
        chain50 "$here/chain50.adj"
        rnn "$here/rnn.adj")
plans=(keep-all none cheap auto)
results="$work/results.tsv"
: >"$results"

for ((m = 0; m < ${#models[@]}; m += 2)); do
  name="${models[m]}" model="${models[m + 1]}"
  for plan in "${plans[@]}"; do
    if [[ "$plan" == keep-all ]]; then flags=(--keep-all); else
      flags=("--remat=$plan"); fi
    echo "run.sh: $name, $plan" >&2
    out="$work/$name-$plan.txt"
    "$adjoint" bench "$model" --entry grad "${flags[@]}" --runs "$repeats" \
      >"$out"
    milliseconds="$(field 'per call: median' "$out")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$plan" \
      "$(field 'arena:' "$out")" "$(field 'lower bound:' "$out")" \
      "$(field 'peak resident memory:' "$out")" \
      "$(awk "BEGIN { print $milliseconds / 1000 }")" >>"$results"
  done
done

echo "run.sh: PyTorch" >&2
(cd "$here" && "$python" torch_models.py --repeats "$repeats") |
  while read -r name peak seconds; do
    printf '%s\tpytorch\t\t\t%s\t%s\n' "$name" "$peak" "$seconds"
  done >>"$results"

"$python" "$here/report.py" "$results"

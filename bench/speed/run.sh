#!/usr/bin/env bash
# bench/speed/run.sh: the speed of `forward` and `grad` on the five models
# of bench/speed (mlp, chain, lstm, gmm, attention), in one run on the same
# data (make_data.py): adjoint's JIT code (`adjoint bench`), PyTorch eager
# autograd on 1 thread and on all threads (torch_models.py), and the
# hand-written C++ of mlp and chain (handwritten/, g++ -O3 -march=native,
# OpenBLAS). Checks that all compute the same loss and gradient, and prints
# a markdown table and a reading of the targets (report.py).
#
# Usage: bash bench/speed/run.sh [BUILD_DIR]   (default: ./build)
# Environment: REPEATS (timed calls, default 20), PYTHON (default
# /usr/bin/python3, with numpy and torch), CXX (default g++).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build}"
adjoint="$build/bin/adjoint"
python="${PYTHON:-/usr/bin/python3}"
cxx="${CXX:-g++}"
repeats="${REPEATS:-20}"
models=(mlp chain lstm gmm attention)
handwritten=(mlp chain)

if [[ ! -x "$adjoint" ]]; then
  echo "run.sh: error: no driver at $adjoint; build it first" \
    "(cmake -G Ninja -S . -B build && ninja -C build), or pass BUILD_DIR" >&2
  exit 1
fi
if ! "$python" -c 'import numpy, torch' 2>/dev/null; then
  echo "run.sh: error: $python cannot import numpy and torch (set PYTHON;" \
    "Debian: python3-numpy python3-torch)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A copy, so that a rebuild during the run cannot mix two drivers.
cp "$adjoint" "$work/adjoint"
adjoint="$work/adjoint"
results="$work/results.tsv"
: >"$results"

echo "run.sh: data and the hand-written programs" >&2
"$python" "$here/make_data.py" "$work/data"
# shellcheck disable=SC2207  # pkg-config's words are separate flags
blas=($(pkg-config --cflags --libs openblas 2>/dev/null || echo -lopenblas))
for name in "${handwritten[@]}"; do
  if ! "$cxx" -std=c++20 -O3 -march=native -fopenmp-simd -Wall -Wextra \
      "$here/handwritten/$name.cpp" -o "$work/$name" "${blas[@]}"; then
    echo "run.sh: error: cannot build handwritten/$name.cpp; it needs" \
      "OpenBLAS (libopenblas-dev: bash scripts/setup.sh)" >&2
    exit 1
  fi
done

# The median milliseconds of a call in the output $1 of adjoint bench.
median_ms() {
  local value
  value="$(sed -n 's/^ *per call: median \([0-9][0-9.]*\) ms.*/\1/p' "$1")"
  if [[ -z "$value" ]]; then
    echo "run.sh: error: no median in the output of adjoint bench:" >&2
    cat "$1" >&2
    exit 1
  fi
  echo "$value"
}

for name in "${models[@]}"; do
  echo "run.sh: adjoint, $name" >&2
  data="$work/data/$name"
  "$adjoint" run "$here/$name.adj" --entry grad --data "$data" \
    --out "$work/adjoint-out/$name" >/dev/null
  for entry in forward grad; do
    "$adjoint" bench "$here/$name.adj" --entry "$entry" --data "$data" \
      --runs "$repeats" >"$work/bench.txt"
    milliseconds="$(median_ms "$work/bench.txt")"
    printf 'adjoint\t%s\t%s\t%s\t-\t-\n' "$name" "$entry" \
      "$(awk "BEGIN { print $milliseconds / 1000 }")" >>"$results"
  done
done

for threads in 1 all; do
  echo "run.sh: PyTorch, $threads thread(s)" >&2
  (cd "$here" && "$python" torch_models.py "$work/data" --threads "$threads" \
    --repeats "$repeats") | sed "s/^/pytorch-${threads/1/1t}\t/" >>"$results"
done

for name in "${handwritten[@]}"; do
  echo "run.sh: hand-written C++, $name" >&2
  "$work/$name" "$work/data/$name" "$repeats" | sed 's/^/hand\t/' \
    >>"$results"
done

"$python" "$here/report.py" "$results" "$work/adjoint-out"

#!/usr/bin/env bash
# bench/memory/run.sh: peak bytes live during `grad` against the total the
# call allocates (what would be live at once if every buffer were freed
# only at the end of the function, as before adj-free-early), measured by
# a counting malloc. Usage: bash bench/memory/run.sh [BUILD_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
adjoint="${1:-$root/build}/bin/adjoint"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$adjoint" compile "$root/examples/mlp.adj" -o "$work/mlp.o" \
  --header "$work/mlp.h" --entries grad
cc -std=c99 -O2 -I"$work" "$here/mlp_grad.c" "$work/mlp.o" -lm -o "$work/mlp"
"$work/mlp"
"$adjoint" compile "$root/test/Integration/Inputs/chain.adj" -o "$work/chain.o" \
  --header "$work/chain.h" --entries grad
cc -std=c99 -O2 -I"$work" "$root/test/Integration/Inputs/peak_memory.c" \
  "$work/chain.o" -lm -o "$work/chain"
printf 'chain grad (12 tanh layers of 1000 floats): '
"$work/chain"

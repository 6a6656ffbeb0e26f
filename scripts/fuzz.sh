#!/usr/bin/env bash
# Runs one libFuzzer target of fuzz/ (graph, npy, compile, or all of them in
# turn) for SECONDS each (default 60), from the sanitizer build
# (./build-asan or $BUILD_DIR, made by scripts/sanitize.sh). Further
# arguments go to libFuzzer (-jobs=2, -workers=2, ...). The corpus grows in
# BUILD/fuzz/corpus/TARGET, seeded by fuzz/make_corpus.py; a crashing input
# lands in BUILD/fuzz/artifacts/TARGET/ and the script exits non-zero.
# See docs/robustness.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build-asan}"
if [ $# -lt 1 ]; then
  echo "usage: scripts/fuzz.sh graph|npy|compile|all [SECONDS] [LIBFUZZER FLAGS...]" >&2
  exit 2
fi
target="$1"
seconds="${2:-60}"
shift $(( $# < 2 ? $# : 2 ))

if [ "$target" = all ]; then
  for each in graph npy compile; do
    "$0" "$each" "$seconds" "$@"
  done
  exit 0
fi

case "$target" in
  # Model files: short texts; compiling one takes up to seconds under ASan.
  graph) flags=(-dict="$root/fuzz/adjoint.dict" -max_len=4096 -timeout=10) ;;
  compile) flags=(-dict="$root/fuzz/adjoint.dict" -max_len=2048 -timeout=60
                  -rss_limit_mb=4096) ;;
  npy) flags=(-dict="$root/fuzz/npy.dict" -max_len=4096 -timeout=10) ;;
  *) echo "fuzz.sh: unknown target '$target' (graph, npy, compile, all)" >&2
     exit 2 ;;
esac

binary="$build/bin/adjoint-fuzz-$target"
if [ ! -x "$binary" ]; then
  echo "fuzz.sh: $binary is missing; build it with scripts/sanitize.sh" >&2
  exit 2
fi
seeds="$build/fuzz/seeds/$target"
corpus="$build/fuzz/corpus/$target"
artifacts="$build/fuzz/artifacts/$target"
rm -rf "$seeds"
mkdir -p "$corpus" "$artifacts"
/usr/bin/python3 "$root/fuzz/make_corpus.py" "$target" "$seeds"

echo "fuzz.sh: $target for ${seconds} s"
if ! "$binary" "${flags[@]}" -max_total_time="$seconds" \
    -artifact_prefix="$artifacts/" -print_final_stats=1 "$@" \
    "$corpus" "$seeds"; then
  echo "fuzz.sh: $target failed; the input is in $artifacts/. Reproduce with" >&2
  echo "  $binary $artifacts/FILE" >&2
  echo "and keep it as a test in fuzz/regressions/$target/ (docs/robustness.md)." >&2
  exit 1
fi

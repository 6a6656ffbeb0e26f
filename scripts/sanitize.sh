#!/usr/bin/env bash
# The sanitizer stage of CI: builds adjoint with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (ADJOINT_SANITIZE=ON) into ./build-asan (or
# $BUILD_DIR), runs every test (lit + GoogleTest + the fuzz regressions)
# through CTest, then each fuzz target for $FUZZ_SECONDS (default 60).
# Exits non-zero on any failure or sanitizer report. See docs/robustness.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BUILD_DIR="${BUILD_DIR:-$root/build-asan}"
"$root/scripts/setup.sh"
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release \
    -DADJOINT_SANITIZE=ON \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19
fi
ninja -C "$BUILD_DIR"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j 2
"$root/scripts/fuzz.sh" all "${FUZZ_SECONDS:-60}"

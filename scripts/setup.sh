#!/usr/bin/env bash
# Installs every Debian 12 package adjoint needs to build, test and run its
# examples. Idempotent: packages already installed are skipped, and apt is
# not touched at all when nothing is missing. Run as root (or with sudo).
set -euo pipefail

packages=(
  # Build.
  cmake ninja-build g++ git
  # LLVM and MLIR 19 (libzstd-dev: LLVM 19's CMake config names zstd).
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools clang-19 libzstd-dev
  # Tests: GoogleTest, lit's python, NumPy as the numerical oracle.
  libgtest-dev libgmock-dev python3 python3-numpy
  # Tests: PyTorch autograd as the gradient oracle.
  python3-torch
  # Docs: Graphviz renders `adjoint emit --stage=dot`.
  graphviz
  # The sanitizer and fuzzing build (scripts/sanitize.sh): clang's ASan,
  # UBSan and libFuzzer runtimes.
  libclang-rt-19-dev libfuzzer-19-dev
  # Threads (--threads): the OpenMP runtime the JIT code calls.
  libomp-19-dev
  # Benchmarks: OpenBLAS for the hand-written C++ of bench/speed.
  libopenblas-dev
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
      grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q \
  --no-install-recommends "${missing[@]}"

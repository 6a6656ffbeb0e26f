#!/usr/bin/env bash
# Sets everything up, builds, and runs the MLP example's forward pass on
# seeded data through the JIT.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
"$build/bin/adjoint" run "$root/examples/mlp.adj" --entry forward

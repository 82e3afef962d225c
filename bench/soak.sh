#!/usr/bin/env bash
# A soak run: one session of REQUESTS mixed requests (default 1,000,000) against the release
# binary; fails when the server's RSS grows 5% or more after warm-up. Not part of the tests.
#   bench/soak.sh [REQUESTS]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake -S . -B build/release -DWINERR_BENCH=ON >/dev/null
cmake --build build/release --target winerr-ls soak >/dev/null
./build/release/bench/soak ./build/release/winerr-ls "${1:-1000000}" 2>/dev/null

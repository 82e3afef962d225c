#!/usr/bin/env bash
# Benchmarks on this machine; prints figures and ratios. Not part of the test command.
#   bench/run.sh [SIZE_MB]   (default 100)
# 1. `winerr-ls check` on a SIZE_MB log vs ripgrep searching the same file for the same kinds
#    of tokens (names, hex, 5-digit decimals): ripgrep only matches, winerr-ls also decides
#    context and looks each code up, so the ratio is the price of understanding.
# 2. The language server on a 40 MB log (under VS Code's 50 MB sync limit) and a 200 MB one:
#    spawn to initialize, didOpen to diagnostics, one-character edits, hovers, peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-100}
cmake --preset release >/dev/null
cmake -S . -B build/release -DWINERR_BENCH=ON >/dev/null
cmake --build build/release --target winerr-ls lsp_bench >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash bench/make_log.sh "$tmp/big.log" "$size"
bash bench/make_log.sh "$tmp/40mb.log" 40
bash bench/make_log.sh "$tmp/200mb.log" 200
echo "machine: $(nproc) cores; $(ls -l "$tmp/big.log" | awk '{printf "%.0f MB", $5/1e6}') log"

best() {  # best of 3 wall-clock runs, in seconds
  local b=999
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
    b=$(echo "$e - $s" | bc -l | awk -v b="$b" '{print ($1 < b) ? $1 : b}')
  done
  echo "$b"
}
w=$(best ./build/release/winerr-ls check "$tmp/big.log")
r=$(best rg -c -j1 -e 'ERROR_IPSEC_[A-Z_]+' -e '0x[0-9A-Fa-f]{4,16}' -e '\b-?[0-9]{5,10}\b' "$tmp/big.log")
awk -v w="$w" -v r="$r" -v s="$size" 'BEGIN {
  printf "winerr-ls check: %.3f s (%.0f MB/s)\n", w, s / w
  printf "ripgrep -j1, same kinds of tokens: %.3f s (%.0f MB/s)\n", r, s / r
  printf "ratio winerr-ls / ripgrep: %.2fx\n", w / r }'
./build/release/bench/lsp_bench ./build/release/winerr-ls "$tmp/40mb.log" 20
./build/release/bench/lsp_bench ./build/release/winerr-ls "$tmp/200mb.log" 20

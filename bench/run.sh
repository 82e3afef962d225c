#!/usr/bin/env bash
# Benchmarks on this machine; prints figures and ratios. Not part of the test command.
#   bench/run.sh            (about 5 minutes on the 2-core machine; logs go to a temp folder)
# Every log comes from ../shared/bench/gen_biglog.py (set WINERR_SHARED to its folder's parent
# if the checkout is elsewhere): digits on every line, a code in about 3 lines of 1000.
# 1. `winerr-ls check` on 200 MB against the issue's ripgrep command (the five code patterns,
#    output to a file: rg stops at the first match when stdout is /dev/null) and `wc -l`, as
#    ratios measured in the same run (best of 3 each, the file in the page cache).
# 2. Instructions per byte (valgrind's callgrind, all threads) on 10 MB: `check`, and the
#    scanner alone (scan_bench, one thread, minus the same run that only reads the file).
# 3. The language server on 40 MB (under VS Code's 50 MB sync limit) and 200 MB (lsp_bench):
#    spawn -> initialize, didOpen -> diagnostics, middle edits, appends, hovers (also while a
#    second copy is scanned), semantic tokens, peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${WINERR_SHARED:-$(cd .. && pwd)/shared}
gen="$shared/bench/gen_biglog.py"
[ -f "$gen" ] || { echo "bench/run.sh: $gen not found (set WINERR_SHARED)"; exit 2; }
for tool in rg valgrind python3 bc; do
  command -v $tool >/dev/null || { echo "bench/run.sh: needs $tool (apt-get install ripgrep valgrind python3 bc)"; exit 2; }
done
cmake --preset release >/dev/null
cmake -S . -B build/release -DWINERR_BENCH=ON >/dev/null
cmake --build build/release --target winerr-ls lsp_bench scan_bench >/dev/null
bin=build/release
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for mb in 10 40 200; do python3 "$gen" "$tmp/$mb.log" $mb; done
echo "machine: $(nproc) cores, $(uname -m); $(date -u +%Y-%m-%d); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"

best() {  # best of 3 wall-clock runs, in seconds; stdout to a file
  local b=999
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N); "$@" >"$tmp/out"; e=$(date +%s.%N)
    b=$(echo "$e - $s" | bc -l | awk -v b="$b" '{print ($1 < b) ? $1 : b}')
  done
  echo "$b"
}
big="$tmp/200.log"
cat "$big" >/dev/null  # into the page cache
w=$(best $bin/winerr-ls check "$big")
r=$(best rg -n -o -e 'ERROR_IPSEC_[A-Z_]+' -e 'WARNING_IPSEC_[A-Z_]+' -e '0[xX][0-9A-Fa-f]{4,8}\b' -e '\b13[0-9]{3}\b' -e '-21470[0-9]{5}' "$big")
l=$(best wc -l "$big")
awk -v w="$w" -v r="$r" -v l="$l" -v s="$(stat -c %s "$big")" 'BEGIN {
  mb = s / 1048576
  printf "200 MB log: winerr-ls check %.3f s (%.0f MB/s); rg %.3f s; wc -l %.3f s\n", w, mb / w, r, l
  printf "ratios: check / rg = %.2f (target <= 0.5); check / wc -l = %.1f (target <= 4)\n", w / r, w / l }'

collected() {  # instructions callgrind counted for a command (all threads)
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$@" 2>&1 >/dev/null | awk '/Collected :/ {print $NF}'
}
ten="$tmp/10.log"
bytes=$(stat -c %s "$ten")
c_check=$(collected $bin/winerr-ls check "$ten")
c_scan=$(collected $bin/bench/scan_bench "$ten")
c_read=$(collected $bin/bench/scan_bench "$ten" --read-only)
awk -v c="$c_check" -v s="$c_scan" -v r="$c_read" -v b="$bytes" 'BEGIN {
  printf "instructions per byte (callgrind, 10 MB): check %.1f; scanner alone %.1f (target <= 3)\n", c / b, (s - r) / b }'

$bin/bench/lsp_bench $bin/winerr-ls "$tmp/40.log" 20
$bin/bench/lsp_bench $bin/winerr-ls "$tmp/200.log" 20

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
# 4. Long lines (bench/long_lines.py): a 20 MB one-line log beside the same bytes in lines.
# Last, the README's Performance table in Markdown, made from figures 1-3.
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
ipb_check=$(awk -v c="$c_check" -v b="$bytes" 'BEGIN { printf "%.1f", c / b }')
ipb_scan=$(awk -v s="$c_scan" -v r="$c_read" -v b="$bytes" 'BEGIN { printf "%.1f", (s - r) / b }')
echo "instructions per byte (callgrind, 10 MB): check $ipb_check; scanner alone $ipb_scan (target <= 3)"

$bin/bench/lsp_bench $bin/winerr-ls "$tmp/40.log" 20 2>/dev/null | tee "$tmp/lsp40"
$bin/bench/lsp_bench $bin/winerr-ls "$tmp/200.log" 20 2>/dev/null | tee "$tmp/lsp200"

python3 bench/long_lines.py $bin/winerr-ls 20

# The README's table, from the figures above (README.md, "Performance").
get() {  # get FILE SED-EXPRESSION: the first line it matches, rewritten
  sed -n "$2" "$1" | head -1
}
ms() { get "$1" "s/^$2[^0-9]*\([0-9.]*\) ms.*/\1/p"; }
rss_mb() { awk '/^server peak RSS:/ {printf "%.0f", $4 / 1024}' "$1"; }
doc_mb() { awk '/^file:/ {print $2}' "$1"; }
echo
echo "README table (Markdown):"
echo
echo "| what | figure |"
echo "| --- | --- |"
awk -v w="$w" -v r="$r" -v l="$l" -v s="$(stat -c %s "$big")" 'BEGIN {
  printf "| `winerr-ls check` on 200 MB | %.2f s (%.0f MB/s) |\n", w, s / 1048576 / w
  printf "| ripgrep, the five code patterns (the issue'"'"'s command, output to a file) | %.2f s: `check` / rg = %.2f |\n", r, w / r
  printf "| `wc -l` | %.3f s: `check` / `wc -l` = %.1f |\n", l, w / l }'
echo "| instructions per byte, 10 MB (valgrind's callgrind, all threads) | \`check\` $ipb_check; the scanner alone $ipb_scan (\`bench/scan_bench\`, one thread) |"
echo "| server: spawn → \`initialize\` answered | $(get "$tmp/lsp200" 's/^spawn -> initialize response: \(.*\) over.*/\1/p') (20 fresh servers; spawning \`/bin/true\` here takes about 2 ms) |"
echo "| server, 40 MB log: \`didOpen\` → first diagnostics | $(get "$tmp/lsp40" 's/^didOpen.*: \([0-9.]*\) ms$/\1/p') ms |"
echo "| server, 200 MB log: \`didOpen\` → first diagnostics | $(get "$tmp/lsp200" 's/^didOpen.*: \([0-9.]*\) ms$/\1/p') ms |"
echo "| server: a line appended at the end → diagnostics | $(ms "$tmp/lsp40" 'a line appended') ms (40 MB), $(ms "$tmp/lsp200" 'a line appended') ms (200 MB), median of 20 |"
echo "| server: one-character edit in the middle → diagnostics | $(ms "$tmp/lsp40" 'one-character edit ->') ms (40 MB), $(ms "$tmp/lsp200" 'one-character edit ->') ms (200 MB), median of 20 |"
echo "| server: hover | $(ms "$tmp/lsp40" 'hover:') ms (40 MB), $(ms "$tmp/lsp200" 'hover:') ms (200 MB), median of 20 |"
echo "| server, 200 MB log: hover while a second copy is scanned | $(get "$tmp/lsp200" 's/^hover while it is scanned: \(the first answered after [0-9.]* ms\).*then \(p50 [0-9.]* ms, p99 [0-9.]* ms over [0-9]* hovers\).*/\1, then \2/p') |"
echo "| server: semantic tokens, full | $(ms "$tmp/lsp40" 'semantic tokens, full') ms (40 MB), $(ms "$tmp/lsp200" 'semantic tokens, full') ms (200 MB) |"
echo "| server: one-character edit → semantic tokens full/delta | $(ms "$tmp/lsp40" 'semantic tokens after') ms (40 MB), $(ms "$tmp/lsp200" 'semantic tokens after') ms (200 MB), median of 20 |"
echo "| server peak RSS with the document open | $(rss_mb "$tmp/lsp40") MB ($(doc_mb "$tmp/lsp40") MB log), $(rss_mb "$tmp/lsp200") MB ($(doc_mb "$tmp/lsp200") MB log) |"
echo "| \`winerr.scanFile\` of the file on disk (not open; 16 MB pieces) | $(ms "$tmp/lsp40" 'winerr.scanFile') ms (40 MB), $(ms "$tmp/lsp200" 'winerr.scanFile') ms (200 MB; a fresh server's peak RSS $(get "$tmp/lsp200" 's/.*fresh server.s peak RSS: \([0-9]*\) kB.*/\1/p' | awk '{printf "%.0f", $1 / 1024}') MB) |"

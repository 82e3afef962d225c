#!/usr/bin/env bash
# Runs the three libFuzzer targets for a long time each (not part of the tests; the test
# command runs them for ~20 s each). Usage: bench/fuzz.sh [SECONDS_PER_TARGET] [SEED]
# (default 300 s, seed 1). Builds the `fuzz` preset (clang-14) first. New inputs go to
# build/fuzz/long/<target>/ (kept between runs, so coverage grows); a crash input is saved
# there as <target>-crash-*: once the bug is fixed, copy it to tests/fuzz/regressions/<target>/.
# Prints one line per target: "<target>: N executions in S s".
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-300} seed=${2:-1}
cmake --preset fuzz >/dev/null && cmake --build --preset fuzz || exit 2
rc=0
for t in fuzz_scanner_reference fuzz_document_edits fuzz_server; do
  bash tests/fuzz/run.sh fuzz "build/fuzz/fuzz/$t" "$secs" "$seed" build/fuzz/long || rc=1
done
exit $rc

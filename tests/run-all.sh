#!/usr/bin/env bash
# Builds winerr-ls and runs every test: unit (Catch2, per layer), end-to-end (the real
# binary over stdio), the real editors (Neovim, Vim+ALE, Emacs+eglot, VS Code) and the packages
# (.vsix per platform, .deb; skipped with --no-clients).
# Installs what is missing first. Prints how long each stage took and, last, one line
# "N passed, N failed". Usage: tests/run-all.sh [--no-clients]
set -uo pipefail
cd "$(dirname "$0")/.."
clients=1
[ "${1:-}" = --no-clients ] && clients=0

declare -a stage_names stage_secs
stage() {  # stage NAME COMMAND…: runs it, records its time, stops everything on failure
  local name=$1; shift
  local t0=$SECONDS
  echo "==> $name"
  "$@"
  local rc=$?
  stage_names+=("$name"); stage_secs+=($((SECONDS - t0)))
  if [ $rc -ne 0 ]; then echo "==> $name FAILED (exit $rc)"; summary; echo "0 passed, 1 failed"; exit 1; fi
}
summary() {
  echo "---- stage timings ----"
  for i in "${!stage_names[@]}"; do printf '%-22s %5ss\n' "${stage_names[$i]}" "${stage_secs[$i]}"; done
}

stage "install deps" bash tests/install-deps.sh
stage "configure" cmake --preset release -DWINERR_BUILD_TESTS=ON -DWINERR_CLIENT_TESTS=$([ $clients = 1 ] && echo ON || echo OFF)
stage "build" cmake --build --preset release

# Each label is its own ctest run so its time shows; all results are counted at the end.
passed=0; failed=0; skipped=0
run_label() {  # run_label LABEL [extra ctest flags]
  local label=$1 log; shift
  log=$(mktemp)
  ctest --test-dir "${ctest_dir:-build/release}" -L "^${label}\$" --output-on-failure -j2 "$@" 2>&1 | tee "$log"
  # ctest ends with "X% tests passed, F tests failed out of T"
  local line total fails
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -1)
  total=$(echo "$line" | grep -Eo 'out of [0-9]+' | grep -Eo '[0-9]+' || echo 0)
  fails=$(echo "$line" | grep -Eo '[0-9]+ tests failed' | grep -Eo '[0-9]+' || echo 0)
  # A test that printed SKIPPED (exit 77) is listed as "(Skipped)": counted apart, not passed.
  local skips; skips=$(grep -cE '^[[:space:]]*[0-9]+ - .* \(Skipped\)$' "$log" || true)
  passed=$((passed + total - fails - skips)); failed=$((failed + fails)); skipped=$((skipped + skips))
  rm -f "$log"
  [ -n "$line" ] && [ "$fails" = 0 ]
}
t0=$SECONDS; run_label unit; rc_unit=$?; stage_names+=("unit tests"); stage_secs+=($((SECONDS - t0)))
t0=$SECONDS; run_label e2e; rc_e2e=$?; stage_names+=("e2e tests"); stage_secs+=($((SECONDS - t0)))
# The same unit and e2e suites under AddressSanitizer + UndefinedBehaviorSanitizer (the `asan`
# preset, build/asan). A 16 MiB quarantine keeps ASan's own memory near the server's (the
# default 256 MiB would swamp the outgoing-queue bound test); leaks are reported at exit.
t0=$SECONDS; rc_asan=0
if { cmake --preset asan -DWINERR_BUILD_TESTS=ON >/dev/null && cmake --build --preset asan; }; then
  # Set for these two runs only (prefix assignments), so the fuzz stage keeps its own options.
  ASAN_OPTIONS=quarantine_size_mb=16:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest_dir=build/asan run_label unit || rc_asan=1
  ASAN_OPTIONS=quarantine_size_mb=16:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest_dir=build/asan run_label e2e || rc_asan=1
else
  rc_asan=1; failed=$((failed + 1))
fi
stage_names+=("asan (unit+e2e)"); stage_secs+=($((SECONDS - t0)))
# Cross builds (windows-x64-release with mingw-w64, linux-arm64) and their tests (ctest -L cross):
# unit tests and an LSP session under wine and qemu-aarch64, the glibc check. A missing
# toolchain/wine/qemu prints SKIPPED and the reason; a failed build counts as a failure.
t0=$SECONDS; rc_cross=0
bash tests/cross/build.sh || { rc_cross=1; failed=$((failed + 1)); }
stage_names+=("cross builds"); stage_secs+=($((SECONDS - t0)))
t0=$SECONDS; run_label cross -V || rc_cross=1; stage_names+=("cross tests"); stage_secs+=($((SECONDS - t0)))
# Fuzzers (the `fuzz` preset, clang-14 + libFuzzer + ASan/UBSan, build/fuzz): each target runs
# ~20 s from its seed corpus with a fixed seed, and replays tests/fuzz/regressions/ (ctest -L fuzz).
t0=$SECONDS; rc_fuzz=0
if { cmake --preset fuzz >/dev/null && cmake --build --preset fuzz; }; then
  ctest_dir=build/fuzz run_label fuzz || rc_fuzz=1
  echo "---- fuzz executions ----"; cat build/fuzz/fuzz/work/*.stats 2>/dev/null
else
  rc_fuzz=1; failed=$((failed + 1))
fi
stage_names+=("fuzz"); stage_secs+=($((SECONDS - t0)))
rc_clients=0
if [ $clients = 1 ]; then
  t0=$SECONDS; run_label clients; rc_clients=$?; stage_names+=("editor clients"); stage_secs+=($((SECONDS - t0)))
fi
# Packages (ctest -L package): the .vsix per platform + universal, the .deb, the VS Code resolver.
# A platform binary not built by an earlier stage makes that .vsix SKIPPED, with the reason printed.
rc_package=0
if [ $clients = 1 ]; then
  t0=$SECONDS
  bash tests/clients/install-deps.sh --packaging || rc_package=1
  run_label package || rc_package=1
  echo "---- packages (build/release/packages) ----"
  for f in build/release/packages/*.deb build/release/packages/*.vsix; do
    [ -f "$f" ] && printf '%-58s %9s bytes\n' "$(basename "$f")" "$(stat -c %s "$f")"
  done
  grep -h '^SKIPPED' build/release/packages/package-all.log 2>/dev/null | sed 's/^/.vsix /'
  stage_names+=("packages"); stage_secs+=($((SECONDS - t0)))
else
  echo "SKIPPED packages (.vsix, .deb): --no-clients"
fi
summary
[ "$skipped" -gt 0 ] && echo "$skipped skipped (each printed SKIPPED and its reason above)"
echo "$passed passed, $failed failed"
[ $rc_unit = 0 ] && [ $rc_e2e = 0 ] && [ $rc_asan = 0 ] && [ $rc_fuzz = 0 ] && [ $rc_cross = 0 ] && [ $rc_clients = 0 ] && [ $rc_package = 0 ]

#!/usr/bin/env bash
# All client tests without CMake: install what is missing, run each client, print "N passed, N failed".
# Env as in lib.sh (WINERR_LS defaults to build/release/winerr-ls). ctest -L clients runs the same scripts.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
bash "$HERE/install-deps.sh" || { echo "install-deps failed"; echo "0 passed, 1 failed"; exit 1; }
pass=0 fail=0 skip=0
for t in nvim vim_ale emacs_eglot vscode vscode:missing-binary; do
  s=$(date +%s%N); rc=0
  WINERR_VSCODE_MODE="${t#*:}" bash "$HERE/run_${t%%:*}.sh" || rc=$?
  ms=$(( ($(date +%s%N) - s) / 1000000 ))
  case $rc in 0) pass=$((pass+1)); r=passed ;; 77) skip=$((skip+1)); r=SKIPPED ;; *) fail=$((fail+1)); r=FAILED ;; esac
  echo "== client $t: $r ($ms ms)"
done
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]

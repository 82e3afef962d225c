#!/usr/bin/env bash
# Configures and builds the cross presets that tests/cross/run.sh tests: windows-x64-release
# (mingw-w64) and linux-arm64 (aarch64-linux-gnu), only winerr-ls and the three unit-test
# executables (the build presets list them). A preset whose toolchain is not installed is
# SKIPPED with the reason; a configure or build that fails fails this script (exit 1).
# Usage: tests/cross/build.sh [PRESET…]
set -uo pipefail
cd "$(dirname "$0")/../.."
presets=("$@")
[ ${#presets[@]} -eq 0 ] && presets=(windows-x64-release linux-arm64)
rc=0
for p in "${presets[@]}"; do
  case $p in
    windows-x64*) cxx=x86_64-w64-mingw32-g++-posix pkg=g++-mingw-w64-x86-64-posix ;;
    linux-arm64) cxx=aarch64-linux-gnu-g++ pkg="g++-aarch64-linux-gnu libc6-dev-arm64-cross" ;;
    *) echo "cross build: unknown preset $p"; rc=1; continue ;;
  esac
  if ! command -v $cxx >/dev/null; then
    echo "SKIPPED cross build $p: $cxx not found (apt-get install $pkg; tests/install-deps.sh does with CI=true or as root)"
    continue
  fi
  t0=$SECONDS
  log=build/cross-$p.log
  mkdir -p build
  if ! { cmake --preset "$p" && cmake --build --preset "$p"; } >"$log" 2>&1; then
    tail -40 "$log"
    echo "cross build $p: FAILED (full log: $log)"
    rc=1
    continue
  fi
  bin=build/$p/winerr-ls; [[ $p == windows-* ]] && bin=$bin.exe
  echo "cross build $p: $bin, $(stat -c %s "$bin") bytes, $((SECONDS - t0))s"
done
exit $rc

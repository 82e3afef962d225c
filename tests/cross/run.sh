#!/usr/bin/env bash
# Runs the cross-built winerr-ls where it cannot run natively: the Windows build under wine,
# the linux-arm64 build under qemu-user. Registered with ctest (label `cross`) by
# tests/cross/CMakeLists.txt; tests/run-all.sh builds the two presets first.
#
#   tests/cross/run.sh unit    wine BUILD_DIR     the Catch2 unit tests (.exe) under wine
#   tests/cross/run.sh session wine BUILD_DIR     the LSP session (lsp_session.py) against winerr-ls.exe
#   tests/cross/run.sh lifecycle wine BUILD_DIR   the session over TCP (--listen, --socket), a dead
#                                                 editor (processId) and Ctrl+C, under wine
#   tests/cross/run.sh unit    qemu BUILD_DIR     the unit tests under qemu-aarch64
#   tests/cross/run.sh session qemu BUILD_DIR     the same session against the arm64 binary
#   tests/cross/run.sh session native BINARY      the same session against a native binary
#   tests/cross/run.sh cli     wine BUILD_DIR NATIVE_BINARY   check/explain with Windows paths
#
# Exit 0: passed; 1: failed; 77: SKIPPED (the reason is printed; ctest shows it as skipped).
# wine's prefix lives outside the clone ($WINERR_WINEPREFIX, default ~/.cache/winerr-ls/wine)
# and is created once (wineboot is slow the first time), under a lock.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
what=${1:?unit|session}; how=${2:?wine|qemu|native}; where=${3:?BUILD_DIR or BINARY}

skip() { echo "SKIPPED: $*"; exit 77; }
fail() { echo "FAILED: $*"; exit 1; }

exe_suffix=""
runner=()
case $how in
  wine)
    exe_suffix=.exe
    command -v wine >/dev/null || skip "wine is not installed (apt-get install wine wine64; tests/install-deps.sh does with CI=true or as root)"
    command -v x86_64-w64-mingw32-g++-posix >/dev/null || skip "the mingw-w64 toolchain is not installed (g++-mingw-w64-x86-64-posix), so there is no Windows build"
    export WINEPREFIX=${WINERR_WINEPREFIX:-$HOME/.cache/winerr-ls/wine}
    export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="  # no Mono/Gecko install prompts
    mkdir -p "$(dirname "$WINEPREFIX")"
    (
      flock 9
      if [ ! -f "$WINEPREFIX/system.reg" ]; then
        echo "wine: creating the prefix $WINEPREFIX (once)"
        t0=$SECONDS
        wineboot -i >/dev/null 2>&1
        wineserver -w 2>/dev/null
        echo "wine: prefix ready in $((SECONDS - t0))s"
      fi
    ) 9>"$WINEPREFIX.lock"
    probe=$(wine cmd.exe /c echo wine-ok 2>&1 | tr -d '\r')
    [[ $probe == *wine-ok* ]] || skip "wine cannot run programs here: ${probe:0:300}"
    runner=(wine)
    ;;
  qemu)
    qemu=$(command -v qemu-aarch64 || command -v qemu-aarch64-static) ||
      skip "qemu-aarch64 is not installed (apt-get install qemu-user; tests/install-deps.sh does with CI=true or as root)"
    command -v aarch64-linux-gnu-g++ >/dev/null || skip "the aarch64 toolchain is not installed (g++-aarch64-linux-gnu), so there is no arm64 build"
    runner=("$qemu")
    ;;
  native) ;;
  *) fail "unknown runner '$how'" ;;
esac

if [ "$how" = native ]; then
  server=$where
else
  server=$where/winerr-ls$exe_suffix
  [ -d "$where" ] || skip "$where is not built (tests/run-all.sh builds it; or: cmake --preset $(basename "$where") && cmake --build --preset $(basename "$where"))"
fi
[ -x "$server" ] || skip "$server is not built (cmake --build --preset $(basename "$where"))"

case $what in
  unit)
    [ "$how" = native ] && fail "unit tests run natively under the 'unit' label, not here"
    rc=0
    if [ "$how" = wine ]; then
      # Static: the .exe imports only DLLs every Windows has (no libstdc++-6, libgcc_s, libwinpthread).
      dlls=$(x86_64-w64-mingw32-objdump -p "$server" | sed -n 's/^[[:space:]]*DLL Name: //p' | tr '\n' ' ')
      odd=$(echo "$dlls" | tr ' ' '\n' | grep -viE '^(kernel32|msvcrt|ws2_32|mswsock|user32|advapi32|shell32|ole32|ntdll|bcrypt|ucrtbase|api-ms-win-.*)\.dll$' | grep . )
      if [ -z "$odd" ] && [ -n "$dlls" ]; then echo "winerr-ls.exe imports only system DLLs: $dlls"
      else echo "winerr-ls.exe imports non-system DLLs: ${odd:-?} (all: $dlls)"; rc=1; fi
    fi
    for t in catalog_tests scanner_tests core_tests; do
      exe=$where/tests/$t$exe_suffix
      [ -f "$exe" ] || { echo "$t: missing ($exe)"; rc=1; continue; }
      out=$("${runner[@]}" "$exe" 2>&1 | tr -d '\r'); code=$?
      # Catch2 ends with "All tests passed (N assertions in M test cases)" or a failure count.
      summary=$(echo "$out" | grep -E '^(All tests passed|test cases:)' | tail -1)
      if [ $code -eq 0 ] && [[ $summary == "All tests passed"* ]]; then
        echo "$t ($how): $summary"
      else
        echo "$out" | tail -60
        echo "$t ($how): FAILED (exit $code) ${summary}"
        rc=1
      fi
    done
    exit $rc
    ;;
  session)
    style=posix
    [ "$how" = wine ] && style=windows
    exec python3 "$here/lsp_session.py" --style $style -- "${runner[@]}" "$server"
    ;;
  lifecycle)
    style=posix
    [ "$how" = wine ] && style=windows
    rc=0
    for mode in "--transport listen" "--transport socket" "--dead-editor" "--stop-signal"; do
      # shellcheck disable=SC2086 # $mode is two words on purpose
      python3 "$here/lsp_session.py" --style $style $mode -- "${runner[@]}" "$server" || rc=1
    done
    exit $rc
    ;;
  cli)
    # The command line as a Windows user types it: backslash paths, a directory to walk, a
    # non-ASCII folder (C:\Users\Jürgen), a pasted word with an umlaut; output in UTF-8 with
    # "\n" line ends (stdout is binary), the same findings as the native binary.
    native=${4:?native binary to compare with}
    rc=0
    ok() { echo "  ok    $*"; }
    bad() { echo "  FAIL  $*"; rc=1; }
    cd "$here/../.."
    out=$("${runner[@]}" "$server" check 'examples\vpn-client.log'); code=$?
    want=$("$native" check examples/vpn-client.log | sed 's#^examples/#examples\\#')
    [ $code = 0 ] && ok "check 'examples\vpn-client.log': exit 0" || bad "check 'examples\vpn-client.log': exit $code"
    [ -n "$out" ] && [ "$out" = "$want" ] && ok "check: the native binary's $(echo "$want" | wc -l) findings, path as typed" ||
      { bad "check output differs from native:"; diff <(echo "$want") <(echo "$out") | head -10; }
    [[ $out != *$'\r'* ]] && ok "check: no CR in the output (stdout in binary mode)" || bad "check: CR in the output"
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp/Jürgen/Logs" && cp examples/vpn-client.log "$tmp/Jürgen/Logs/vpn.log"
    winpath="Z:${tmp//\//\\}\\Jürgen"
    out=$("${runner[@]}" "$server" check "$winpath"); code=$?
    first="$winpath\\Logs\\vpn.log:4:159: error: 13801 IKE authentication credentials are unacceptable [ERROR_IPSEC_IKE_AUTH_FAIL]"
    [ $code = 0 ] && [[ $(echo "$out" | head -1) == "$first"* ]] && ok "check '$winpath' walks it: $(echo "$out" | head -1 | cut -c1-90)…" ||
      bad "check '$winpath' (exit $code): $(echo "$out" | head -2)"
    err=$("${runner[@]}" "$server" explain 'ungültig' 2>&1 >/dev/null); code=$?
    [ $code = 1 ] && ok "explain 'ungültig': exit 1 (unknown)" || bad "explain 'ungültig': exit $code"
    [[ $err == *"ungültig"* ]] && ok "explain echoes 'ungültig' in UTF-8 (the manifest's UTF-8 code page)" || bad "explain's message mangles the argument: $err"
    out=$("${runner[@]}" "$server" explain 0x35E9); code=$?
    [ $code = 0 ] && [ "$(echo "$out" | head -1)" = "ERROR_IPSEC_IKE_AUTH_FAIL (13801, 0x35E9)" ] && ok "explain 0x35E9" || bad "explain 0x35E9 (exit $code): $(echo "$out" | head -1)"
    exit $rc
    ;;
  *) fail "unknown test '$what'" ;;
esac

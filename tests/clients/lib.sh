# Sourced by run_*.sh: common inputs, expectations, a throw-away HOME/XDG, and process-group cleanup.
# Inputs (env): WINERR_LS (server binary), WINERR_EXAMPLE (log file), WINERR_CACHE (tool cache),
#               WINERR_ARTIFACTS (screenshots etc.), WINERR_TIMEOUT_MS (per wait inside a client).
set -euo pipefail
CLIENTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$CLIENTS_DIR/../.." && pwd)"
TEST_NAME="${TEST_NAME:-$(basename "$0" .sh)}"
export WINERR_LS="${WINERR_LS:-$ROOT/build/release/winerr-ls}"
export WINERR_EXAMPLE="${WINERR_EXAMPLE:-$ROOT/examples/vpn-client.log}"
export WINERR_CACHE="${WINERR_CACHE:-$HOME/.cache/winerr-ls}"
export WINERR_ARTIFACTS="${WINERR_ARTIFACTS:-/tmp}"
export WINERR_TIMEOUT_MS="${WINERR_TIMEOUT_MS:-15000}"
# What every client must see, one entry per ';':  context|token|LSP severity|code
# The token is the word right after the context; each test derives line/columns from the file text.
export WINERR_EXPECT="${WINERR_EXPECT:-error code returned on failure is |13801|1|ERROR_IPSEC_IKE_AUTH_FAIL;IKE negotiation ended with status |0x3655|3|ERROR_IPSEC_IKE_NEG_STATUS_EXTENDED_END}"
export WINERR_SOURCE="${WINERR_SOURCE:-winerr}"
# Hover on this token must contain every '|'-separated string; the diagnostic message must not contain the
# first one (so the assertion proves the hover, not the diagnostic, answered).
export WINERR_HOVER_TOKEN="${WINERR_HOVER_TOKEN:-0x3655}"
export WINERR_HOVER_EXPECT="${WINERR_HOVER_EXPECT:-0x80073655|range marker}"

fail() { echo "FAIL [$TEST_NAME]: $*" >&2; exit 1; }
need_prog() { command -v "$1" >/dev/null 2>&1 || fail "$1 is not installed (run: bash tests/clients/install-deps.sh)"; }

[ -f "$WINERR_LS" ] || fail "server binary not found: WINERR_LS=$WINERR_LS (build the CMake target winerr-ls, e.g. cmake --build build/release)"
[ -x "$WINERR_LS" ] || fail "server binary not executable: WINERR_LS=$WINERR_LS"
[ -f "$WINERR_EXAMPLE" ] || fail "example file not found: WINERR_EXAMPLE=$WINERR_EXAMPLE"
WINERR_EXAMPLE="$(cd "$(dirname "$WINERR_EXAMPLE")" && pwd)/$(basename "$WINERR_EXAMPLE")"

# Editors write state (shada, lsp.log, eln-cache, viminfo...) under HOME/XDG: keep it in a temp dir.
T="$(mktemp -d "${TMPDIR:-/tmp}/winerr-$TEST_NAME.XXXXXX")"
export REAL_HOME="$HOME" HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" \
  XDG_STATE_HOME="$T/state" XDG_CACHE_HOME="$T/cache"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME"

GROUPS_STARTED=()
# run_group SECONDS CMD...: run CMD in its own session/process group with a hard timeout, then kill whatever
# is left of that group (language servers, extension hosts). Returns CMD's exit code.
run_group() {
  local secs=$1; shift
  local rc=0
  setsid timeout -k 5 "$secs" "$@" &
  local pid=$!
  GROUPS_STARTED+=("$pid")
  wait "$pid" || rc=$?
  kill -TERM -- "-$pid" 2>/dev/null || true
  [ $rc -ne 124 ] || echo "FAIL [$TEST_NAME]: timed out after ${secs}s: $*" >&2
  return $rc
}
cleanup() {
  local g
  for g in "${GROUPS_STARTED[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done
  for g in "${GROUPS_STARTED[@]}"; do   # give servers a moment to exit on TERM, then make sure
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$g" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$g" 2>/dev/null || true
  done
  if [ -n "${WINERR_KEEP_TMP:-}" ]; then echo "kept $T (WINERR_KEEP_TMP)"; else rm -rf "$T"; fi
}
trap cleanup EXIT
t_start=$(date +%s%N)
elapsed() { echo "$(( ($(date +%s%N) - t_start) / 1000000 )) ms"; }
echo "[$TEST_NAME] server=$WINERR_LS file=$WINERR_EXAMPLE"

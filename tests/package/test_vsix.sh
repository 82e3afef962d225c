#!/usr/bin/env bash
# ctest package.vsix: runs editors/vscode/package-all.sh with the binaries in $WINERR_PKG_LINUX_X64,
# $WINERR_PKG_LINUX_ARM64, $WINERR_PKG_WIN32_X64 into $WINERR_PKG_OUT, then lists every .vsix (a zip)
# and checks: a platform .vsix holds exactly one server binary, at extension/server/<target>/, of that
# platform's machine type (ELF x86-64, ELF AArch64, PE32+ x86-64), and says its target in the manifest;
# the universal .vsix holds none. A target package-all SKIPPED (binary not built here) is reported as
# such; linux-x64 (the binary this build made) must be there. Exit 77 (ctest SKIP) only when vsce
# cannot run here (node < 20) and CI is not true.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${WINERR_PKG_OUT:?}"
fail() { echo "FAIL [vsix]: $*"; exit 1; }
CACHE="${WINERR_CACHE:-$HOME/.cache/winerr-ls}"
if [ ! -x "$CACHE/tools/node_modules/.bin/vsce" ]; then
  node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$node_major" -lt 20 ] && [ "${CI:-}" != true ]; then
    echo "SKIPPED [vsix]: vsce needs node >= 20, found $(node --version 2>/dev/null || echo none)"; exit 77
  fi
  fail "vsce is missing in $CACHE/tools (run: bash tests/clients/install-deps.sh --packaging)"
fi
command -v unzip >/dev/null || fail "unzip is missing (apt-get install unzip)"
VERSION=$(node -p "require('$ROOT/editors/vscode/package.json').version")
mkdir -p "$OUT"; log="$OUT/package-all.log"   # tests/run-all.sh prints its SKIPPED lines
x=$(mktemp -d); trap 'rm -rf "$x"' EXIT
"$ROOT/editors/vscode/package-all.sh" --out "$OUT" --linux-x64 "${WINERR_PKG_LINUX_X64:?}" \
  --linux-arm64 "${WINERR_PKG_LINUX_ARM64:-}" --win32-x64 "${WINERR_PKG_WIN32_X64:-}" | tee "$log"
[ "${PIPESTATUS[0]}" = 0 ] || fail "package-all.sh failed"

# machine TARGET FILE: the file's machine type is the target's
machine_ok() {
  local target=$1 f=$2 m
  case "$target" in
    linux-x64|linux-arm64)
      [ "$(head -c 4 "$f" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ] || return 1
      m=$(od -An -j18 -N2 -tu2 "$f" | tr -d ' ')   # e_machine: 62 x86-64, 183 AArch64
      [ "$target" = linux-x64 ] && [ "$m" = 62 ] && return 0
      [ "$target" = linux-arm64 ] && [ "$m" = 183 ] && return 0 ;;
    win32-x64)
      [ "$(head -c 2 "$f")" = MZ ] || return 1
      local pe; pe=$(od -An -j60 -N4 -tu4 "$f" | tr -d ' ')
      [ "$(od -An -j"$pe" -N4 -tx1 "$f" | tr -d ' \n')" = 50450000 ] || return 1
      m=$(od -An -j$((pe + 4)) -N2 -tx2 "$f" | tr -d ' ')   # 8664 = x86-64
      [ "$m" = 8664 ] && return 0 ;;
  esac
  return 1
}

checked=0
for target in linux-x64 linux-arm64 win32-x64; do
  if grep -q "^SKIPPED $target:" "$log"; then
    [ "$target" = linux-x64 ] && fail "linux-x64 was skipped, but this build made $WINERR_PKG_LINUX_X64"
    echo "SKIPPED [vsix $target]: $(grep "^SKIPPED $target:" "$log" | cut -d: -f2-)"
    continue
  fi
  vsix="$OUT/winerr-ls-$target-$VERSION.vsix"
  [ -f "$vsix" ] || fail "$vsix was not built"
  name=winerr-ls; [ "$target" = win32-x64 ] && name=winerr-ls.exe
  list=$(unzip -Z1 "$vsix") || fail "$vsix: not a zip"
  servers=$(grep '^extension/server/' <<<"$list" | grep -v '/$')
  [ "$servers" = "extension/server/$target/$name" ] || fail "$vsix: server files are [$servers], want extension/server/$target/$name"
  unzip -p "$vsix" "extension/server/$target/$name" >"$x/bin"
  machine_ok "$target" "$x/bin" || fail "$vsix: extension/server/$target/$name is not a $target binary"
  grep -q "TargetPlatform=\"$target\"" <<<"$(unzip -p "$vsix" extension.vsixmanifest)" || fail "$vsix: manifest lacks TargetPlatform=\"$target\""
  for f in resolve.js settings.js schemas/winerr.schema.json; do
    grep -qx "extension/$f" <<<"$list" || fail "$vsix: extension/$f missing"
  done
  grep -q '^extension/node_modules/vscode-languageclient/' <<<"$list" || fail "$vsix: vscode-languageclient missing"
  echo "ok   $vsix: extension/server/$target/$name ($(stat -c %s "$x/bin") bytes, $target machine type), TargetPlatform=$target"
  checked=$((checked + 1))
done
uni="$OUT/winerr-ls-$VERSION.vsix"
[ -f "$uni" ] || fail "universal $uni was not built"
list=$(unzip -Z1 "$uni") || fail "$uni: not a zip"
if grep -q '^extension/server/' <<<"$list"; then fail "universal $uni carries a server binary: $(grep '^extension/server/' <<<"$list")"; fi
grep -q 'TargetPlatform=' <<<"$(unzip -p "$uni" extension.vsixmanifest)" && fail "universal $uni has a TargetPlatform"
for f in resolve.js settings.js schemas/winerr.schema.json; do
  grep -qx "extension/$f" <<<"$list" || fail "$uni: extension/$f missing"
done
echo "ok   $uni: no server binary, no target platform"
echo "[vsix] passed: $checked platform .vsix + universal"

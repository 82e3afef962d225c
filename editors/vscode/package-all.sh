#!/usr/bin/env bash
# Builds the VS Code extension's .vsix files: one per platform with its winerr-ls binary inside at
# server/<target>/winerr-ls[.exe] (vsce package --target <target>), and a universal one without a
# binary (it uses winerr.server.path or PATH). A target whose binary is missing is SKIPPED with the
# reason; the universal .vsix is always built.
#
# Usage: package-all.sh --out DIR [--linux-x64 BIN] [--linux-arm64 BIN] [--win32-x64 EXE]
# Needs vsce and the extension's node_modules in $WINERR_CACHE (default ~/.cache/winerr-ls), as
# installed by tests/clients/install-deps.sh (--packaging installs just those two).
# Prints one line per .vsix: "built <file> (<size> bytes, binary <n> bytes)" or "SKIPPED <target>: why".
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE="${WINERR_CACHE:-$HOME/.cache/winerr-ls}"
VSCE="$CACHE/tools/node_modules/.bin/vsce"
OUT=""
declare -A BIN=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --linux-x64|--linux-arm64|--win32-x64) BIN[${1#--}]="$2"; shift 2 ;;
    *) echo "package-all: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$OUT" ] || { echo "package-all: --out DIR is required" >&2; exit 2; }
for f in "$VSCE" "$CACHE/ext/node_modules/vscode-languageclient"; do
  [ -e "$f" ] || { echo "package-all: $f is missing (run: bash tests/clients/install-deps.sh --packaging)" >&2; exit 1; }
done
mkdir -p "$OUT"; OUT="$(cd "$OUT" && pwd)"
VERSION=$(node -p "require('$HERE/package.json').version")
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT

# strip a copy with the matching binutils when they are here (a cross build may already be stripped)
strip_for() {
  case "$1" in
    linux-x64) echo strip ;;
    linux-arm64) echo aarch64-linux-gnu-strip ;;
    win32-x64) echo x86_64-w64-mingw32-strip ;;
  esac
}

# package TARGET|universal [BINARY]
package() {
  local target=$1 bin=${2:-} stage="$WORK/$1" name file
  mkdir -p "$stage"
  (cd "$HERE" && tar cf - --exclude=./node_modules --exclude=./server --exclude=./test --exclude='*.vsix' .) | tar xf - -C "$stage"
  cp -r "$CACHE/ext/node_modules" "$stage/node_modules"
  local args=(package --allow-missing-repository --no-rewrite-relative-links --no-update-package-json)
  if [ "$target" = universal ]; then
    file="$OUT/winerr-ls-$VERSION.vsix"
  else
    name=winerr-ls; [ "$target" = win32-x64 ] && name=winerr-ls.exe
    mkdir -p "$stage/server/$target"
    install -m 755 "$bin" "$stage/server/$target/$name"
    local s; s=$(strip_for "$target")
    if command -v "$s" >/dev/null; then "$s" "$stage/server/$target/$name" 2>/dev/null || true; fi
    file="$OUT/winerr-ls-$target-$VERSION.vsix"
    args+=(--target "$target")
  fi
  rm -f "$file"
  if ! (cd "$stage" && "$VSCE" "${args[@]}" -o "$file") >"$WORK/$target.log" 2>&1; then
    cat "$WORK/$target.log" >&2; echo "package-all: vsce failed for $target" >&2; return 1
  fi
  if [ "$target" = universal ]; then
    echo "built $file ($(stat -c %s "$file") bytes, no binary)"
  else
    echo "built $file ($(stat -c %s "$file") bytes, binary $(stat -c %s "$stage/server/$target/$name") bytes)"
  fi
}

rc=0
for target in linux-x64 linux-arm64 win32-x64; do
  bin="${BIN[$target]:-}"
  if [ -z "$bin" ]; then echo "SKIPPED $target: no binary given (--$target PATH)"; rm -f "$OUT/winerr-ls-$target-$VERSION.vsix"; continue; fi
  if [ ! -f "$bin" ]; then echo "SKIPPED $target: no binary at $bin (not built on this machine)"; rm -f "$OUT/winerr-ls-$target-$VERSION.vsix"; continue; fi
  package "$target" "$bin" || rc=1
done
package universal || rc=1
exit $rc

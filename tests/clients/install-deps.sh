#!/usr/bin/env bash
# Install what the editor-client tests need, only where it is missing, into a cache OUTSIDE the clone.
#   apt : neovim vim vim-ale emacs-nox elpa-eglot chromium (+ build deps of code-server's native modules)
#   npm : $WINERR_CACHE/tools  playwright-core, @vscode/vsce
#         $WINERR_CACHE/ext    the VS Code extension's own dependencies (from editors/vscode/package.json)
#         $WINERR_CACHE/cs     code-server 4.100.3 (= VS Code 1.100.3 web; the last release for node 20)
# Idempotent: every step checks first, so a warm run takes well under a second.
# The code-server/vsce part needs node >= 20: without it this prints SKIPPED (with CI=true an ERROR line;
# run_vscode.sh then fails, the other clients still run).
# Usage: install-deps.sh [--check|--packaging]   (--check: install nothing, exit 1 if something is missing;
#   --packaging: only vsce and the extension's dependencies, what editors/vscode/package-all.sh needs)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="${WINERR_CACHE:-$HOME/.cache/winerr-ls}"
CHECK=0; [ "${1:-}" = --check ] && CHECK=1
PACKAGING=0; [ "${1:-}" = --packaging ] && PACKAGING=1
CS_VERSION=4.100.3 PW_VERSION=1.65.1 VSCE_VERSION=3.9.2   # newest that run on node 20 (vsce 4.x wants 22)
missing=0
say() { echo "install-deps: $*"; }
t0=$(date +%s%N)

# ---------- apt ----------
APT_PKGS=(neovim vim vim-ale emacs-nox elpa-eglot chromium ripgrep libkrb5-dev build-essential pkg-config python3
  ca-certificates)
need=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ $PACKAGING = 1 ]; then say "apt: not needed for --packaging"
elif [ ${#need[@]} -eq 0 ]; then say "apt: all ${#APT_PKGS[@]} packages present"
elif [ $CHECK = 1 ]; then say "apt: MISSING ${need[*]}"; missing=1
elif [ "$(id -u)" != 0 ]; then say "apt: MISSING ${need[*]} (run as root or: sudo apt-get install ${need[*]})"; exit 1
else
  say "apt: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # a fresh machine may have empty package lists: update once, then install
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# ---------- npm ----------
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  msg="node >= 20 needed for code-server $CS_VERSION / vsce, found $(node --version 2>/dev/null || echo none)"
  # the other clients do not need node: let them run; run_vscode.sh itself fails under CI=true
  if [ "${CI:-}" = true ]; then say "ERROR: $msg; CI=true, so client.vscode will FAIL"
  else say "SKIPPED code-server/vsce/playwright install: $msg"; fi
  exit $missing
fi

# npm hygiene: no audit/fund noise, no node header downloads (node-gyp uses Debian's /usr/include/node)
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
has_ver() { # has_ver DIR PKG VERSION : node_modules/PKG is installed at VERSION
  [ -f "$1/node_modules/$2/package.json" ] &&
    [ "$(node -p "require('$1/node_modules/$2/package.json').version")" = "$3" ]; }

# tools: playwright-core drives Debian's chromium; vsce packages the extension
if has_ver "$CACHE/tools" playwright-core $PW_VERSION && has_ver "$CACHE/tools" @vscode/vsce $VSCE_VERSION; then
  say "npm: playwright-core $PW_VERSION, @vscode/vsce $VSCE_VERSION present in $CACHE/tools"
elif [ $CHECK = 1 ]; then say "npm: MISSING playwright-core/@vscode/vsce in $CACHE/tools"; missing=1
else
  say "npm: installing playwright-core@$PW_VERSION @vscode/vsce@$VSCE_VERSION into $CACHE/tools"
  mkdir -p "$CACHE/tools"
  [ -f "$CACHE/tools/package.json" ] || echo '{"name":"winerr-client-tools","private":true}' >"$CACHE/tools/package.json"
  (cd "$CACHE/tools" && npm install --no-save --loglevel=error "playwright-core@$PW_VERSION" "@vscode/vsce@$VSCE_VERSION")
fi

# extension dependencies: keyed on the extension's package.json so a dependency change reinstalls
EXT_PJ="$ROOT/editors/vscode/package.json"
if cmp -s "$EXT_PJ" "$CACHE/ext/package.json" && [ -d "$CACHE/ext/node_modules/vscode-languageclient" ]; then
  say "npm: extension dependencies present in $CACHE/ext"
elif [ $CHECK = 1 ]; then say "npm: MISSING extension dependencies in $CACHE/ext"; missing=1
else
  say "npm: installing the extension's dependencies into $CACHE/ext"
  rm -rf "$CACHE/ext"; mkdir -p "$CACHE/ext"; cp "$EXT_PJ" "$CACHE/ext/package.json"
  (cd "$CACHE/ext" && npm install --omit=dev --no-package-lock --loglevel=error)
fi

# code-server, with the workarounds of the recipe (see README "Things learned the hard way")
if [ $PACKAGING = 1 ]; then say "npm: code-server not needed for --packaging"
elif has_ver "$CACHE/cs" code-server $CS_VERSION && [ -x "$CACHE/cs/node_modules/.bin/code-server" ]; then
  say "npm: code-server $CS_VERSION present in $CACHE/cs"
elif [ $CHECK = 1 ]; then say "npm: MISSING code-server $CS_VERSION in $CACHE/cs"; missing=1
else
  say "npm: installing code-server@$CS_VERSION into $CACHE/cs (cold: a few minutes, native modules build)"
  mkdir -p "$CACHE/cs" "$CACHE/tmp"
  # @vscode/ripgrep's postinstall downloads rg from GitHub unless $TMPDIR/vscode-ripgrep-cache-<ver>/ holds
  # the tarball: seed it with Debian's rg (versions are those code-server 4.100.3 pulls in).
  RG_PKG_VERSION=1.15.11 RG_TAG=v13.0.0-10 RG_TARGET=x86_64-unknown-linux-musl
  rgc="$CACHE/tmp/vscode-ripgrep-cache-$RG_PKG_VERSION"; mkdir -p "$rgc"
  if [ ! -f "$rgc/ripgrep-$RG_TAG-$RG_TARGET.tar.gz" ]; then
    d="$(mktemp -d)"; cp /usr/bin/rg "$d/rg"; tar czf "$rgc/ripgrep-$RG_TAG-$RG_TARGET.tar.gz" -C "$d" rg; rm -rf "$d"
  fi
  [ -f "$CACHE/cs/package.json" ] || echo '{"name":"winerr-code-server","private":true}' >"$CACHE/cs/package.json"
  # npm_config_yes: node-pty's postinstall runs `npx node-gyp` (refused when ~/.npmrc says yes=false);
  # --unsafe-perm: code-server's postinstall refuses to run as root without it.
  (cd "$CACHE/cs" && TMPDIR="$CACHE/tmp" npm_config_yes=true \
    npm install --no-save --unsafe-perm --loglevel=error "code-server@$CS_VERSION" >"$CACHE/cs/install.log" 2>&1) ||
    { tail -30 "$CACHE/cs/install.log"; say "FAIL: code-server install (log: $CACHE/cs/install.log)"; exit 1; }
  say "code-server $(node -p "require('$CACHE/cs/node_modules/code-server/package.json').version") installed"
fi
say "done in $(( ($(date +%s%N) - t0) / 1000000 )) ms (cache: $CACHE)"
exit $missing

#!/usr/bin/env bash
# VS Code (code-server 4.100.3 = VS Code 1.100.3 web) in Debian's chromium, driven by playwright-core:
# package editors/vscode into a .vsix with vsce (server binary bundled), install it into a fresh
# code-server, open the example, check squiggles + hover, save a screenshot under $WINERR_ARTIFACTS.
# Needs node >= 20: without it this prints SKIPPED and exits 77 (ctest SKIP), except with CI=true (fail).
# WINERR_VSCODE_MODE=missing-binary: bundle no binary and point winerr.server.path nowhere; pass only if
#   the extension shows its "not found ... how to get it" error (proves no silent failure).
# WINERR_VSCODE_MODE=restricted: workspace trust on and the folder (a copy of the example's) not trusted,
#   so VS Code runs in Restricted Mode; the folder's .vscode/settings.json points winerr.server.path and
#   winerr.catalogPath at files that do not exist. Pass only if the extension host reports
#   isTrusted=false, the bundled server gives the same squiggles + hover, the workspace's paths reach
#   neither the extension nor the server, and a .winerr.json written during the run takes effect.
TEST_NAME=vscode; source "$(dirname "$0")/lib.sh"
MODE="${WINERR_VSCODE_MODE:-normal}"
need_prog node
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  [ "${CI:-}" = true ] && fail "node >= 20 is required for code-server 4.100.3, found $(node --version) (CI=true: not skipping)"
  echo "SKIPPED [vscode]: node >= 20 is required for code-server 4.100.3, found $(node --version)"
  exit 77
fi
CS_BIN="$WINERR_CACHE/cs/node_modules/.bin/code-server"
VSCE="$WINERR_CACHE/tools/node_modules/.bin/vsce"
CHROMIUM="${CHROMIUM:-/usr/lib/chromium/chromium}"
for f in "$CS_BIN" "$VSCE" "$WINERR_CACHE/tools/node_modules/playwright-core" "$WINERR_CACHE/ext/node_modules" "$CHROMIUM"; do
  [ -e "$f" ] || fail "$f is missing (run: bash tests/clients/install-deps.sh)"
done
mkdir -p "$WINERR_ARTIFACTS" "$T/tmp"
export TMPDIR="$T/tmp"   # code-server leaves vscode-ipc-*.sock files in TMPDIR: keep them in our temp dir

# 1. package: a staging copy of editors/vscode + cached node_modules + the server binary in server/
#    (the source tree stays clean; editors/vscode/.gitignore covers doing the same by hand in place)
STAGE="$T/stage"; mkdir -p "$STAGE/server"
(cd "$ROOT/editors/vscode" && tar cf - --exclude=./node_modules --exclude=./server --exclude='*.vsix' .) | tar xf - -C "$STAGE"
cp -r "$WINERR_CACHE/ext/node_modules" "$STAGE/node_modules"
# where resolve.js looks for this platform's binary: server/<process.platform>-<process.arch>/
TARGET=$(node -p 'process.platform + "-" + process.arch')
[ "$MODE" = missing-binary ] || install -D -m 755 "$WINERR_LS" "$STAGE/server/$TARGET/winerr-ls"
VSIX="$WINERR_ARTIFACTS/winerr-ls-$MODE.vsix"
(cd "$STAGE" && "$VSCE" package --allow-missing-repository --no-rewrite-relative-links -o "$VSIX") >"$T/vsce.log" 2>&1 ||
  { cat "$T/vsce.log"; fail "vsce package failed"; }
echo "packaged $VSIX ($(du -k "$VSIX" | cut -f1) KiB) after $(elapsed)"

# the folder VS Code opens: a throw-away copy of the example's (restricted: with hostile settings)
# (the ignore action writes .winerr.json into it: never into the clone's examples/)
WS="$T/ws"; mkdir -p "$WS/.vscode"; cp "$WINERR_EXAMPLE" "$WS/"; WINERR_EXAMPLE="$WS/$(basename "$WINERR_EXAMPLE")"
TRUST=(--disable-workspace-trust); TRUST_SETTINGS='"security.workspace.trust.enabled": false'
if [ "$MODE" = restricted ]; then
  # maxDiagnostics is not restricted: it must reach the server, which proves the trace is read right
  printf '{ "winerr.server.path": "%s", "winerr.catalogPath": "%s", "winerr.maxDiagnostics": 997 }\n' \
    "$WS/workspace-chosen-winerr-ls" "$WS/workspace-chosen-catalog.json" >"$WS/.vscode/settings.json"
  # trust on, nothing trusted, no modal prompt, no banner (it would move the editor lines)
  TRUST=(); TRUST_SETTINGS='"security.workspace.trust.enabled": true, "security.workspace.trust.startupPrompt": "never",
  "security.workspace.trust.banner": "never", "security.workspace.trust.untrustedFiles": "open"'
fi
TRACE="${WINERR_TRACE:-off}"; [ "$MODE" = restricted ] && TRACE=verbose  # the test reads what the server got
# a log over VS Code's 50 MB extension limit (normal mode): the extension must offer to scan it on disk
BIG=""
if [ "$MODE" = normal ]; then BIG="$WS/huge-vpn.log"; "$ROOT/bench/make_log.sh" "$BIG" 60; fi

# 2. a fresh code-server: own user-data/extensions dirs, settings that keep the first screen quiet;
#    inlay hints (the server sends the name after each code) hidden: they change the rendered line text
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
mkdir -p "$T/data/User" "$T/ext"
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" >"$T/config.yaml"
SERVER_PATH=""; [ "$MODE" = missing-binary ] && SERVER_PATH="$T/no-such-dir/winerr-ls"
cat >"$T/data/User/settings.json" <<EOF
{ "workbench.startupEditor": "none", "workbench.tips.enabled": false, "telemetry.telemetryLevel": "off",
  "update.mode": "none", "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false,
  $TRUST_SETTINGS, "git.enabled": false, "editor.minimap.enabled": false,
  "editor.hover.delay": 150, "editor.fontSize": 13, "window.commandCenter": false,
  "editor.inlayHints.enabled": "offUnlessPressed", "winerr.trace.server": "$TRACE",
  "winerr.server.path": "$SERVER_PATH" }
EOF
CS=("$CS_BIN" --config "$T/config.yaml" --user-data-dir "$T/data" --extensions-dir "$T/ext")
"${CS[@]}" --install-extension "$VSIX" >"$T/install.log" 2>&1 || { cat "$T/install.log"; fail "code-server --install-extension failed"; }
ls -d "$T/ext"/winerr-ls.winerr-ls-* >/dev/null || fail "extension not installed: $(cat "$T/install.log")"
# PATH without winerr-ls: the extension must use the bundled binary (or, in missing-binary mode, fail loudly)
setsid "${CS[@]}" --disable-telemetry --disable-update-check ${TRUST[@]+"${TRUST[@]}"} \
  --disable-getting-started-override "$WS" >"$T/code-server.log" 2>&1 &
GROUPS_STARTED+=("$!"); disown "$!"   # killed as a group by lib.sh cleanup
for _ in $(seq 1 150); do grep -q 'HTTP server listening' "$T/code-server.log" && break; sleep 0.2; done
grep -q 'HTTP server listening' "$T/code-server.log" || { cat "$T/code-server.log"; fail "code-server did not start"; }
echo "code-server on port $PORT after $(elapsed)"

# 3. the browser part (hard timeout; playwright-core from the cache)
rc=0
CS_URL="http://127.0.0.1:$PORT" CS_FOLDER="$WS" CHROMIUM="$CHROMIUM" MODE="$MODE" WINERR_EXAMPLE="$WINERR_EXAMPLE" \
  CS_LOGS="$T/data/logs" BUNDLED="server/$TARGET/winerr-ls" BIG="$BIG" \
  SHOT="$WINERR_ARTIFACTS/vscode-$MODE.png" NODE_PATH="$WINERR_CACHE/tools/node_modules" \
  run_group 240 node "$CLIENTS_DIR/vscode_check.js" || rc=$?
if [ $rc -ne 0 ]; then
  echo "--- code-server log (tail)"; tail -20 "$T/code-server.log"
  echo "--- extension host log (tail)"; find "$T/data/logs" \( -name '*WinErr*' -o -name 'exthost.log' \) -print0 | xargs -0 -r tail -n 20 || true
  fail "VS Code check failed (exit $rc)"
fi
echo "[$TEST_NAME] passed in $(elapsed)"

#!/usr/bin/env bash
# ctest package.deb: builds the .deb with CPack from $WINERR_BUILD_DIR, unpacks it into a scratch root
# with dpkg -x (nothing is installed on this machine), and from there runs `usr/bin/winerr-ls --version`
# and `man -l` on usr/share/man/man1/winerr-ls.1.gz: every line of the binary's help must be in the
# rendered page. Also checks the editor files in the package and `cmake --install` into a prefix.
set -uo pipefail
B="${WINERR_BUILD_DIR:?}" V="${WINERR_VERSION:?}"
fail() { echo "FAIL [deb]: $*"; exit 1; }
for p in cpack dpkg-deb dpkg man gzip; do command -v $p >/dev/null || fail "$p is missing (tests/install-deps.sh installs dpkg-dev, man-db)"; done
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
t0=$(date +%s%N)
(cd "$B" && cpack -G DEB --config "$B/CPackConfig.cmake") >"$T/cpack.log" 2>&1 || { cat "$T/cpack.log"; fail "cpack -G DEB failed"; }
deb=$(ls "$B"/packages/winerr-ls_"$V"_*.deb 2>/dev/null | head -1)
[ -f "$deb" ] || { cat "$T/cpack.log"; fail "no $B/packages/winerr-ls_${V}_*.deb after cpack"; }
echo "built $deb ($(stat -c %s "$deb") bytes) in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
dpkg-deb -I "$deb" >"$T/info" || fail "dpkg-deb -I $deb"
grep -q "^ Package: winerr-ls$" "$T/info" || fail "control: no 'Package: winerr-ls'"
grep -q "^ Version: $V$" "$T/info" || fail "control: no 'Version: $V'"
root="$T/root"; dpkg -x "$deb" "$root" || fail "dpkg -x $deb"
# a dynamically linked binary needs its libraries in Depends (dpkg-shlibdeps); a static one none
if readelf -d "$root/usr/bin/winerr-ls" 2>/dev/null | grep -q '(NEEDED)'; then
  grep -E "^ Depends: .*libc6" "$T/info" || fail "control: Depends lacks libc6 (dpkg-shlibdeps) for a dynamic binary"
else
  echo "ok   static binary: $(grep '^ Depends:' "$T/info" || echo 'no Depends')"
fi
for f in usr/bin/winerr-ls usr/share/man/man1/winerr-ls.1.gz \
         usr/share/nvim/site/lsp/winerr_ls.lua usr/share/nvim/site/lua/winerr_ls/init.lua usr/share/nvim/site/plugin/winerr_ls.lua \
         usr/share/vim/vimfiles/ale_linters/log/winerr_ls.vim usr/share/vim/vimfiles/ftdetect/winerr_log.vim \
         usr/share/emacs/site-lisp/winerr-ls.el usr/share/doc/winerr-ls/copyright; do
  [ -f "$root/$f" ] || fail "$f is not in the package"
done
echo "ok   files: bin, man page, Neovim, Vim, Emacs, copyright"
bin="$root/usr/bin/winerr-ls"
out=$("$bin" --version) || fail "$bin --version exited $?"
[ "$out" = "winerr-ls $V" ] || fail "--version printed '$out', want 'winerr-ls $V'"
echo "ok   $bin --version: $out ($(stat -c %s "$bin") bytes)"
if command -v readelf >/dev/null; then
  readelf -S "$bin" | grep -q '\.symtab' && fail "$bin is not stripped"
  echo "ok   stripped (no .symtab)"
fi

page="$root/usr/share/man/man1/winerr-ls.1.gz"
LC_ALL=C.UTF-8 MANWIDTH=120 man -l -P cat "$page" >"$T/man.txt" 2>"$T/man.err" || { cat "$T/man.err"; fail "man -l $page failed"; }
[ -s "$T/man.err" ] && { cat "$T/man.err"; fail "man -l printed warnings"; }
grep -q '^WINERR-LS(1)' "$T/man.txt" || fail "no WINERR-LS(1) header"
for s in NAME SYNOPSIS DESCRIPTION 'EXIT STATUS' ENVIRONMENT 'WINERR-LS CHECK' 'WINERR-LS EXPLAIN' 'WINERR-LS CATALOG'; do
  grep -q "^$s\$" "$T/man.txt" || fail "man page has no section '$s'"
done
# generated from the help: each line of every help text is in the page (leading blanks aside)
n=0
for cmd in "" check explain catalog; do
  if [ -z "$cmd" ]; then "$bin" --help >"$T/help"; else "$bin" help $cmd >"$T/help"; fi
  tail -n +2 "$T/help" | sed 's/^ *//' | grep -v -E '^$|^[A-Z][A-Za-z ]*:$' | while IFS= read -r line; do
    grep -qF -- "$line" "$T/man.txt" || { echo "missing: $line"; exit 1; }
  done || fail "the man page lacks lines of winerr-ls ${cmd:---help} (stale or mis-rendered)"
  n=$((n + $(wc -l <"$T/help")))
done
echo "ok   man -l: $(wc -l <"$T/man.txt") lines, all $n help lines present"

# cmake --install into a prefix gives the same layout
cmake --install "$B" --prefix "$T/prefix" >/dev/null || fail "cmake --install failed"
for f in bin/winerr-ls share/man/man1/winerr-ls.1.gz share/nvim/site/lsp/winerr_ls.lua share/vim/vimfiles/ale_linters/log/winerr_ls.vim share/emacs/site-lisp/winerr-ls.el; do
  [ -f "$T/prefix/$f" ] || fail "cmake --install: $f missing"
done
echo "ok   cmake --install --prefix: same layout"
echo "[deb] passed"

#!/usr/bin/env bash
# Headless Vim 9 + Debian's vim-ale with the SHIPPED editors/vim files (ALE linter + ftdetect).
TEST_NAME=vim-ale; source "$(dirname "$0")/lib.sh"
need_prog vim
[ -d /usr/share/vim/vimfiles/pack/dist-bundle/opt/ale ] || fail "ALE is not installed (apt-get install vim-ale)"
# vim -es writes through /dev/stdout (writefile); collect it in a file so it cannot clobber our own output
rc=0
run_group 90 vim -N -u "$CLIENTS_DIR/vim_ale_vimrc.vim" -i NONE -n -es "$WINERR_EXAMPLE" \
  -S "$CLIENTS_DIR/ale_check.vim" >"$T/vim.out" 2>&1 || rc=$?
cat "$T/vim.out"
[ $rc -eq 0 ] || fail "vim + ALE check failed (exit $rc)"
echo "[$TEST_NAME] passed in $(elapsed)"

#!/usr/bin/env bash
# Headless Neovim (Debian 12: 0.7.2) with the SHIPPED editors/nvim files on 'runtimepath'.
TEST_NAME=nvim; source "$(dirname "$0")/lib.sh"
need_prog nvim
run_group 90 nvim --headless -i NONE -n -u "$CLIENTS_DIR/nvim_init.lua" "$WINERR_EXAMPLE" \
  -c "luafile $CLIENTS_DIR/nvim_check.lua" || fail "nvim check failed (exit $?)"
echo "[$TEST_NAME] passed in $(elapsed)"

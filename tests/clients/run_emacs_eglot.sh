#!/usr/bin/env bash
# Headless Emacs 28 + Debian's elpa-eglot (1.9) loading the SHIPPED editors/emacs/winerr-ls.el.
TEST_NAME=emacs-eglot; source "$(dirname "$0")/lib.sh"
need_prog emacs
[ -d /usr/share/emacs/site-lisp/elpa/eglot-1.9 ] || ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1 ||
  fail "eglot is not installed (apt-get install elpa-eglot)"
run_group 90 emacs --batch -Q -l "$CLIENTS_DIR/eglot_check.el" || fail "emacs + eglot check failed (exit $?)"
echo "[$TEST_NAME] passed in $(elapsed)"

" Test vimrc for Vim + ALE: the setup documented in editors/README.md, using the SHIPPED editors/vim files.
set nocompatible
let s:root = fnamemodify(resolve(expand('<sfile>:p')), ':h:h:h')
let &runtimepath = s:root . '/editors/vim,' . &runtimepath
packadd ale
filetype plugin on
let g:ale_winerr_ls_executable = $WINERR_LS

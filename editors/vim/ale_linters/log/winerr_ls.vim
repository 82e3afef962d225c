" ALE linter: winerr-ls (Win32 IPsec/IKE error codes) for the `log` filetype.
" Needs editors/vim on 'runtimepath' (see editors/README.md). Options:
"   g:ale_winerr_ls_executable  path to the server (default: winerr-ls on $PATH)
"   g:ale_winerr_ls_config      server settings, sent as initializationOptions and
"                               workspace/didChangeConfiguration {"winerr": ...}
" Other filetypes: call ale#linter#Define('ps1', ale_linters#log#winerr_ls#Linter()) in your vimrc
" after `runtime ale_linters/log/winerr_ls.vim`.
call ale#Set('winerr_ls_executable', 'winerr-ls')
call ale#Set('winerr_ls_config', {'maxDiagnostics': 1000, 'showPossible': v:true, 'catalogPath': '',
\   'inlayHints': v:true})

" Project root (ALE needs one for LSP linters): the nearest directory with .git, else the file's directory.
function! ale_linters#log#winerr_ls#Root(buffer) abort
    let l:dir = fnamemodify(bufname(a:buffer), ':p:h')
    let l:git = finddir('.git', l:dir . ';')
    return empty(l:git) ? l:dir : fnamemodify(l:git, ':p:h:h')
endfunction

function! ale_linters#log#winerr_ls#Linter() abort
    return {
    \   'name': 'winerr_ls',
    \   'lsp': 'stdio',
    \   'executable': {b -> ale#Var(b, 'winerr_ls_executable')},
    \   'command': '%e',
    \   'project_root': function('ale_linters#log#winerr_ls#Root'),
    \   'initialization_options': {b -> ale#Var(b, 'winerr_ls_config')},
    \   'lsp_config': {b -> {'winerr': ale#Var(b, 'winerr_ls_config')}},
    \   'language': 'log',
    \}
endfunction

call ale#linter#Define('log', ale_linters#log#winerr_ls#Linter())

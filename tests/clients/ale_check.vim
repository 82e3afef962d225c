" Vim + ALE check, sourced after vim_ale_vimrc.vim opened $WINERR_EXAMPLE: waits for winerr-ls diagnostics,
" checks each expected code (exact range, type, code, source), hovers $WINERR_HOVER_TOKEN and checks
" hover-only text. ALE folds LSP Information/Hint into type 'W', so severity 1 -> 'E', else 'W'.
let s:t0 = reltime()
let s:timeout = str2nr($WINERR_TIMEOUT_MS)
let s:hover_expect = split($WINERR_HOVER_EXPECT, '|')
function! s:Out(msg) abort
  call writefile([a:msg], '/dev/stdout', 'a')
endfunction
function! s:Ms() abort
  return printf('%.0f ms', reltimefloat(reltime(s:t0)) * 1000)
endfunction
function! s:Wait(cond) abort   " poll a:cond (a lambda) for up to the timeout
  let l:waited = 0
  while !a:cond() && l:waited < s:timeout
    sleep 20m
    let l:waited += 20
  endwhile
  return a:cond()
endfunction

try
  let s:buf = bufnr('')
  " expectations; columns from the file text (0-based start col c -> ALE col c+1, end_col c+len)
  let s:exp = []
  for s:e in split($WINERR_EXPECT, ';')
    let [s:ctx, s:tok, s:sev, s:code] = split(s:e, '|', 1)
    let s:lnum = search('\V' . escape(s:ctx, '\'), 'cw')
    if s:lnum == 0 | throw 'context not in file: ' . s:ctx | endif
    let s:c = stridx(getline(s:lnum), s:ctx) + len(s:ctx)
    if strpart(getline(s:lnum), s:c, len(s:tok)) !=# s:tok | throw 'token not after context: ' . s:tok | endif
    call add(s:exp, {'tok': s:tok, 'lnum': s:lnum, 'col': s:c + 1, 'end_col': s:c + len(s:tok),
    \ 'type': s:sev == 1 ? 'E' : 'W', 'code': s:code})
  endfor
  ALELint
  call s:Out(printf('positions are ALE 1-based lnum:col-end_lnum:end_col; filetype=%s, linters %s', &filetype,
  \ join(map(ale#linter#Get(&filetype), 'v:val.name'), ',')))
  function! s:Find(x) abort
    for l:d in ale#engine#GetLoclist(s:buf)
      if l:d.lnum == a:x.lnum && l:d.col == a:x.col | return l:d | endif
    endfor
    return {}
  endfunction
  let s:ok = s:Wait({-> empty(filter(copy(s:exp), 'empty(s:Find(v:val))'))})
  for s:d in ale#engine#GetLoclist(s:buf)
    call s:Out(printf('  diag %d:%d-%d:%d type=%s %s', s:d.lnum, s:d.col, get(s:d, 'end_lnum', -1),
    \ get(s:d, 'end_col', -1), s:d.type, s:d.text))
  endfor
  if !s:ok | throw printf('expected diagnostics missing after %d ms', s:timeout) | endif
  call s:Out('diagnostics after ' . s:Ms())
  for s:x in s:exp
    let s:d = s:Find(s:x)
    let s:want = printf('%d:%d-%d:%d type=%s code=%s [%s]', s:x.lnum, s:x.col, s:x.lnum, s:x.end_col, s:x.type,
    \ s:x.code, $WINERR_SOURCE)
    let s:got = printf('%d:%d-%d:%d type=%s code=%s %s', s:d.lnum, s:d.col, s:d.end_lnum, s:d.end_col, s:d.type,
    \ get(s:d, 'code', ''), matchstr(get(s:d, 'detail', ''), '^\[[^]]*\]'))
    if s:got !=# s:want | throw printf('diagnostic on %s: want %s, got %s', s:x.tok, s:want, s:got) | endif
    if stridx(s:d.text, s:hover_expect[0]) >= 0 | throw 'diagnostic message already has ' . s:hover_expect[0] | endif
    call s:Out(printf('ok   diagnostic %s at %s', s:x.tok, s:got))
  endfor

  let s:h = filter(copy(s:exp), 'v:val.tok ==# $WINERR_HOVER_TOKEN')
  if empty(s:h) | throw 'hover token is not an expected token' | endif
  let s:hover = v:null
  function! s:OnHover(resp) abort
    let s:hover = a:resp
  endfunction
  call ale#lsp_linter#SendRequest(s:buf, 'winerr_ls',
  \ ale#lsp#message#Hover(s:buf, s:h[0].lnum, s:h[0].col + 1), function('s:OnHover'))
  if !s:Wait({-> s:hover isnot v:null}) | throw 'no hover response' | endif
  let s:res = get(s:hover, 'result', s:hover)   " the handler gets the whole JSON-RPC response
  let s:c = type(s:res) == v:t_dict ? get(s:res, 'contents', '') : ''
  let s:parts = type(s:c) == v:t_list ? s:c : [s:c]
  let s:text = join(map(s:parts, 'type(v:val) == v:t_dict ? get(v:val, "value", "") : v:val'), "\n")
  call s:Out('  hover (first 300 chars): ' . strpart(substitute(s:text, '\n', '\\n', 'g'), 0, 300))
  for s:s in s:hover_expect
    if stridx(s:text, s:s) < 0 | throw printf('hover on %s lacks "%s"', $WINERR_HOVER_TOKEN, s:s) | endif
    call s:Out(printf('ok   hover on %s contains "%s"', $WINERR_HOVER_TOKEN, s:s))
  endfor
  call s:Out('hover after ' . s:Ms())
  call ale#lsp#StopAll()                        " shutdown + exit
  call s:Out(printf('PASS vim %d.%d + ALE in %s', v:version / 100, v:version % 100, s:Ms()))
catch
  call writefile(['FAIL [vim-ale]: ' . v:exception . ' @ ' . v:throwpoint], '/dev/stderr', 'a')
  cquit 1
endtry
qall!

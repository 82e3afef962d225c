" Vim has no filetype for plain *.log files: call them `log` unless something more specific matched.
autocmd BufNewFile,BufRead *.log setfiletype log

-- Loaded automatically from 'runtimepath'/'packpath'. Maps *.log to the `log` filetype (0.7 lacks it) and
-- links the semantic-token highlight groups (0.9+; see lua/winerr_ls/init.lua). Starting the server is
-- opt-in: 0.11+ `vim.lsp.enable('winerr_ls')`, 0.7-0.10 `require('winerr_ls').setup()`.
if vim.g.loaded_winerr_ls then return end
vim.g.loaded_winerr_ls = 1
require('winerr_ls').map_log_filetype()
require('winerr_ls').define_highlights()

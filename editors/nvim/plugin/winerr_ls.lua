-- Loaded automatically from 'runtimepath'/'packpath'. Only maps *.log to the `log` filetype (0.7 lacks it);
-- starting the server is opt-in: 0.11+ `vim.lsp.enable('winerr_ls')`, 0.7-0.10 `require('winerr_ls').setup()`.
if vim.g.loaded_winerr_ls then return end
vim.g.loaded_winerr_ls = 1
require('winerr_ls').map_log_filetype()

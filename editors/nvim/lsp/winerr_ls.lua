-- winerr-ls client config for Neovim 0.11+ (vim.lsp.config / vim.lsp.enable).
-- With this directory on 'runtimepath', `vim.lsp.enable('winerr_ls')` is all 0.11+ needs.
-- Neovim 0.7-0.10 read the same table through require('winerr_ls').setup() (lua/winerr_ls/init.lua).
return {
  -- `winerr-ls` on PATH; override with vim.lsp.config('winerr_ls', { cmd = { '/path/to/winerr-ls' } })
  cmd = { 'winerr-ls' },
  -- logs and the script/config formats Windows VPN troubleshooting produces
  -- (Neovim names: text = plaintext, ps1 = PowerShell, dosbatch = .bat/.cmd, dosini = .ini)
  filetypes = { 'log', 'text', 'ps1', 'dosbatch', 'sh', 'xml', 'json', 'dosini' },
  root_markers = { '.git' },
  -- server settings: sent as initializationOptions and answered for workspace/configuration
  init_options = { maxDiagnostics = 1000, showPossible = true, catalogPath = '', inlayHints = true },
  settings = { winerr = { maxDiagnostics = 1000, showPossible = true, catalogPath = '', inlayHints = true } },
}

-- winerr-ls client config for Neovim 0.11+ (vim.lsp.config / vim.lsp.enable).
-- With this directory on 'runtimepath', `vim.lsp.enable('winerr_ls')` is all 0.11+ needs.
-- Neovim 0.7-0.10 read the same table through require('winerr_ls').setup() (lua/winerr_ls/init.lua).
-- The hover is at most 20 rows at 80 columns (the server keeps it so); the window is bounded
-- the same way, so a long explanation never covers the buffer.
local hover_opts = { max_width = 80, max_height = 20 }
local modern_hover = vim.fn.has('nvim-0.11') == 1  -- vim.lsp.buf.hover takes its options itself

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
  -- 0.7-0.10 draw the hover through the client's handler (0.11 deprecates vim.lsp.with).
  handlers = (not modern_hover) and { ['textDocument/hover'] = vim.lsp.with(vim.lsp.handlers.hover, hover_opts) } or nil,
  -- `K` shows the hover on every version (0.10+ map it globally, 0.7-0.9 do not), mapped for
  -- this buffer only and never over a buffer-local `K` the user already has.
  on_attach = function(_, bufnr)
    local existing = vim.fn.maparg('K', 'n', false, true)
    if type(existing) == 'table' and existing.buffer == 1 then return end
    vim.keymap.set('n', 'K', function()
      if modern_hover then vim.lsp.buf.hover(hover_opts) else vim.lsp.buf.hover() end
    end, { buffer = bufnr, desc = 'winerr-ls: explain the code under the cursor' })
  end,
}

-- winerr-ls client config for Neovim 0.11+ (vim.lsp.config / vim.lsp.enable).
-- With this directory on 'runtimepath', `vim.lsp.enable('winerr_ls')` is all 0.11+ needs.
-- Neovim 0.7-0.10 read the same table through require('winerr_ls').setup() (lua/winerr_ls/init.lua).
-- The hover is at most 20 rows at 80 columns (the server keeps it so); the window is bounded
-- the same way, so a long explanation never covers the buffer.
local hover_opts = { max_width = 80, max_height = 20 }
local modern_hover = vim.fn.has('nvim-0.11') == 1  -- vim.lsp.buf.hover takes its options itself

-- The summary lens on a document's first line ("6 IPsec/IKE errors: 13801 ×3, …") runs
-- winerr.showOutline; here that is the outline (document symbols, into the location list).
vim.lsp.commands['winerr.showOutline'] = function() vim.lsp.buf.document_symbol() end

-- :WinerrScanFile [FILE] — a log too big to open comfortably is read by the server from disk
-- (winerr.scanFile); its diagnostics go to the quickfix list. FILE defaults to the current buffer's.
vim.api.nvim_create_user_command('WinerrScanFile', function(opts)
  local file = vim.fn.fnamemodify(opts.args ~= '' and opts.args or vim.api.nvim_buf_get_name(0), ':p')
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  local client = get({ name = 'winerr_ls' })[1]
  if not client then return vim.notify('winerr-ls is not running (open a log first)', vim.log.levels.ERROR) end
  local uri = vim.uri_from_fname(file)
  client.request('workspace/executeCommand', { command = 'winerr.scanFile', arguments = { uri } }, function(err, result)
    if err then return vim.notify('winerr-ls: ' .. err.message, vim.log.levels.ERROR) end
    local items = vim.diagnostic.toqflist(vim.diagnostic.get(vim.uri_to_bufnr(uri)))
    vim.fn.setqflist({}, ' ', { title = 'winerr-ls: ' .. vim.fn.fnamemodify(file, ':t'), items = items })
    vim.notify(('winerr-ls: %s: %d lines read, %d diagnostics in the quickfix list'):format(
      vim.fn.fnamemodify(file, ':t'), result.lines, #items))
  end, 0)
end, { nargs = '?', complete = 'file', desc = 'winerr-ls: scan a file on disk' })

-- Neovim shows code lenses only when asked to fetch them: on entering the buffer, after
-- leaving insert mode and when the cursor rests (the server answers from the findings it has).
local function refresh_lenses(bufnr)
  if vim.fn.has('nvim-0.10') == 1 then vim.lsp.codelens.refresh({ bufnr = bufnr }) else vim.lsp.codelens.refresh() end
end

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
    local group = vim.api.nvim_create_augroup('winerr_ls_lens_' .. bufnr, { clear = true })
    vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'CursorHold' }, {
      group = group, buffer = bufnr, callback = function() refresh_lenses(bufnr) end,
    })
    refresh_lenses(bufnr)
    local existing = vim.fn.maparg('K', 'n', false, true)
    if type(existing) == 'table' and existing.buffer == 1 then return end
    vim.keymap.set('n', 'K', function()
      if modern_hover then vim.lsp.buf.hover(hover_opts) else vim.lsp.buf.hover() end
    end, { buffer = bufnr, desc = 'winerr-ls: explain the code under the cursor' })
  end,
}

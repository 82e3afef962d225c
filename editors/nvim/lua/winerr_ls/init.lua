-- winerr-ls for Neovim 0.7 .. 0.11+, one code path per API generation, one config table:
-- lsp/winerr_ls.lua (the file 0.11's vim.lsp.enable reads) is loaded here for 0.7-0.10 too.
--   require('winerr_ls').setup({ cmd = { '/path/to/winerr-ls' }, settings = { winerr = { showPossible = false } } })
local M = {}
M.name = 'winerr_ls'

local function has(v) return vim.fn.has('nvim-' .. v) == 1 end

-- The shipped config table, read from 'runtimepath' (fresh copy: callers may modify it).
function M.default_config()
  local file = vim.api.nvim_get_runtime_file('lsp/' .. M.name .. '.lua', false)[1]
  if not file then error('winerr_ls: lsp/winerr_ls.lua is not on runtimepath') end
  return dofile(file)
end

-- Older runtimes have no filetype for *.log (0.7.2 has none): map it, without overriding a real one.
function M.map_log_filetype()
  vim.cmd([[
    augroup winerr_ls_filetype
      autocmd!
      autocmd BufNewFile,BufRead *.log setfiletype log
    augroup END]])
end

-- Semantic tokens (Neovim 0.9+ shows them by itself): in logs and plain text the server marks each code
-- it reports (type `number`, or `enumMember` for the symbolic name) and the log's status words (type
-- `keyword`: ERROR, FAILED, WARN, ...), with the severity as a modifier: error, warning, information,
-- hint. Each type+modifier group links to the Diagnostic* colour of that severity, so a code reads
-- like its diagnostic. `default = true`: a colour scheme or the user's own :highlight wins.
local severity_groups = { error = 'DiagnosticError', warning = 'DiagnosticWarn', information = 'DiagnosticInfo', hint = 'DiagnosticHint' }
function M.highlight_links()
  local links = {}
  for _, ty in ipairs({ 'number', 'enumMember', 'keyword' }) do
    for mod, group in pairs(severity_groups) do links['@lsp.typemod.' .. ty .. '.' .. mod] = group end
  end
  return links
end

-- Defines the links, and again after each :colorscheme (which clears every default link). Only on
-- 0.9+, which has semantic tokens; older versions refuse '@' in group names (W18).
function M.define_highlights()
  if not has('0.9') then return end
  local function define()
    for name, target in pairs(M.highlight_links()) do vim.api.nvim_set_hl(0, name, { link = target, default = true }) end
  end
  define()
  vim.api.nvim_create_autocmd('ColorScheme', {
    group = vim.api.nvim_create_augroup('winerr_ls_highlights', { clear = true }),
    callback = define,
  })
end

-- Root: nearest ancestor holding a root marker, else the file's directory.
local function root_of(bufnr, markers)
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h')
  for _, m in ipairs(markers or {}) do
    local hit = vim.fn.finddir(m, dir .. ';')
    if hit == '' then hit = vim.fn.findfile(m, dir .. ';') end
    if hit ~= '' then return vim.fn.fnamemodify(hit, ':p'):gsub('/$', ''):match('^(.*)/[^/]*$') end
  end
  return dir
end

local function missing_binary(cmd)
  if vim.fn.executable(cmd[1]) == 1 then return false end
  vim.notify(('winerr-ls: server binary %q not found. Build it (cmake --build build/release) or put '
    .. 'winerr-ls on PATH, then pass its path: require("winerr_ls").setup({ cmd = { "/path/to/winerr-ls" } })')
    :format(cmd[1]), vim.log.levels.ERROR)
  return true
end

-- Attach buffer `bufnr` (0.7-0.10 paths). 0.7 has no vim.lsp.start: keep one client per root ourselves.
local clients = {}
local function attach(config, bufnr)
  if vim.api.nvim_buf_get_name(bufnr) == '' or vim.bo[bufnr].buftype ~= '' then return end
  local cfg = vim.deepcopy(config)
  cfg.name = M.name
  cfg.root_dir = root_of(bufnr, cfg.root_markers)
  cfg.root_markers, cfg.filetypes = nil, nil
  if has('0.8') then
    vim.lsp.start(cfg, { bufnr = bufnr })
    return
  end
  local id = clients[cfg.root_dir]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(cfg)
    clients[cfg.root_dir] = id
  end
  if id then vim.lsp.buf_attach_client(bufnr, id) end
end

function M.setup(opts)
  local config = vim.tbl_deep_extend('force', M.default_config(), opts or {})
  -- keep initializationOptions in step with user settings unless init_options were given explicitly
  if not (opts and opts.init_options) then
    config.init_options = vim.tbl_deep_extend('force', config.init_options or {},
      (config.settings or {}).winerr or {})
  end
  M.map_log_filetype()
  M.define_highlights()
  if missing_binary(config.cmd) then return end
  if has('0.11') then
    vim.lsp.config(M.name, config)
    vim.lsp.enable(M.name)
    return
  end
  vim.cmd('augroup winerr_ls_attach | autocmd! | augroup END')
  vim.api.nvim_create_autocmd('FileType', {
    group = 'winerr_ls_attach',
    pattern = config.filetypes,
    callback = function(args) attach(config, args.buf) end,
  })
  -- buffers already open when setup() runs
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(config.filetypes, vim.bo[b].filetype) then attach(config, b) end
  end
end

return M

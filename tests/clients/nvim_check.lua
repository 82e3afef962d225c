-- Runs after nvim_init.lua opened WINERR_EXAMPLE: waits for the server's diagnostics, checks each expected
-- code (exact range, severity, code, source), hovers WINERR_HOVER_TOKEN and checks hover-only text, then
-- the outline, the references and the semantic tokens.
-- Works on Neovim 0.7 .. 0.11. Exit: 0 pass, 1 fail (:cquit).
local uv = vim.uv or vim.loop
local t0 = uv.hrtime()
local function ms() return ('%.0f ms'):format((uv.hrtime() - t0) / 1e6) end
local function out(s) io.stdout:write(s .. '\n') end
local function fail(s) io.stderr:write('FAIL [nvim]: ' .. s .. '\n'); vim.cmd('cquit 1') end
local timeout = tonumber(os.getenv('WINERR_TIMEOUT_MS') or '15000')
local hover_expect = vim.split(os.getenv('WINERR_HOVER_EXPECT'), '|', { plain = true })
local hover_token = os.getenv('WINERR_HOVER_TOKEN')

local ok, err = pcall(function()
  local buf = vim.api.nvim_get_current_buf()
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  -- expectations, positions derived from the file text (0-based line, 0-based start column)
  local exp = {}
  for _, e in ipairs(vim.split(os.getenv('WINERR_EXPECT'), ';', { plain = true })) do
    local f = vim.split(e, '|', { plain = true })
    local x = { context = f[1], token = f[2], severity = tonumber(f[3]), code = f[4] }
    for i, l in ipairs(lines) do
      local s, e2 = l:find(x.context, 1, true)
      if s then x.line, x.col = i - 1, e2; break end
    end
    if not x.line then error('context not in file: ' .. x.context) end
    if lines[x.line + 1]:sub(x.col + 1, x.col + #x.token) ~= x.token then error('token ' .. x.token .. ' not after context') end
    exp[#exp + 1] = x
  end
  out(('positions are 0-based line:col; filetype=%s, module %s'):format(vim.bo.filetype, debug.getinfo(require('winerr_ls').setup, 'S').source))

  local function find(x)
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.lnum == x.line and d.col == x.col then return d end
    end
  end
  local all = vim.wait(timeout, function()
    for _, x in ipairs(exp) do if not find(x) then return false end end
    return true
  end, 20)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    out(('  diag %d:%d-%d:%d sev=%d %s'):format(d.lnum, d.col, d.end_lnum, d.end_col, d.severity, d.message))
  end
  if not all then error(('expected diagnostics missing after %d ms (have %d)'):format(timeout, #vim.diagnostic.get(buf))) end
  out('diagnostics after ' .. ms())

  for _, x in ipairs(exp) do
    local d = find(x)
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    local want = ('%d:%d-%d:%d sev=%d code=%s source=%s'):format(x.line, x.col, x.line, x.col + #x.token, x.severity, x.code, os.getenv('WINERR_SOURCE'))
    local got = ('%d:%d-%d:%d sev=%d code=%s source=%s'):format(d.lnum, d.col, d.end_lnum, d.end_col, d.severity, tostring(code), tostring(d.source))
    if got ~= want then error(('diagnostic on %s: want %s, got %s'):format(x.token, want, got)) end
    if d.message:find(hover_expect[1], 1, true) then error('diagnostic message already contains ' .. hover_expect[1]) end
    out(('ok   diagnostic %s at %s'):format(x.token, got))
  end

  local h
  for _, x in ipairs(exp) do if x.token == hover_token then h = x end end
  if not h then error('hover token ' .. hover_token .. ' is not an expected token') end
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = h.line, character = h.col + 1 } }
  local resp, rerr = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, timeout)
  if not resp then error('hover request failed: ' .. tostring(rerr)) end
  local text = ''
  local function add(c)
    if type(c) == 'string' then text = text .. c .. '\n'
    elseif type(c) == 'table' and c.value then text = text .. c.value .. '\n'
    elseif type(c) == 'table' then for _, v in ipairs(c) do add(v) end end
  end
  for _, r in pairs(resp) do if r.result then add(r.result.contents) end end
  out('  hover (first 300 chars): ' .. text:gsub('\n', '\\n'):sub(1, 300))
  for _, s in ipairs(hover_expect) do
    if not text:find(s, 1, true) then error(('hover on %s lacks %q'):format(hover_token, s)) end
    out(('ok   hover on %s contains %q'):format(hover_token, s))
  end
  out('hover after ' .. ms())

  -- `K` is mapped for this buffer and opens the hover in a window of at most 80 x 20.
  local k = vim.fn.maparg('K', 'n', false, true)
  if type(k) ~= 'table' or k.buffer ~= 1 then error('K is not mapped buffer-locally after attach') end
  vim.api.nvim_win_set_cursor(0, { h.line + 1, h.col + 1 })
  local function float()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= '' then return w end
    end
  end
  vim.api.nvim_feedkeys('K', 'x', false)
  if not vim.wait(timeout, function() return float() ~= nil end, 20) then error('K opened no hover window') end
  local w = float()
  local width, height = vim.api.nvim_win_get_width(w), vim.api.nvim_win_get_height(w)
  local shown = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false), '\n')
  if not shown:find(hover_expect[1], 1, true) then error(('K window lacks %q'):format(hover_expect[1])) end
  if width > 80 or height > 20 then error(('hover window is %dx%d, more than 80x20'):format(width, height)) end
  out(('ok   K opens the hover, %dx%d'):format(width, height))

  -- The outline and the references of the first expected code (13801 in the example), through the
  -- same requests :lua vim.lsp.buf.document_symbol() / references() send; references go to the quickfix list.
  local first = exp[1]
  local uri = vim.uri_from_bufnr(buf)
  local sym = vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol', { textDocument = { uri = uri } }, timeout)
  local names = {}
  for _, r in pairs(sym or {}) do for _, x in ipairs(r.result or {}) do names[#names + 1] = x.name end end
  local want_sym = first.code .. ' — '
  local found_sym = false
  for _, n in ipairs(names) do if n:sub(1, #want_sym) == want_sym then found_sym = true end end
  if not found_sym then error(('outline lacks %q…: %s'):format(want_sym, table.concat(names, ' | '))) end
  out('ok   outline: ' .. table.concat(names, ' | '))
  local refs = vim.lsp.buf_request_sync(buf, 'textDocument/references',
    { textDocument = { uri = uri }, position = { line = first.line, character = first.col + 1 }, context = { includeDeclaration = true } }, timeout)
  local locs = {}
  for _, r in pairs(refs or {}) do for _, l in ipairs(r.result or {}) do locs[#locs + 1] = l end end
  local on_first = false
  for _, l in ipairs(locs) do
    if l.range.start.line == first.line and l.range.start.character == first.col then on_first = true end
  end
  if not on_first then error(('references of %s lack its own mention at %d:%d (got %d)'):format(first.token, first.line, first.col, #locs)) end
  vim.fn.setqflist(vim.lsp.util.locations_to_items(locs, 'utf-16'))
  if #vim.fn.getqflist() ~= #locs then error('quickfix list has ' .. #vim.fn.getqflist() .. ' items, not ' .. #locs) end
  out(('ok   references of %s: %d, in the quickfix list'):format(first.token, #locs))

  -- The summary lens on line 1, fetched by the config's CursorHold autocmd; running it (the
  -- config maps winerr.showOutline to the outline) lists the document's symbols, in the
  -- location list (0.8+) or the quickfix list (0.7).
  local function lens_title()
    for _, l in ipairs(vim.lsp.codelens.get(buf) or {}) do
      if l.range.start.line == 0 and l.command and l.command.title then return l.command.title end
    end
  end
  if not vim.wait(timeout, function()
    if lens_title() then return true end
    vim.cmd('doautocmd <nomodeline> CursorHold')
    return false
  end, 200) then error('no summary code lens on line 1') end
  local title = lens_title()
  -- "N IPsec/IKE codes: 13801 ×3, …" (codes: the example holds a warning too)
  if not title:match('^%d+ IPsec/IKE codes: %d+ ×%d+') then error('summary lens title unexpected: ' .. title) end
  out('ok   summary lens: ' .. title)
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  vim.fn.setloclist(0, {})
  vim.fn.setqflist({})
  vim.lsp.codelens.run()
  local function listed()
    for _, it in ipairs(#vim.fn.getloclist(0) > 0 and vim.fn.getloclist(0) or vim.fn.getqflist()) do
      if it.text:find(first.code, 1, true) then return true end
    end
  end
  if not vim.wait(timeout, listed, 20) then error('running the summary lens listed no outline') end
  out(('ok   running the lens lists the outline (%d entries)'):format(math.max(#vim.fn.getloclist(0), #vim.fn.getqflist())))

  -- :WinerrScanFile on a file that is not open: the server reads it from disk, and its
  -- diagnostics land in the quickfix list.
  local disk = vim.fn.tempname() .. '.log'
  vim.fn.writefile({ 'IKE error 13801', 'noise', 'status=0x35EE after IKE failure' }, disk)
  vim.fn.setqflist({})
  local notes = {}
  local notify = vim.notify
  vim.notify = function(m) notes[#notes + 1] = m end
  vim.cmd('WinerrScanFile ' .. disk)
  local got = vim.wait(timeout, function() return #vim.fn.getqflist() > 0 end, 20)
  vim.notify = notify
  if not got then error(':WinerrScanFile put nothing into the quickfix list: ' .. table.concat(notes, ' | ')) end
  local qf = vim.fn.getqflist()
  if #qf ~= 2 or qf[1].lnum ~= 1 or qf[2].lnum ~= 3 then
    error((':WinerrScanFile quickfix: %d items (%s)'):format(#qf, vim.inspect(vim.tbl_map(function(i) return i.lnum .. ':' .. i.text end, qf))))
  end
  out(('ok   :WinerrScanFile %s: %s'):format(vim.fn.fnamemodify(disk, ':t'), notes[#notes] or '?'))

  -- Semantic tokens: the server's legend, then textDocument/semanticTokens/full through the client (0.7-0.8
  -- have no semantic-token highlighter of their own, so the test decodes them). Every diagnostic has a
  -- token on exactly its range, coloured by its severity; on 0.9+ the highlighter must show it too.
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  local client = get()[1]
  local provider = client and client.server_capabilities and client.server_capabilities.semanticTokensProvider
  if type(provider) ~= 'table' or not provider.legend then error('the server offers no semanticTokensProvider with a legend') end
  local legend = provider.legend
  local links = require('winerr_ls').highlight_links()
  for _, ty in ipairs(legend.tokenTypes) do
    for _, mod in ipairs(legend.tokenModifiers) do
      if not links['@lsp.typemod.' .. ty .. '.' .. mod] then error('no highlight link for @lsp.typemod.' .. ty .. '.' .. mod) end
    end
  end
  local st = vim.lsp.buf_request_sync(buf, 'textDocument/semanticTokens/full', { textDocument = { uri = uri } }, timeout)
  local result
  for _, r in pairs(st or {}) do result = result or r.result end
  if not result or type(result.data) ~= 'table' then error('textDocument/semanticTokens/full gave no data') end
  local tokens, line, col = {}, 0, 0
  for i = 1, #result.data, 5 do
    local d = result.data
    if d[i] > 0 then line, col = line + d[i], d[i + 1] else col = col + d[i + 1] end
    local mods = {}
    for b, m in ipairs(legend.tokenModifiers) do
      if math.floor(d[i + 4] / 2 ^ (b - 1)) % 2 == 1 then mods[#mods + 1] = m end
    end
    tokens[('%d:%d-%d'):format(line, col, col + d[i + 2])] = legend.tokenTypes[d[i + 3] + 1] .. '.' .. table.concat(mods, '.')
  end
  local by_severity = { 'error', 'warning', 'information', 'hint' }
  local diags = vim.diagnostic.get(buf)
  for _, dg in ipairs(diags) do
    local at = ('%d:%d-%d'):format(dg.lnum, dg.col, dg.end_col)
    local want = by_severity[dg.severity]
    local got = tokens[at]
    if not got or not got:match('%.' .. want .. '$') then
      error(('no %s token at %s (%s): got %s'):format(want, at, dg.message, tostring(got)))
    end
  end
  for _, x in ipairs(exp) do
    local kind = tokens[('%d:%d-%d'):format(x.line, x.col, x.col + #x.token)]
    out(('ok   semantic token %s at %d:%d: %s'):format(x.token, x.line, x.col, tostring(kind)))
  end
  out(('ok   semantic tokens: %d, one on each of the %d diagnostics with its severity, resultId %s'):format(#result.data / 5, #diags, tostring(result.resultId)))
  if vim.lsp.semantic_tokens and vim.inspect_pos then
    -- 0.9+: the built-in highlighter asks by itself; the first code must show its type+modifier group.
    local group = '@lsp.typemod.number.' .. by_severity[first.severity]
    local shown = vim.wait(timeout, function()
      for _, t in ipairs(vim.inspect_pos(buf, first.line, first.col).semantic_tokens or {}) do
        -- 0.9+ name the group after the filetype too (@lsp.typemod.number.error.log), falling back to ours
        if t.opts and type(t.opts.hl_group) == 'string' and t.opts.hl_group:find(group, 1, true) == 1 then return true end
      end
      return false
    end, 20)
    if not shown then error(('the highlighter shows no %s at %d:%d'):format(group, first.line, first.col)) end
    out(('ok   highlighted %s with %s'):format(first.token, group))
  elseif vim.fn.hlexists('@lsp.typemod.number.error') == 1 then
    error('highlight groups named @lsp… defined on a Neovim without semantic tokens')
  end


  for _, c in ipairs(get()) do c.stop() end
  vim.wait(3000, function() return #get() == 0 end, 20)
  out('PASS nvim ' .. vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch .. ' in ' .. ms())
end)
if not ok then fail(tostring(err)) end
vim.cmd('qall!')

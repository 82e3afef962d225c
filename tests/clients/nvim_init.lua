-- Test init for Neovim: the user setup documented in editors/nvim/README.md, pointed at the test's binary.
-- The shipped files are used in place (editors/nvim on 'runtimepath'), never a copy.
local root = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h:h:h')
vim.opt.runtimepath:prepend(root .. '/editors/nvim')
require('winerr_ls').setup({ cmd = { os.getenv('WINERR_LS') } })

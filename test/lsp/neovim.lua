-- Driven by test/lsp/neovim.test.ts: Neovim's built-in LSP client against `litelint --lsp`.
-- Opens the compose file, waits for litelint's diagnostic, applies its quick fix through
-- vim.lsp.buf.code_action({ apply = true }) and writes the buffer's lines (or an error) to OUT.
local root, file, node, bin, out = vim.env.LL_ROOT, vim.env.LL_FILE, vim.env.LL_NODE, vim.env.LL_BIN, vim.env.LL_OUT

local function finish(text, code)
  local handle = io.open(out, 'w')
  handle:write(text)
  handle:close()
  vim.cmd(code == 0 and 'qall!' or 'cquit! ' .. code)
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buffer = vim.api.nvim_get_current_buf()
local before = table.concat(vim.api.nvim_buf_get_lines(buffer, 0, -1, false), '\n')
vim.lsp.start({ name = 'litelint', cmd = { node, bin, '--lsp' }, root_dir = root })

-- vim.wait's limit only stops a broken run from hanging; the test asserts what arrives.
local function litelint_diagnostic()
  for _, diagnostic in ipairs(vim.diagnostic.get(buffer)) do
    if diagnostic.code == 'volume-source-fallback' then return diagnostic end
  end
end
if not vim.wait(60000, function() return litelint_diagnostic() ~= nil end, 20) then
  finish('no volume-source-fallback diagnostic arrived', 3)
end
local diagnostic = litelint_diagnostic()
vim.api.nvim_win_set_cursor(0, { diagnostic.lnum + 1, diagnostic.col })
vim.lsp.buf.code_action({
  apply = true,
  filter = function(action) return action.title == 'Fix volume-source-fallback (unsafe)' end,
})
local function now() return table.concat(vim.api.nvim_buf_get_lines(buffer, 0, -1, false), '\n') end
if not vim.wait(60000, function() return now() ~= before end, 20) then
  finish('the quick fix did not change the buffer', 4)
end
finish(now(), 0)

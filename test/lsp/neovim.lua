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

local function main()
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buffer = vim.api.nvim_get_current_buf()
local before = table.concat(vim.api.nvim_buf_get_lines(buffer, 0, -1, false), '\n')
local config = { name = 'litelint', cmd = { node, bin, '--lsp' }, root_dir = root }
if vim.lsp.start then
  vim.lsp.start(config) -- Neovim 0.8+
else
  -- Debian 12 ships Neovim 0.7, which has the same client without the vim.lsp.start wrapper.
  vim.lsp.buf_attach_client(buffer, vim.lsp.start_client(config))
end

-- vim.wait's limit only stops a broken run from hanging; the test asserts what arrives.
local function litelint_diagnostic()
  for _, diagnostic in ipairs(vim.diagnostic.get(buffer)) do
    local code = diagnostic.code or (diagnostic.user_data and diagnostic.user_data.lsp and diagnostic.user_data.lsp.code)
    if code == 'volume-source-fallback' then return diagnostic end
  end
end
if not vim.wait(60000, function() return litelint_diagnostic() ~= nil end, 20) then
  finish('no volume-source-fallback diagnostic arrived', 3)
end
local diagnostic = litelint_diagnostic()
vim.api.nvim_win_set_cursor(0, { diagnostic.lnum + 1, diagnostic.col })
local wanted = 'Fix volume-source-fallback (unsafe)'
if vim.fn.has('nvim-0.8') == 1 then
  vim.lsp.buf.code_action({ apply = true, filter = function(action) return action.title == wanted end })
else
  -- 0.7 has no filter/apply: answer its action menu (vim.ui.select) as a user picking the fix would.
  vim.ui.select = function(items, _, on_choice)
    for index, item in ipairs(items) do
      local action = item[2] or item
      if action.title == wanted then return on_choice(item, index) end
    end
    on_choice(nil, nil)
  end
  vim.lsp.buf.code_action()
end
local function now() return table.concat(vim.api.nvim_buf_get_lines(buffer, 0, -1, false), '\n') end
if not vim.wait(60000, function() return now() ~= before end, 20) then
  finish('the quick fix did not change the buffer', 4)
end
finish(now(), 0)
end

local ok, problem = pcall(main)
if not ok then finish('error: ' .. tostring(problem), 5) end

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtBin } from '../integrations/support';
import { makeProject } from './client';

const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

const COMPOSE = `services:
  web:
    image: ghcr.io/example/app:1.4
    volumes:
      - \${DATA_DIR:-./data}:/data
`;

// CI installs Debian's neovim (.ci/run); elsewhere this real-client test needs `nvim` on PATH.
describe.skipIf(!hasNvim)('Neovim headless as the LSP client (skipped: nvim is not installed; apt-get install neovim)', () => {
  it('shows the volume-source-fallback diagnostic and applies its quick fix to the buffer', () => {
    const root = makeProject({ 'compose.yaml': COMPOSE });
    const out = join(root, 'nvim-out.txt');
    const result = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(__dirname, 'neovim.lua')}`], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: root, XDG_STATE_HOME: root, LL_ROOT: root, LL_FILE: join(root, 'compose.yaml'), LL_NODE: process.execPath, LL_BIN: builtBin(), LL_OUT: out },
      encoding: 'utf8',
      timeout: 120_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const said = readFileSync(out, 'utf8');
    expect({ status: result.status, said }).toEqual({
      status: 0,
      said: COMPOSE.replace('${DATA_DIR:-./data}', '${DATA_DIR:?DATA_DIR must point at the data directory}').replace(/\n$/, ''),
    });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic, Hover } from 'vscode-languageserver/node';
import { hasRule, lacksRule, LspClient, makeProject } from './client';
import { DOCKERFILE, WITH_SQLITE, WITHOUT_SQLITE } from './python-api';

let client: LspClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

describe('litelint --lsp across files', () => {
  it('an unsaved evidence edit re-lints the Dockerfile that copies it, which is not open, with the evidence as related information', async () => {
    client = new LspClient(makeProject({ 'api/Dockerfile': DOCKERFILE, 'api/requirements.txt': WITHOUT_SQLITE }));
    await client.initialize();
    await client.open('api/requirements.txt', WITHOUT_SQLITE, 'pip-requirements');
    await client.change('api/requirements.txt', 2, WITH_SQLITE);
    const { diagnostics } = await client.diagnostics('api/Dockerfile', hasRule('distro-sqlite'));
    const diagnostic = diagnostics.find((d) => d.code === 'distro-sqlite') as Diagnostic;
    expect(diagnostic.range.start).toEqual({ line: 0, character: 5 });
    expect(diagnostic.relatedInformation).toEqual([
      { location: { uri: client.uri('api/requirements.txt'), range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } } }, message: 'evidence that the image uses SQLite: requires aiosqlite' },
    ]);
    await client.change('api/requirements.txt', 3, WITHOUT_SQLITE);
    await client.diagnostics('api/Dockerfile', lacksRule('distro-sqlite'));
    expect(await client.stop()).toBe(0);
  });

  it('nothing read from .env reaches a diagnostic, a hover or the log', async () => {
    const secret = 'hunter2-a8f3e1c9d7';
    const compose = 'services:\n  web:\n    image: ghcr.io/example/app:1.4\n    env_file: .env\n    volumes:\n      - ${DATA_DIR:-./data}:/data\n      - ${TOKEN}:/token\n';
    client = new LspClient(makeProject({ 'compose.yaml': compose, '.env': `TOKEN=${secret}\nDATA_DIR=${secret}\n` }));
    await client.initialize();
    await client.open('compose.yaml', compose);
    await client.open('.env', `TOKEN=${secret}\nDATA_DIR=${secret}x\n`, 'dotenv');
    await client.diagnostics('compose.yaml', hasRule('volume-source-fallback'));
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: client.uri('compose.yaml') }, position: { line: 5, character: 10 } })) as Hover | null;
    const said = JSON.stringify([client.published, hover, client.logs]);
    expect(said).toContain('volume-source-fallback');
    expect(said).not.toContain(secret);
    expect(await client.stop()).toBe(0);
  });
});

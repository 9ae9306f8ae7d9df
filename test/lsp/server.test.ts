import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver/node';
import { LspClient, makeProject } from './client';

const COMPOSE = `services:
  web:
    image: ghcr.io/example/app:1.4
    volumes:
      - \${DATA_DIR:-./data}:/data
`;
const SAFE_COMPOSE = COMPOSE.replace('${DATA_DIR:-./data}', '${DATA_DIR:?set DATA_DIR}');

let client: LspClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

const byRule = (rule: string) => (params: { diagnostics: Diagnostic[] }) => params.diagnostics.some((d) => d.code === rule);
const without = (rule: string) => (params: { diagnostics: Diagnostic[] }) => !params.diagnostics.some((d) => d.code === rule);

describe('litelint --lsp over stdio', () => {
  it('publishes a finding as a diagnostic with code, docs, severity, message and help', async () => {
    client = new LspClient(makeProject({ 'compose.yaml': COMPOSE }));
    const init = (await client.initialize()) as { capabilities: Record<string, unknown>; serverInfo: { name: string } };
    expect(init.serverInfo.name).toBe('litelint');
    expect(init.capabilities.hoverProvider).toBe(true);
    await client.open('compose.yaml', COMPOSE);
    const { diagnostics } = await client.diagnostics('compose.yaml', byRule('volume-source-fallback'));
    const diagnostic = diagnostics.find((d) => d.code === 'volume-source-fallback') as Diagnostic;
    expect(diagnostic.range).toEqual({ start: { line: 4, character: 8 }, end: { line: 4, character: 27 } });
    expect(diagnostic.severity).toBe(1);
    expect(diagnostic.source).toBe('litelint');
    expect(diagnostic.codeDescription?.href).toBe('https://github.com/litelint/litelint/blob/main/docs/rules/volume-source-fallback.md');
    const [message, help] = diagnostic.message.split('\n');
    expect(message).toBe("/data of service 'web' falls back to './data' when DATA_DIR is unset or empty");
    expect(help).toContain('${DATA_DIR:?');
    expect(await client.stop()).toBe(0);
  });

  it('lints the unsaved buffer, not the disk, and clears the diagnostic once the buffer is fixed', async () => {
    client = new LspClient(makeProject({ 'compose.yaml': SAFE_COMPOSE }));
    await client.initialize();
    await client.open('compose.yaml', SAFE_COMPOSE);
    await client.change('compose.yaml', 2, COMPOSE);
    await client.diagnostics('compose.yaml', byRule('volume-source-fallback'));
    await client.change('compose.yaml', 3, SAFE_COMPOSE);
    const cleared = await client.diagnostics('compose.yaml', without('volume-source-fallback'));
    expect(cleared.diagnostics.filter((d) => d.code === 'volume-source-fallback')).toEqual([]);
    expect(await client.stop()).toBe(0);
  });

  it('offers the fix as an unsafe quick fix and a suppression comment on the finding line, and hovers help and docs', async () => {
    client = new LspClient(makeProject({ 'compose.yaml': COMPOSE }));
    await client.initialize();
    await client.open('compose.yaml', COMPOSE);
    const { diagnostics } = await client.diagnostics('compose.yaml', byRule('volume-source-fallback'));
    const diagnostic = diagnostics.find((d) => d.code === 'volume-source-fallback') as Diagnostic;
    const uri = client.uri('compose.yaml');
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const fix = actions.find((action) => action.title === 'Fix volume-source-fallback (unsafe)') as CodeAction;
    expect(fix.isPreferred).toBe(false);
    expect(fix.edit?.changes?.[uri]).toEqual([
      { range: { start: { line: 4, character: 8 }, end: { line: 4, character: 27 } }, newText: expect.stringMatching(/^\$\{DATA_DIR:\?/) },
    ]);
    const suppress = actions.find((action) => action.title.startsWith('Suppress volume-source-fallback')) as CodeAction;
    expect(suppress.edit?.changes?.[uri]).toEqual([
      { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: '      # litelint-ignore volume-source-fallback -- reason\n' },
    ]);

    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 12 } })) as Hover;
    const text = (hover.contents as { value: string }).value;
    expect(text).toContain('${DATA_DIR:?');
    expect(text).toContain('(https://github.com/litelint/litelint/blob/main/docs/rules/volume-source-fallback.md)');
    const nothing = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    expect(nothing).toBeNull();
    expect(await client.stop()).toBe(0);
  });

  it('suppressing through the action ends the finding (the comment lands where the engine reads it)', async () => {
    client = new LspClient(makeProject({ 'compose.yaml': COMPOSE }));
    await client.initialize();
    await client.open('compose.yaml', COMPOSE);
    await client.diagnostics('compose.yaml', byRule('volume-source-fallback'));
    const lines = COMPOSE.split('\n');
    lines.splice(4, 0, '      # litelint-ignore volume-source-fallback -- reason');
    await client.change('compose.yaml', 2, lines.join('\n'));
    await client.diagnostics('compose.yaml', without('volume-source-fallback'));
    expect(await client.stop()).toBe(0);
  });

  it('a broken .litelint.yaml is a diagnostic on that file; fixing it clears it', async () => {
    client = new LspClient(makeProject({ 'compose.yaml': COMPOSE, '.litelint.yaml': 'rules:\n  volume-source-fallback: nonsense\n' }));
    await client.initialize();
    const broken = await client.diagnostics('.litelint.yaml', byRule('config-error'));
    expect(broken.diagnostics[0].severity).toBe(1);
    await client.open('.litelint.yaml', 'rules:\n  volume-source-fallback: off\n');
    await client.diagnostics('.litelint.yaml', without('config-error'));
    // The reloaded config switches the rule off for the compose file too.
    await client.diagnostics('compose.yaml', without('volume-source-fallback'));
    expect(await client.stop()).toBe(0);
  });

  it("each file takes its nearest .litelint.yaml, as in the CLI: worker/'s config is worker/compose.yaml's", async () => {
    client = new LspClient(makeProject({ 'compose.yaml': COMPOSE, 'worker/compose.yaml': COMPOSE, 'worker/.litelint.yaml': 'rules:\n  volume-source-fallback: info\n' }));
    await client.initialize();
    await client.open('compose.yaml', COMPOSE);
    const severities = async (path: string) => (await client!.diagnostics(path, byRule('volume-source-fallback'))).diagnostics.filter((d) => d.code === 'volume-source-fallback').map((d) => d.severity);
    expect(await severities('compose.yaml')).toEqual([1]);
    expect(await severities('worker/compose.yaml')).toEqual([3]);
    expect(await client.stop()).toBe(0);
  });
});

import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type Connection, type MessageConnection, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { registry } from '../../rules';
import { ProjectState, type ProjectLint } from '../../src/lsp/project';
import { startServer } from '../../src/lsp/server';
import { LspClient, makeProject } from './client';

const COMPOSE = `services:
  web:
    image: ghcr.io/example/app:1.4
    volumes:
      - \${DATA_DIR:-./data}:/data
`;
const SECRET = 'pw-5d1e9a7c3b';

/** A project whose lints fail while `failing` is set, with a credential in the error as a careless dependency would put it. */
class FailingProject extends ProjectState {
  failing = true;
  override lint(): ProjectLint {
    if (this.failing) throw new Error(`cannot reach postgres://admin:${SECRET}@db.internal/app`);
    return super.lint();
  }
  override lintOnly(paths: readonly string[]): ProjectLint {
    if (this.failing) throw new Error(`cannot reach postgres://admin:${SECRET}@db.internal/app`);
    return super.lintOnly(paths);
  }
}

let server: Connection | undefined;
let client: MessageConnection | undefined;
let spawned: LspClient | undefined;
afterEach(() => {
  client?.dispose();
  server?.dispose();
  spawned?.kill();
  client = server = spawned = undefined;
});

describe('litelint --lsp when a lint fails', () => {
  it('logs the failure (credentials redacted), keeps serving, and the next change publishes diagnostics', async () => {
    const root = makeProject({ 'compose.yaml': COMPOSE });
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    let project: FailingProject | undefined;
    // The failing project comes in through the server's own factory: an internal option, not a setting a repository can reach.
    server = startServer(registry, { input: toServer, output: toClient }, { createProject: (at, rules) => (project = new FailingProject(at, rules)) });
    client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const logs: { type: number; message: string }[] = [];
    const published: PublishDiagnosticsParams[] = [];
    let onPublish: (() => void) | undefined;
    const logged = new Promise<void>((resolve) =>
      client?.onNotification('window/logMessage', (params: { type: number; message: string }) => {
        logs.push(params);
        resolve();
      }),
    );
    client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      published.push(params);
      onPublish?.();
    });
    client.listen();
    const uri = pathToFileURL(`${root}/compose.yaml`).href;
    await client.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(root).href, capabilities: {}, workspaceFolders: null });
    await client.sendNotification('initialized', {});
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: COMPOSE } });
    await logged;
    expect(logs[0]).toEqual({ type: 1, message: expect.stringMatching(/^litelint: lint failed: cannot reach postgres:\/\/.*db\.internal\/app$/) });
    expect(JSON.stringify(logs)).not.toContain(SECRET);
    expect(published).toEqual([]);

    // Still serving: a request is answered, and once lints work again the next change publishes.
    expect(await client.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 10 } })).toBeNull();
    (project as FailingProject).failing = false;
    const next = new Promise<void>((resolve) => (onPublish = () => published.some((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'volume-source-fallback')) && resolve()));
    await client.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: COMPOSE }] });
    await next;
    const diagnostic = published.find((p) => p.uri === uri)?.diagnostics.find((d) => d.code === 'volume-source-fallback');
    expect(diagnostic?.range).toEqual({ start: { line: 4, character: 8 }, end: { line: 4, character: 27 } });
  });

  it('a compose file that makes the YAML parser overflow its stack gets a parse-error, and the server goes on', async () => {
    const deep = `services:\n  web: ${'['.repeat(20000)}\n`;
    spawned = new LspClient(makeProject({ 'compose.yaml': deep }));
    await spawned.initialize();
    await spawned.open('compose.yaml', deep);
    const { diagnostics } = await spawned.diagnostics('compose.yaml', (p) => p.diagnostics.some((d) => d.code === 'parse-error'));
    const error = diagnostics.find((d) => d.code === 'parse-error');
    // The column is where the stack ran out, which depends on the stack size; the line does not.
    expect(error?.range.start.line).toBe(1);
    expect(error?.message).toMatch(/call stack|nested too deeply/);
    await spawned.change('compose.yaml', 2, COMPOSE);
    await spawned.diagnostics('compose.yaml', (p) => p.diagnostics.some((d) => d.code === 'volume-source-fallback'));
    expect(spawned.logs).toEqual([]);
    expect(await spawned.stop()).toBe(0);
  });
});

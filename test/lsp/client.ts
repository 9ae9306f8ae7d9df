import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { builtBin } from '../integrations/support';

/** A project on disk for the server to serve: path -> text. */
export function makeProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'litelint-lsp-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/**
 * The built `litelint --lsp` as an editor runs it, driven through vscode-languageserver's own
 * client-side message framing. Diagnostics are awaited by content, never by time.
 */
export class LspClient {
  readonly connection: MessageConnection;
  private readonly child: ChildProcess;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private waiters: { test: (params: PublishDiagnosticsParams) => boolean; resolve: (params: PublishDiagnosticsParams) => void }[] = [];
  readonly logs: string[] = [];
  /** What the server registered with the client (client/registerCapability). */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  /** Every diagnostics notification, in order (for checks over everything the server said). */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly root: string) {
    this.child = spawn(process.execPath, [builtBin(), '--lsp'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH } });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.latest.set(params.uri, params);
      this.published.push(params);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.test(params)) return true;
        waiter.resolve(params);
        return false;
      });
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => this.logs.push(params.message));
    this.connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    this.connection.listen();
  }

  uri(path: string): string {
    return pathToFileURL(join(this.root, path)).href;
  }

  /** `capabilities` are the client's (a watching client: `{ workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } }`). */
  async initialize(capabilities: object = {}): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(this.root).href, capabilities, workspaceFolders: null });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** The next diagnostics published for `path` that satisfy `test` (the latest already published counts). */
  diagnostics(path: string, test: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const uri = this.uri(path);
    const seen = this.latest.get(uri);
    if (seen && test(seen)) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test: (params) => params.uri === uri && test(params), resolve }));
  }

  /** Forgets what was published, so that the next wait sees only what comes after. */
  forget(): void {
    this.latest.clear();
  }

  async open(path: string, text: string, languageId = 'yaml'): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(path), languageId, version: 1, text } });
  }

  async change(path: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(path), version }, contentChanges: [{ text }] });
  }

  /** A file changed on disk, as a watching client reports it (1 created, 2 changed, 3 deleted). */
  async watched(path: string, type: 1 | 2 | 3 = 2): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: this.uri(path), type }] });
  }

  async stop(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.child.kill();
  }
}

/** Predicates for `client.diagnostics(uri, predicate)`: the published set holds, or lacks, a finding of `rule`. */
export const hasRule = (rule: string) => (params: PublishDiagnosticsParams): boolean => params.diagnostics.some((d) => d.code === rule);
export const lacksRule = (rule: string) => (params: PublishDiagnosticsParams): boolean => !params.diagnostics.some((d) => d.code === rule);

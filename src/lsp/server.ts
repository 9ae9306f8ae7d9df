import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Hover,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { escapeText } from '../formatters/escape';
import { redactCredentials } from '../quote';
import type { RuleRegistry } from '../registry';
import type { Finding } from '../types';
import { codeActionsFor } from './code-actions';
import { rangeOf, toDiagnostic, touches } from './diagnostics';
import { ProjectState, type ProjectLint } from './project';
import { fileWatchers } from './watched-files';

/**
 * A keystroke storm lints once per pause: a change after a quiet spell lints at once (the figure
 * that matters while typing), and changes that follow within this many milliseconds of a lint wait
 * for the typing to pause this long. Open and save never wait.
 */
const CHANGE_DEBOUNCE_MS = 150;

export interface ServerStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/** Internal: how the server makes its project state (tests give one whose lint fails; never set from outside the process). */
export interface ServerOptions {
  createProject?: (root: string, registry: RuleRegistry) => ProjectState;
}

/**
 * `litelint --lsp`: the Language Server Protocol over stdio (or the given streams). An edit first
 * lints its linked set (the file and the deploy files beside it) and publishes those diagnostics,
 * then the whole workspace, publishing each file's diagnostics and clearing the files that no
 * longer have any; a lint that throws is logged (its message redacted and escaped, never a file's
 * text) and the server goes on.
 */
export function startServer(registry: RuleRegistry, streams?: ServerStreams, options: ServerOptions = {}): Connection {
  const connection = streams ? createConnection(streams.input, streams.output) : createConnection(process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  let project: ProjectState | undefined;
  let last: ProjectLint = { findings: new Map(), texts: new Map() };
  let published = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  /** After shutdown (or a closed connection) no lint is scheduled: there is no one to publish to. */
  let closed = false;
  let lastLint = 0;
  /** Project paths changed since the last lint, whose linked sets are linted first. */
  let changed = new Set<string>();
  /** Whether the client watches files for us; without it, the disk is read afresh for every lint. */
  let watching = false;

  const uriOf = (file: string): string => pathToFileURL(project ? `${project.root}/${file}` : file).href;
  const pathOf = (uri: string): string | undefined => {
    if (!project || !uri.startsWith('file:')) return undefined;
    return project.projectPath(fileURLToPath(uri));
  };
  const logFailure = (error: unknown): void => {
    connection.console.error(`litelint: lint failed: ${escapeText(redactCredentials(error instanceof Error ? error.message : String(error)))}`);
  };
  const publish = (file: string, found: readonly Finding[]): void => {
    void connection.sendDiagnostics({ uri: uriOf(file), diagnostics: found.map((finding) => toDiagnostic(finding, uriOf)) });
  };

  /** The linked sets of the changed files, linted and published before the whole project. */
  const lintLinked = (paths: readonly string[]): void => {
    if (!project || paths.length === 0) return;
    const linked = [...new Set(paths.flatMap((path) => project?.linkedSet(path) ?? []))];
    if (linked.length === 0) return;
    let result: ProjectLint;
    try {
      result = project.lintOnly(linked);
    } catch (error) {
      logFailure(error);
      return;
    }
    for (const file of linked) {
      const found = result.findings.get(file) ?? [];
      last.findings.set(file, found);
      const text = result.texts.get(file);
      if (text !== undefined) last.texts.set(file, text);
      if (found.length > 0 || published.has(uriOf(file))) publish(file, found);
      if (found.length > 0) published.add(uriOf(file));
    }
  };

  const lintAll = (): void => {
    if (!project) return;
    if (!watching) project.invalidate();
    let result: ProjectLint;
    try {
      result = project.lint();
    } catch (error) {
      logFailure(error);
      return;
    }
    last = result;
    const now = new Set<string>();
    for (const [file, found] of last.findings) {
      now.add(uriOf(file));
      publish(file, found);
    }
    for (const uri of published) if (!now.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    published = now;
  };

  const relint = (): void => {
    timer = undefined;
    if (!project || closed) return;
    lastLint = Date.now();
    const paths = [...changed];
    changed = new Set();
    lintLinked(paths);
    // The whole project on the next turn, so that the linked set's diagnostics are written first
    // and a request that arrived meanwhile is answered in between.
    if (paths.length > 0) timer = setTimeout(relint, 0);
    else lintAll();
  };
  const schedule = (delay: number): void => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(relint, delay);
  };

  connection.onInitialize((params): InitializeResult => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    const root = folder?.startsWith('file:') ? fileURLToPath(folder) : (params.rootPath ?? process.cwd());
    watching = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const clean = root.replace(/\/+$/, '') || '/';
    project = options.createProject ? options.createProject(clean, registry) : new ProjectState(clean, registry);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        hoverProvider: true,
      },
      serverInfo: { name: 'litelint' },
    };
  });
  connection.onInitialized(() => {
    if (watching) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: fileWatchers() });
    schedule(0);
  });

  const track = (document: TextDocument): void => {
    const path = pathOf(document.uri);
    if (path === undefined) return;
    project?.setOpen(path, document.getText());
    changed.add(path);
  };
  documents.onDidOpen(({ document }) => {
    track(document);
    schedule(0);
  });
  documents.onDidChangeContent(({ document }) => {
    track(document);
    schedule(timer === undefined && Date.now() - lastLint >= CHANGE_DEBOUNCE_MS ? 0 : CHANGE_DEBOUNCE_MS);
  });
  documents.onDidSave(({ document }) => {
    // The disk now holds what the buffer held.
    const path = pathOf(document.uri);
    if (path !== undefined) project?.invalidate([path]);
    schedule(0);
  });
  documents.onDidClose(({ document }) => {
    const path = pathOf(document.uri);
    if (path !== undefined) project?.close(path);
    if (path !== undefined) changed.add(path);
    schedule(0);
  });
  // A file changed on disk (git checkout, a lockfile rewritten by the package manager): its cached
  // disk text goes (an open buffer still wins over it), and its dependents are linted first.
  connection.onDidChangeWatchedFiles(({ changes }) => {
    const paths = changes.map((change) => pathOf(change.uri)).filter((path): path is string => path !== undefined);
    project?.invalidate(paths);
    for (const path of paths) changed.add(path);
    schedule(0);
  });

  const findingsAt = (uri: string): { path: string; found: Finding[] } | undefined => {
    const path = pathOf(uri);
    return path === undefined ? undefined : { path, found: last.findings.get(path) ?? [] };
  };

  connection.onCodeAction((params) => {
    const at = findingsAt(params.textDocument.uri);
    if (!at) return [];
    const text = documents.get(params.textDocument.uri)?.getText() ?? last.texts.get(at.path);
    if (text === undefined) return [];
    const here = at.found.filter((finding) => touches(rangeOf(finding), params.range));
    return codeActionsFor(here, text, params.textDocument.uri, registry, uriOf);
  });

  connection.onHover((params): Hover | null => {
    const at = findingsAt(params.textDocument.uri);
    if (!at) return null;
    const point = { start: params.position, end: params.position };
    const here = at.found.filter((finding) => touches(rangeOf(finding), point));
    if (here.length === 0) return null;
    const parts = here.map((finding) => `**litelint ${finding.rule}**: ${finding.message}${finding.help ? `\n\n${finding.help}` : ''}${finding.docs ? `\n\n[Docs](${finding.docs})` : ''}`);
    return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range: rangeOf(here[0]) };
  });

  const stop = (): void => {
    closed = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  connection.onShutdown(stop);
  connection.onExit(stop);
  // An embedder (a test, an editor host) may dispose the connection without shutdown: a lint still
  // scheduled would then write to a closed stream.
  const dispose = connection.dispose.bind(connection);
  connection.dispose = (): void => {
    stop();
    dispose();
  };

  documents.listen(connection);
  connection.listen();
  return connection;
}

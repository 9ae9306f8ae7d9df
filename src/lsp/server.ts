import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnection, TextDocuments, TextDocumentSyncKind, type Connection, type Hover, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { escapeText } from '../formatters/escape';
import { redactCredentials } from '../quote';
import type { RuleRegistry } from '../registry';
import type { Finding } from '../types';
import { codeActionsFor } from './code-actions';
import { rangeOf, toDiagnostic, touches } from './diagnostics';
import { ProjectState, type ProjectLint } from './project';

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

/**
 * `litelint --lsp`: the Language Server Protocol over stdio (or the given streams). Every lint
 * covers the whole workspace and publishes each file's diagnostics, clearing the files that no
 * longer have any; a lint that throws is logged (its message redacted and escaped, never a file's
 * text) and the server goes on.
 */
export function startServer(registry: RuleRegistry, streams?: ServerStreams): Connection {
  const connection = streams ? createConnection(streams.input, streams.output) : createConnection(process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  let project: ProjectState | undefined;
  let last: ProjectLint = { findings: new Map(), texts: new Map() };
  let published = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let lastLint = 0;

  const uriOf = (file: string): string => pathToFileURL(project ? `${project.root}/${file}` : file).href;
  const pathOf = (uri: string): string | undefined => {
    if (!project || !uri.startsWith('file:')) return undefined;
    return project.projectPath(fileURLToPath(uri));
  };

  const relint = (): void => {
    timer = undefined;
    if (!project) return;
    lastLint = Date.now();
    try {
      last = project.lint();
    } catch (error) {
      connection.console.error(`litelint: lint failed: ${escapeText(redactCredentials(error instanceof Error ? error.message : String(error)))}`);
      return;
    }
    const now = new Set<string>();
    for (const [file, found] of last.findings) {
      const uri = uriOf(file);
      now.add(uri);
      void connection.sendDiagnostics({ uri, diagnostics: found.map((finding) => toDiagnostic(finding, uriOf)) });
    }
    for (const uri of published) if (!now.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    published = now;
  };
  const schedule = (delay: number): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(relint, delay);
  };

  connection.onInitialize((params): InitializeResult => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    const root = folder?.startsWith('file:') ? fileURLToPath(folder) : (params.rootPath ?? process.cwd());
    project = new ProjectState(root.replace(/\/+$/, '') || '/', registry);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        hoverProvider: true,
      },
      serverInfo: { name: 'litelint' },
    };
  });
  connection.onInitialized(() => schedule(0));

  const track = (document: TextDocument): void => {
    const path = pathOf(document.uri);
    if (path !== undefined) project?.setOpen(path, document.getText());
  };
  documents.onDidOpen(({ document }) => {
    track(document);
    schedule(0);
  });
  documents.onDidChangeContent(({ document }) => {
    track(document);
    schedule(timer === undefined && Date.now() - lastLint >= CHANGE_DEBOUNCE_MS ? 0 : CHANGE_DEBOUNCE_MS);
  });
  documents.onDidSave(() => schedule(0));
  documents.onDidClose(({ document }) => {
    const path = pathOf(document.uri);
    if (path !== undefined) project?.close(path);
    schedule(0);
  });
  // A file changed on disk (git checkout, a lockfile rewritten by the package manager).
  connection.onDidChangeWatchedFiles(() => schedule(0));

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

  documents.listen(connection);
  connection.listen();
  return connection;
}

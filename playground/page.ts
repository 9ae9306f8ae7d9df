/**
 * The playground page: tabs of a small project in a CodeMirror 6 editor, lint in a Web Worker,
 * findings as squiggles, gutter markers, hovers and a panel. The project lives in the URL hash
 * (src/playground/hash.ts), nothing is sent anywhere: the page makes no network request.
 */
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { yaml } from '@codemirror/legacy-modes/mode/yaml';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';
import { json } from '@codemirror/legacy-modes/mode/javascript';
import { properties } from '@codemirror/legacy-modes/mode/properties';
import { decodeProject, encodeProject } from '../src/playground/hash';
import { normaliseTabPath, type PlaygroundProject } from '../src/playground/project';
import type { PlaygroundResult } from '../src/playground/lint-project';
import { LintGuard, type LintWorker } from '../src/playground/lint-guard';
import type { Finding } from '../src/types';

declare const LITELINT_VERSION: string;
declare const KNOWLEDGE_AS_OF: string;
declare const EXAMPLE_PROJECT: PlaygroundProject;
/** The worker's bundled code (scripts/build-playground.js). */
declare const WORKER_SOURCE: string;

const SETTINGS_TAB = '.litelint.yaml';
const DEBOUNCE_MS = 300;
/** A run that takes longer is a pathological input: the worker is terminated and restarted. */
const TIME_BUDGET_MS = 4000;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function languageFor(path: string): Extension {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/dockerfile/i.test(base)) return StreamLanguage.define(dockerFile);
  if (/\.ya?ml$/i.test(base)) return StreamLanguage.define(yaml);
  if (/\.json$/i.test(base)) return StreamLanguage.define(json);
  if (/^\.env/.test(base)) return StreamLanguage.define(properties);
  return [];
}

interface Tab {
  path: string;
  state: EditorState;
}

let tabs: Tab[] = [];
let active = 0;
let lastResult: PlaygroundResult | undefined;
let view: EditorView;

function stateFor(path: string, text: string): EditorState {
  return EditorState.create({
    doc: text,
    extensions: [
      lineNumbers(),
      highlightActiveLine(),
      history(),
      keymap.of([...defaultKeymap, ...historyKeymap]),
      syntaxHighlighting(defaultHighlightStyle),
      lintGutter(),
      languageFor(path),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) scheduleLint();
      }),
    ],
  });
}

function currentProject(): PlaygroundProject {
  tabs[active].state = view.state;
  const settings = tabs.find((tab) => tab.path === SETTINGS_TAB);
  return {
    files: tabs.filter((tab) => tab.path !== SETTINGS_TAB).map((tab) => ({ path: tab.path, text: tab.state.doc.toString() })),
    settings: settings ? settings.state.doc.toString() : '',
  };
}

function loadProject(project: PlaygroundProject): void {
  tabs = project.files.map((file) => ({ path: file.path, state: stateFor(file.path, file.text) }));
  tabs.push({ path: SETTINGS_TAB, state: stateFor(SETTINGS_TAB, project.settings) });
  active = 0;
  view.setState(tabs[0].state);
  renderTabs();
  scheduleLint(0);
}

function selectTab(index: number): void {
  tabs[active].state = view.state;
  active = index;
  view.setState(tabs[index].state);
  showDiagnostics();
  renderTabs();
}

function renderTabs(): void {
  const bar = $('tabs');
  bar.replaceChildren();
  tabs.forEach((tab, index) => {
    const button = document.createElement('button');
    button.className = index === active ? 'tab active' : 'tab';
    button.textContent = tab.path;
    button.title = tab.path === SETTINGS_TAB ? 'settings' : 'double-click to rename';
    button.dataset.path = tab.path;
    const count = lastResult?.findings.filter((finding) => finding.file === tab.path).length ?? 0;
    if (count > 0) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = String(count);
      button.append(badge);
    }
    button.onclick = () => selectTab(index);
    button.ondblclick = () => renameTab(index);
    bar.append(button);
  });
  const add = document.createElement('button');
  add.className = 'tab add';
  add.id = 'add-file';
  add.textContent = '+';
  add.title = 'add a file';
  add.onclick = addTab;
  bar.append(add);
}

function askPath(question: string, initial: string): string | undefined {
  const answer = window.prompt(question, initial);
  if (answer === null) return undefined;
  const path = normaliseTabPath(answer);
  if (typeof path !== 'string') return void window.alert(path.reason);
  if (tabs.some((tab) => tab.path === path)) return void window.alert(`${path} is already open`);
  return path;
}

function addTab(): void {
  const path = askPath('File name (relative to the project root)', 'docker-compose.override.yml');
  if (path === undefined) return;
  tabs[active].state = view.state;
  tabs.splice(tabs.length - 1, 0, { path, state: stateFor(path, '') });
  selectTab(tabs.length - 2);
  scheduleLint();
}

function renameTab(index: number): void {
  if (tabs[index].path === SETTINGS_TAB) return;
  tabs[active].state = view.state;
  const path = askPath('Rename to', tabs[index].path);
  if (path === undefined) return;
  tabs[index] = { path, state: stateFor(path, tabs[index].state.doc.toString()) };
  if (index === active) view.setState(tabs[index].state);
  renderTabs();
  scheduleLint();
}

// --- linting in a worker, with a time budget (src/playground/lint-guard.ts) ---

let workerUrl: string | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

const guard = new LintGuard(
  {
    createWorker: () => {
      // One Blob URL for the page's life: a restarted worker reuses it.
      workerUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
      // The guard sets onmessage to a handler of `{ data }`, which every MessageEvent has.
      return new Worker(workerUrl) as unknown as LintWorker;
    },
    onResult: (result) => {
      lastResult = result;
      setStatus(`${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}`);
      showLint();
    },
    onError: (error) => {
      setStatus(`lint failed: ${error}`);
      showLint();
    },
    onTimeout: setStatus,
  },
  TIME_BUDGET_MS,
);

function showLint(): void {
  showDiagnostics();
  renderFindings();
  renderTabs();
}

function scheduleLint(delay = DEBOUNCE_MS): void {
  clearTimeout(timer);
  timer = setTimeout(runLint, delay);
}

function runLint(): void {
  const project = currentProject();
  void encodeProject(project).then((hash) => window.history.replaceState(null, '', hash));
  setStatus('linting…');
  guard.run(project);
}

function setStatus(text: string): void {
  $('status').textContent = text;
}

// --- findings: editor diagnostics and the panel ---

function offsetOf(state: EditorState, line: number, column: number): number {
  const clampedLine = Math.min(Math.max(line, 1), state.doc.lines);
  const info = state.doc.line(clampedLine);
  return Math.min(info.from + Math.max(column, 1) - 1, info.to);
}

function findingRange(state: EditorState, finding: Finding): { from: number; to: number } {
  const from = offsetOf(state, finding.line, finding.column);
  const to = Math.max(from, offsetOf(state, finding.endLine, finding.endColumn));
  return { from, to: to === from ? Math.min(from + 1, state.doc.length) : to };
}

function showDiagnostics(): void {
  const path = tabs[active].path;
  const findings = lastResult?.findings.filter((finding) => finding.file === path) ?? [];
  const diagnostics: Diagnostic[] = findings.map((finding) => ({
    ...findingRange(view.state, finding),
    severity: finding.severity === 'info' ? 'info' : finding.severity,
    source: finding.rule,
    message: finding.help ? `${finding.message}\nhelp: ${finding.help}` : finding.message,
    actions: finding.fix ? [{ name: 'Fix', apply: () => applyFix(finding) }] : [],
  }));
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

function applyFix(finding: Finding): void {
  const index = tabs.findIndex((tab) => tab.path === finding.file);
  if (index === -1 || !finding.fix) return;
  if (index !== active) selectTab(index);
  const doc = view.state.doc.toString();
  // An edit whose span no longer holds the text it replaced was read from an older text.
  const changes = finding.fix.filter((edit) => doc.slice(edit.start, edit.end) === edit.replaces).map((edit) => ({ from: edit.start, to: edit.end, insert: edit.text }));
  if (changes.length > 0) view.dispatch({ changes });
}

function jumpTo(finding: Finding): void {
  const index = tabs.findIndex((tab) => tab.path === finding.file);
  if (index === -1) return;
  if (index !== active) selectTab(index);
  const { from } = findingRange(view.state, finding);
  view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
  view.focus();
}

function renderFindings(): void {
  const list = $('findings');
  list.replaceChildren();
  const result = lastResult;
  if (!result) return;
  const notes = [
    ...(result.settingsError ? [`${SETTINGS_TAB} not used: ${result.settingsError}`] : []),
    ...result.rejected.map((entry) => `${entry.path || '(unnamed)'} not linted: ${entry.reason}`),
  ];
  for (const note of notes) {
    const item = document.createElement('li');
    item.className = 'note';
    item.textContent = note;
    list.append(item);
  }
  for (const finding of result.findings) {
    const item = document.createElement('li');
    item.className = `finding ${finding.severity}`;
    item.dataset.rule = finding.rule;
    const where = document.createElement('button');
    where.className = 'where';
    where.textContent = `${finding.file}:${finding.line}:${finding.column}`;
    where.onclick = () => jumpTo(finding);
    const severity = document.createElement('span');
    severity.className = 'severity';
    severity.textContent = finding.severity;
    const message = document.createElement('span');
    message.className = 'message';
    message.textContent = finding.message;
    const rule = document.createElement('a');
    rule.className = 'rule';
    rule.textContent = finding.rule;
    rule.href = finding.docs;
    rule.target = '_blank';
    rule.rel = 'noopener noreferrer';
    item.append(where, severity, message, rule);
    if (finding.fix) {
      const fix = document.createElement('button');
      fix.className = 'fix';
      fix.textContent = 'Fix';
      fix.onclick = () => applyFix(finding);
      item.append(fix);
    }
    if (finding.help) {
      const help = document.createElement('div');
      help.className = 'help';
      help.textContent = `help: ${finding.help}`;
      item.append(help);
    }
    list.append(item);
  }
}

async function start(): Promise<void> {
  $('version').textContent = `litelint ${LITELINT_VERSION} · knowledge as of ${KNOWLEDGE_AS_OF}`;
  view = new EditorView({ parent: $('editor') });
  $('share').onclick = () => {
    void encodeProject(currentProject()).then((hash) => {
      window.history.replaceState(null, '', hash);
      void navigator.clipboard?.writeText(location.href).catch(() => undefined);
      setStatus('share link in the address bar (and copied)');
    });
  };
  $('reset').onclick = () => loadProject(EXAMPLE_PROJECT);
  window.addEventListener('hashchange', () => {
    void decodeProject(location.hash).then((project) => project && loadProject(project));
  });
  loadProject((await decodeProject(location.hash)) ?? EXAMPLE_PROJECT);
}

void start();

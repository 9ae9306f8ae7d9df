import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import type { Finding } from '../../src/types';

/** The repository root of this test run (the checkout the tests live in). */
export const ROOT = resolve(__dirname, '../..');
export const BIN = join(ROOT, 'bin', 'litelint.js');

export const BAD_COMPOSE = 'services:\n  app:\n    image: x\n    volumes:\n      - ${DATA:-./data}:/data\n';
export const GOOD_COMPOSE = 'services:\n  app:\n    image: x\n    volumes:\n      - ./data:/data\n';
/** A clean file whose suppression comment suppresses nothing: a warning with --report-unused-ignores. */
export const UNUSED_IGNORE_COMPOSE = `# litelint-ignore volume-source-fallback\n${GOOD_COMPOSE}`;

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: 'volume-source-fallback',
    severity: 'error',
    file: 'compose.yaml',
    line: 5,
    column: 9,
    endLine: 5,
    endColumn: 24,
    message: 'the volume source falls back',
    docs: 'https://github.com/litelint/litelint/blob/main/docs/rules/volume-source-fallback.md',
    ...overrides,
  };
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function distIsFresh(): boolean {
  // The code cache is the last thing `npm run build` writes (after tsc and the esbuild bundle).
  const built = join(ROOT, 'dist', 'litelint.cjs.cache');
  if (!existsSync(built)) return false;
  return statSync(built).mtimeMs >= Math.max(newestSource(join(ROOT, 'src')), newestSource(join(ROOT, 'rules')));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The real bin, with dist/ rebuilt first when a source is newer than it (test files run in
 * parallel threads, so one builds while the others wait on a lock directory).
 */
export function builtBin(): string {
  const lock = join(tmpdir(), `litelint-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + 5 * 60_000;
  while (!distIsFresh()) {
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() > deadline) throw new Error(`waited 5 minutes for ${lock}; remove it if no build is running`);
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 5 * 60_000) rmdirSync(lock, { recursive: false });
      sleep(200);
      continue;
    }
    try {
      if (!distIsFresh()) execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'pipe' });
    } finally {
      rmdirSync(lock);
    }
  }
  return BIN;
}

export interface Spawned {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would: a child process, no TTY, the given environment only. */
/** What the bin needs to run: the files the package ships for it. */
const BIN_FILES = ['bin', 'data', 'package.json', 'scripts/bundle-loader.js', 'dist/litelint.cjs', 'dist/litelint.cjs.cache'];

/**
 * A copy of the built package in a fresh directory that every user may enter (mkdtemp makes it
 * private): for runs of a changed copy, and for runs as another user, who may not reach the clone.
 */
export function copyOfBuiltPackage(prefix: string): string {
  builtBin();
  const root = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(root, 0o755);
  for (const path of BIN_FILES) cpSync(join(ROOT, path), join(root, path), { recursive: true });
  return root;
}

export function spawnCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Spawned {
  const result = spawnSync(process.execPath, [builtBin(), ...args], { cwd, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let sarifValidator: ReturnType<Ajv2020['compile']> | undefined;

/** Validates against the SARIF 2.1.0 schema kept in test/fixtures/sarif (see its README for the origin). */
export function validateSarif(log: unknown): string[] {
  if (!sarifValidator) {
    const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    sarifValidator = ajv.compile(schema);
  }
  if (sarifValidator(log)) return [];
  return (sarifValidator.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

export interface XmlElement {
  tag: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
}

const PYTHON_XML = `
import json, sys
import xml.etree.ElementTree as ET
def tree(e):
    return {"tag": e.tag, "attributes": dict(e.attrib), "text": e.text or "", "children": [tree(c) for c in e]}
root = ET.fromstring(sys.stdin.buffer.read())
print(json.dumps(tree(root)))
`;

/** Python's expat-based parser, when python3 is installed (it is wherever pre-commit is, so in CI). */
export const python3 = spawnSync('python3', ['--version'], { encoding: 'utf8' }).status === 0 ? 'python3' : undefined;

/** Parses XML with a strict, maintained parser (expat, through Python's ElementTree); throws when it is not well-formed. */
export function parseXml(xml: string): XmlElement {
  if (!python3) throw new Error('python3 is not installed');
  const result = spawnSync(python3, ['-c', PYTHON_XML], { input: xml, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`not well-formed XML: ${result.stderr.trim().split('\n').pop()}`);
  return JSON.parse(result.stdout) as XmlElement;
}

export function commandExists(command: string, args = ['--version']): boolean {
  return spawnSync(command, args, { encoding: 'utf8' }).status === 0;
}

export const MATCHER_PATH = join(ROOT, '.github', 'litelint-problem-matcher.json');

export interface MatcherPattern {
  regexp: string;
  file: number;
  line: number;
  column: number;
  severity: number;
  message: number;
  code: number;
}

export function loadMatcher(): { owner: string; pattern: MatcherPattern[] } {
  const parsed = JSON.parse(readFileSync(MATCHER_PATH, 'utf8')) as { problemMatcher: { owner: string; pattern: MatcherPattern[] }[] };
  if (parsed.problemMatcher.length !== 1) throw new Error(`${MATCHER_PATH}: expected one problem matcher`);
  return parsed.problemMatcher[0];
}

/** What the matcher captures from one output line, or undefined when it does not match. */
export function applyMatcher(pattern: MatcherPattern, line: string): Record<string, string> | undefined {
  const match = new RegExp(pattern.regexp).exec(line);
  if (!match) return undefined;
  return {
    file: match[pattern.file],
    line: match[pattern.line],
    column: match[pattern.column],
    severity: match[pattern.severity],
    message: match[pattern.message],
    code: match[pattern.code],
  };
}

export interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value?: string }>;
  runs: { using: string; main?: string; steps?: unknown[] };
}

export const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

/** What a checkout of the action holds that it reads at run time (no node_modules, no dist/). */
export const ACTION_FILES = ['action.yml', 'action', 'data', 'docs/rules', 'package.json', '.github/litelint-problem-matcher.json'];

let actionCopy: string | undefined;

/** A copy of the action as the runner checks it out (only ACTION_FILES), made once per test file. */
export function actionCheckout(): string {
  if (!actionCopy) {
    actionCopy = mkdtempSync(join(tmpdir(), 'litelint-action-path-'));
    for (const path of ACTION_FILES) cpSync(join(ROOT, path), join(actionCopy, path), { recursive: true });
  }
  return actionCopy;
}

export interface StepRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** $GITHUB_ACTION_PATH of the run. */
  actionPath: string;
}

/**
 * Runs the action as the runner runs a `node24` action: `node <action path>/<runs.main>` in the
 * workspace, each input as INPUT_<NAME> (its default when not given), GITHUB_OUTPUT a file, and
 * the job's environment: NODE_ENV=production, as in the job that broke the old composite action.
 */
export function runLintStep(workspace: string, given: Record<string, string> = {}, jobEnv: NodeJS.ProcessEnv = { NODE_ENV: 'production' }): StepRun {
  const actionPath = actionCheckout();
  const scratch = mkdtempSync(join(tmpdir(), 'litelint-action-'));
  const outputFile = join(scratch, 'output');
  writeFileSync(outputFile, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, GITHUB_OUTPUT: outputFile, GITHUB_ACTION_PATH: actionPath, GITHUB_WORKSPACE: workspace, ...jobEnv };
  for (const name of Object.keys(given)) if (!Object.hasOwn(action.inputs, name)) throw new Error(`no input ${name}`);
  for (const [name, input] of Object.entries(action.inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = given[name] ?? input.default ?? '';
  const result = spawnSync(process.execPath, [join(actionPath, action.runs.main as string)], { cwd: workspace, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs, actionPath };
}

export const DOC = readFileSync(join(ROOT, 'docs', 'integrations.md'), 'utf8');

/** The fenced blocks marked `<!-- snippet: name -->` in docs/integrations.md, in order. */
export function snippets(): Map<string, { language: string; code: string }> {
  const found = new Map<string, { language: string; code: string }>();
  for (const match of DOC.matchAll(/<!-- snippet: ([\w-]+) -->\n```(\w+)\n([\s\S]*?)\n```/g)) {
    if (found.has(match[1])) throw new Error(`docs/integrations.md: snippet ${match[1]} twice`);
    found.set(match[1], { language: match[2], code: `${match[3]}\n` });
  }
  return found;
}

export function snippet(name: string): string {
  const found = snippets().get(name);
  if (!found) throw new Error(`docs/integrations.md has no snippet ${name}`);
  return found.code;
}

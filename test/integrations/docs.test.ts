import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { INFORMATION_URI } from '../../src/formatters/sarif';
import { tempProject } from '../helpers';
import {
  action,
  applyMatcher,
  BAD_COMPOSE,
  BIN,
  DOC,
  snippet,
  snippets,
  builtBin,
  GOOD_COMPOSE,
  loadMatcher,
  parseXml,
  ROOT,
  runLintStep,
  spawnCli,
  UNUSED_IGNORE_COMPOSE,
  validateSarif,
} from './support';

// These tests run the built CLI as child processes: slower than in-process calls on a busy machine.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(() => void builtBin(), 180_000);

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

const help = (): string => spawnCli(['--help'], ROOT).stdout;

function expectKnownFlags(words: readonly string[]): void {
  const text = help();
  const flags = words.filter((word) => word.startsWith('-') && word !== '-');
  expect(flags.length).toBeGreaterThan(0);
  for (const flag of flags) expect(text, flag).toMatch(new RegExp(`(^|[\\s,])${flag.replace(/[-]/g, '\\-')}\\b`, 'm'));
}

interface GitlabJob {
  before_script: string[];
  script: string[];
  artifacts: { when: string; reports: { codequality: string; junit: string } };
}

interface Workflow {
  permissions?: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; steps: { uses?: string; if?: string; with?: Record<string, string | boolean> }[] }>;
}

function litelintStep(workflow: Workflow): { uses?: string; with?: Record<string, string | boolean> } {
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const step = steps.find((candidate) => candidate.uses?.startsWith('litelint/litelint@'));
  if (!step) throw new Error('no litelint/litelint step');
  return step;
}

function withInputs(step: { with?: Record<string, string | boolean> }): Record<string, string> {
  const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, String(value)]));
  for (const key of Object.keys(inputs)) expect(Object.keys(action.inputs), `input ${key}`).toContain(key);
  return inputs;
}

describe('docs/integrations.md snippets', () => {
  it('has the six snippets, each parsing in its language', () => {
    const found = snippets();
    expect([...found.keys()]).toEqual(['install-tarball', 'pre-commit-config', 'github-annotations', 'github-code-scanning', 'gitlab-ci', 'vscode-tasks']);
    for (const [name, { language, code }] of found) {
      if (language === 'yaml') expect(() => parse(code), name).not.toThrow();
      else if (language === 'json') expect(() => JSON.parse(code), name).not.toThrow();
      else if (language === 'sh') expect(spawnSync('bash', ['-n'], { input: code }).status, name).toBe(0);
      else throw new Error(`${name}: unexpected language ${language}`);
    }
  });

  it('no snippet fetches from the registry (litelint is not published) or hides a failing command', () => {
    for (const [name, { code }] of snippets()) {
      expect(code, name).not.toMatch(/npx (--yes|-y)\b/);
      expect(code, name).not.toMatch(/\|\|\s*true\b/);
      expect(code, name).not.toMatch(/npx (?!--no\b)/);
    }
  });

  it('pre-commit: the repository, release and hook ids exist (test/integrations/pre-commit.test.ts runs it for real)', () => {
    const config = parse(snippet('pre-commit-config')) as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
    const ids = (parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[]).map((hook) => hook.id);
    expect(config.repos).toHaveLength(1);
    expect(config.repos[0].repo).toBe(INFORMATION_URI);
    expect(config.repos[0].rev).toBe(`v${pkg.version}`);
    for (const hook of config.repos[0].hooks) expect(ids).toContain(hook.id);
  });

  it('GitHub annotations: inputs exist, and the action step with them annotates and fails on an error', () => {
    const workflow = parse(snippet('github-annotations')) as Workflow;
    const step = litelintStep(workflow);
    expect(step.uses).toBe(`litelint/litelint@v${pkg.version}`);
    const run = runLintStep(tempProject({ 'compose.yaml': BAD_COMPOSE }), withInputs(step));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=compose\.yaml,line=5,col=9,/m);
  });

  it('GitHub code scanning: the SARIF file the action writes is the one uploaded, always, and it is valid', () => {
    const workflow = parse(snippet('github-code-scanning')) as Workflow;
    expect(workflow.permissions).toMatchObject({ 'security-events': 'write' });
    const step = litelintStep(workflow);
    const inputs = withInputs(step);
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const upload = steps.find((candidate) => candidate.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.if).toBe('always()');
    expect(upload?.with?.sarif_file).toBe(inputs['sarif-file']);
    const workspace = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const run = runLintStep(workspace, inputs);
    expect(run.status).toBe(0);
    expect(run.outputs['exit-code']).toBe('1');
    const log = JSON.parse(readFileSync(join(workspace, String(upload?.with?.sarif_file)), 'utf8')) as { runs: { results: unknown[] }[] };
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0].results).toHaveLength(1);
  });

  it('GitLab CI: the script writes the Code Quality and JUnit reports the artifacts name, and its last line decides the job', () => {
    const job = (parse(snippet('gitlab-ci')) as Record<string, GitlabJob>).litelint;
    expect(job.artifacts.when).toBe('always');
    expect(job.before_script).toEqual(['npm ci']);
    const { codequality, junit } = job.artifacts.reports;
    expect(job.script.find((line) => line.includes('--format gitlab'))).toContain(`--output ${codequality}`);
    expect(job.script.find((line) => line.includes('--format junit'))).toContain(`--output ${junit}`);
    for (const line of job.script) expectKnownFlags(line.replace(/^npx --no -- litelint\b/, '').split(/\s+/).filter((word) => word.startsWith('--')));
    // GitLab runs the script lines in one shell that stops at the first failing line.
    const script = ['set -e', ...job.script.map((line) => line.replace(/^npx --no -- litelint\b/, `node "${BIN}"`))].join('\n');
    expect(script).not.toContain('npx');
    const run = (files: Record<string, string>) => {
      const cwd = tempProject(files);
      const result = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH } });
      const exists = existsSync(join(cwd, junit));
      return {
        status: result.status,
        stdout: result.stdout,
        junit: exists ? parseXml(readFileSync(join(cwd, junit), 'utf8')) : undefined,
        codequality: existsSync(join(cwd, codequality)) ? (JSON.parse(readFileSync(join(cwd, codequality), 'utf8')) as { check_name: string; location: { path: string; lines: { begin: number } } }[]) : undefined,
      };
    };
    const failing = run({ 'compose.yaml': BAD_COMPOSE });
    expect(failing.status).toBe(1);
    expect(failing.stdout).toMatch(/^compose\.yaml:5:9: error: /m);
    expect(failing.junit?.attributes).toMatchObject({ tests: '1', failures: '1' });
    expect(failing.codequality).toEqual([expect.objectContaining({ check_name: 'volume-source-fallback', location: expect.objectContaining({ path: 'compose.yaml', lines: expect.objectContaining({ begin: 5 }) }) })]);
    const passing = run({ 'compose.yaml': GOOD_COMPOSE });
    expect(passing.status).toBe(0);
    expect(passing.junit?.attributes).toMatchObject({ tests: '1', failures: '0' });
    expect(passing.codequality).toEqual([]);
    // A configuration error is not hidden by --exit-zero: the first line fails the job.
    const broken = run({ 'compose.yaml': GOOD_COMPOSE, '.litelint.yaml': 'rules:\n  no-such-rule: error\n' });
    expect(broken.status).toBe(2);
    expect(broken.codequality).toBeUndefined();
  });

  it('VS Code: the task\'s problem matcher is the repository\'s, and it matches what the task\'s command prints', () => {
    const tasks = JSON.parse(snippet('vscode-tasks')) as {
      tasks: { label: string; command: string; args: string[]; problemMatcher: { owner: string; fileLocation: string[]; pattern: Record<string, unknown> } }[];
    };
    const [task] = tasks.tasks;
    const matcher = loadMatcher();
    expect(task.problemMatcher.owner).toBe(matcher.owner);
    expect(task.problemMatcher.pattern).toEqual(matcher.pattern[0]);
    expect(task.problemMatcher.fileLocation).toEqual(['relative', '${workspaceFolder}']);
    expect([task.command, ...task.args.slice(0, 3)]).toEqual(['npx', '--no', '--', 'litelint']);
    const args = task.args.slice(3);
    expectKnownFlags(args);
    const cwd = tempProject({ 'deploy/compose.yaml': BAD_COMPOSE, 'compose.yaml': UNUSED_IGNORE_COMPOSE });
    const output = spawnCli([...args, '--report-unused-ignores'], cwd).stdout.trimEnd().split('\n');
    const pattern = task.problemMatcher.pattern as unknown as Parameters<typeof applyMatcher>[0];
    expect(output.map((line) => applyMatcher(pattern, line)?.code)).toEqual(['unused-ignore', 'volume-source-fallback']);
    expect(applyMatcher(pattern, output[1])).toMatchObject({ file: 'deploy/compose.yaml', line: '5', column: '9', severity: 'error' });
  });
});

describe('docs/integrations.md claims about the CLI, checked on the real bin', () => {
  const ESC = '\u001b[';

  it('colour: none without a terminal, FORCE_COLOR turns it on and wins over NO_COLOR, never in -o files or other formats', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    expect(spawnCli([], cwd).stdout).not.toContain(ESC);
    expect(spawnCli([], cwd, { FORCE_COLOR: '1' }).stdout).toContain(ESC);
    expect(spawnCli([], cwd, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).toContain(ESC);
    expect(spawnCli([], cwd, { FORCE_COLOR: '0' }).stdout).not.toContain(ESC);
    expect(spawnCli([], cwd, { FORCE_COLOR: 'false' }).stdout).not.toContain(ESC);
    spawnCli(['-o', 'report.txt'], cwd, { FORCE_COLOR: '1' });
    const written = readFileSync(join(cwd, 'report.txt'), 'utf8');
    expect(written).toContain('volume-source-fallback');
    expect(written).not.toContain(ESC);
    for (const format of ['json', 'gnu', 'sarif', 'github', 'junit']) {
      const output = spawnCli(['-f', format], cwd, { FORCE_COLOR: '1' }).stdout;
      expect(output, format).toContain('volume-source-fallback');
      expect(output, format).not.toContain(ESC);
    }
  });

  it('exit codes: 0 clean, 1 errors or too many warnings, 2 usage or configuration error, whatever the format', () => {
    const clean = tempProject({ 'compose.yaml': GOOD_COMPOSE });
    const errors = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const warnings = tempProject({ 'compose.yaml': UNUSED_IGNORE_COMPOSE });
    for (const format of ['stylish', 'json', 'gnu', 'sarif', 'github', 'junit']) {
      expect(spawnCli(['-f', format], clean).status, format).toBe(0);
      expect(spawnCli(['-f', format], errors).status, format).toBe(1);
      expect(spawnCli(['-f', format, '--report-unused-ignores'], warnings).status, format).toBe(0);
      expect(spawnCli(['-f', format, '--report-unused-ignores', '--max-warnings', '0'], warnings).status, format).toBe(1);
    }
    expect(spawnCli(['--bogus'], clean).status).toBe(2);
    expect(spawnCli(['-c', 'missing.yaml'], clean).status).toBe(2);
    expect(spawnCli([], tempProject({ 'compose.yaml': GOOD_COMPOSE, '.litelint.yaml': 'rules:\n  no-such-rule: error\n' })).status).toBe(2);
    expect(spawnCli([], tempProject({ Dockerfile: '\u0000' })).status).toBe(1);
    for (const code of ['| 0 |', '| 1 |', '| 2 |']) expect(DOC).toContain(code);
  });
});

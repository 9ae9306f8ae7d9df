import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tempProject } from '../helpers';
import { action, actionCheckout, BAD_COMPOSE, builtBin, GOOD_COMPOSE, loadMatcher, ROOT, runLintStep, spawnCli, type StepRun, validateSarif } from './support';

// These tests run the built CLI as child processes: slower than in-process calls on a busy machine.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(() => void builtBin(), 180_000);

describe('action.yml', () => {
  it('is a JavaScript action on the runner\'s node, with the documented inputs and outputs', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'action/index.cjs' });
    expect(Object.keys(action.inputs).sort()).toEqual(['config', 'fail-level', 'format', 'paths', 'sarif-file', 'working-directory']);
    expect(action.inputs.paths.default).toBe('.');
    expect(action.inputs.format.default).toBe('github');
    expect(action.inputs['fail-level'].default).toBe('error');
    expect(action.inputs['sarif-file'].default).toBe('');
    for (const input of Object.values(action.inputs)) expect(input.description.length).toBeGreaterThan(10);
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'sarif-file']);
  });

  it('installs and builds nothing per run: no steps, no npm, no expression', () => {
    const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    expect(action.runs.steps).toBeUndefined();
    expect(text).not.toMatch(/\bnpm\b|\bnpx\b/);
    expect(text).not.toContain('${{');
    // The bundle needs no package: nothing in it requires a module outside node's own.
    const bundle = readFileSync(join(ROOT, action.runs.main as string), 'utf8');
    const required = new Set([...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]));
    expect([...required].filter((name) => !name.startsWith('node:') && !builtinModules.includes(name))).toEqual([]);
  });

  it('the committed bundle is what scripts/bundle-action.js builds from the sources now (else: npm run build:action)', async () => {
    const { bundleAction } = (await import(join(ROOT, 'scripts', 'bundle-action.js'))) as { bundleAction: (options: { write: boolean }) => Promise<Buffer> };
    const fresh = await bundleAction({ write: false });
    expect(fresh.equals(readFileSync(join(ROOT, 'action', 'index.cjs'))), 'action/index.cjs is stale: run npm run build:action and commit it').toBe(true);
  });

  it('passes litelint only flags that --help lists', () => {
    const help = spawnCli(['--help'], ROOT).stdout;
    const source = readFileSync(join(ROOT, 'src', 'github-action', 'main.ts'), 'utf8');
    const flags = new Set(source.match(/'--[a-z][a-z-]*'/g)?.map((flag) => flag.slice(1, -1)));
    expect([...flags].sort()).toEqual(['--config', '--format', '--max-warnings', '--output']);
    for (const flag of flags) expect(help, flag).toMatch(new RegExp(`${flag}\\b`));
  });
});

describe('action.yml: a job environment cannot break it', () => {
  it('NODE_ENV=production, no npm on PATH, no node_modules in the action checkout', () => {
    const workspace = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const nodeOnly = mkdtempSync(join(tmpdir(), 'litelint-path-'));
    symlinkSync(process.execPath, join(nodeOnly, 'node'));
    const run = runLintStep(workspace, {}, { NODE_ENV: 'production', PATH: nodeOnly, npm_config_production: 'true' });
    expect(existsSync(join(run.actionPath, 'node_modules'))).toBe(false);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=compose\.yaml,line=5,col=9,/m);
  });

  it('a container job: $GITHUB_ACTION_PATH names the action where the container sees it (the matcher is found there)', () => {
    const mounted = mkdtempSync(join(tmpdir(), 'litelint-container-'));
    cpSync(actionCheckout(), join(mounted, '__w', '_actions', 'litelint'), { recursive: true });
    const actionPath = join(mounted, '__w', '_actions', 'litelint');
    const workspace = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const run = spawnSync(process.execPath, [join(actionPath, 'action', 'index.cjs')], {
      cwd: workspace,
      env: { PATH: process.env.PATH, GITHUB_ACTION_PATH: actionPath, INPUT_FORMAT: 'gnu', 'INPUT_FAIL-LEVEL': 'error', INPUT_PATHS: '.' },
      encoding: 'utf8',
    });
    expect(run.stdout.split('\n')[0]).toBe(`::add-matcher::${join(actionPath, '.github', 'litelint-problem-matcher.json')}`);
    expect(existsSync(join(actionPath, '.github', 'litelint-problem-matcher.json'))).toBe(true);
  });
});

describe('action.yml: the lint step, run with bash as the runner runs it', () => {
  it('defaults: github annotations, fails on an error finding, reports the exit code', () => {
    const workspace = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const run = runLintStep(workspace);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=compose\.yaml,line=5,col=9,endLine=5,endColumn=\d+,title=volume-source-fallback::/m);
    expect(run.outputs).toEqual({ 'exit-code': '1' });
  });

  it('passes on a clean workspace', () => {
    const run = runLintStep(tempProject({ 'compose.yaml': GOOD_COMPOSE }));
    expect([run.status, run.stdout, run.outputs]).toEqual([0, '', { 'exit-code': '0' }]);
  });

  it('fail-level: warning fails on warnings, error does not, never fails only on exit 2', () => {
    const warned = tempProject({ 'compose.yaml': BAD_COMPOSE, '.litelint.yaml': 'rules:\n  volume-source-fallback: warning\n' });
    expect(runLintStep(warned, { 'fail-level': 'error' }).status).toBe(0);
    const failing = runLintStep(warned, { 'fail-level': 'warning' });
    expect([failing.status, failing.outputs['exit-code']]).toEqual([1, '1']);
    expect(failing.stdout).toContain('::warning file=compose.yaml');
    const never = runLintStep(tempProject({ 'compose.yaml': BAD_COMPOSE }), { 'fail-level': 'never' });
    expect([never.status, never.outputs['exit-code']]).toEqual([0, '1']);
    const broken = runLintStep(tempProject({ 'compose.yaml': GOOD_COMPOSE, '.litelint.yaml': 'rulez: {}\n' }), { 'fail-level': 'never' });
    expect([broken.status, broken.outputs['exit-code']]).toEqual([2, '2']);
    const unknown = runLintStep(tempProject({ 'compose.yaml': GOOD_COMPOSE }), { 'fail-level': 'sometimes' });
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toContain('::error title=litelint::fail-level must be error, warning or never');
  });

  it('sarif-file: writes a valid SARIF log even when the step fails, and names it in the outputs', () => {
    const workspace = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const run = runLintStep(workspace, { 'sarif-file': 'litelint.sarif' });
    expect(run.status).toBe(1);
    expect(run.outputs).toEqual({ 'sarif-file': 'litelint.sarif', 'exit-code': '1' });
    const log = JSON.parse(readFileSync(join(workspace, 'litelint.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0].results.map((result) => result.ruleId)).toEqual(['volume-source-fallback']);
  });

  it('paths: several, on lines or spaces, not globbed; config and working-directory', () => {
    const workspace = tempProject({
      'a/compose.yaml': BAD_COMPOSE,
      'b/compose.yaml': BAD_COMPOSE,
      'c/compose.yaml': BAD_COMPOSE,
      'sub/ci.yaml': 'rules:\n  volume-source-fallback: off\n',
      'sub/d/compose.yaml': BAD_COMPOSE,
    });
    const files = (run: StepRun): string[] => [...run.stdout.matchAll(/file=([^,]+)/g)].map((match) => match[1]);
    expect(files(runLintStep(workspace, { paths: 'a\nb' }))).toEqual(['a/compose.yaml', 'b/compose.yaml']);
    expect(files(runLintStep(workspace, { paths: '  c   a ' }))).toEqual(['a/compose.yaml', 'c/compose.yaml']);
    expect(runLintStep(workspace, { paths: '*' }).outputs['exit-code']).toBe('2');
    expect(runLintStep(workspace, { 'working-directory': 'sub', config: 'ci.yaml' }).status).toBe(0);
    expect(files(runLintStep(workspace, { 'working-directory': 'sub' }))).toEqual(['d/compose.yaml']);
  });

  it('format gnu: registers litelint\'s problem matcher around the run, and removes it', () => {
    const run = runLintStep(tempProject({ 'compose.yaml': BAD_COMPOSE }), { format: 'gnu' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`::add-matcher::${join(run.actionPath, '.github', 'litelint-problem-matcher.json')}`);
    expect(lines[1]).toMatch(/^compose\.yaml:5:9: error: .* \[volume-source-fallback\]$/);
    expect(lines[2]).toBe(`::remove-matcher owner=${loadMatcher().owner}::`);
    expect(run.status).toBe(1);
  });
});

/**
 * A real package (issue 17): `npm pack`, then an install of the tarball into an empty project with
 * no network and an empty npm cache, then `npx litelint` there. The runtime dependencies are
 * packed from this checkout's node_modules and installed beside it, so that npm never needs the
 * registry: what cannot be tested here is an install from the registry itself (litelint is not
 * published yet); the tarball is the same bytes `npm publish` would upload.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { BAD_COMPOSE, builtBin, ROOT, snippet } from './support';

vi.setConfig({ testTimeout: 240_000 });

interface Manifest {
  name: string;
  version: string;
  license: string;
  repository: { type: string; url: string };
  homepage: string;
  bugs: { url: string };
  dependencies: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
const npm = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...env } });

let tarball: string;
let contents: string[];
let app: string;
let install: ReturnType<typeof npm>;
let packedManifest: Manifest & { scripts: Record<string, string> };

beforeAll(() => {
  builtBin();
  const packs = mkdtempSync(join(tmpdir(), 'litelint-pack-'));
  // With its scripts, as `npm publish` packs: prepare (the build), prepack and postpack (./scripts/pack-manifest.js).
  const before = readFileSync(join(ROOT, 'package.json'), 'utf8');
  const packed = npm(['pack', '--pack-destination', packs, '--silent'], ROOT);
  expect(packed.status, packed.stderr).toBe(0);
  expect(readFileSync(join(ROOT, 'package.json'), 'utf8')).toBe(before);
  packedManifest = JSON.parse(execFileSync('tar', ['-xzOf', join(packs, packed.stdout.trim().split('\n').pop() as string), 'package/package.json'], { encoding: 'utf8' })) as Manifest & { scripts: Record<string, string> };
  tarball = join(packs, packed.stdout.trim().split('\n').pop() as string);
  contents = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean).map((path) => path.replace(/^package\//, ''));
  // The runtime dependencies and theirs (vscode-languageserver brings its protocol packages), each
  // resolved as Node does: the nearest node_modules up from the package that needs it.
  const closure = new Set<string>();
  const visit = (name: string, from: string): void => {
    let dir = from;
    while (!existsSync(join(dir, 'node_modules', name, 'package.json'))) dir = dirname(dir);
    const location = join(dir, 'node_modules', name);
    if (closure.has(location)) return;
    closure.add(location);
    const manifest = JSON.parse(readFileSync(join(location, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, location);
  };
  for (const name of Object.keys(pkg.dependencies)) visit(name, ROOT);
  const dependencies = [...closure].map((location) => {
    const result = npm(['pack', '--ignore-scripts', '--pack-destination', packs, '--silent', location], ROOT);
    expect(result.status, result.stderr).toBe(0);
    return join(packs, result.stdout.trim().split('\n').pop() as string);
  });
  app = mkdtempSync(join(tmpdir(), 'litelint-empty-project-'));
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'notes-app', version: '1.0.0', private: true }, null, 2)}\n`);
  writeFileSync(join(app, 'compose.yaml'), BAD_COMPOSE);
  // --offline with an empty cache: any request to the registry would fail the install (ENOTCACHED).
  install = npm(['install', '--save-dev', '--offline', tarball, ...dependencies], app, { npm_config_cache: mkdtempSync(join(tmpdir(), 'litelint-npm-cache-')) });
}, 240_000);

describe('the npm package', () => {
  it('names its license, repository, homepage and bugs, and ships the LICENSE it names', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/litelint/litelint.git' });
    expect(pkg.homepage).toBe('https://github.com/litelint/litelint#readme');
    expect(pkg.bugs).toEqual({ url: 'https://github.com/litelint/litelint/issues' });
    expect(contents).toEqual(expect.arrayContaining(['LICENSE', 'package.json', 'bin/litelint.js', 'dist/litelint.cjs', 'schema/litelint.schema.json', 'docs/rules/volume-source-fallback.md', 'data/sqlite-knowledge.json']));
  });

  it('declares no install script (npm 11 warns on each install of one): prepare builds a checkout only', () => {
    expect(pkg).toHaveProperty(['scripts', 'prepare']);
    expect(Object.keys(packedManifest.scripts).filter((name) => /^(pre|post)?(install|prepare)$/.test(name))).toEqual([]);
    expect({ ...packedManifest, scripts: undefined }).toEqual({ ...pkg, scripts: undefined });
  });

  it('carries no V8 code cache (its bytecode is for one Node build; the installed CLI compiles the bundle)', () => {
    expect(contents.filter((path) => path.endsWith('.cache'))).toEqual([]);
  });

  it('installs into an empty project offline, without an npm warning', () => {
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).not.toMatch(/\bwarn/i);
    expect(install.stdout).not.toMatch(/\bwarn/i);
  });

  it('npx litelint runs there: the version, and a finding with exit 1', () => {
    const env = { npm_config_offline: 'true', npm_config_update_notifier: 'false', PATH: process.env.PATH, HOME: app };
    const version = spawnSync('npx', ['litelint', '--version'], { cwd: app, encoding: 'utf8', env });
    expect(version.stdout).toBe(`${pkg.version}\n`);
    const lint = spawnSync('npx', ['litelint', '-f', 'json'], { cwd: app, encoding: 'utf8', env });
    expect(lint.status, lint.stderr).toBe(1);
    expect((JSON.parse(lint.stdout) as { findings: { rule: string; file: string }[] }).findings).toEqual([expect.objectContaining({ rule: 'volume-source-fallback', file: 'compose.yaml' })]);
    // The --explain-rule and SARIF help read docs/rules from the installed package.
    const explain = spawnSync('npx', ['litelint', '--explain-rule', 'volume-source-fallback'], { cwd: app, encoding: 'utf8', env });
    expect(explain.stdout).toBe(readFileSync(join(ROOT, 'docs', 'rules', 'volume-source-fallback.md'), 'utf8'));
  });
});

describe('docs/integrations.md, run verbatim in the project that installed the tarball', () => {
  const env = { npm_config_offline: 'true', npm_config_update_notifier: 'false', PATH: process.env.PATH, HOME: app };

  it('install-tarball: the same commands (the test adds --offline and the dependencies\' tarballs), then npx --no -- litelint', () => {
    const lines = snippet('install-tarball').split('\n').filter((line) => line && !line.startsWith('#'));
    expect(lines).toEqual(['npm pack', 'npm install --save-dev ../litelint/litelint-0.1.0.tgz', 'npx --no -- litelint']);
    expect(lines[1]).toContain(`litelint-${pkg.version}.tgz`);
    expect((JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies).toHaveProperty('litelint');
    const result = spawnSync('bash', ['-c', lines[2]], { cwd: app, encoding: 'utf8', env: { ...env, NO_COLOR: '1' } });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^compose\.yaml\n {2}5:9 {2}error/);
  });

  it('gitlab-ci: the script lines, in one set -e shell, write both reports and fail on the finding', () => {
    const job = (parse(snippet('gitlab-ci')) as Record<string, { script: string[]; artifacts: { reports: Record<string, string> } }>).litelint;
    const result = spawnSync('bash', ['-c', ['set -e', ...job.script].join('\n')], { cwd: app, encoding: 'utf8', env });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^compose\.yaml:5:9: error: /m);
    const codequality = JSON.parse(readFileSync(join(app, job.artifacts.reports.codequality), 'utf8')) as { check_name: string }[];
    expect(codequality.map((issue) => issue.check_name)).toEqual(['volume-source-fallback']);
    expect(readFileSync(join(app, job.artifacts.reports.junit), 'utf8')).toContain('volume-source-fallback');
  });

  it('vscode-tasks: the task\'s command and args print the gnu lines its matcher reads', () => {
    const [task] = (JSON.parse(snippet('vscode-tasks')) as { tasks: { command: string; args: string[] }[] }).tasks;
    const result = spawnSync(task.command, task.args, { cwd: app, encoding: 'utf8', env });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^compose\.yaml:5:9: error: .* \[volume-source-fallback\]$/m);
  });
});

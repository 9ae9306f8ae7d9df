import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { kindFromName } from '../../src/kinds';
import { DEPENDENCY_FILE_NAMES, isDependencyFileName } from '../../src/sqlite/dependency-files';
import { BAD_COMPOSE, commandExists, GOOD_COMPOSE, python3, ROOT, snippet } from './support';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames?: boolean;
  require_serial?: boolean;
}

const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

/** Every name discovery reads (as in test/cli's discovery test), nested too, and names it must not read. */
const READ = [
  'Containerfile', 'Containerfile.dev', 'Dockerfile', 'Dockerfile.prod', 'api.Dockerfile', 'web.dockerfile', 'compose.prod.yaml',
  'compose.yaml', 'compose.yml', 'config/deploy.staging.yml', 'config/deploy.yml', 'docker-compose.ci.yaml', 'docker-compose.yml',
  'docker-stack.yml', 'docker-stack.prod.yaml', 'services/api/Dockerfile', 'deploy/docker-compose.prod.yml', 'apps/web/config/deploy.yml',
  'Dockerfile-prod', 'docker/Containerfile-arm64', 'dockerfile', 'docker-compose-prod.yml', 'deploy/compose-dev.yaml', 'config/deploy.production.yml',
];
const NOT_READ = [
  'README.md', 'composer.json', 'config/database.yml', 'Dockerfile-notes/x', 'compose.json', 'mycompose.yaml', 'compose.yaml.bak',
  'config/deploy.yaml', 'deploy.yml', 'Dockerfiles/readme.txt', 'src/Dockerfile.d/notes.txt', 'docker-compose.yml/inner.txt',
  'Dockerfile.web.dockerignore', 'docker/Dockerfile.dockerignore', 'Dockerfile.erb', 'Dockerfile.j2', 'compose.yaml.j2', 'docker-compose.yml.tmpl',
  'docker-compose.yml.template', 'compose.yaml.jinja', 'compose.yml.jinja2', 'config/deploy.yml.erb', 'config/deploy.yml.tt', 'Containerfile.tpl',
];
/** Evidence files a rule reads (src/sqlite/dependency-files.ts, .env): the hooks run when only they change. */
const EVIDENCE = [
  'package-lock.json', 'package.json', 'api/package.json', 'requirements.txt', 'requirements-prod.txt', 'svc/requirements-base.txt',
  'pyproject.toml', 'uv.lock', 'poetry.lock', 'Gemfile', 'Gemfile.lock', 'composer.json', 'go.mod', 'Cargo.toml', 'Cargo.lock', 'mix.lock',
  'config/database.yml', 'apps/web/config/database.yml', '.env', 'deploy/.env', 'pnpm-lock.yaml', 'web/yarn.lock', 'yarn.lock', 'bun.lock',
  'packages.lock.json', 'src/Api/Api.csproj',
];
/** Neither deploy file nor evidence: the hooks skip them. */
const NEITHER = [
  'README.md', 'Dockerfile-notes/x', 'compose.json', 'mycompose.yaml', 'compose.yaml.bak', 'config/deploy.yaml', 'deploy.yml',
  'Dockerfiles/readme.txt', 'src/Dockerfile.d/notes.txt', 'docker-compose.yml/inner.txt', 'package-lock.json.orig', '.env.example.md',
  'go.sum', 'requirements.in', 'database.yml.sample',
];

describe('.pre-commit-hooks.yaml', () => {
  it('declares node hooks whose entry is the package bin', () => {
    expect(hooks.map((hook) => hook.id)).toEqual(['litelint', 'litelint-project']);
    expect(hooks.map((hook) => hook.entry)).toEqual(['litelint --changed', 'litelint']);
    for (const hook of hooks) {
      expect(hook.language).toBe('node');
      expect(Object.keys(pkg.bin)).toContain(hook.entry.split(' ')[0]);
      expect(hook.require_serial).toBe(true);
    }
    expect(hooks[0].pass_filenames).toBeUndefined();
    expect(hooks[1].pass_filenames).toBe(false);
  });

  it('files: matches exactly the names directory discovery reads (src/kinds.ts) and the evidence files rules read', () => {
    expect(READ.every((path) => kindFromName(path) !== undefined)).toBe(true);
    expect(NOT_READ.filter((path) => kindFromName(path) !== undefined)).toEqual([]);
    const isEvidence = (path: string): boolean => isDependencyFileName(path) || path === '.env' || path.endsWith('/.env');
    expect(EVIDENCE.filter((path) => !isEvidence(path) || kindFromName(path) !== undefined)).toEqual([]);
    expect(NEITHER.filter((path) => isEvidence(path) || kindFromName(path) !== undefined)).toEqual([]);
    for (const name of DEPENDENCY_FILE_NAMES) expect(EVIDENCE, name).toContain(name);
    for (const hook of hooks) {
      const files = new RegExp(hook.files);
      expect(READ.filter((path) => !files.test(path)), 'paths discovery reads but the hook skips').toEqual([]);
      expect(EVIDENCE.filter((path) => !files.test(path)), 'evidence files the hook skips').toEqual([]);
      expect(NEITHER.filter((path) => files.test(path)), 'paths the hook passes but litelint never reads').toEqual([]);
    }
  });

  it.skipIf(!python3)('files: Python\'s re.search (what pre-commit uses) agrees with the JavaScript reading', () => {
    const script = 'import json, re, sys\nd = json.load(sys.stdin)\nprint(json.dumps([bool(re.search(d["pattern"], p)) for p in d["paths"]]))';
    for (const hook of hooks) {
      const paths = [...READ, ...NOT_READ, ...EVIDENCE, ...NEITHER];
      const result = spawnSync(python3 as string, ['-c', script], { input: JSON.stringify({ pattern: hook.files, paths }), encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(paths.map((path) => new RegExp(hook.files).test(path)));
    }
  });
});

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=litelint test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });

/**
 * A git repository holding this checkout's working tree as it is now (tracked and untracked files,
 * .gitignore honoured), committed: what `pre-commit try-repo` would install from a clean clone.
 */
function snapshotOfThisCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'litelint-hook-repo-'));
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  for (const path of new Set(listed.split('\0').filter(Boolean))) {
    const source = join(ROOT, path);
    const stat = lstatSync(source, { throwIfNoEntry: false });
    if (!stat) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(source), join(dir, path));
    else copyFileSync(source, join(dir, path));
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'snapshot of the litelint working tree');
  return dir;
}

function sampleRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'litelint-precommit-sample-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  return dir;
}

function preCommit(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ status: number; output: string }> {
  return new Promise((resolvePromise) => {
    execFile(
      'pre-commit',
      [...args, '--color', 'never'],
      // prefer-offline: npm installs the hook's dependencies from its cache when it can (CI's `npm ci` filled it).
      { cwd, env: { ...process.env, npm_config_prefer_offline: 'true', NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 540_000 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolvePromise({ status, output: `${stdout}${stderr}` });
      },
    );
  });
}

const tryRepo = (hookRepo: string, sample: string) => preCommit(['try-repo', hookRepo, '--all-files'], sample);

/** docs/integrations.md's .pre-commit-config.yaml, pointed at the snapshot instead of the release, run with `pre-commit run`. */
function runDocumentedConfig(hookRepo: string, sample: string): Promise<{ status: number; output: string }> {
  const config = parse(snippet('pre-commit-config')) as { repos: { repo: string; rev: string }[] };
  config.repos[0].repo = hookRepo;
  config.repos[0].rev = git(hookRepo, 'rev-parse', 'HEAD').trim();
  const scratch = mkdtempSync(join(tmpdir(), 'litelint-precommit-home-'));
  writeFileSync(join(scratch, 'pre-commit-config.yaml'), stringify(config));
  return preCommit(['run', '--all-files', '--config', join(scratch, 'pre-commit-config.yaml')], sample, { PRE_COMMIT_HOME: join(scratch, 'home') });
}

const hasPreCommit = commandExists('pre-commit') && commandExists('git');

// Runs the real pre-commit (Debian package `pre-commit`, which .ci/run installs). Without it the
// test cannot run here: it is skipped, and CI, which installs it, runs it.
describe.skipIf(!hasPreCommit)('pre-commit try-repo (real pre-commit, language: node install)', () => {
  it(
    'fails on a bad compose file with litelint\'s finding, passes on a good one, skips files discovery would not read; the documented config works',
    async () => {
      const hookRepo = snapshotOfThisCheckout();
      const notLinted = 'compose-notes.txt';
      const bad = sampleRepo({ 'deploy/docker-compose.prod.yml': BAD_COMPOSE, 'README.md': '# sample\n' });
      const good = sampleRepo({ 'compose.yaml': GOOD_COMPOSE, [notLinted]: BAD_COMPOSE });
      const documented = sampleRepo({ 'services/compose.yaml': BAD_COMPOSE });
      // A commit that only changes evidence: the lockfile now pins better-sqlite3 12.6.2 (SQLite 3.51.2).
      const example = (name: string, side: 'bad' | 'good'): string => readFileSync(join(ROOT, 'examples', 'bundled-sqlite', side, name), 'utf8');
      const evidence = sampleRepo({ Dockerfile: example('Dockerfile', 'good'), 'package.json': example('package.json', 'good'), 'package-lock.json': example('package-lock.json', 'good') });
      git(evidence, 'commit', '-q', '-m', 'the app on better-sqlite3 12.8.0');
      writeFileSync(join(evidence, 'package-lock.json'), example('package-lock.json', 'bad'));
      git(evidence, 'add', 'package-lock.json');
      const onlyEvidence = (): Promise<{ status: number; output: string }> => preCommit(['try-repo', hookRepo, 'litelint', '--verbose'], evidence);
      const [failing, passing, fromDocs, lockfile] = await Promise.all([tryRepo(hookRepo, bad), tryRepo(hookRepo, good), runDocumentedConfig(hookRepo, documented), onlyEvidence()]);

      expect(failing.status, failing.output).toBe(1);
      expect(failing.output).toMatch(/^litelint\.+Failed$/m);
      expect(failing.output).toMatch(/^litelint \(whole project\)\.+Failed$/m);
      expect(failing.output).toContain('- hook id: litelint\n');
      expect(failing.output).toContain('- hook id: litelint-project\n');
      // stylish output of both hooks: the file, then the finding's position, severity and rule
      expect(failing.output.match(/deploy\/docker-compose\.prod\.yml\n {2}5:9 {2}error {2}.*volume-source-fallback/g)).toHaveLength(2);

      expect(passing.status, passing.output).toBe(0);
      expect(passing.output).toMatch(/^litelint\.+Passed$/m);
      expect(passing.output).toMatch(/^litelint \(whole project\)\.+Passed$/m);
      expect(passing.output).not.toContain(notLinted);

      // the copy-paste configuration of docs/integrations.md
      expect(fromDocs.status, fromDocs.output).toBe(1);
      expect(fromDocs.output).toMatch(/^litelint\.+Failed$/m);
      expect(fromDocs.output).toMatch(/services\/compose\.yaml\n {2}5:9 {2}error {2}.*volume-source-fallback/);

      // Only package-lock.json staged: the hook runs (it used to say "(no files to check)Skipped")
      // and reports the lockfile's finding; a warning, so the commit goes through.
      expect(lockfile.status, lockfile.output).toBe(0);
      expect(lockfile.output).toMatch(/^litelint\.+Passed$/m);
      expect(lockfile.output).not.toContain('no files to check');
      expect(lockfile.output).toMatch(/package-lock\.json\n {2}15:19 {2}warning {2}better-sqlite3 12\.6\.2 bundles SQLite 3\.51\.2.*bundled-sqlite/);
    },
    600_000,
  );
});

/**
 * The CLI conventions table of the README's usage section (issue 17): every row is run here, and
 * the table, `--help` and these cases must name the same flags. Projects are shaped like real
 * ones: a service's compose file beside its Dockerfile, a sub-project with its own config.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../rules';
import { FLAG_NAMES } from '../../src/cli';
import { jsonFindings, runCli, tempProject } from '../helpers';

const ROOT = join(__dirname, '..', '..');
const DOCKERFILE = 'FROM node:22-bookworm-slim\nWORKDIR /app\nCMD ["node", "server.js"]\n';
/** An error: the volume source falls back to ./data when DATA_DIR is unset (the fix is unsafe). */
const FALLBACK = 'services:\n  app:\n    build: .\n    volumes:\n      - ${DATA_DIR:-./data}:/data\n';
/** A warning: DATA_DIR without a default (only `${DATA_DIR}` would be refused by compose: an info). */
const UNSET = 'services:\n  app:\n    build: .\n    volumes:\n      - ${DATA_DIR}/db:/data\n';
const FIXED = 'services:\n  app:\n    build: .\n    volumes:\n      - ${DATA_DIR:?DATA_DIR must point at the data directory}:/data\n';

function project(files: Record<string, string>): string {
  // Each compose file's service builds its own folder, as the Dockerfile beside it.
  const dockerfiles = Object.fromEntries(Object.keys(files).filter((path) => path.endsWith('compose.yaml')).map((path) => [path.replace(/compose\.yaml$/, 'Dockerfile'), DOCKERFILE]));
  return tempProject({ Dockerfile: DOCKERFILE, ...dockerfiles, ...files });
}

const help = runCli(['--help'], { cwd: ROOT }).stdout;

/** The README's table: the first cell of each row under "| Flag |". */
function tableRows(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('| Flag | What it does |');
  expect(start).toBeGreaterThan(0);
  const rows: string[] = [];
  for (const line of readme.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|')[1].trim());
  }
  return rows;
}

const cases: Record<string, () => void> = {
  '`--quiet`, `-q`': () => {
    const cwd = project({ 'compose.yaml': FALLBACK, 'worker/compose.yaml': UNSET });
    expect(jsonFindings(runCli(['-f', 'json'], { cwd })).map((finding) => finding.severity)).toEqual(['error', 'warning']);
    for (const flag of ['--quiet', '-q']) expect(jsonFindings(runCli(['-f', 'json', flag], { cwd })).map((finding) => finding.severity)).toEqual(['error']);
    // The warnings still count: --quiet hides them from the report, not from --max-warnings.
    const onlyWarning = project({ 'compose.yaml': UNSET });
    const quiet = runCli(['--quiet', '--max-warnings', '0'], { cwd: onlyWarning });
    expect(quiet).toMatchObject({ code: 1, stdout: '' });
    expect(quiet.stderr).toContain('1 warnings, more than --max-warnings 0');
  },
  '`--color`, `--no-color`': () => {
    const cwd = project({ 'compose.yaml': FALLBACK });
    expect(runCli([], { cwd, tty: false }).stdout).not.toContain('\u001b[');
    expect(runCli(['--color'], { cwd, tty: false }).stdout).toContain('\u001b[');
    expect(runCli([], { cwd, tty: true }).stdout).toContain('\u001b[');
    expect(runCli(['--no-color'], { cwd, tty: true, env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(runCli(['--color'], { cwd, tty: true, env: { NO_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(runCli(['--color', '--no-color'], { cwd })).toMatchObject({ code: 2 });
  },
  '`--exit-zero`': () => {
    const cwd = project({ 'compose.yaml': FALLBACK });
    const result = runCli(['--exit-zero', '-f', 'json'], { cwd });
    expect(result.code).toBe(0);
    expect(jsonFindings(result).map((finding) => finding.rule)).toEqual(['volume-source-fallback']);
    expect(runCli(['--exit-zero', '--format', 'nope'], { cwd }).code).toBe(2);
    writeFileSync(join(cwd, '.litelint.yaml'), 'rules: { no-such-rule: error }\n');
    expect(runCli(['--exit-zero'], { cwd }).code).toBe(2);
  },
  '`--max-warnings N`': () => {
    const cwd = project({ 'compose.yaml': UNSET });
    expect(runCli([], { cwd }).code).toBe(0);
    expect(runCli(['--max-warnings', '1'], { cwd }).code).toBe(0);
    expect(runCli(['--max-warnings', '0'], { cwd }).code).toBe(1);
  },
  '`--print-config FILE`': () => {
    const cwd = project({
      '.litelint.yaml': 'rules:\n  volume-source-fallback: warning\nignore: [legacy/]\n',
      'worker/.litelint.yaml': 'rules:\n  volume-source-fallback: off\n',
      'worker/compose.yaml': FALLBACK,
    });
    const root = JSON.parse(runCli(['--print-config', 'compose.yaml'], { cwd }).stdout) as Record<string, unknown>;
    expect(root).toEqual({
      file: 'compose.yaml',
      config: '.litelint.yaml',
      rules: { 'volume-source-fallback': { level: 'warning' } },
      ignore: ['legacy/'],
      'ignore-base': '.',
      images: {},
      'sqlite-fixed-range': null,
      strict: false,
    });
    const worker = JSON.parse(runCli(['--print-config', 'worker/compose.yaml', '--rule', 'distro-sqlite=error'], { cwd }).stdout) as Record<string, unknown>;
    expect(worker).toMatchObject({ file: 'worker/compose.yaml', config: 'worker/.litelint.yaml', rules: { 'volume-source-fallback': { level: 'off' }, 'distro-sqlite': { level: 'error' } } });
    const none = JSON.parse(runCli(['--print-config', 'compose.yaml'], { cwd: project({}) }).stdout) as Record<string, unknown>;
    expect(none).toMatchObject({ config: null, rules: {} });
  },
  '`--list-rules`': () => {
    const result = runCli(['--list-rules'], { cwd: ROOT });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RULE\s+LEVEL\s+FILES\s+FIX\s+DESCRIPTION$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual(registry.entries.map((meta) => meta.id));
    expect(lines.find((line) => line.startsWith('volume-source-fallback '))).toMatch(/^volume-source-fallback\s+error\s+compose\s+fix:unsafe\s+A compose volume source/);
    expect(lines.find((line) => line.startsWith('parse-error '))).toMatch(/\score\s+-\s/);
  },
  '`--explain-rule ID`': () => {
    const result = runCli(['--explain-rule', 'volume-source-fallback'], { cwd: ROOT });
    expect(result).toEqual({ code: 0, stdout: readFileSync(join(ROOT, 'docs', 'rules', 'volume-source-fallback.md'), 'utf8'), stderr: '' });
    const typo = runCli(['--explain-rule', 'volume-source-fallbak'], { cwd: ROOT });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('litelint: --explain-rule volume-source-fallbak: no such rule; did you mean volume-source-fallback? (--list-rules lists them)\n');
    expect(runCli(['--explain-rule', '../README'], { cwd: ROOT }).code).toBe(2);
  },
  '`--fix-dry-run`, `--diff`': () => {
    for (const flag of ['--fix-dry-run', '--diff']) {
      const cwd = project({ 'compose.yaml': FALLBACK });
      const withheld = runCli([flag], { cwd });
      expect(withheld).toEqual({ code: 0, stdout: '', stderr: 'litelint: 1 unsafe fix not shown (they change what a deploy does); add --unsafe-fixes to see them\n' });
      const result = runCli([flag, '--unsafe-fixes'], { cwd });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(
        '--- a/compose.yaml\n+++ b/compose.yaml\n@@ -2,4 +2,4 @@\n   app:\n     build: .\n     volumes:\n-      - ${DATA_DIR:-./data}:/data\n+      - ${DATA_DIR:?DATA_DIR must point at the data directory}:/data\n',
      );
      // Nothing was written, and the diff is one `patch` applies to give what --fix writes.
      expect(readFileSync(join(cwd, 'compose.yaml'), 'utf8')).toBe(FALLBACK);
      const patched = spawnSync('patch', ['-p1', '-o', '-'], { cwd, input: result.stdout, encoding: 'utf8' });
      expect(patched.stdout.startsWith(FIXED)).toBe(true);
      expect(runCli(['--fix', '--unsafe-fixes'], { cwd }).code).toBe(0);
      expect(readFileSync(join(cwd, 'compose.yaml'), 'utf8')).toBe(FIXED);
    }
    expect(runCli(['--fix', '--diff'], { cwd: ROOT }).code).toBe(2);
  },
  '`--fix`, `--unsafe-fixes`': () => {
    const cwd = project({ 'compose.yaml': FALLBACK });
    const safeOnly = runCli(['--fix'], { cwd });
    expect(safeOnly.code).toBe(1);
    expect(safeOnly.stderr).toBe('litelint: 1 unsafe fix not applied (they change what a deploy does); --fix --unsafe-fixes applies them\n');
    expect(readFileSync(join(cwd, 'compose.yaml'), 'utf8')).toBe(FALLBACK);
    const unsafe = runCli(['--fix', '--unsafe-fixes'], { cwd });
    expect(unsafe).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(join(cwd, 'compose.yaml'), 'utf8')).toBe(FIXED);
    expect(registry.meta('volume-source-fallback')?.fixSafety).toBe('unsafe');
  },
  '`.litelint.yaml` lookup': () => {
    const cwd = project({
      '.litelint.yaml': 'rules:\n  volume-source-fallback: off\n',
      'compose.yaml': FALLBACK,
      'worker/.litelint.yaml': 'rules:\n  volume-source-fallback: warning\n',
      'worker/compose.yaml': FALLBACK,
      'worker/jobs/compose.yaml': FALLBACK,
      'api/compose.yaml': FALLBACK,
    });
    const rows = (args: string[], dir = cwd): string[] => jsonFindings(runCli(['-f', 'json', ...args], { cwd: dir })).map((finding) => `${finding.file}:${finding.severity}`);
    // `litelint worker/` applies worker/.litelint.yaml (not the working directory's).
    expect(rows(['worker/'])).toEqual(['worker/compose.yaml:warning', 'worker/jobs/compose.yaml:warning']);
    // A whole-project run gives each file the level of its nearest config.
    expect(rows([])).toEqual(['worker/compose.yaml:warning', 'worker/jobs/compose.yaml:warning']);
    expect(rows(['api/compose.yaml', 'worker/jobs/compose.yaml'])).toEqual(['worker/jobs/compose.yaml:warning']);
    // Run from inside the sub-project, the lookup still stops at the project root, and -c wins everywhere.
    expect(rows([], join(cwd, 'worker'))).toEqual(['compose.yaml:warning', 'jobs/compose.yaml:warning']);
    expect(rows(['-c', 'worker/.litelint.yaml'])).toEqual(['api/compose.yaml:warning', 'compose.yaml:warning', 'worker/compose.yaml:warning', 'worker/jobs/compose.yaml:warning']);
    // --rule applies over every config.
    expect(rows(['--rule', 'volume-source-fallback=error'])).toEqual(['api/compose.yaml:error', 'compose.yaml:error', 'worker/compose.yaml:error', 'worker/jobs/compose.yaml:error']);
  },
  'no file linted': () => {
    const cwd = tempProject({ 'README.md': '# a service\n', 'src/server.js': 'console.log(1)\n' });
    const result = runCli([], { cwd });
    expect(result).toEqual({ code: 0, stdout: '', stderr: 'litelint: no files linted: no Dockerfile, Compose file or Kamal config/deploy.yml in . (see docs/usage.md, Files read)\n' });
    expect(runCli(['-f', 'json', 'src'], { cwd }).stdout).toBe('{\n  "version": 1,\n  "findings": []\n}\n');
    expect(runCli([], { cwd: project({ 'compose.yaml': FALLBACK }) }).stderr).toBe('');
  },
  'unknown flag': () => {
    const answers = (flag: string): string => runCli([flag], { cwd: ROOT }).stderr;
    expect(runCli(['--colour'], { cwd: ROOT }).code).toBe(2);
    expect(answers('--colour')).toBe('litelint: unknown option --colour; did you mean --color? (litelint --help lists the options; a path that starts with - goes after --)\n');
    expect(answers('--fixx')).toMatch(/did you mean --fix\?/);
    expect(answers('--max-warning=3')).toMatch(/unknown option --max-warning; did you mean --max-warnings\?/);
    expect(answers('--unsafe')).toMatch(/did you mean --unsafe-fixes\?/);
    expect(answers('--zzzzzzzz')).toBe('litelint: unknown option --zzzzzzzz (litelint --help lists the options; a path that starts with - goes after --)\n');
    expect(answers('--format')).toBe('litelint: -f, --format <value> needs a value\n');
  },
  'ignore files': () => {
    const home = tempProject({
      '.gitconfig': '[user]\n\tname = Dev\n[core]\n\texcludesFile = ~/.config/my-global-ignore  # personal\n',
      '.config/my-global-ignore': 'scratch/\n',
      '.config/git/ignore': 'not-read-when-core-excludesfile-is-set/\n',
    });
    const cwd = project({
      '.git/info/exclude': '# local only\nold-stack/\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
      'compose.yaml': FALLBACK,
      'old-stack/compose.yaml': FALLBACK,
      'scratch/compose.yaml': FALLBACK,
      'not-read-when-core-excludesfile-is-set/compose.yaml': FALLBACK,
    });
    const files = (args: string[], env: NodeJS.ProcessEnv): string[] => jsonFindings(runCli(['-f', 'json', ...args], { cwd, env })).map((finding) => finding.file);
    expect(files([], { HOME: home })).toEqual(['compose.yaml', 'not-read-when-core-excludesfile-is-set/compose.yaml']);
    expect(files(['--no-ignore'], { HOME: home })).toEqual(['compose.yaml', 'not-read-when-core-excludesfile-is-set/compose.yaml', 'old-stack/compose.yaml', 'scratch/compose.yaml']);
    // Without core.excludesFile, git's default global file ($XDG_CONFIG_HOME/git/ignore).
    const plainHome = tempProject({ '.config/git/ignore': 'scratch/\n' });
    expect(files([], { HOME: plainHome })).toEqual(['compose.yaml', 'not-read-when-core-excludesfile-is-set/compose.yaml']);
    const xdg = tempProject({ 'git/ignore': 'not-read-when-core-excludesfile-is-set/\n' });
    expect(files([], { HOME: plainHome, XDG_CONFIG_HOME: xdg })).toEqual(['compose.yaml', 'scratch/compose.yaml']);
    // The repository's own .git/config cannot point litelint at a file of its choosing.
    mkdirSync(join(cwd, '.git'), { recursive: true });
    writeFileSync(join(cwd, '.git', 'config'), '[core]\n\texcludesFile = ../../../etc/hostile\n');
    expect(files([], {})).toEqual(['compose.yaml', 'not-read-when-core-excludesfile-is-set/compose.yaml', 'scratch/compose.yaml']);
  },
};

describe('the README\'s CLI conventions table', () => {
  it('has a case here for each row, and a case for each row', () => {
    expect(tableRows()).toEqual(Object.keys(cases));
  });

  it('every flag it names is one --help lists and the parser takes', () => {
    const flags = tableRows().flatMap((row) => [...row.matchAll(/`(--[a-z-]+)/g)].map((match) => match[1]));
    expect(flags.length).toBeGreaterThan(10);
    for (const flag of flags) {
      expect(help, flag).toContain(flag);
      expect(FLAG_NAMES, flag).toContain(flag);
    }
  });

  for (const [row, check] of Object.entries(cases)) it(row, check);
});

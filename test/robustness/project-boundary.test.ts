/**
 * Reading stays inside the project (issue 13, items 2, 8, 11, 12 and the readFile part of 14).
 * The project root is the nearest directory holding `.git` at or above the working directory,
 * else the working directory (src/project-root.ts). A hostile repository must not make litelint
 * read, walk or take configuration from outside it, and what litelint cannot read is reported.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index';
import { FORMAT_NAMES } from '../../src/formatters';
import { RefusedFile } from '../../src/refused-file';
import { jsonFindings, positions, runCli, tempProject } from '../helpers';
import { copyOfBuiltPackage, spawnCli } from '../integrations/support';

const MARK = 's3cr3t-VALUE-';
const BAD_COMPOSE = 'services:\n  app:\n    image: x\n    volumes:\n      - ${DATA:-./data}:/data\n';
const BAD_FINDING = 'volume-source-fallback@5:9';
const GIT = { '.git/HEAD': 'ref: refs/heads/main\n' };

/** `file:rule@line:column` of each finding. */
function places(findings: ReturnType<typeof jsonFindings>): string[] {
  return findings.map((finding) => `${finding.file}:${finding.rule}@${finding.line}:${finding.column}`);
}

/** A repository with `files`, and a directory outside it holding `outside` (secrets included). */
function repositoryBeside(files: Record<string, string>, outside: Record<string, string>): { cwd: string; outside: string } {
  return { cwd: tempProject({ ...GIT, ...files }), outside: tempProject(outside) };
}

/** Every format, as the CLI prints it in `cwd`: none may contain MARK. */
function expectNoMarkInAnyFormat(cwd: string): void {
  for (const format of FORMAT_NAMES) {
    const result = runCli(['-f', format, '--strict'], { cwd });
    expect(result.stdout.length).toBeGreaterThan(0);
    expect(result.stdout + result.stderr).not.toContain(MARK);
  }
}

describe('item 2: interpolation and evidence read only the project', { timeout: 120_000 }, () => {
  it('an include env_file of /proc/self/environ is refused at its entry; no environment value is printed', () => {
    // The child's environment is known: PATH comes first, so `${PATH}` read from the NUL-separated
    // environ file would hold every variable after it, the planted secret among them.
    const cwd = tempProject({
      ...GIT,
      'compose.yaml': `include:\n  - path: inc.yaml\n    env_file: /proc/self/environ\n${BAD_COMPOSE}`,
      'inc.yaml': 'include:\n  - "${PATH}"\n',
    });
    for (const format of FORMAT_NAMES) {
      const result = spawnCli(['-f', format], cwd, { LITELINT_PLANTED: `${MARK}environ` });
      expect(result.stdout.length).toBeGreaterThan(0);
      expect(result.stdout + result.stderr).not.toContain(MARK);
    }
    const findings = jsonFindings({ code: 0, stdout: spawnCli(['-f', 'json'], cwd, { LITELINT_PLANTED: MARK }).stdout, stderr: '' });
    const refused = findings.find((finding) => finding.rule === 'outside-project');
    expect(refused && `${refused.file}:${refused.line}:${refused.column}`).toBe('compose.yaml:3:15');
    expect(refused?.message).toContain('/proc/self/environ');
  });

  it('a .env symlinked to a file outside the project is not read, and said so on the .env', () => {
    const { cwd, outside } = repositoryBeside(
      { 'compose.yaml': `include:\n  - "\${OUT}"\n${BAD_COMPOSE.replace('services:\n', 'services:\n  b:\n    image: x\n    volumes:\n      - ${OUT}:/out\n')}` },
      { 'secret.env': `OUT=${MARK}dotenv\n` },
    );
    symlinkSync(join(outside, 'secret.env'), join(cwd, '.env'));
    expectNoMarkInAnyFormat(cwd);
    const findings = jsonFindings(runCli(['-f', 'json'], { cwd }));
    const refused = findings.filter((finding) => finding.rule === 'outside-project');
    expect(places(refused)).toEqual(['.env:outside-project@1:1']);
    expect(refused[0].message).toBe('not read: .env is outside the project; litelint reads only files inside the project root');
  });

  it('env_file, include and extends that leave the project (absolute, ../, a symlink) are refused at their entries', () => {
    const { cwd, outside } = repositoryBeside({}, { 'o.env': `X=${MARK}o\n`, 'o.yaml': `services:\n  base:\n    image: ${MARK}image\n` });
    mkdirSync(join(cwd, 'sub'));
    symlinkSync(join(outside, 'o.yaml'), join(cwd, 'linked.yaml'));
    const up = join('..', outside.split('/').pop() as string);
    writeFileSync(
      join(cwd, 'compose.yaml'),
      [
        'include:',
        `  - path: linked.yaml`,
        `  - path: sub/inc.yaml`,
        `    env_file: ${join(outside, 'o.env')}`,
        `  - path: sub/inc2.yaml`,
        `    env_file: ${up}/o.env`,
        'services:',
        '  app:',
        `    extends: { file: ${join(outside, 'o.yaml')}, service: base }`,
        '    volumes:',
        '      - ${DATA:-./data}:/data',
        '',
      ].join('\n'),
    );
    writeFileSync(join(cwd, 'sub/inc.yaml'), 'services:\n  s:\n    image: "${X:-none}"\n');
    writeFileSync(join(cwd, 'sub/inc2.yaml'), 'services:\n  t:\n    image: "${X:-none}"\n');
    expectNoMarkInAnyFormat(cwd);
    const findings = jsonFindings(runCli(['-f', 'json'], { cwd }));
    expect(places(findings.filter((finding) => finding.rule === 'outside-project'))).toEqual([
      'compose.yaml:outside-project@2:11',
      'compose.yaml:outside-project@4:15',
      'compose.yaml:outside-project@6:15',
      'compose.yaml:outside-project@9:5',
    ]);
  });

  it('an include that leaves the project is one finding: its implicit .env beside it is not reported again', () => {
    const { cwd, outside } = repositoryBeside({}, { 'inc.yaml': 'services:\n  s:\n    image: x\n', '.env': `X=${MARK}\n` });
    writeFileSync(join(cwd, 'compose.yaml'), `include:\n  - ${join(outside, 'inc.yaml')}\nservices:\n  app:\n    image: x\n`);
    expect(places(jsonFindings(runCli(['-f', 'json'], { cwd })))).toEqual(['compose.yaml:outside-project@2:5']);
  });

  it('evidence files linked out of the project (config/database.yml, requirements.txt) are refused on their own path', () => {
    const { cwd, outside } = repositoryBeside(
      {
        'Dockerfile': 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
        'config/deploy.yml': 'service: blog\nimage: acme/blog\nservers: [192.0.2.1]\nvolumes:\n  - /srv/storage:/rails/storage\n',
      },
      { 'database.yml': `production:\n  adapter: sqlite3\n  database: storage/${MARK}db.sqlite3\n`, 'requirements.txt': `aiosqlite\n${MARK}req\n` },
    );
    symlinkSync(join(outside, 'database.yml'), join(cwd, 'config/database.yml'));
    symlinkSync(join(outside, 'requirements.txt'), join(cwd, 'requirements.txt'));
    const findings = jsonFindings(runCli(['-f', 'json', '--strict'], { cwd }));
    expect(places(findings.filter((finding) => finding.rule === 'outside-project'))).toEqual([
      'config/database.yml:outside-project@1:1',
      'requirements.txt:outside-project@1:1',
    ]);
    expect(JSON.stringify(findings)).not.toContain(MARK);
  });

  it('an override file linked out of the project is not merged, and said so on its path', () => {
    const { cwd, outside } = repositoryBeside(
      { 'compose.yaml': BAD_COMPOSE },
      { 'o.yaml': `services:\n  app:\n    volumes:\n      - \${${MARK}:-./x}:/${MARK}\n` },
    );
    symlinkSync(join(outside, 'o.yaml'), join(cwd, 'compose.override.yaml'));
    const findings = jsonFindings(runCli(['-f', 'json'], { cwd }));
    expect(places(findings)).toEqual(['compose.override.yaml:outside-project@1:1', `compose.yaml:${BAD_FINDING}`]);
    expect(JSON.stringify(findings)).not.toContain(MARK);
  });

  it('a .litelint.yaml linked out of the project is a usage error that quotes nothing from it', () => {
    const { cwd, outside } = repositoryBeside({ 'compose.yaml': BAD_COMPOSE }, { 'credentials': `[default]\n${MARK}key: 1\n` });
    symlinkSync(join(outside, 'credentials'), join(cwd, '.litelint.yaml'));
    const result = runCli(['-f', 'json'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('litelint: not read: .litelint.yaml is outside the project; litelint reads only files inside the project root\n');
  });

  it('outside-project takes a level like any rule: off silences every refusal, error raises them', () => {
    const { cwd, outside } = repositoryBeside({ 'compose.yaml': BAD_COMPOSE }, { 'x.env': `X=${MARK}\n`, 'ignore': '*.yaml\n' });
    symlinkSync(join(outside, 'x.env'), join(cwd, '.env'));
    symlinkSync(join(outside, 'ignore'), join(cwd, '.gitignore'));
    const off = jsonFindings(runCli(['-f', 'json', '--rule', 'outside-project=off'], { cwd }));
    expect(places(off)).toEqual([`compose.yaml:${BAD_FINDING}`]);
    const raised = jsonFindings(runCli(['-f', 'json', '--rule', 'outside-project=error'], { cwd }));
    expect(raised.map((finding) => `${finding.file}:${finding.severity}`)).toEqual(['.env:error', '.gitignore:error', 'compose.yaml:error']);
  });

  it('a project file linked elsewhere inside the project is read as usual', () => {
    const cwd = tempProject({ ...GIT, 'env/shared.env': 'DATA=./data\n', 'compose.yaml': 'services:\n  app:\n    image: x\n    volumes:\n      - ${DATA}:/data\n' });
    symlinkSync('env/shared.env', join(cwd, '.env'));
    const findings = jsonFindings(runCli(['-f', 'json'], { cwd }));
    expect(findings.filter((finding) => finding.rule === 'outside-project')).toEqual([]);
  });
});

describe('item 8: the walk stays inside the tree', () => {
  it('a symlink to a directory outside the project is not followed; one inside is, and a loop ends', () => {
    const { cwd, outside } = repositoryBeside({ 'compose.yaml': BAD_COMPOSE, 'inner/compose.yaml': BAD_COMPOSE }, { 'compose.yaml': BAD_COMPOSE });
    symlinkSync(outside, join(cwd, 'outlink'));
    symlinkSync(join(cwd, 'inner'), join(cwd, 'innerlink'));
    symlinkSync('..', join(cwd, 'inner/loop'));
    symlinkSync(join(outside, 'compose.yaml'), join(cwd, 'docker-compose.yml'));
    const findings = jsonFindings(runCli(['-f', 'json'], { cwd }));
    expect(places(findings)).toEqual([`compose.yaml:${BAD_FINDING}`, `inner/compose.yaml:${BAD_FINDING}`]);
  });

  it('rootlink -> / walks nothing outside the project', () => {
    const cwd = tempProject({ ...GIT, 'compose.yaml': BAD_COMPOSE });
    symlinkSync('/', join(cwd, 'rootlink'));
    const findings = jsonFindings(runCli(['-f', 'json'], { cwd }));
    expect(places(findings)).toEqual([`compose.yaml:${BAD_FINDING}`]);
  });

  it('a file or directory named on the command line is still linted, wherever it is', () => {
    const { cwd, outside } = repositoryBeside({ 'compose.yaml': BAD_COMPOSE }, { 'compose.yaml': BAD_COMPOSE });
    const elsewhere = tempProject({ 'compose.yaml': BAD_COMPOSE });
    symlinkSync(join(elsewhere, 'compose.yaml'), join(cwd, 'linked.compose.yaml'));
    const findings = jsonFindings(runCli(['-f', 'json', 'linked.compose.yaml', outside], { cwd }));
    expect(findings.map((finding) => finding.rule)).toEqual(['volume-source-fallback', 'volume-source-fallback']);
  });
});

describe('item 11: configuration is found inside the project only', () => {
  for (const [name, repo] of [
    ['a repository (.git) below the config', GIT],
    ['a plain directory below the config', {}],
  ] as const) {
    it(`a .litelint.yaml above the project root does not change the results: ${name}`, () => {
      const parent = tempProject({ '.litelint.yaml': 'ignore: ["**"]\nrules:\n  volume-source-fallback: off\n' });
      const cwd = join(parent, 'repo');
      for (const [path, text] of Object.entries({ ...repo, 'compose.yaml': BAD_COMPOSE })) {
        mkdirSync(join(cwd, path, '..'), { recursive: true });
        writeFileSync(join(cwd, path), text);
      }
      const result = runCli(['-f', 'json'], { cwd });
      expect(positions(jsonFindings(result))).toEqual([BAD_FINDING]);
      expect(result.code).toBe(1);
    });
  }

  it('inside a repository, a .litelint.yaml at its root applies in a subdirectory', () => {
    const cwd = tempProject({ ...GIT, '.litelint.yaml': 'rules:\n  volume-source-fallback: warning\n', 'sub/compose.yaml': BAD_COMPOSE });
    const result = runCli(['-f', 'json'], { cwd: join(cwd, 'sub') });
    expect(jsonFindings(result).map((finding) => finding.severity)).toEqual(['warning']);
  });
});

/**
 * Runs the built CLI as an unprivileged user, so that permission bits hold even when the tests run
 * as root (root reads everything); as any other user it runs as that user.
 */
let unprivilegedBin: string | undefined;

function spawnUnprivileged(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  // The unprivileged user may not reach this clone (a private temporary directory): it runs a copy.
  unprivilegedBin ??= join(copyOfBuiltPackage('litelint-unprivileged-'), 'bin', 'litelint.js');
  const result = spawnSync(process.execPath, [unprivilegedBin, ...args], { cwd, env: { PATH: process.env.PATH }, encoding: 'utf8', ...asNobody });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A project others can enter (mkdtemp makes it private), with `locked/` that cannot be searched or listed. */
function projectWithLockedDirectory(): string {
  const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE, 'locked/compose.yaml': BAD_COMPOSE, 'open/compose.yaml': BAD_COMPOSE });
  for (const dir of [cwd, join(cwd, 'open')]) chmodSync(dir, 0o755);
  for (const file of ['compose.yaml', 'open/compose.yaml', 'locked/compose.yaml']) chmodSync(join(cwd, file), 0o644);
  chmodSync(join(cwd, 'locked'), 0o000);
  return cwd;
}

describe('item 12: unreadable things are reported, never hidden', { timeout: 120_000 }, () => {
  it('a file named inside an unreadable directory: a finding for it, and the other files results (exit 1, not 2)', () => {
    const cwd = projectWithLockedDirectory();
    const result = spawnUnprivileged(['-f', 'json', 'locked/compose.yaml', 'open/compose.yaml'], cwd);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const findings = jsonFindings({ code: 1, stdout: result.stdout, stderr: '' });
    expect(places(findings)).toEqual(['locked/compose.yaml:parse-error@1:1', `open/compose.yaml:${BAD_FINDING}`]);
    expect(findings[0].message).toBe('cannot read file (EACCES)');
  });

  it('an unreadable directory met in the walk is a finding on that directory, so is a link into it; the rest is linted', () => {
    const cwd = projectWithLockedDirectory();
    symlinkSync('locked/compose.yaml', join(cwd, 'docker-compose.yml'));
    const result = spawnUnprivileged(['-f', 'json'], cwd);
    const findings = jsonFindings({ code: 1, stdout: result.stdout, stderr: '' });
    expect(places(findings)).toEqual([
      `compose.yaml:${BAD_FINDING}`,
      'docker-compose.yml:parse-error@1:1',
      'locked:parse-error@1:1',
      `open/compose.yaml:${BAD_FINDING}`,
    ]);
    expect(findings[1].message).toBe('cannot read the target of this symlink (EACCES); it was not linted');
    expect(findings[2].message).toMatch(/^cannot list directory \(EACCES\)/);
    expect(result.status).toBe(1);
  });
});

describe('item 14: an API readFile that answers something other than a string', () => {
  const compose = `include:\n  - inc.yaml\n${BAD_COMPOSE}`;
  const answers: [string, unknown][] = [
    ['a number', 42],
    ['an object', { text: 'services: {}' }],
    ['a Buffer', Buffer.from('services:\n  s:\n    image: x\n')],
    ['null', null],
  ];
  it.each(answers)('%s: the file is unreadable (not found), never an internal error', (_name, answer) => {
    const result = lint([{ path: 'compose.yaml', text: compose }], { readFile: () => answer as string });
    expect(positions(result.findings)).toEqual(['parse-error@2:5', 'volume-source-fallback@7:9']);
    expect(result.findings[0].message).toBe('included file inc.yaml not found');
  });

  it('a RefusedFile answer: an outside-project finding at the entry naming the file, or on the file itself', () => {
    const text = `include:\n  - path: inc.yaml\n    env_file: /etc/app.env\n${BAD_COMPOSE}`;
    const result = lint([{ path: 'compose.yaml', text }], {
      readFile: (path) => (path === 'inc.yaml' ? 'services: {}\n' : path === '.env' || path.startsWith('/') ? new RefusedFile('outside the project') : undefined),
    });
    expect(result.findings.map((finding) => `${finding.file}:${finding.rule}@${finding.line}:${finding.column}`)).toEqual([
      '.env:outside-project@1:1',
      'compose.yaml:outside-project@3:15',
      'compose.yaml:volume-source-fallback@8:9',
    ]);
    expect(result.findings[1].message).toBe('not read: /etc/app.env is outside the project; litelint reads only files inside the project root');
  });

  it('a readFile that throws: the same', () => {
    const result = lint([{ path: 'compose.yaml', text: compose }], {
      readFile: () => {
        throw new Error('boom');
      },
    });
    expect(positions(result.findings)).toEqual(['parse-error@2:5', 'volume-source-fallback@7:9']);
  });
});

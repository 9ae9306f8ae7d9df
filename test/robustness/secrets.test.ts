/**
 * Values from `.env`, compose `environment:` / `env_file:` and Kamal env (clear values and
 * `.kamal/secrets`) never appear in any output format, messages included (issue 6).
 * Every secret starts with MARK; each project also has findings, so that a format that prints
 * nothing cannot pass for one that hides the secret.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index';
import { FORMAT_NAMES, loadFormatter, type Formatter } from '../../src/formatters';
import { jsonFindings, runCli, tempProject } from '../helpers';

const MARK = 's3cr3t-VALUE-';

const PROJECTS: Record<string, Record<string, string>> = {
  'compose with .env, environment and env_file': {
    '.env': [
      `DATA=/srv/${MARK}dotenv-data`,
      `DB_PASSWORD=${MARK}dotenv-pw`,
      `SECRET=${MARK}dotenv-required`,
      `TARGET=/${MARK}dotenv-target`,
      `NAMED=${MARK}dotenv-named`,
      '',
    ].join('\n'),
    'app.env': `APP_SECRET=${MARK}env-file\n`,
    'compose.yaml': [
      'services:',
      '  app:',
      '    image: ${IMAGE:?no image ${SECRET}}',
      '    env_file: app.env',
      '    environment:',
      '      DB_PASSWORD: ${DB_PASSWORD}',
      `      API_TOKEN: ${MARK}env-literal`,
      `      PG_URL: postgres://app:${MARK}env-url@db/app`,
      '    volumes:',
      '      - ${DATA:-./data}:/data',
      '      - ${SCRATCH:-./scratch}:${TARGET}',
      '      - ${X:?missing ${SECRET}}:/x',
      '      - ${NAMED}:/named',
      '  list:',
      '    image: x',
      '    environment:',
      `      - PASSWORD=${MARK}env-list`,
      `      - BAD=${MARK}env-bad-\${`,
      '    volumes:',
      '      - ${LIST_DATA:-./list}:/list',
      '',
    ].join('\n'),
  },
  'a broken .env': {
    '.env': `SECRET=${MARK}broken-1\nTHIS LINE IS NOT "valid\nDATA='/srv/${MARK}broken-2\n`,
    'compose.yaml': 'services:\n  app:\n    image: x\n    volumes:\n      - ${DATA:-./data}:/data\n      - ${X:?need ${SECRET}}:/x\n',
  },
  'a .env referenced through ${X:?msg ${SECRET}} only': {
    '.env': `SECRET=${MARK}required-only\n`,
    'compose.yaml': 'services:\n  app:\n    image: ${X:?set X, the secret is ${SECRET}}\n    volumes:\n      - ${DATA:-./data}:/data\n',
  },
  'Kamal env.clear, env.secret and .kamal/secrets': {
    'config/deploy.yml': [
      'service: blog',
      'image: acme/blog',
      'servers:',
      '  web:',
      '    hosts: [192.0.2.1]',
      '    env:',
      '      clear:',
      `        ROLE_TOKEN: ${MARK}kamal-role`,
      'volumes:',
      '  - /srv/<%= ENV["STAGE"] %>/storage:/rails/storage',
      'env:',
      '  clear:',
      `    API_KEY: ${MARK}kamal-clear`,
      `    DATABASE_URL: sqlite3:///rails/storage/production.sqlite3?key=${MARK}kamal-url`,
      '  secret:',
      '    - RAILS_MASTER_KEY',
      '    - DB_KEY',
      'accessories:',
      '  db:',
      '    image: litestream/litestream',
      '    host: 192.0.2.1',
      '    env:',
      '      clear:',
      `        LITESTREAM_ACCESS_KEY_ID: ${MARK}kamal-accessory`,
      '      secret: [LITESTREAM_SECRET]',
      '',
    ].join('\n'),
    '.kamal/secrets': `RAILS_MASTER_KEY=${MARK}kamal-secret\nDB_KEY=$(op read op://vault/${MARK}kamal-cmd)\nLITESTREAM_SECRET=${MARK}kamal-ls\n`,
    // Findings in the same run, so that every format has something to print.
    'compose.yaml': 'services:\n  web:\n    image: x\n    volumes:\n      - ${DATA:-./data}:/data\n',
    Dockerfile: 'FROM ruby:3.3-slim\nENV DATABASE_URL=sqlite3:///rails/storage/production.sqlite3\nCMD ["bin/rails", "server"]\n',
  },
};

describe.each(Object.entries(PROJECTS))('secrets: %s', (_name, files) => {
  it('the project has findings (the check below is not vacuous)', () => {
    const cwd = tempProject(files);
    const findings = jsonFindings(runCli(['-f', 'json'], { cwd }));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((finding) => finding.rule)).toContain('volume-source-fallback');
  });

  it.each(FORMAT_NAMES)('no secret in the %s output, stdout, stderr or -o file', (format) => {
    const cwd = tempProject(files);
    for (const tty of [false, true]) {
      const result = runCli(['-f', format, '--report-unused-ignores', '--strict'], { cwd, tty });
      expect(result.code).toBe(1);
      expect(result.stdout.length).toBeGreaterThan(0);
      expect(result.stdout).not.toContain(MARK);
      expect(result.stderr).not.toContain(MARK);
    }
    const toFile = runCli(['-f', format, '-o', 'report.out'], { cwd });
    expect(toFile.stderr).not.toContain(MARK);
    expect(readFileSync(join(cwd, 'report.out'), 'utf8')).not.toContain(MARK);
  });
});

describe('secrets: SQLite evidence taken from environment values', () => {
  it('a DATABASE_URL carrying a password is cited by name and line, never by value', () => {
    const cwd = tempProject({
      'compose.yaml': `services:\n  app:\n    image: python:3.12-slim\n    environment:\n      DATABASE_URL: sqlite:////data/app.db?_auth_pass=${MARK}evidence\n`,
      'config/deploy.yml': `service: a\nimage: b\nservers: [h]\nenv:\n  clear:\n    DATABASE_URL: sqlite3:///data/app.db?key=${MARK}kamal-evidence\n`,
    });
    for (const format of FORMAT_NAMES) {
      const result = runCli(['-f', format, '--strict'], { cwd });
      expect(result.stdout).not.toBe('');
      expect(result.stdout + result.stderr).not.toContain(MARK);
    }
  });
});

describe('secrets: a value used in a volume source', () => {
  it('is not printed when the variable it fills is reported', () => {
    const cwd = tempProject({
      '.env': `DATA=/srv/${MARK}used\n`,
      'compose.yaml': 'services:\n  app:\n    image: x\n    volumes:\n      - ${DATA}:/data\n      - ${OTHER:-./o}:/o\n',
    });
    for (const format of FORMAT_NAMES) {
      const result = runCli(['-f', format], { cwd });
      expect(result.stdout + result.stderr).not.toContain(MARK);
    }
    const findings = jsonFindings(runCli(['-f', 'json'], { cwd }));
    expect(findings.map((finding) => `${finding.rule}@${finding.line}`)).toEqual(['volume-source-fallback@5', 'volume-source-fallback@6']);
  });
});

/**
 * Issue 13, item 3: a value interpolated from `.env`, an include's env_file or the API's `env`
 * reaches no message through any field: volume names and targets (a YAML escape `\x24{TGT}` hiding
 * the `$` included), database targets, include / extends / env_file paths, extended service names,
 * `- ${KEY}=...` names, tmpfs sizes. Messages quote the file's own text (`${VOL}`).
 */
const INTERPOLATED_COMPOSE = [
  'name: ${NAME}',
  'include:',
  '  - ${INC}',
  '  - path: sub.yaml',
  '    env_file: ${ENVF}',
  'services:',
  '  a:',
  '    image: python:3.12',
  '    extends: { file: "${EXT}", service: x }',
  '    environment:',
  '      DATABASE_URL: sqlite:////data/app.db',
  '    volumes:',
  '      - ${VOL}:/data',
  '      - "${Q:-./q}:\\x24{TGT}"',
  '      - ./db:${DBT}',
  '      - type: tmpfs',
  '        target: /t',
  '        tmpfs: { size: "${SIZE}" }',
  '  b:',
  '    image: python:3.12',
  '    environment:',
  '      - ${KEY}=sqlite:////data/b.db',
  '    volumes:',
  '      - ${VOL}:/data',
  '      - type: bind',
  '        source: ${R:-./r}',
  '        target: ${TGT}',
  '  c:',
  '    image: x',
  '    extends: { service: "${SVC}" }',
  '',
].join('\n');

const INTERPOLATED_VALUES: Record<string, string> = {
  VOL: `${MARK}vol`,
  TGT: `/${MARK}tgt`,
  DBT: `/${MARK}dbt/app.db`,
  INC: `${MARK}inc.yaml`,
  EXT: `${MARK}ext.yaml`,
  ENVF: `${MARK}envf.env`,
  NAME: `${MARK}name`,
  SVC: `${MARK}svc`,
  SIZE: `${MARK}size`,
  KEY: `${MARK}key`,
};

describe('secrets: values interpolated into names, targets, paths, include/extends, env_file and the project name', () => {
  const dotenv = Object.entries(INTERPOLATED_VALUES)
    .map(([name, value]) => `${name}=${value}`)
    .join('\n');

  it.each(FORMAT_NAMES)('from .env: not in the %s output', (format) => {
    const cwd = tempProject({ '.env': `${dotenv}\n`, 'compose.yaml': INTERPOLATED_COMPOSE, 'sub.yaml': 'services:\n  s:\n    image: x\n' });
    const result = runCli(['-f', format, '--strict'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout.length).toBeGreaterThan(0);
    expect(result.stdout + result.stderr).not.toContain(MARK);
  });

  it('from .env: the messages name what is written instead', () => {
    const cwd = tempProject({ '.env': `${dotenv}\n`, 'compose.yaml': INTERPOLATED_COMPOSE, 'sub.yaml': 'services:\n  s:\n    image: x\n' });
    const messages = jsonFindings(runCli(['-f', 'json', '--strict'], { cwd })).map((finding) => finding.message);
    expect(messages).toContain('included file ${INC} not found');
    expect(messages).toContain('cannot read ${EXT}, extended by service a');
    expect(messages).toContain('cannot extend service "c": service "${SVC}" not found');
    expect(messages.some((message) => message.startsWith("${TGT} of service 'a' "))).toBe(true);
    expect(messages.some((message) => message.includes("volume '${VOL}'"))).toBe(true);
  });

  it('from an include env_file: not in any output', () => {
    const cwd = tempProject({
      'inc.env': `${dotenv}\n`,
      'compose.yaml': `include:\n  - path: inc/compose.yaml\n    env_file: inc.env\n${INTERPOLATED_COMPOSE.replace(/^name: .*\ninclude:\n/, 'x-first:\n')}`,
      'inc/compose.yaml': INTERPOLATED_COMPOSE.replace('  - path: sub.yaml\n    env_file: ${ENVF}\n', ''),
      'sub.yaml': 'services:\n  s:\n    image: x\n',
    });
    for (const format of FORMAT_NAMES) {
      const result = runCli(['-f', format, '--strict'], { cwd });
      expect(result.stdout.length).toBeGreaterThan(0);
      expect(result.stdout + result.stderr).not.toContain(MARK);
    }
    const messages = jsonFindings(runCli(['-f', 'json'], { cwd })).map((finding) => finding.message);
    expect(messages).toContain('included file ${INC} not found');
  });

  it.each(FORMAT_NAMES)("from the API's env: not in the %s output", (format) => {
    const result = lint(
      [
        { path: 'compose.yaml', text: INTERPOLATED_COMPOSE },
        { path: 'sub.yaml', text: 'services:\n  s:\n    image: x\n' },
      ],
      { env: INTERPOLATED_VALUES },
    );
    expect(result.findings.map((finding) => finding.rule)).toContain('volume-source-fallback');
    const formatter = loadFormatter(format) as Formatter;
    const output = formatter(result.findings, { color: false, fileCount: 2, files: ['compose.yaml', 'sub.yaml'], toolVersion: '0.0.0' });
    expect(JSON.stringify(result.findings)).not.toContain(MARK);
    expect(output).not.toContain(MARK);
  });
});

/**
 * Issue 13, item 4: a credential written in a URL or query string is masked wherever litelint
 * quotes the text: compose `command:`, Kamal `cmd:`, Dockerfile `ENV` / `ARG`, `config/database.yml`.
 * Each project quotes its URL in a finding (the `***` proves it was quoted, so the check is not vacuous).
 */
const KAMAL_APP = 'service: blog\nimage: acme/blog\nservers:\n  web:\n    hosts: [192.0.2.1]\nvolumes:\n  - /srv/storage:/rails/storage\n';
const CREDENTIAL_PROJECTS: Record<string, Record<string, string>> = {
  'Dockerfile ENV with user:password@': { Dockerfile: `FROM python:3.12-slim\nENV DATABASE_URL=sqlite://admin:${MARK}env@/data/app.db\n` },
  'Dockerfile ENV with token=': { Dockerfile: `FROM python:3.12-slim\nENV DATABASE_URL=sqlite:////data/app.db?mode=rwc&token=${MARK}tok\n` },
  'Dockerfile ARG with password=': { Dockerfile: `FROM python:3.12-slim\nARG DB_URL=sqlite:////data/app.db?password=${MARK}arg\n` },
  'compose command: with _auth_pass=': {
    'compose.yaml': `services:\n  app:\n    image: python:3.12\n    command: ["serve", "sqlite:////data/app.db?_auth_pass=${MARK}cmd"]\n`,
  },
  'compose command: with user:pass@': { 'compose.yaml': `services:\n  app:\n    image: python:3.12\n    command: serve sqlite://u:${MARK}pw@/data/app.db\n` },
  'compose command: a password with an unencoded @, and a password= word': {
    'compose.yaml': `services:\n  app:\n    image: python:3.12\n    command: serve sqlite://u:${MARK}a@b@/data/app.db password=${MARK}word\n`,
  },
  'Kamal cmd: with secret=': {
    'config/deploy.yml': `${KAMAL_APP.replace('    hosts: [192.0.2.1]\n', `    hosts: [192.0.2.1]\n    cmd: bin/run --db sqlite3:///rails/storage/x.sqlite3?secret=${MARK}kamal\n`)}`,
    Dockerfile: 'FROM ruby:3.3-slim\nCMD ["bin/rails", "server"]\n',
  },
  'config/database.yml with key= and pass=': {
    'config/deploy.yml': KAMAL_APP,
    Dockerfile: 'FROM ruby:3.3-slim\nCMD ["bin/rails", "server"]\n',
    'config/database.yml': `production:\n  adapter: sqlite3\n  database: sqlite3:///rails/storage/production.sqlite3?key=${MARK}dbyml&pass=${MARK}dbyml2\n`,
  },
};

describe.each(Object.entries(CREDENTIAL_PROJECTS))('credentials in URLs: %s', (_name, files) => {
  it('is quoted with the credential masked, in every format', () => {
    const cwd = tempProject(files);
    for (const format of FORMAT_NAMES) {
      const result = runCli(['-f', format, '--strict'], { cwd });
      expect(result.stdout.length).toBeGreaterThan(0);
      expect(result.stdout + result.stderr).not.toContain(MARK);
    }
    expect(runCli(['-f', 'json', '--strict'], { cwd }).stdout).toContain('***');
  });
});

describe('credentials in URLs: a configuration error quoting .litelint.yaml', () => {
  it('masks the password on stderr', () => {
    const cwd = tempProject({ '.litelint.yaml': `images:\n  "registry://ci:${MARK}cfg@host/app": { sqlite: "3.x" }\n`, 'compose.yaml': 'services: {}\n' });
    const result = runCli([], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('registry://ci:***@host/app');
    expect(result.stderr).not.toContain(MARK);
  });
});

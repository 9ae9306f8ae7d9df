/**
 * Values from `.env`, compose `environment:` / `env_file:` and Kamal env (clear values and
 * `.kamal/secrets`) never appear in any output format, messages included (issue 6).
 * Every secret starts with MARK; each project also has findings, so that a format that prints
 * nothing cannot pass for one that hides the secret.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../../src/formatters';
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

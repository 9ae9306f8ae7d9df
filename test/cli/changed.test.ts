/**
 * `--changed` (the pre-commit hook's entry): the paths are the staged files. A commit that only
 * changes evidence (a lockfile that downgrades better-sqlite3) lints the deploy files that read it
 * and reports the findings on it or related to it, not the unrelated ones elsewhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonFindings, runCli, tempProject } from '../helpers';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'bundled-sqlite', 'bad');
const NODE_APP = {
  Dockerfile: readFileSync(join(EXAMPLE, 'Dockerfile'), 'utf8'),
  'package.json': readFileSync(join(EXAMPLE, 'package.json'), 'utf8'),
  'package-lock.json': readFileSync(join(EXAMPLE, 'package-lock.json'), 'utf8'),
  // An unrelated finding elsewhere in the repository, not what the commit is about.
  'legacy/compose.yaml': 'services:\n  old:\n    image: x\n    volumes:\n      - ${OLD_DIR:-./old}:/data\n',
};

const rows = (args: string[], cwd: string): string[] => jsonFindings(runCli(['-f', 'json', ...args], { cwd })).map((finding) => `${finding.rule}@${finding.file}:${finding.line}`);

describe('--changed', () => {
  it('a staged lockfile alone: the findings it causes, through the Dockerfile that copies it in', () => {
    const cwd = tempProject(NODE_APP);
    expect(rows(['--changed', 'package-lock.json'], cwd)).toEqual(['bundled-sqlite@package-lock.json:15']);
    // Without --changed, a named lockfile is read as a Dockerfile (a file named explicitly is linted
    // whatever its name): parse errors, and not the finding the lockfile causes.
    const named = rows(['package-lock.json'], cwd);
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((row) => row.startsWith('parse-error@package-lock.json:'))).toBe(true);
    expect(runCli(['--changed', 'package-lock.json'], { cwd }).code).toBe(0);
  });

  it('a staged deploy file keeps all its findings; one without evidence changes lints only what was named', () => {
    const cwd = tempProject(NODE_APP);
    expect(rows(['--changed', 'legacy/compose.yaml'], cwd)).toEqual(['volume-source-fallback@legacy/compose.yaml:5']);
    expect(rows(['--changed', 'legacy/compose.yaml', 'package-lock.json'], cwd)).toEqual([
      'volume-source-fallback@legacy/compose.yaml:5',
      'bundled-sqlite@package-lock.json:15',
    ]);
  });

  it('an evidence file no deploy file reads reports nothing', () => {
    const cwd = tempProject({ ...NODE_APP, 'tools/requirements-dev.txt': 'pytest==8.3.0\n' });
    const result = runCli(['--changed', 'tools/requirements-dev.txt'], { cwd });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(jsonFindings(runCli(['-f', 'json', '--changed', 'tools/requirements-dev.txt'], { cwd }))).toEqual([]);
  });

  // Issue 17: each kind of evidence file the hook passes, staged alone, reports what it causes in
  // the deploy files that read it (on the evidence file, or on the deploy file with it as related).
  // The unrelated legacy/compose.yaml finding is never reported.
  const LEGACY = { 'legacy/compose.yaml': NODE_APP['legacy/compose.yaml'] };
  const PYTHON_DOCKERFILE = (copied: string): string => `FROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY ${copied} .\nRUN pip install ${copied === 'requirements.txt' ? '-r requirements.txt' : '.'}\n`;
  const RUST_DOCKERFILE = 'FROM rust:1.91 AS build\nWORKDIR /src\nCOPY Cargo.toml Cargo.lock ./\nCOPY src ./src\nRUN cargo build --release\n\nFROM debian:13-slim\nCOPY --from=build /src/target/release/app /app\nCMD ["/app"]\n';
  it.each<{ changed: string; files: Record<string, string>; expected: string[] }>([
    {
      changed: 'requirements.txt',
      files: { Dockerfile: PYTHON_DOCKERFILE('requirements.txt'), 'requirements.txt': 'aiosqlite==0.20.0\n' },
      expected: ['distro-sqlite@Dockerfile:1 <- requirements.txt:1', 'sqlite-version-assert@Dockerfile:1 <- requirements.txt:1'],
    },
    {
      changed: 'pyproject.toml',
      files: { Dockerfile: PYTHON_DOCKERFILE('pyproject.toml'), 'pyproject.toml': '[project]\nname = "app"\ndependencies = ["aiosqlite"]\n' },
      expected: ['distro-sqlite@Dockerfile:1 <- pyproject.toml:3', 'sqlite-version-assert@Dockerfile:1 <- pyproject.toml:3'],
    },
    {
      changed: 'Gemfile.lock',
      files: {
        Dockerfile: 'FROM ruby:3.3-slim-bookworm\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\n',
        Gemfile: 'source "https://rubygems.org"\ngem "sqlite3"\n',
        'Gemfile.lock': 'GEM\n  remote: https://rubygems.org/\n  specs:\n    sqlite3 (1.7.3)\n\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  sqlite3\n',
      },
      expected: ['bundled-sqlite@Gemfile.lock:4'],
    },
    {
      changed: 'go.mod',
      files: { Dockerfile: 'FROM golang:1.23-bookworm\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go build -o /app .\n', 'go.mod': 'module example.com/app\n\ngo 1.23\n\nrequire github.com/mattn/go-sqlite3 v1.14.22\n' },
      expected: ['sqlite-version-assert@Dockerfile:1 <- go.mod:5', 'bundled-sqlite@go.mod:5'],
    },
    {
      changed: 'Cargo.lock',
      files: {
        Dockerfile: RUST_DOCKERFILE,
        'Cargo.toml': '[dependencies]\nrusqlite = { version = "0.38", features = ["bundled"] }\n',
        'Cargo.lock': 'version = 4\n\n[[package]]\nname = "libsqlite3-sys"\nversion = "0.36.0"\n\n[[package]]\nname = "rusqlite"\nversion = "0.38.0"\n',
      },
      expected: ['bundled-sqlite@Cargo.lock:5', 'bundled-sqlite@Cargo.lock:9'],
    },
    {
      changed: 'config/database.yml',
      files: {
        'compose.yaml': 'services:\n  web:\n    build: .\n',
        Dockerfile: 'FROM ruby:3.3-slim\nWORKDIR /srv/app\nCOPY . .\n',
        'config/database.yml': 'production:\n  adapter: sqlite3\n  database: storage/production.sqlite3\n',
      },
      expected: ['sqlite-version-assert@Dockerfile:1 <- config/database.yml:2', 'sqlite-ephemeral-storage@compose.yaml:2 <- config/database.yml:3'],
    },
    {
      changed: '.env',
      files: { 'compose.yaml': 'services:\n  api:\n    image: python:3.12-slim\n    env_file: .env\n', '.env': 'export DB_TYPE="sqlite"\n' },
      expected: ['distro-sqlite@compose.yaml:3 <- .env:1'],
    },
  ])('a staged $changed alone reports the findings it causes', ({ changed, files, expected }) => {
    const cwd = tempProject({ ...LEGACY, ...files });
    const found = jsonFindings(runCli(['-f', 'json', '--changed', changed], { cwd })).map(
      (finding) => `${finding.rule}@${finding.file}:${finding.line}${finding.related?.length ? ` <- ${finding.related.map((item) => `${item.file}:${item.line}`).join(' ')}` : ''}`,
    );
    expect(found).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { sqliteVersionAssert } from '../../rules/sqlite-version-assert';
import { at, exampleFiles, runRule } from './harness';

const PYTHON_LINE =
  'RUN python3 -c "import sqlite3, sys; v = sqlite3.sqlite_version_info; sys.exit(not (v >= (3, 51, 3) or (3, 50, 7) <= v < (3, 51) or (3, 44, 6) <= v < (3, 45))) or print(sqlite3.sqlite_version)"';

function dockerfile(...lines: string[]): { Dockerfile: string } {
  return { Dockerfile: `${lines.join('\n')}\n` };
}

describe('sqlite-version-assert', () => {
  it('fires on the example bad Dockerfile at the print-only check', () => {
    const findings = runRule(sqliteVersionAssert, exampleFiles('sqlite-version-assert/bad'));
    expect(at(findings)).toEqual(['Dockerfile:5:1']);
    expect(findings[0]).toMatchObject({ endLine: 5, endColumn: 4 });
    expect(findings[0].message).toContain('The SQLite version check at line 5 only prints the version; it never fails the build');
    expect(findings[0].help).toContain(PYTHON_LINE);
  });

  it('stays quiet on the example good Dockerfiles', () => {
    for (const example of ['sqlite-version-assert/good', 'distro-sqlite/good', 'bundled-sqlite/good']) {
      expect(runRule(sqliteVersionAssert, exampleFiles(example)), example).toEqual([]);
    }
  });

  it('fires at the final FROM token when no check exists, with the RUN line for the runtime', () => {
    const findings = runRule(sqliteVersionAssert, exampleFiles('distro-sqlite/bad'));
    expect(at(findings)).toEqual(['Dockerfile:2:6']);
    expect(findings[0].message).toBe('No RUN step of the final image fails the build when its SQLite is older than 3.51.3');
    expect(findings[0].related).toMatchObject([{ file: 'requirements.txt', line: 3, message: 'evidence that the image uses SQLite: requires aiosqlite' }]);
    expect(findings[0].help).toBe(`Add to the final stage, after any ld.so.conf.d/ldconfig or LD_LIBRARY_PATH step: ${PYTHON_LINE}`);
  });

  it('recognises the MH-style assert spread over continuation lines', () => {
    const files = dockerfile(
      'FROM python:3.12-slim',
      'RUN pip install aiosqlite sqlite-vec',
      'RUN /app/.venv/bin/python -c "\\',
      'import sqlite3, sqlite_vec; \\',
      'ver = sqlite3.sqlite_version_info; \\',
      "assert ver >= (3, 51, 3), f'SQLite {sqlite3.sqlite_version} < 3.51.3 (WAL-reset corruption bug)'; \\",
      "print(f'SQLite={sqlite3.sqlite_version}')\"",
    );
    expect(runRule(sqliteVersionAssert, files)).toEqual([]);
  });

  it('fires at the version literal when the floor is below the fix', () => {
    const files = dockerfile('FROM python:3.12-slim', 'RUN pip install aiosqlite', 'RUN python -c "import sqlite3; assert sqlite3.sqlite_version_info >= (3, 40, 0)"');
    const findings = runRule(sqliteVersionAssert, files);
    expect(at(findings)).toEqual(['Dockerfile:3:70']);
    expect(findings[0]).toMatchObject({ endLine: 3, endColumn: 80 });
    expect(findings[0].message).toContain('compares against 3.40.0, below 3.51.3');
  });

  it('fires when || true swallows the failure', () => {
    const files = dockerfile('FROM python:3.12-slim', 'RUN pip install aiosqlite', 'RUN python -c "import sqlite3; assert sqlite3.sqlite_version_info >= (3, 51, 3)" || true');
    const findings = runRule(sqliteVersionAssert, files);
    expect(at(findings)).toEqual(['Dockerfile:3:1']);
    expect(findings[0].message).toContain("'|| true' (or a similar fallback) swallows its exit code");
  });

  it('fires with a specific message when the only check runs in a sibling stage', () => {
    const files = dockerfile(
      'FROM python:3.12-slim AS base',
      'RUN pip install aiosqlite',
      '',
      'FROM base AS check',
      'RUN python -c "import sqlite3; assert sqlite3.sqlite_version_info >= (3, 51, 3)"',
      '',
      'FROM python:3.12-slim AS runtime',
      'RUN pip install aiosqlite',
      'CMD ["python", "-m", "app"]',
    );
    const findings = runRule(sqliteVersionAssert, files);
    expect(at(findings)).toEqual(['Dockerfile:5:1']);
    expect(findings[0].message).toContain("runs in stage 'check', which the final image (stage 'runtime') does not build FROM");
    expect(findings[0].help).toContain('BuildKit may skip that stage');
    expect(findings[0].related?.[0]).toMatchObject({ line: 7, column: 6 });
  });

  it('accepts a check in a stage the final stage builds FROM', () => {
    const files = dockerfile(
      'FROM python:3.12-slim AS base',
      'RUN pip install aiosqlite',
      'RUN python -c "import sqlite3, sys; sys.exit(sqlite3.sqlite_version_info < (3, 51, 3))"',
      '',
      'FROM base AS runtime',
      'CMD ["python", "-m", "app"]',
    );
    expect(runRule(sqliteVersionAssert, files)).toEqual([]);
  });

  it('fires when the check runs before the new library is registered', () => {
    const files = dockerfile(
      'FROM debian:bookworm-slim AS sqlite-builder',
      'RUN ./configure --prefix=/opt/sqlite && make install',
      'FROM python:3.12-slim-bookworm',
      'RUN pip install aiosqlite',
      'COPY --from=sqlite-builder /opt/sqlite /opt/sqlite',
      'RUN python -c "import sqlite3; assert sqlite3.sqlite_version_info >= (3, 51, 3)"',
      'RUN echo /opt/sqlite/lib > /etc/ld.so.conf.d/sqlite.conf && ldconfig',
    );
    const findings = runRule(sqliteVersionAssert, files);
    expect(at(findings)).toEqual(['Dockerfile:6:1']);
    expect(findings[0].message).toContain('runs before line 7 makes the loader use the new library, so it tests the old one');
  });

  it.each([
    ['node process.versions.sqlite', 'FROM node:24-slim', 'RUN node -e "const [a, b, c] = process.versions.sqlite.split(\'.\').map(Number); process.exit(a > 3 || b > 51 || (b === 51 && c >= 3) ? 0 : 1)"'],
    ['sqlite3 --version piped into awk', 'FROM python:3.12-slim', "RUN sqlite3 --version | awk '{ split($1, v, \".\"); if (v[2] < 51 || (v[2] == 51 && v[3] < 3)) exit 1 }'"],
    ['dpkg --compare-versions', 'FROM python:3.12-slim', 'RUN dpkg --compare-versions "$(dpkg-query -W -f=\'${Version}\' libsqlite3-0)" ge 3.51.3'],
    ['grep -q on a version pattern', 'FROM python:3.12-slim', "RUN sqlite3 :memory: 'select sqlite_version()' | grep -qE '^3\\.(5[2-9]|51\\.[3-9])'"],
    ['ruby SQLITE_LOADED_VERSION', 'FROM ruby:3.4-slim', 'RUN ruby -rsqlite3 -e \'exit(Gem::Version.new(SQLite3::SQLITE_LOADED_VERSION) >= Gem::Version.new("3.51.3"))\''],
    ['php version_compare', 'FROM php:8.4-cli', 'RUN php -r \'exit(version_compare(SQLite3::version()["versionString"], "3.51.3", ">=") ? 0 : 1);\''],
  ])('accepts %s', (_name, from, check) => {
    const files = dockerfile(from, 'ENV DATABASE_PATH=/data/app.db', check);
    expect(runRule(sqliteVersionAssert, files)).toEqual([]);
  });

  it('gives the runtime-specific RUN line: better-sqlite3 for a Node app', () => {
    const files = { ...exampleFiles('bundled-sqlite/bad'), Dockerfile: 'FROM node:24-slim\nCOPY package.json package-lock.json ./\nRUN npm ci\n' };
    const findings = runRule(sqliteVersionAssert, files);
    expect(at(findings)).toEqual(['Dockerfile:1:6']);
    expect(findings[0].help).toContain("RUN node -e \"const v = require('better-sqlite3')(':memory:').prepare('select sqlite_version() v').get().v;");
  });

  it('gives the ruby RUN line for a Rails app and rejects a CLI check there', () => {
    const files = {
      Dockerfile: 'FROM ruby:3.4-slim\nRUN apt-get install -y sqlite3\nCOPY Gemfile Gemfile.lock ./\nRUN sqlite3 --version | grep -qE "^3\\.5[2-9]"\n',
      Gemfile: 'gem "sqlite3"\n',
      'Gemfile.lock': 'GEM\n  specs:\n    sqlite3 (2.9.2)\n',
    };
    const findings = runRule(sqliteVersionAssert, files);
    expect(at(findings)).toEqual(['Dockerfile:4:1']);
    expect(findings[0].message).toContain('reads the sqlite3 command-line shell, but the sqlite3 gem (vendored SQLite) brings its own SQLite');
    expect(findings[0].help).toContain("RUN ruby -rsqlite3 -e 'exit(Gem::Version.new(SQLite3::SQLITE_LOADED_VERSION)");
  });

  it('does not fire for an image without SQLite evidence', () => {
    expect(runRule(sqliteVersionAssert, dockerfile('FROM python:3.12-slim', 'RUN pip install psycopg', 'ENV DATABASE_URL=postgresql://db/app'))).toEqual([]);
  });

  it('does not fire when the only evidence is the sqlite3 CLI package', () => {
    expect(runRule(sqliteVersionAssert, dockerfile('FROM debian:12-slim', 'RUN apt-get update && apt-get install -y sqlite3'))).toEqual([]);
  });
});

describe('sqlite-version-assert for compiled-in drivers', () => {
  const build = [
    'FROM golang:1.27 AS build',
    'COPY go.mod go.sum ./',
    'RUN CGO_ENABLED=1 go build -o /out/app ./cmd/app',
  ];
  const final = ['', 'FROM gcr.io/distroless/base-debian12', 'COPY --from=build /out/app /app', 'ENTRYPOINT ["/app"]'];
  const goMod = 'module x\n\nrequire github.com/mattn/go-sqlite3 v1.14.36\n';

  it('asks for the check in the build stage of a Go binary', () => {
    const findings = runRule(sqliteVersionAssert, { Dockerfile: `${[...build, ...final].join('\n')}\n`, 'go.mod': goMod });
    expect(at(findings)).toEqual(['Dockerfile:5:6']);
    expect(findings[0].help).toContain("Add to the build stage, after the binary is built (adjust the path): RUN strings /path/to/app | grep -qE");
  });

  it('accepts a check in the build stage the final image copies the binary from', () => {
    const check = "RUN strings /out/app | grep -qE '^3\\.(5[2-9]|[6-9][0-9]|51\\.([3-9]|[1-9][0-9]))'";
    expect(runRule(sqliteVersionAssert, { Dockerfile: `${[...build, check, ...final].join('\n')}\n`, 'go.mod': goMod })).toEqual([]);
  });
});

import { sqliteVersionAssert } from '../../rules/sqlite-version-assert';
import { exampleFiles } from '../support/rule-docs';
import { ruleTable } from '../support/rule-table';
import { PHOENIX_SQLITE } from '../support/phoenix-projects';
import { sqliteGoodExamples } from '../support/sqlite-projects';
import { GO_STORE_WITH_DRIVER, goMonorepo } from '../support/evidence-projects';

function dockerfile(...lines: string[]): { Dockerfile: string } {
  return { Dockerfile: `${lines.join('\n')}\n` };
}

const GO_BUILD = ['FROM golang:1.27 AS build', 'COPY go.mod go.sum ./', 'RUN CGO_ENABLED=1 go build -o /out/app ./cmd/app'];
const GO_FINAL = ['', 'FROM gcr.io/distroless/base-debian12', 'COPY --from=build /out/app /app', 'ENTRYPOINT ["/app"]'];
const GO_MOD = { 'go.mod': 'module x\n\nrequire github.com/mattn/go-sqlite3 v1.14.36\n' };

// The remedy's RUN lines: each fails the build below the fix in force (3.51.3, or a backport on its line).
const PHP_PDO_ASSERT = `RUN php -r 'exit(version_compare((new PDO("sqlite::memory:"))->query("select sqlite_version()")->fetchColumn(), "3.51.3", ">=") ? 0 : 1);'`;
const APK_ASSERT = "RUN apk info -v sqlite-libs | sed 's/^sqlite-libs-//' | awk -F. '{ exit !($1 > 3 || $2 > 51 || ($2 == 51 && $3 + 0 >= 3)) }'";
const FINAL_STAGE = 'Add to the final stage, after any ld.so.conf.d/ldconfig or LD_LIBRARY_PATH step: ';
const PYTHON_ASSERT = 'RUN python3 -c "import sqlite3, sys; v = sqlite3.sqlite_version_info; sys.exit(not (v >= (3, 51, 3) or (3, 50, 7) <= v < (3, 51) or (3, 44, 6) <= v < (3, 45))) or print(sqlite3.sqlite_version)"';
// A binary with a compiled-in driver (Go, Rust) carries its SQLite where only the build stage can check it.
const COMPILED_IN_ASSERT = "Add to the build stage, after the binary is built (adjust the path): RUN strings /path/to/app | grep -qE '^3\\.(5[2-9]|[6-9][0-9]|51\\.([3-9]|[1-9][0-9]))'";

const ACCEPTED_CHECKS = [
  ['node process.versions.sqlite', 'FROM node:24-slim', 'RUN node -e "const [a, b, c] = process.versions.sqlite.split(\'.\').map(Number); process.exit(a > 3 || b > 51 || (b === 51 && c >= 3) ? 0 : 1)"'],
  ['sqlite3 --version piped into awk', 'FROM python:3.12-slim', "RUN sqlite3 --version | awk '{ split($1, v, \".\"); if (v[2] < 51 || (v[2] == 51 && v[3] < 3)) exit 1 }'"],
  ['dpkg --compare-versions', 'FROM python:3.12-slim', 'RUN dpkg --compare-versions "$(dpkg-query -W -f=\'${Version}\' libsqlite3-0)" ge 3.51.3'],
  ['grep -q on a version pattern', 'FROM python:3.12-slim', "RUN sqlite3 :memory: 'select sqlite_version()' | grep -qE '^3\\.(5[2-9]|51\\.[3-9])'"],
  ['ruby SQLITE_LOADED_VERSION', 'FROM ruby:3.4-slim', 'RUN ruby -rsqlite3 -e \'exit(Gem::Version.new(SQLite3::SQLITE_LOADED_VERSION) >= Gem::Version.new("3.51.3"))\''],
  ['php version_compare', 'FROM php:8.4-cli', 'RUN php -r \'exit(version_compare(SQLite3::version()["versionString"], "3.51.3", ">=") ? 0 : 1);\''],
];

ruleTable(sqliteVersionAssert, {
  valid: [
    { name: 'a Go monorepo whose image builds cmd/server; only cmd/migrate imports the driver go.mod requires', files: goMonorepo() },
    ...sqliteGoodExamples(),
    { name: 'examples/bundled-sqlite/bad (the Dockerfile runs a check)', files: exampleFiles('bundled-sqlite/bad') },
    {
      name: 'the MH-style assert spread over continuation lines',
      files: dockerfile(
        'FROM python:3.12-slim',
        'RUN pip install aiosqlite sqlite-vec',
        'RUN /app/.venv/bin/python -c "\\',
        'import sqlite3, sqlite_vec; \\',
        'ver = sqlite3.sqlite_version_info; \\',
        "assert ver >= (3, 51, 3), f'SQLite {sqlite3.sqlite_version} < 3.51.3 (WAL-reset corruption bug)'; \\",
        "print(f'SQLite={sqlite3.sqlite_version}')\"",
      ),
    },
    {
      name: 'a check in a stage the final stage builds FROM',
      files: dockerfile(
        'FROM python:3.12-slim AS base',
        'RUN pip install aiosqlite',
        'RUN python -c "import sqlite3, sys; sys.exit(sqlite3.sqlite_version_info < (3, 51, 3))"',
        '',
        'FROM base AS runtime',
        'CMD ["python", "-m", "app"]',
      ),
    },
    ...ACCEPTED_CHECKS.map(([name, from, check]) => ({ name: `accepts ${name}`, files: dockerfile(from, 'ENV DATABASE_PATH=/data/app.db', check) })),
    { name: 'an image without SQLite evidence', files: dockerfile('FROM python:3.12-slim', 'RUN pip install psycopg', 'ENV DATABASE_URL=postgresql://db/app') },
    { name: 'the only evidence is the sqlite3 CLI package', files: dockerfile('FROM debian:12-slim', 'RUN apt-get update && apt-get install -y sqlite3') },
    {
      name: 'a check in the build stage the final image copies the Go binary from',
      files: { Dockerfile: `${[...GO_BUILD, "RUN strings /out/app | grep -qE '^3\\.(5[2-9]|[6-9][0-9]|51\\.([3-9]|[1-9][0-9]))'", ...GO_FINAL].join('\n')}\n`, ...GO_MOD },
    },
    {
      name: 'a Phoenix release that runs the suggested NIF check (cat | tr | grep, no binutils in the runner)',
      files: {
        ...PHOENIX_SQLITE,
        Dockerfile: PHOENIX_SQLITE.Dockerfile.replace('USER nobody', "RUN cat /app/lib/exqlite-*/priv/sqlite3_nif.so | tr -c '0-9.' '\\n' | grep -qxE '^3\\.(5[2-9]|[6-9][0-9]|51\\.([3-9]|[1-9][0-9]))(\\.[0-9]+)?'\nUSER nobody"),
      },
    },
  ],
  invalid: [
    {
      name: 'a Go monorepo whose cmd/server reaches the driver through internal/store: the check belongs in the build stage',
      files: goMonorepo({ 'internal/store/store.go': GO_STORE_WITH_DRIVER }),
      errors: [{ file: 'Dockerfile', line: 8, column: 6, endLine: 8, endColumn: 26, severity: 'warning', messageId: 'missingAssert', data: { minimum: '3.51.3' }, help: COMPILED_IN_ASSERT }],
    },
    {
      name: 'examples/sqlite-version-assert/bad: at the print-only check',
      files: exampleFiles('sqlite-version-assert/bad'),
      errors: [
        {
          file: 'Dockerfile', line: 5, column: 1, endLine: 5, endColumn: 4, severity: 'warning', messageId: 'checkOnlyPrints', data: { line: 5 },
          help: `${FINAL_STAGE}${PYTHON_ASSERT}`,
        },
      ],
    },
    {
      name: 'examples/distro-sqlite/bad: at the final FROM token when no check exists',
      files: exampleFiles('distro-sqlite/bad'),
      errors: [
        {
          file: 'Dockerfile', line: 2, column: 6, endLine: 2, endColumn: 22, severity: 'warning', messageId: 'missingAssert', data: { minimum: '3.51.3' },
          help: `${FINAL_STAGE}${PYTHON_ASSERT}`,
          related: ['requirements.txt:3:1 evidence that the image uses SQLite: requires aiosqlite'],
        },
      ],
    },
    {
      name: 'a suppression comment for distro-sqlite does not cover it',
      files: { Dockerfile: '# litelint-ignore distro-sqlite -- replaced by the platform image in prod\nFROM python:3.12-slim\nCOPY requirements.txt .\n', 'requirements.txt': 'aiosqlite==0.21.0\n' },
      errors: [{ file: 'Dockerfile', line: 2, column: 6, endLine: 2, endColumn: 22, severity: 'warning', messageId: 'missingAssert', data: { minimum: '3.51.3' } }],
    },
    {
      name: 'at the version literal when the floor is below the fix',
      files: dockerfile('FROM python:3.12-slim', 'RUN pip install aiosqlite', 'RUN python -c "import sqlite3; assert sqlite3.sqlite_version_info >= (3, 40, 0)"'),
      errors: [
        {
          file: 'Dockerfile', line: 3, column: 70, endLine: 3, endColumn: 80, severity: 'warning', messageId: 'floorBelowFix', data: { line: 3, floor: '3.40.0', minimum: '3.51.3' },
        },
      ],
    },
    {
      name: '|| true swallows the failure',
      files: dockerfile('FROM python:3.12-slim', 'RUN pip install aiosqlite', 'RUN python -c "import sqlite3; assert sqlite3.sqlite_version_info >= (3, 51, 3)" || true'),
      errors: [{ file: 'Dockerfile', line: 3, column: 1, endLine: 3, endColumn: 4, severity: 'warning', messageId: 'checkSwallowed', data: { line: 3 } }],
    },
    {
      name: 'the only check runs in a sibling stage, the final stage as related',
      files: dockerfile(
        'FROM python:3.12-slim AS base',
        'RUN pip install aiosqlite',
        '',
        'FROM base AS check',
        'RUN python -c "import sqlite3; assert sqlite3.sqlite_version_info >= (3, 51, 3)"',
        '',
        'FROM python:3.12-slim AS runtime',
        'RUN pip install aiosqlite',
        'CMD ["python", "-m", "app"]',
      ),
      errors: [
        {
          file: 'Dockerfile', line: 5, column: 1, endLine: 5, endColumn: 4, severity: 'warning', messageId: 'checkInOtherStage',
          data: { line: 5, stage: "stage 'check'", finalStage: "stage 'runtime'" },
          help: `BuildKit may skip that stage, and it checks another filesystem than the app's. ${FINAL_STAGE}${PYTHON_ASSERT}`,
          related: ["Dockerfile:7:6 the final image is built by stage 'runtime'", 'Dockerfile:8:17 evidence that the image uses SQLite: pip installs aiosqlite'],
        },
      ],
    },
    {
      name: 'the check runs before the new library is registered',
      files: dockerfile(
        'FROM debian:bookworm-slim AS sqlite-builder',
        'RUN ./configure --prefix=/opt/sqlite && make install',
        'FROM python:3.12-slim-bookworm',
        'RUN pip install aiosqlite',
        'COPY --from=sqlite-builder /opt/sqlite /opt/sqlite',
        'RUN python -c "import sqlite3; assert sqlite3.sqlite_version_info >= (3, 51, 3)"',
        'RUN echo /opt/sqlite/lib > /etc/ld.so.conf.d/sqlite.conf && ldconfig',
      ),
      errors: [{ file: 'Dockerfile', line: 6, column: 1, endLine: 6, endColumn: 4, severity: 'warning', messageId: 'checkBeforeRegister', data: { line: 6, registeredAt: 7 } }],
    },
    {
      name: 'a Node app (better-sqlite3) without a check',
      files: { ...exampleFiles('bundled-sqlite/bad'), Dockerfile: 'FROM node:24-slim\nCOPY package.json package-lock.json ./\nRUN npm ci\n' },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 18, severity: 'warning', messageId: 'missingAssert', data: { minimum: '3.51.3' },
          help: `${FINAL_STAGE}RUN node -e "const v = require('better-sqlite3')(':memory:').prepare('select sqlite_version() v').get().v; const [a, b, c] = v.split('.').map(Number); process.exit(a > 3 || b > 51 || (b === 51 && c >= 3) ? 0 : 1)"`,
        },
      ],
    },
    {
      name: 'a Rails app whose check reads the CLI, not the gem',
      files: {
        Dockerfile: 'FROM ruby:3.4-slim\nRUN apt-get install -y sqlite3\nCOPY Gemfile Gemfile.lock ./\nRUN sqlite3 --version | grep -qE "^3\\.5[2-9]"\n',
        Gemfile: 'gem "sqlite3"\n',
        'Gemfile.lock': 'GEM\n  specs:\n    sqlite3 (2.9.2)\n',
      },
      errors: [
        {
          file: 'Dockerfile', line: 4, column: 1, endLine: 4, endColumn: 4, severity: 'warning', messageId: 'checksShellOnly',
          data: { line: 4, runtime: 'the sqlite3 gem (vendored SQLite)' },
          help: `${FINAL_STAGE}RUN ruby -rsqlite3 -e 'exit(Gem::Version.new(SQLite3::SQLITE_LOADED_VERSION) >= Gem::Version.new("3.51.3"))'`,
        },
      ],
    },
    {
      name: 'a Go binary with a compiled-in driver: the check belongs in the build stage',
      files: { Dockerfile: `${[...GO_BUILD, ...GO_FINAL].join('\n')}\n`, ...GO_MOD },
      errors: [
        {
          file: 'Dockerfile', line: 5, column: 6, endLine: 5, endColumn: 37, severity: 'warning', messageId: 'missingAssert', data: { minimum: '3.51.3' },
          help: COMPILED_IN_ASSERT,
        },
      ],
    },
    {
      name: 'a Rust binary with rusqlite bundled: the check belongs in the build stage',
      files: {
        ...dockerfile('FROM rust:1.91 AS build', 'COPY . .', 'RUN cargo build --release', '', 'FROM gcr.io/distroless/cc-debian12', 'COPY --from=build /target/release/app /app', 'CMD ["/app"]'),
        'Cargo.toml': '[dependencies]\nrusqlite = { version = "0.39", features = ["bundled"] }\n',
        'Cargo.lock': 'version = 4\n\n[[package]]\nname = "rusqlite"\nversion = "0.39.0"\n',
      },
      errors: [
        {
          file: 'Dockerfile', line: 5, column: 6, endLine: 5, endColumn: 35, severity: 'warning', messageId: 'missingAssert', data: { minimum: '3.51.3' },
          help: COMPILED_IN_ASSERT,
        },
      ],
    },
    {
      name: 'a PHP app with pdo_sqlite without a check',
      files: dockerfile('FROM php:8.4-apache', 'RUN docker-php-ext-install pdo_sqlite', 'COPY . /var/www/html'),
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 20, severity: 'warning', messageId: 'missingAssert', data: { minimum: '3.51.3' },
          help: `${FINAL_STAGE}${PHP_PDO_ASSERT}`,
        },
      ],
    },
    {
      name: 'a PHP app on Alpine with only the sqlite3 extension: the SQLite3 class, not PDO',
      files: dockerfile('FROM alpine:3.20', 'RUN apk add --no-cache php83 php83-sqlite3', 'COPY . /srv', 'CMD ["php83", "-S", "0.0.0.0:80", "-t", "/srv"]'),
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 17, severity: 'warning', messageId: 'missingAssert', data: { minimum: '3.51.3' },
          help: `${FINAL_STAGE}RUN php -r 'exit(version_compare(SQLite3::version()["versionString"], "3.51.3", ">=") ? 0 : 1);'`,
        },
      ],
    },
    {
      name: 'a Go binary built with -tags libsqlite3 on Alpine: an apk check, never dpkg',
      files: {
        Dockerfile: ['FROM golang:1.27-alpine AS build', 'RUN apk add --no-cache build-base sqlite-dev', 'COPY . .', 'RUN go build -tags libsqlite3 -o /out/app ./cmd/app', '', 'FROM alpine:3.20', 'RUN apk add --no-cache sqlite-libs', 'COPY --from=build /out/app /app', 'CMD ["/app"]', ''].join('\n'),
        'go.mod': 'module x\n\nrequire github.com/mattn/go-sqlite3 v1.14.36\n',
      },
      errors: [
        {
          file: 'Dockerfile', line: 6, column: 6, endLine: 6, endColumn: 17, severity: 'warning', messageId: 'missingAssert', data: { minimum: '3.51.3' },
          help: `${FINAL_STAGE}${APK_ASSERT}`,
        },
      ],
    },
    {
      name: 'a Rust binary on the system library on UBI 9: an rpm check, never dpkg',
      files: {
        Dockerfile: ['FROM rust:1.98 AS build', 'RUN apt-get update && apt-get install -y libsqlite3-dev', 'COPY . .', 'RUN cargo build --release', '', 'FROM registry.access.redhat.com/ubi9/ubi-minimal', 'RUN microdnf install -y sqlite-libs', 'COPY --from=build /target/release/app /app', 'CMD ["/app"]', ''].join('\n'),
        'Cargo.toml': '[dependencies]\nrusqlite = "0.39"\n',
      },
      errors: [
        {
          file: 'Dockerfile', line: 6, column: 6, endLine: 6, endColumn: 49, severity: 'warning', messageId: 'missingAssert', data: { minimum: '3.51.3' },
          help: `${FINAL_STAGE}RUN rpm -q --qf '%{VERSION}\\n' sqlite-libs | awk -F. '{ exit !($1 > 3 || $2 > 51 || ($2 == 51 && $3 + 0 >= 3)) }'`,
        },
      ],
    },
    {
      name: 'a Phoenix release with exqlite (compiled-in SQLite): the check reads the NIF of the release, not dpkg',
      files: PHOENIX_SQLITE,
      errors: [
        {
          file: 'Dockerfile', line: 33, column: 6, endLine: 33, endColumn: 21, severity: 'warning', messageId: 'missingAssert', data: { minimum: '3.51.3' },
          help: `${FINAL_STAGE}RUN cat /app/lib/exqlite-*/priv/sqlite3_nif.so | tr -c '0-9.' '\\n' | grep -qxE '^3\\.(5[2-9]|[6-9][0-9]|51\\.([3-9]|[1-9][0-9]))(\\.[0-9]+)?'`,
        },
      ],
    },
    {
      name: 'Python on distroless: no shell to RUN a check in, so the help says where to run it',
      files: { Dockerfile: 'FROM python:3.12-slim AS build\nRUN pip install --target /deps aiosqlite\n\nFROM gcr.io/distroless/python3-debian13\nCOPY --from=build /deps /deps\nCOPY app.py /app.py\nENV PYTHONPATH=/deps\nCMD ["/app.py"]\n' },
      errors: [
        {
          file: 'Dockerfile', line: 4, column: 6, endLine: 4, endColumn: 40, severity: 'warning', messageId: 'missingAssert', data: { minimum: '3.51.3' },
          help: `${FINAL_STAGE}gcr.io/distroless/python3-debian13 has no shell to RUN a check in; run it in a stage FROM the same base with a shell (its :debug variant): ${PYTHON_ASSERT}`,
        },
      ],
    },
    {
      name: "a binary on Alpine's sqlite-libs without a check (an apk check)",
      files: dockerfile('FROM alpine:3.20', 'RUN apk add --no-cache sqlite-libs', 'COPY app /app', 'ENV DATABASE_PATH=/data/app.db', 'CMD ["/app"]'),
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 17, severity: 'warning', messageId: 'missingAssert', data: { minimum: '3.51.3' },
          help: `${FINAL_STAGE}RUN apk info -v sqlite-libs | sed 's/^sqlite-libs-//' | awk -F. '{ exit !($1 > 3 || $2 > 51 || ($2 == 51 && $3 + 0 >= 3)) }'`,
        },
      ],
    },
    {
      name: "a binary on Debian's libsqlite3-0 without a check (a dpkg check)",
      files: dockerfile('FROM debian:12-slim', 'RUN apt-get update && apt-get install -y libsqlite3-0', 'COPY app /app', 'ENV DATABASE_PATH=/data/app.db', 'CMD ["/app"]'),
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 20, severity: 'warning', messageId: 'missingAssert', data: { minimum: '3.51.3' },
          help: `${FINAL_STAGE}RUN dpkg --compare-versions "$(dpkg-query -W -f='\${Version}' libsqlite3-0)" ge 3.51.3`,
        },
      ],
    },
  ],
});

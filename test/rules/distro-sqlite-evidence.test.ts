/**
 * distro-sqlite on each evidence class of issue 15 section 2: a project that shows SQLite use in that
 * form (invalid), and the same project where it does not, or where a bundling app explains it (valid).
 */
import { distroSqlite } from '../../rules/distro-sqlite';
import { evidenceTable } from '../support/evidence-table';
import * as P from '../support/evidence-projects';
import { PHOENIX_POSTGRES, PHOENIX_SQLITE } from '../support/phoenix-projects';

const EVIDENCE = 'evidence that the image uses SQLite';
const TRIXIE = { base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3' };
const BOOKWORM = { base: 'Debian 12 (bookworm)', version: '3.40.1', fix: '3.51.3' };
const CPYTHON = "CPython's sqlite3 module";
const SHELL = 'the sqlite3 shell';
const LIBRARY = 'a program that loads the installed libsqlite3';

const GO_MATTN = 'module example.com/app\n\ngo 1.25\n\nrequire (\n\tgithub.com/mattn/go-sqlite3 v1.14.22\n)\n';

evidenceTable(distroSqlite, {
  valid: [
    { name: 'Django on Postgres: SQLite only in a comment, settings_dev.py, tests/ and docs/', files: P.DJANGO_POSTGRES },
    {
      name: 'Django: the sqlite3 default of DB_ENGINE is overridden by the compose service',
      files: { ...P.DJANGO_ENV_DEFAULT, 'compose.yaml': 'services:\n  web:\n    build: .\n    environment:\n      DB_ENGINE: postgresql\n      DB_NAME: app\n' },
    },
    {
      name: 'Laravel: config/database.php defaults to sqlite, the Kamal env sets DB_CONNECTION: mysql',
      files: { ...P.laravelWith('mysql'), '.env.example': 'APP_NAME=Laravel\n', 'config/database.php': "<?php\n\nreturn [\n    'default' => env('DB_CONNECTION', 'sqlite'),\n];\n", 'compose.yaml': 'services: {}\n', 'config/deploy.yml': 'service: shop\nimage: acme/shop\nservers:\n  web:\n    hosts:\n      - 192.0.2.10\nenv:\n  clear:\n    DB_CONNECTION: mysql\n' },
    },
    { name: 'FastAPI with a postgresql+asyncpg URL', files: P.fastapiWith('postgresql+asyncpg://app@db/app') },
    { name: 'a bot whose sqlite3 import is commented out', files: P.botWith('import discord\n# import sqlite3  (moved to postgres)\n') },
    { name: 'Laravel with DB_CONNECTION=mysql in .env.example', files: P.laravelWith('mysql') },
    { name: 'Kamal env DB_TYPE: postgres', files: P.kamalWith('postgres') },
    { name: 'the sqlite3 shell only installed (no database it runs on)', files: P.SHELL_INSTALLED_ONLY },
    { name: 'Rails with the sqlite3 gem: the shell in a cron line stays quiet', files: P.RAILS_WITH_SHELL },
    { name: 'Prisma (its engine bundles SQLite): a sqlite3 healthcheck stays quiet', files: P.PRISMA_WITH_SHELL },
    { name: 'Phoenix with ecto_sqlite3: VACUUM INTO in the entrypoint stays quiet', files: P.PHOENIX_ECTO },
    { name: 'Phoenix release with ecto_sqlite3: exqlite compiles its own SQLite in', files: PHOENIX_SQLITE },
    { name: 'Phoenix on Postgres: postgrex in mix.lock, no exqlite', files: PHOENIX_POSTGRES },
    { name: 'litestream as the command: SQLite compiled into the Go binary', files: P.LITESTREAM },
    { name: 'pip installs a non-SQLite package by VCS URL', files: P.pipByUrl('git+https://github.com/psycopg/psycopg.git') },
    { name: '.NET with EF Core Sqlite (bundle_e_sqlite3) and libsqlite3-0 installed', files: P.dotnetWith(P.CSPROJ_EFCORE) },
    { name: 'Go: mattn/go-sqlite3 only as // indirect', files: P.goApp('module example.com/app\n\ngo 1.25\n\nrequire (\n\tgithub.com/mattn/go-sqlite3 v1.14.22 // indirect\n)\n') },
    { name: 'Go: mattn/go-sqlite3 with CGO_ENABLED=0 is not linked', files: P.goApp(GO_MATTN, 'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app') },
    {
      name: 'Go monorepo built with -tags libsqlite3: only cmd/migrate imports the driver, the image runs cmd/server',
      files: P.goMonorepo({}, 'RUN CGO_ENABLED=1 go build -tags libsqlite3 -o /out/server ./cmd/server'),
    },
    { name: 'Rust: [features] default = ["rusqlite/bundled"]', files: P.rustApp('[package]\nname = "app"\n\n[dependencies]\nrusqlite = "0.32"\n\n[features]\ndefault = ["rusqlite/bundled"]\n') },
    { name: 'Rust: sqlx with the sqlite feature bundles SQLite', files: P.rustApp('[package]\nname = "app"\n\n[dependencies]\nsqlx = { version = "0.8", features = ["runtime-tokio", "sqlite"] }\n') },
    { name: 'libsqlite3-0 installed only in a build stage', files: { Dockerfile: 'FROM debian:bookworm AS build\nRUN apt-get update && apt-get install -y libsqlite3-0 libsqlite3-dev gcc\nRUN gcc -o /app main.c -lsqlite3\n\nFROM gcr.io/distroless/base-debian12\nCOPY --from=build /app /app\nCMD ["/app"]\n' } },
    { name: 'compose env DB_TYPE=postgres on a Python image', files: { 'compose.yaml': 'services:\n  api:\n    image: python:3.12-slim\n    environment:\n      DB_TYPE: postgres\n' } },
    { name: 'compose env_file with DB_TYPE=postgres', files: { 'compose.yaml': 'services:\n  api:\n    image: python:3.12-slim\n    env_file: .env\n', '.env': 'DB_TYPE=postgres\n# DB_TYPE=sqlite\n' } },
    { name: 'a .env.example that mentions sqlite only in a comment', files: { ...P.laravelWith('mysql'), '.env.example': 'DB_CONNECTION=mysql\n# DB_CONNECTION=sqlite\n' } },
  ],
  invalid: [
    {
      name: 'Django: django.db.backends.sqlite3 in the settings module manage.py names',
      files: P.DJANGO_SQLITE,
      errors: [{
        file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 22, severity: 'warning', messageId: 'distroBase',
        data: { image: 'python:3.12-slim', ...TRIXIE, runtime: CPYTHON },
        related: [`mysite/settings.py:8:19 ${EVIDENCE}: Django: "django.db.backends.sqlite3"`],
      }],
    },
    {
      name: 'Django: engine chosen by os.getenv with a sqlite3 default',
      files: P.DJANGO_ENV_DEFAULT,
      errors: [{
        file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 22, severity: 'warning', messageId: 'distroBase',
        related: [`mysite/settings.py:8:46 ${EVIDENCE}: Django (engine chosen by env, SQLite default): getenv("DB_ENGINE", "sqlite3"`],
      }],
    },
    {
      name: 'FastAPI: SQLAlchemy sqlite+aiosqlite URL in the copied app folder',
      files: P.fastapiWith('sqlite+aiosqlite:///./data/app.db'),
      errors: [{
        file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 31, severity: 'warning', messageId: 'distroBase',
        data: { image: 'python:3.12-slim-bookworm', ...BOOKWORM, runtime: CPYTHON },
        related: [`app/database.py:3:28 ${EVIDENCE}: SQLAlchemy / databases / peewee / Tortoise URL: sqlite+aiosqlite:///./data/app.db`],
      }],
    },
    {
      name: 'a bot script that imports the stdlib sqlite3',
      files: P.botWith('import os\nimport sqlite3\n\nconn = sqlite3.connect(os.environ.get("DB", "data/bot.db"))\n'),
      errors: [{
        file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 31, severity: 'warning', messageId: 'distroBase',
        related: [`bot.py:2:1 ${EVIDENCE}: Python's sqlite3 module: import sqlite3`],
      }],
    },
    {
      name: 'Laravel: DB_CONNECTION=sqlite in the copied .env.example (the key is named, not the value)',
      files: P.laravelWith('sqlite'),
      errors: [{
        file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 20, severity: 'warning', messageId: 'distroBase',
        data: { image: 'php:8.3-apache', ...TRIXIE, runtime: "PHP's pdo_sqlite / sqlite3 extensions" },
        related: [`.env.example:3:1 ${EVIDENCE}: .env.example selects SQLite (DB_CONNECTION)`],
      }],
    },
    {
      name: "Laravel: config/database.php defaults to env('DB_CONNECTION', 'sqlite')",
      files: { ...P.laravelWith('mysql'), '.env.example': 'APP_NAME=Laravel\n', 'config/database.php': "<?php\n\nreturn [\n    'default' => env('DB_CONNECTION', 'sqlite'),\n];\n" },
      errors: [{
        file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 20, severity: 'warning', messageId: 'distroBase',
        related: [`config/database.php:4:5 ${EVIDENCE}: Laravel config/database.php: 'default' => env('DB_CONNECTION', 'sqlite'`],
      }],
    },
    {
      name: 'Kamal: env clear DB_TYPE: sqlite',
      files: P.kamalWith('sqlite'),
      errors: [{
        file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 22, severity: 'warning', messageId: 'distroBase',
        related: [`config/deploy.yml:9:14 ${EVIDENCE}: config/deploy.yml env sets DB_TYPE to SQLite`],
      }],
    },
    {
      name: 'compose: environment DB_ENGINE=sqlite3 on a stock Python image',
      files: { 'compose.yaml': 'services:\n  api:\n    image: python:3.12-slim\n    environment:\n      - DB_ENGINE=sqlite3\n' },
      errors: [{
        file: 'compose.yaml', line: 3, column: 12, endLine: 3, endColumn: 28, severity: 'warning', messageId: 'serviceImage',
        related: [`compose.yaml:5:19 ${EVIDENCE}: service api sets DB_ENGINE to SQLite`],
      }],
    },
    {
      name: 'compose env_file: DB_TYPE=sqlite in .env (the file and key are named, never the value)',
      files: { 'compose.yaml': 'services:\n  api:\n    image: python:3.12-slim\n    env_file:\n      - .env\n', '.env': 'SECRET_KEY=s3cr3t-value\nexport DB_TYPE="sqlite"\n' },
      errors: [{
        file: 'compose.yaml', line: 3, column: 12, endLine: 3, endColumn: 28, severity: 'warning', messageId: 'serviceImage',
        related: [`.env:2:8 ${EVIDENCE}: .env selects SQLite (DB_TYPE)`],
      }],
    },
    {
      name: 'Dockerfile ENV DB_CONNECTION=sqlite on a PHP image',
      files: { Dockerfile: 'FROM php:8.3-fpm\nENV DB_CONNECTION=sqlite\nCOPY . /var/www/html\n' },
      errors: [{
        file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 17, severity: 'warning', messageId: 'distroBase',
        related: [`Dockerfile:2:19 ${EVIDENCE}: ENV DB_CONNECTION selects SQLite`],
      }],
    },
    {
      name: 'a backup sidecar: a copied script runs sqlite3 .backup on the database',
      files: P.BACKUP_SIDECAR,
      errors: [{
        file: 'backup/Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 26, severity: 'warning', messageId: 'distroBase',
        data: { image: 'debian:bookworm-slim', ...BOOKWORM, runtime: SHELL },
        related: [`backup/backup.sh:4:1 ${EVIDENCE}: backup/backup.sh runs the sqlite3 shell on /data/app.db`],
      }],
    },
    {
      name: 'a HEALTHCHECK runs PRAGMA quick_check with the sqlite3 shell',
      files: P.SHELL_HEALTHCHECK,
      errors: [{
        file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 18, severity: 'warning', messageId: 'distroBase',
        data: { image: 'ubuntu:22.04', base: 'Ubuntu 22.04 (jammy)', version: '3.37.2', fix: '3.51.3', runtime: SHELL },
        related: [`Dockerfile:4:32 ${EVIDENCE}: HEALTHCHECK runs the sqlite3 shell on /data/app.db`],
      }],
    },
    {
      name: 'Node with Prisma removed: the same sqlite3 healthcheck now decides',
      files: { ...P.PRISMA_WITH_SHELL, 'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n' },
      errors: [{
        file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 27, severity: 'warning', messageId: 'distroBase',
        data: { image: 'node:22-bookworm-slim', ...BOOKWORM, runtime: SHELL },
        related: [`Dockerfile:8:17 ${EVIDENCE}: HEALTHCHECK runs the sqlite3 shell on /data/app.db`],
      }],
    },
    {
      name: 'Phoenix without ecto_sqlite3: VACUUM INTO in the copied entrypoint',
      files: { ...P.PHOENIX_ECTO, 'mix.exs': 'defmodule App.MixProject do\n  use Mix.Project\nend\n' },
      errors: [{
        file: 'Dockerfile', line: 9, column: 6, endLine: 9, endColumn: 26, severity: 'warning', messageId: 'distroBase',
        related: [`entrypoint.sh:2:1 ${EVIDENCE}: entrypoint.sh runs the sqlite3 shell on $DATABASE_PATH`],
      }],
    },
    {
      name: 'sqlite_web as the compose command (after sh -c) of a stock Python image',
      files: P.SQLITE_WEB_SERVICE,
      errors: [{
        file: 'compose.yaml', line: 3, column: 12, endLine: 3, endColumn: 28, severity: 'warning', messageId: 'serviceImage',
        related: [`compose.yaml:4:59 ${EVIDENCE}: service dbadmin runs sqlite_web`],
      }],
    },
    {
      name: 'apt installs libsqlite3-mod-spatialite for a copied binary',
      files: P.SPATIALITE,
      errors: [{
        file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 26, severity: 'warning', messageId: 'distroBase',
        data: { image: 'debian:bookworm-slim', ...BOOKWORM, runtime: LIBRARY },
        related: [`Dockerfile:2:66 ${EVIDENCE}: apt-get installs libsqlite3-mod-spatialite (a SQLite extension for the distro library)`],
      }],
    },
    {
      name: 'an ICU extension compiled in a builder stage and copied in',
      files: P.ICU_EXTENSION,
      errors: [{
        file: 'Dockerfile', line: 7, column: 6, endLine: 7, endColumn: 26, severity: 'warning', messageId: 'distroBase',
        related: [`Dockerfile:8:17 ${EVIDENCE}: COPY --from=icu brings a SQLite extension built at line 5`],
      }],
    },
    {
      name: 'pip installs aiosqlite by git URL',
      files: P.pipByUrl('git+https://github.com/omnilib/aiosqlite.git@v0.21.0'),
      errors: [{
        file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 31, severity: 'warning', messageId: 'distroBase',
        related: [`Dockerfile:2:32 ${EVIDENCE}: pip installs git+https://github.com/omnilib/aiosqlite.git@v0.21.0`],
      }],
    },
    {
      name: 'pip installs a copied aiosqlite wheel by path',
      files: P.pipByUrl('./wheels/aiosqlite-0.21.0-py3-none-any.whl'),
      errors: [{ file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 31, severity: 'warning', messageId: 'distroBase' }],
    },
    {
      name: 'python3.11-venv means the distribution python3 runs the venv',
      files: P.DISTRO_VENV,
      errors: [{
        file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 26, severity: 'warning', messageId: 'distroBase',
        data: { image: 'debian:bookworm-slim', ...BOOKWORM, runtime: "the distribution's python3" },
        related: [`requirements.txt:1:1 ${EVIDENCE}: requires aiosqlite`],
      }],
    },
    {
      name: '.NET on Debian with libsqlite3-0 installed on purpose (no named driver)',
      files: P.dotnetWith(P.CSPROJ_PLAIN),
      errors: [{
        file: 'Dockerfile', line: 8, column: 6, endLine: 8, endColumn: 26, severity: 'warning', messageId: 'distroBase',
        data: { image: 'debian:bookworm-slim', ...BOOKWORM, runtime: LIBRARY },
        related: [`Dockerfile:9:66 ${EVIDENCE}: apt-get installs libsqlite3-0`],
      }],
    },
    {
      name: 'GORM (gorm.io/driver/sqlite) built with -tags libsqlite3',
      files: P.goApp('module example.com/app\n\ngo 1.25\n\nrequire (\n\tgorm.io/driver/sqlite v1.5.7\n\tgorm.io/gorm v1.31.0\n)\n', 'RUN CGO_ENABLED=1 go build -tags libsqlite3 -o /out/app ./cmd/app'),
      errors: [{
        file: 'Dockerfile', line: 8, column: 6, endLine: 8, endColumn: 26, severity: 'warning', messageId: 'distroBase',
        data: { image: 'debian:bookworm-slim', ...BOOKWORM, runtime: 'mattn/go-sqlite3 built with -tags libsqlite3' },
        related: [`go.mod:6:2 ${EVIDENCE}: GORM: gorm.io/driver/sqlite v1.5.7`],
      }],
    },
    {
      name: 'Go monorepo built with -tags libsqlite3: the evidence names the package that imports the driver',
      files: P.goMonorepo({ 'internal/store/store.go': P.GO_STORE_WITH_DRIVER }, 'RUN CGO_ENABLED=1 go build -tags libsqlite3 -o /out/server ./cmd/server'),
      errors: [{
        file: 'Dockerfile', line: 8, column: 6, endLine: 8, endColumn: 26, severity: 'warning', messageId: 'distroBase',
        data: { image: 'debian:bookworm-slim', ...BOOKWORM, runtime: 'mattn/go-sqlite3 built with -tags libsqlite3' },
        related: [`go.mod:7:30 ${EVIDENCE}: requires github.com/mattn/go-sqlite3 v1.14.22; cmd/server imports github.com/mattn/go-sqlite3 via internal/api, internal/store`],
      }],
    },
    {
      name: 'Go monorepo built with -tags libsqlite3, an aliased driver import in the server package itself',
      files: P.goMonorepo({ 'cmd/server/db.go': 'package main\n\nimport sqlite3 "github.com/mattn/go-sqlite3"\n\nvar _ = sqlite3.Version\n' }, 'RUN cd cmd/server && CGO_ENABLED=1 go build -tags libsqlite3 -o /out/server'),
      errors: [{
        file: 'Dockerfile', line: 8, column: 6, endLine: 8, endColumn: 26, severity: 'warning', messageId: 'distroBase',
        data: { image: 'debian:bookworm-slim', ...BOOKWORM, runtime: 'mattn/go-sqlite3 built with -tags libsqlite3' },
        related: [`go.mod:7:30 ${EVIDENCE}: requires github.com/mattn/go-sqlite3 v1.14.22; cmd/server imports github.com/mattn/go-sqlite3`],
      }],
    },
    {
      name: 'Phoenix release: exqlite built with ENV EXQLITE_USE_SYSTEM=1 in the builder loads the runner\'s libsqlite3',
      files: { ...PHOENIX_SQLITE, Dockerfile: PHOENIX_SQLITE.Dockerfile.replace('WORKDIR /app\n', 'WORKDIR /app\nENV EXQLITE_USE_SYSTEM=1\n') },
      errors: [{
        file: 'Dockerfile', line: 34, column: 6, endLine: 34, endColumn: 21, severity: 'warning', messageId: 'distroBase',
        data: { image: 'debian:bookworm-20241016-slim', ...BOOKWORM, runtime: 'exqlite with EXQLITE_USE_SYSTEM' },
        related: [`mix.lock:5:32 ${EVIDENCE}: locks the exqlite Hex package 0.27.1`],
      }],
    },
    {
      name: 'Rust: rusqlite without bundled in dependencies or [features]',
      files: P.rustApp('[package]\nname = "app"\n\n[dependencies]\nrusqlite = "0.32"\n\n[features]\ndefault = ["serde/std"]\n'),
      errors: [{
        file: 'Dockerfile', line: 7, column: 6, endLine: 7, endColumn: 26, severity: 'warning', messageId: 'distroBase',
        related: [`Cargo.toml:5:1 ${EVIDENCE}: depends on rusqlite (system SQLite)`],
      }],
    },
  ],
});

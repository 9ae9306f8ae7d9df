/**
 * Projects shaped like the public ones of issue 15 section 2, one or more per evidence class: a
 * compose service or Kamal role, its Dockerfile and the files it copies. The evidence tables of the
 * SQLite rules (test/rules/*-evidence.test.ts) state what each rule reports on them.
 */

const COMPOSE_BUILD = 'services:\n  web:\n    build: .\n    ports:\n      - "8000:8000"\n    volumes:\n      - app-data:/data\nvolumes:\n  app-data:\n';

const DJANGO_DOCKERFILE = [
  'FROM python:3.12-slim',
  'WORKDIR /app',
  'COPY requirements.txt .',
  'RUN pip install --no-cache-dir -r requirements.txt',
  'COPY . .',
  'CMD ["gunicorn", "mysite.wsgi", "--bind", "0.0.0.0:8000"]',
  '',
].join('\n');

const MANAGE_PY = [
  '#!/usr/bin/env python',
  'import os',
  'import sys',
  '',
  'if __name__ == "__main__":',
  '    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")',
  '    from django.core.management import execute_from_command_line',
  '    execute_from_command_line(sys.argv)',
  '',
].join('\n');

function djangoSettings(databases: string): string {
  return ['from pathlib import Path', 'import os', '', 'BASE_DIR = Path(__file__).resolve().parent.parent', '', databases, ''].join('\n');
}

/** Django with `django.db.backends.sqlite3` in the settings module manage.py names. */
export const DJANGO_SQLITE = {
  'compose.yaml': COMPOSE_BUILD,
  Dockerfile: DJANGO_DOCKERFILE,
  'requirements.txt': 'Django==5.2.8\ngunicorn==23.0.0\n',
  'manage.py': MANAGE_PY,
  'mysite/settings.py': djangoSettings('DATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.sqlite3",\n        "NAME": BASE_DIR / "data" / "db.sqlite3",\n    }\n}'),
};

/** Django whose engine an environment variable chooses, with SQLite as the default. */
export const DJANGO_ENV_DEFAULT = {
  ...DJANGO_SQLITE,
  'mysite/settings.py': djangoSettings('DATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends." + os.getenv("DB_ENGINE", "sqlite3"),\n        "NAME": os.getenv("DB_NAME", "/data/db"),\n    }\n}'),
};

/** Django on Postgres; SQLite only in a comment, the dev settings and the tests. */
export const DJANGO_POSTGRES = {
  ...DJANGO_SQLITE,
  'mysite/settings.py': djangoSettings('# For local work you can use "django.db.backends.sqlite3".\nDATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.postgresql",\n        "NAME": os.environ["POSTGRES_DB"],\n    }\n}'),
  'mysite/settings_dev.py': 'from .settings import *\nDATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "dev.sqlite3"}}\n',
  'tests/conftest.py': 'import sqlite3\n',
  'docs/conf.py': 'import sqlite3\n',
};

const FASTAPI_DOCKERFILE = [
  'FROM python:3.12-slim-bookworm',
  'WORKDIR /code',
  'COPY ./requirements.txt /code/requirements.txt',
  'RUN pip install --no-cache-dir -r /code/requirements.txt',
  'COPY ./app /code/app',
  'CMD ["fastapi", "run", "app/main.py", "--port", "80"]',
  '',
].join('\n');

/** FastAPI with SQLAlchemy on `sqlite+aiosqlite://` in app/database.py. */
export function fastapiWith(url: string): Record<string, string> {
  return {
    'compose.yaml': 'services:\n  api:\n    build: .\n    ports:\n      - "80:80"\n',
    Dockerfile: FASTAPI_DOCKERFILE,
    'requirements.txt': 'fastapi[standard]==0.121.0\nsqlalchemy[asyncio]==2.0.44\n',
    'app/main.py': 'from fastapi import FastAPI\nfrom .database import engine\n\napp = FastAPI()\n',
    'app/database.py': `from sqlalchemy.ext.asyncio import create_async_engine\n\nSQLALCHEMY_DATABASE_URL = "${url}"\nengine = create_async_engine(SQLALCHEMY_DATABASE_URL)\n`,
  };
}

/** A Discord bot: one script that imports the stdlib sqlite3 module. */
export function botWith(source: string): Record<string, string> {
  return {
    'compose.yaml': 'services:\n  bot:\n    build: .\n    restart: unless-stopped\n    volumes:\n      - ./data:/app/data\n',
    Dockerfile: 'FROM python:3.11-slim-bookworm\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY bot.py .\nCMD ["python", "bot.py"]\n',
    'requirements.txt': 'discord.py==2.6.4\n',
    'bot.py': source,
  };
}

/** Laravel on the official PHP image, configured from the .env.example it copies. */
export function laravelWith(connection: string): Record<string, string> {
  return {
    'compose.yaml': 'services:\n  app:\n    build: .\n    ports:\n      - "8080:80"\n',
    Dockerfile: 'FROM php:8.3-apache\nWORKDIR /var/www/html\nCOPY . /var/www/html\nRUN cp .env.example .env && composer install --no-dev\n',
    'composer.json': '{\n  "require": {\n    "php": "^8.2",\n    "laravel/framework": "^12.0"\n  }\n}\n',
    '.env.example': `APP_NAME=Laravel\nAPP_ENV=production\nDB_CONNECTION=${connection}\n# DB_HOST=127.0.0.1\n`,
    'config/database.php': "<?php\n\nreturn [\n    'default' => env('DB_CONNECTION', 'mysql'),\n];\n",
  };
}

/** A Kamal app whose role selects SQLite by DB_TYPE. */
export function kamalWith(dbType: string): Record<string, string> {
  return {
    'config/deploy.yml': `service: notes\nimage: acme/notes\nservers:\n  web:\n    hosts:\n      - 192.0.2.10\nenv:\n  clear:\n    DB_TYPE: ${dbType}\n    PORT: 3000\nvolumes:\n  - /srv/notes:/data\n`,
    Dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install .\nCMD ["python", "-m", "notes"]\n',
    'pyproject.toml': '[project]\nname = "notes"\ndependencies = ["flask==3.1.2"]\n',
  };
}

/** A backup sidecar: the sqlite3 shell on the app's database from a copied script run by cron. */
export const BACKUP_SIDECAR = {
  'compose.yaml': 'services:\n  app:\n    image: ghcr.io/acme/app:1.4\n    volumes:\n      - ./data:/data\n  backup:\n    build: ./backup\n    volumes:\n      - ./data:/data\n      - ./backups:/backups\n',
  'backup/Dockerfile': 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends sqlite3 cron && rm -rf /var/lib/apt/lists/*\nCOPY backup.sh /usr/local/bin/backup.sh\nCOPY crontab /etc/cron.d/backup\nCMD ["cron", "-f"]\n',
  'backup/backup.sh': '#!/bin/sh\nset -eu\n# Hot backup with the online backup API\nsqlite3 /data/app.db ".backup \'/backups/app-$(date +%F).db\'"\n',
  'backup/crontab': '0 3 * * * root /usr/local/bin/backup.sh\n',
};

/** A healthcheck that runs the sqlite3 shell on the database. */
export const SHELL_HEALTHCHECK = {
  Dockerfile: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y sqlite3\nCOPY --chmod=755 app /usr/local/bin/app\nHEALTHCHECK --interval=30s CMD sqlite3 /data/app.db "PRAGMA quick_check" || exit 1\nCMD ["app"]\n',
};

/** A Rails app with the sqlite3 gem whose image also has the shell and a backup cron line. */
export const RAILS_WITH_SHELL = {
  Dockerfile: [
    'FROM ruby:3.4-slim',
    'WORKDIR /rails',
    'RUN apt-get update -qq && apt-get install --no-install-recommends -y sqlite3 cron',
    'RUN echo "0 * * * * sqlite3 /rails/storage/production.sqlite3 \\".backup /backups/prod.sqlite3\\"" > /etc/cron.d/backup',
    'COPY Gemfile Gemfile.lock ./',
    'RUN bundle install',
    'COPY . .',
    'CMD ["./bin/rails", "server"]',
    '',
  ].join('\n'),
  Gemfile: 'source "https://rubygems.org"\ngem "rails", "~> 8.1"\ngem "sqlite3", ">= 2.1"\n',
  'Gemfile.lock': 'GEM\n  remote: https://rubygems.org/\n  specs:\n    sqlite3 (2.9.2-x86_64-linux-gnu)\n',
};

/** A sidecar that only installs the shell (Rails' apt line without the app): no workload. */
export const SHELL_INSTALLED_ONLY = {
  Dockerfile: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y sqlite3 curl\nCMD ["sleep", "infinity"]\n',
};

/** sqlite-web as the command of a stock Python image. */
export const SQLITE_WEB_SERVICE = {
  'compose.yaml': 'services:\n  dbadmin:\n    image: python:3.12-slim\n    command: ["sh", "-c", "pip install sqlite-web && exec sqlite_web --host 0.0.0.0 /data/app.db"]\n    volumes:\n      - ./data:/data\n',
};

/** Litestream restores and replicates: its SQLite is compiled into the Go binary. */
export const LITESTREAM = {
  Dockerfile: 'FROM debian:bookworm-slim\nCOPY --from=litestream/litestream:0.3.13 /usr/local/bin/litestream /usr/local/bin/litestream\nCOPY litestream.yml /etc/litestream.yml\nCMD ["litestream", "replicate"]\n',
  'litestream.yml': 'dbs:\n  - path: /data/app.db\n    replicas:\n      - url: s3://backups/app\n',
};

/** SpatiaLite from the distro, loaded by a copied Go binary built with -tags libsqlite3. */
export const SPATIALITE = {
  Dockerfile: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-mod-spatialite ca-certificates\nCOPY dist/tiles /usr/local/bin/tiles\nENTRYPOINT ["/usr/local/bin/tiles"]\n',
};

/** An ICU extension compiled in a builder stage and copied into the final image. */
export const ICU_EXTENSION = {
  Dockerfile: [
    'FROM debian:bookworm AS icu',
    'RUN apt-get update && apt-get install -y gcc libicu-dev libsqlite3-dev curl unzip',
    'WORKDIR /src',
    'RUN curl -fsSLO https://sqlite.org/2026/sqlite-src-3530000.zip && unzip sqlite-src-3530000.zip',
    'RUN gcc -fPIC -shared sqlite-src-3530000/ext/icu/icu.c $(pkg-config --libs icu-io) -o libSqliteIcu.so',
    '',
    'FROM debian:bookworm-slim',
    'COPY --from=icu /src/libSqliteIcu.so /usr/local/lib/libSqliteIcu.so',
    'COPY app /usr/local/bin/app',
    'CMD ["app"]',
    '',
  ].join('\n'),
};

/** pip installs a driver by VCS URL. */
export function pipByUrl(requirement: string): Record<string, string> {
  return { Dockerfile: `FROM python:3.12-slim-bookworm\nRUN pip install --no-cache-dir "${requirement}"\nCOPY . /app\nCMD ["python", "/app/serve.py"]\n` };
}

/** The distro python3 (python3.11-venv) with a virtualenv of aiosqlite. */
export const DISTRO_VENV = {
  Dockerfile: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends python3.11-venv\nCOPY requirements.txt .\nRUN python3 -m venv /venv && /venv/bin/pip install -r requirements.txt\nCMD ["/venv/bin/python", "-m", "app"]\n',
  'requirements.txt': 'aiosqlite==0.21.0\n',
};

/** .NET published app on Debian with the runtime library installed on purpose. */
export function dotnetWith(csproj: string): Record<string, string> {
  return {
    Dockerfile: [
      'FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build',
      'WORKDIR /src',
      'COPY ["Notes/Notes.csproj", "Notes/"]',
      'RUN dotnet restore "Notes/Notes.csproj"',
      'COPY . .',
      'RUN dotnet publish "Notes/Notes.csproj" -c Release -o /app/publish',
      '',
      'FROM debian:bookworm-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-0 libicu72 && rm -rf /var/lib/apt/lists/*',
      'COPY --from=build /app/publish /app',
      'ENTRYPOINT ["/app/Notes"]',
      '',
    ].join('\n'),
    'Notes/Notes.csproj': csproj,
  };
}

export const CSPROJ_PLAIN = '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup>\n    <TargetFramework>net9.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n';
export const CSPROJ_EFCORE = '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="9.0.10" />\n  </ItemGroup>\n</Project>\n';

/** A Go app on Debian: the final image copies a binary from a build stage that copied go.mod. */
export function goApp(goMod: string, build = 'RUN CGO_ENABLED=1 go build -o /out/app ./cmd/app', finalExtra = ''): Record<string, string> {
  return {
    Dockerfile: ['FROM golang:1.25 AS build', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY . .', build, '', 'FROM debian:bookworm-slim', ...(finalExtra ? [finalExtra] : []), 'COPY --from=build /out/app /app', 'ENTRYPOINT ["/app"]', ''].join('\n'),
    'go.mod': goMod,
  };
}

/** go.mod of a Go monorepo that requires mattn/go-sqlite3 directly (line 7, version at column 30). */
export const GO_MONOREPO_MOD = 'module example.com/app\n\ngo 1.25\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.2.3\n\tgithub.com/mattn/go-sqlite3 v1.14.22\n)\n';

/**
 * A Go monorepo as real ones are laid out: `cmd/server` (what the image builds) serves HTTP through
 * `internal/api` and `internal/store`; `cmd/migrate` (not built into the image) imports the driver.
 * `sources` replaces or adds .go files; `build` is the builder stage's go build line (line 6).
 */
export function goMonorepo(sources: Record<string, string> = {}, build = 'RUN CGO_ENABLED=1 go build -o /out/server ./cmd/server'): Record<string, string> {
  return {
    Dockerfile: ['FROM golang:1.25 AS build', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY . .', build, '', 'FROM debian:bookworm-slim', 'COPY --from=build /out/server /server', 'ENTRYPOINT ["/server"]', ''].join('\n'),
    'go.mod': GO_MONOREPO_MOD,
    'go.sum': '',
    'cmd/server/main.go': 'package main\n\nimport (\n\t"log"\n\t"net/http"\n\n\t"example.com/app/internal/api"\n)\n\nfunc main() { log.Fatal(http.ListenAndServe(":8080", api.Routes())) }\n',
    'cmd/migrate/main.go': 'package main\n\nimport (\n\t"database/sql"\n\n\t_ "github.com/mattn/go-sqlite3"\n)\n\nfunc main() { sql.Open("sqlite3", "/data/app.db") }\n',
    'internal/api/api.go': 'package api\n\nimport (\n\t"net/http"\n\n\t"github.com/go-chi/chi/v5"\n\t"example.com/app/internal/store"\n)\n\nfunc Routes() http.Handler { store.Ping(); return chi.NewRouter() }\n',
    'internal/store/store.go': 'package store\n\nimport "database/sql"\n\nvar DB *sql.DB\n\nfunc Ping() {}\n',
    'internal/store/store_test.go': 'package store\n\nimport _ "github.com/mattn/go-sqlite3"\n',
    ...sources,
  };
}

/** internal/store opening the database through the driver (a blank import), as the server then does. */
export const GO_STORE_WITH_DRIVER = 'package store\n\nimport (\n\t"database/sql"\n\n\t_ "github.com/mattn/go-sqlite3"\n)\n\nvar DB, _ = sql.Open("sqlite3", "/data/app.db")\n\nfunc Ping() {}\n';

/** A Rust app whose Cargo.toml turns bundled on through `[features]`. */
export function rustApp(cargoToml: string): Record<string, string> {
  return {
    Dockerfile: 'FROM rust:1.91 AS build\nWORKDIR /src\nCOPY Cargo.toml Cargo.lock ./\nCOPY src ./src\nRUN cargo build --release\n\nFROM debian:bookworm-slim\nCOPY --from=build /src/target/release/app /usr/local/bin/app\nENV DATABASE_PATH=/data/app.db\nCMD ["app"]\n',
    'Cargo.toml': cargoToml,
  };
}

/** A Node app with a knexfile; node:22 bundles an old SQLite in node:sqlite. */
export function nodeKnex(knexfile: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    Dockerfile: 'FROM node:22.22.2-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nENV DB_FILE=/data/app.db\nCMD ["node", "server.js"]\n',
    'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^5.1.0",\n    "knex": "^3.1.0"\n  }\n}\n',
    'package-lock.json': '{\n  "lockfileVersion": 3,\n  "packages": {}\n}\n',
    'knexfile.js': knexfile,
    ...extra,
  };
}

/** A Node app whose driver release is in a pnpm, yarn or bun lockfile. */
export function nodeLock(lockName: string, lock: string): Record<string, string> {
  return {
    Dockerfile: `FROM node:24-slim\nWORKDIR /app\nCOPY package.json ${lockName} ./\nRUN corepack enable && pnpm install --frozen-lockfile\nCOPY . .\nCMD ["node", "index.js"]\n`,
    'package.json': '{\n  "name": "app",\n  "dependencies": {\n    "better-sqlite3": "^11.10.0"\n  }\n}\n',
    [lockName]: lock,
  };
}

/** Prisma on SQLite in a Node image with the shell for backups. */
export const PRISMA_WITH_SHELL = {
  Dockerfile: 'FROM node:22-bookworm-slim\nRUN apt-get update && apt-get install -y openssl sqlite3\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY prisma ./prisma\nCOPY . .\nHEALTHCHECK CMD sqlite3 /data/app.db "PRAGMA quick_check" || exit 1\nCMD ["sh", "-c", "npx prisma migrate deploy && node dist/server.js"]\n',
  'package.json': '{\n  "dependencies": {\n    "@prisma/client": "6.19.0"\n  }\n}\n',
  'package-lock.json': '{\n  "lockfileVersion": 3,\n  "packages": {}\n}\n',
  'prisma/schema.prisma': 'datasource db {\n  provider = "sqlite"\n  url      = env("DATABASE_URL")\n}\n',
};

/** A Phoenix release (ecto_sqlite3) on Debian, with a VACUUM INTO backup in its entrypoint. */
export const PHOENIX_ECTO = {
  Dockerfile: [
    'FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-bookworm-20250929-slim AS build',
    'WORKDIR /app',
    'COPY mix.exs mix.lock ./',
    'RUN mix deps.get --only prod',
    'COPY config config',
    'COPY lib lib',
    'RUN mix release',
    '',
    'FROM debian:bookworm-slim',
    'RUN apt-get update && apt-get install -y libstdc++6 openssl sqlite3',
    'COPY --from=build /app/_build/prod/rel/app /app',
    'COPY entrypoint.sh /entrypoint.sh',
    'ENTRYPOINT ["/entrypoint.sh"]',
    '',
  ].join('\n'),
  'mix.exs': 'defmodule App.MixProject do\n  use Mix.Project\n  defp deps do\n    [\n      {:phoenix, "~> 1.8"},\n      {:ecto_sqlite3, "~> 0.21"}\n    ]\n  end\nend\n',
  'entrypoint.sh': '#!/bin/sh\nsqlite3 "$DATABASE_PATH" "VACUUM INTO \'/backups/app.db\'"\nexec /app/bin/app start\n',
};

/** A Node app whose only SQLite driver is a test-only dev dependency. */
export const NODE_DEV_ONLY_DRIVER = {
  Dockerfile: 'FROM node:24-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "index.js"]\n',
  'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "pg": "^8.16.0"\n  },\n  "devDependencies": {\n    "better-sqlite3": "^11.10.0"\n  }\n}\n',
  'package-lock.json': '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/better-sqlite3": {\n      "version": "11.10.0",\n      "dev": true\n    }\n  }\n}\n',
};

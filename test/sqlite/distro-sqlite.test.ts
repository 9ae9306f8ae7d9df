import { describe, expect, it } from 'vitest';
import { distroSqlite } from '../../rules/distro-sqlite';
import { at, exampleFiles, runRule } from './harness';

const REQUIREMENTS = { 'requirements.txt': 'fastapi==0.121.0\naiosqlite==0.21.0\n' };

const UNREGISTERED_COPY = [
  'FROM debian:bookworm-slim AS sqlite-builder',
  'ARG SQLITE_VERSION=3530000',
  'RUN wget -q "https://www.sqlite.org/2026/sqlite-autoconf-${SQLITE_VERSION}.tar.gz" && tar xzf sqlite-autoconf-${SQLITE_VERSION}.tar.gz \\',
  '    && cd sqlite-autoconf-${SQLITE_VERSION} && ./configure --prefix=/opt/sqlite && make install',
  '',
  'FROM python:3.12-slim-bookworm AS runtime',
  'COPY --from=sqlite-builder /opt/sqlite /opt/sqlite',
  'COPY requirements.txt .',
  'RUN pip install -r requirements.txt',
  '',
].join('\n');

describe('distro-sqlite', () => {
  it('fires on the example bad Dockerfile at the FROM image token', () => {
    const findings = runRule(distroSqlite, exampleFiles('distro-sqlite/bad'));
    expect(at(findings)).toEqual(['Dockerfile:2:6']);
    expect(findings[0]).toMatchObject({ endLine: 2, endColumn: 22, severity: 'warning' });
    const message = findings[0].message;
    expect(message).toBe("python:3.12-slim is Debian 13 (trixie) with SQLite 3.46.1, older than the WAL-reset fix (3.51.3); CPython's sqlite3 module loads it");
    expect(findings[0].help).toContain('ENV LD_LIBRARY_PATH=/opt/sqlite/lib');
    expect(findings[0].related).toEqual([{ file: 'requirements.txt', line: 3, column: 1, message: 'evidence that the image uses SQLite: requires aiosqlite' }]);
  });

  it('stays quiet on the example good Dockerfile (fixed SQLite copied in, registered and asserted)', () => {
    expect(runRule(distroSqlite, exampleFiles('distro-sqlite/good'))).toEqual([]);
  });

  it('fires for pip-installed drivers on python:3.13-slim-bookworm with Debian 12 version', () => {
    const findings = runRule(distroSqlite, { Dockerfile: 'FROM python:3.13-slim-bookworm\nRUN pip install aiosqlite sqlite-vec\n' });
    expect(at(findings)).toEqual(['Dockerfile:1:6']);
    expect(findings[0].message).toContain('Debian 12 (bookworm) with SQLite 3.40.1');
    expect(findings[0].related).toEqual([{ file: 'Dockerfile', line: 2, column: 17, message: 'evidence that the image uses SQLite: pip installs aiosqlite' }]);
  });

  it('fires when apt installs libsqlite3-0 into a python image and ENV names a database', () => {
    const text = 'FROM python:3.13-slim-trixie\nRUN apt-get update && apt-get install -y sqlite3 libsqlite3-0\nENV DB_PATH=/data/app.sqlite3\n';
    const findings = runRule(distroSqlite, { Dockerfile: text });
    expect(at(findings)).toEqual(['Dockerfile:1:6']);
    expect(findings[0].related).toMatchObject([{ file: 'Dockerfile', line: 3, message: 'evidence that the image uses SQLite: ENV DB_PATH=/data/app.sqlite3' }]);
  });

  it('fires on php images with pdo_sqlite', () => {
    const findings = runRule(distroSqlite, { Dockerfile: 'FROM php:8.4-apache\nRUN docker-php-ext-install pdo_sqlite\n' });
    expect(at(findings)).toEqual(['Dockerfile:1:6']);
    expect(findings[0].message).toContain("PHP's pdo_sqlite / sqlite3 extensions loads it");
  });

  it('fires for a distro python3 on ubuntu:24.04', () => {
    const text = 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3 python3-pip\nCOPY requirements.txt .\n';
    const findings = runRule(distroSqlite, { Dockerfile: text, ...REQUIREMENTS });
    expect(at(findings)).toEqual(['Dockerfile:1:6']);
    expect(findings[0].message).toContain('Ubuntu 24.04 (noble) with SQLite 3.45.1');
  });

  it('reports at the final stage FROM token with the root image as related when stages chain', () => {
    const text = 'FROM python:3.12-slim AS base\nRUN pip install aiosqlite\n\nFROM base AS app\nCMD ["python", "app.py"]\n';
    const findings = runRule(distroSqlite, { Dockerfile: text });
    expect(at(findings)).toEqual(['Dockerfile:4:6']);
    expect(findings[0].related?.[0]).toMatchObject({ line: 1, column: 6, message: 'the final stage builds on python:3.12-slim' });
  });

  it('resolves image tags built from ARG defaults', () => {
    const text = 'ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim\nRUN pip install aiosqlite\n';
    const findings = runRule(distroSqlite, { Dockerfile: text });
    expect(at(findings)).toEqual(['Dockerfile:2:6']);
    expect(findings[0].message).toContain('python:3.12-slim is Debian 13');
  });

  it('fires when a custom SQLite is copied in but never registered, and says so', () => {
    const findings = runRule(distroSqlite, { Dockerfile: UNREGISTERED_COPY, ...REQUIREMENTS });
    expect(at(findings)).toEqual(['Dockerfile:6:6']);
    expect(findings[0].message).toContain('SQLite 3.40.1');
    expect(findings[0].help).toContain('The SQLite copied in at line 7 is never registered: add ENV LD_LIBRARY_PATH=/opt/sqlite/lib');
  });

  it('accepts a custom SQLite registered with ld.so.conf.d and ldconfig', () => {
    const text = UNREGISTERED_COPY.replace('COPY requirements.txt .', 'RUN echo /opt/sqlite/lib > /etc/ld.so.conf.d/sqlite.conf && ldconfig\nCOPY requirements.txt .');
    expect(runRule(distroSqlite, { Dockerfile: text, ...REQUIREMENTS })).toEqual([]);
  });

  it('fires when the registered custom SQLite is itself too old', () => {
    const text = UNREGISTERED_COPY.replace('3530000', '3500200').replace('COPY requirements.txt .', 'ENV LD_LIBRARY_PATH=/opt/sqlite/lib\nCOPY requirements.txt .');
    const findings = runRule(distroSqlite, { Dockerfile: text, ...REQUIREMENTS });
    expect(at(findings)).toEqual(['Dockerfile:6:6']);
    expect(findings[0].message).toContain('the SQLite copied in at line 7 is 3.50.2');
  });

  it('does not fire when a compliant version assert runs in the final image', () => {
    const text = 'FROM python:3.12-slim\nRUN pip install aiosqlite\nRUN python -c "import sqlite3; assert sqlite3.sqlite_version_info >= (3, 51, 3)"\n';
    expect(runRule(distroSqlite, { Dockerfile: text })).toEqual([]);
  });

  describe('false-positive traps', () => {
    it("Rails: apt's sqlite3 is only the CLI, the gem brings its own SQLite", () => {
      const text = [
        'ARG RUBY_VERSION=3.4.7',
        'FROM docker.io/library/ruby:$RUBY_VERSION-slim AS base',
        'WORKDIR /rails',
        'RUN apt-get update -qq && apt-get install --no-install-recommends -y curl libjemalloc2 libvips sqlite3',
        'COPY Gemfile Gemfile.lock ./',
        'RUN bundle install',
        'COPY . .',
        'CMD ["./bin/thrust", "./bin/rails", "server"]',
        '',
      ].join('\n');
      const files = {
        Dockerfile: text,
        Gemfile: 'source "https://rubygems.org"\ngem "rails", "~> 8.1"\ngem "sqlite3", ">= 2.1"\n',
        'Gemfile.lock': 'GEM\n  remote: https://rubygems.org/\n  specs:\n    sqlite3 (2.9.2-x86_64-linux-gnu)\n\nDEPENDENCIES\n  sqlite3 (>= 2.1)\n',
        'config/database.yml': 'production:\n  adapter: sqlite3\n  database: storage/production.sqlite3\n',
      };
      expect(runRule(distroSqlite, files)).toEqual([]);
    });

    it('Node with better-sqlite3', () => {
      expect(runRule(distroSqlite, exampleFiles('bundled-sqlite/bad'))).toEqual([]);
    });

    it('Go on distroless', () => {
      const text = [
        'FROM golang:1.27 AS build',
        'WORKDIR /src',
        'COPY go.mod go.sum ./',
        'RUN go mod download',
        'COPY . .',
        'RUN CGO_ENABLED=1 go build -o /out/app ./cmd/app',
        '',
        'FROM gcr.io/distroless/static-debian12',
        'COPY --from=build /out/app /app',
        'ENV DB_PATH=/data/app.db',
        'ENTRYPOINT ["/app"]',
        '',
      ].join('\n');
      const files = { Dockerfile: text, 'go.mod': 'module example.com/app\n\ngo 1.27\n\nrequire github.com/mattn/go-sqlite3 v1.14.36\n' };
      expect(runRule(distroSqlite, files)).toEqual([]);
    });

    it('a Python app that only uses Postgres', () => {
      const text = 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nENV DATABASE_URL=postgresql://app@db/app\n';
      expect(runRule(distroSqlite, { Dockerfile: text, 'requirements.txt': 'django==5.2\npsycopg[binary]==3.2.10\n' })).toEqual([]);
    });

    it('Alpine 3.24 carries a fixed SQLite', () => {
      expect(runRule(distroSqlite, { Dockerfile: 'FROM python:3.12-alpine3.24\nRUN pip install aiosqlite\n' })).toEqual([]);
      expect(runRule(distroSqlite, { Dockerfile: 'FROM python:3.12-alpine\nRUN pip install aiosqlite\n' })).toEqual([]);
    });

    it('Debian sid carries a fixed SQLite', () => {
      const text = 'FROM debian:sid-slim\nRUN apt-get update && apt-get install -y python3 libsqlite3-0\nENV DB=/srv/app.db\n';
      expect(runRule(distroSqlite, { Dockerfile: text })).toEqual([]);
    });

    it('a uv-managed Python bundles its own SQLite', () => {
      const text = 'FROM debian:trixie-slim\nRUN uv python install 3.12\nRUN uv pip install aiosqlite\n';
      expect(runRule(distroSqlite, { Dockerfile: text })).toEqual([]);
    });
  });

  describe('unknown images', () => {
    const privateBase = { Dockerfile: 'FROM registry.example.com/base:3\nRUN pip install aiosqlite\n' };

    it('is silent by default and an info finding with strict', () => {
      expect(runRule(distroSqlite, privateBase)).toEqual([]);
      const findings = runRule(distroSqlite, privateBase, { strict: true });
      expect(at(findings)).toEqual(['Dockerfile:1:6']);
      expect(findings[0].severity).toBe('info');
      expect(findings[0].message).toBe("SQLite of this image not identified: registry.example.com/base is not in litelint's knowledge base; teach it in .litelint.yaml under images:");
      expect(findings[0].help).toContain('.litelint.yaml under images:');
    });

    it('learns private base images from settings.images', () => {
      const images = { 'registry.example.com/base:3': { distro: 'debian-13' } };
      const findings = runRule(distroSqlite, privateBase, { images });
      expect(at(findings)).toEqual(['Dockerfile:1:6']);
      expect(findings[0].message).toContain('Debian 13 (trixie) with SQLite 3.46.1');
      expect(runRule(distroSqlite, privateBase, { images: { 'registry.example.com/base:*': { sqlite: '3.51.3' } } })).toEqual([]);
    });

    it('says a digest-pinned image is unknown (strict only)', () => {
      const text = 'FROM python:3.12-slim@sha256:4f2a0d3c9b8e7a6f5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e\nRUN pip install aiosqlite\n';
      expect(runRule(distroSqlite, { Dockerfile: text })).toEqual([]);
      const findings = runRule(distroSqlite, { Dockerfile: text }, { strict: true });
      expect(at(findings)).toEqual(['Dockerfile:1:6']);
      expect(findings[0].message).toContain('pinned by digest');
    });

    it('says an unresolvable ARG in FROM is unknown (strict only)', () => {
      const text = 'ARG BASE\nFROM ${BASE}\nRUN pip install aiosqlite\n';
      expect(runRule(distroSqlite, { Dockerfile: text })).toEqual([]);
      expect(at(runRule(distroSqlite, { Dockerfile: text }, { strict: true }))).toEqual(['Dockerfile:2:6']);
    });
  });

  describe('compose services running a stock image', () => {
    it('fires at the image: scalar when the environment points at a SQLite database', () => {
      const compose = 'services:\n  api:\n    image: python:3.12-slim\n    environment:\n      DATABASE_URL: sqlite:////data/app.db\n    volumes:\n      - app-data:/data\nvolumes:\n  app-data:\n';
      const findings = runRule(distroSqlite, { 'compose.yaml': compose });
      expect(at(findings)).toEqual(['compose.yaml:3:12']);
      expect(findings[0]).toMatchObject({ endLine: 3, endColumn: 28 });
      expect(findings[0].message).toContain('service api runs python:3.12-slim: Debian 13 (trixie) with SQLite 3.46.1');
      expect(findings[0].related).toMatchObject([{ file: 'compose.yaml', line: 5, message: 'evidence that the image uses SQLite: service api sets DATABASE_URL to a SQLite database' }]);
    });

    it('does not fire for a node image (its SQLite users bundle their own)', () => {
      const compose = 'services:\n  api:\n    image: node:24-slim\n    environment:\n      - DB_FILE=/data/app.db\n';
      expect(runRule(distroSqlite, { 'compose.yaml': compose })).toEqual([]);
    });

    it('does not fire without evidence', () => {
      const compose = 'services:\n  api:\n    image: python:3.12-slim\n    environment:\n      DATABASE_URL: postgres://db/app\n';
      expect(runRule(distroSqlite, { 'compose.yaml': compose })).toEqual([]);
    });

    it('adds evidence from the compose service to the Dockerfile it builds', () => {
      const compose = 'services:\n  api:\n    build: .\n    environment:\n      DATABASE_URL: sqlite:////data/app.db\n';
      const findings = runRule(distroSqlite, { 'compose.yaml': compose, Dockerfile: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n' });
      expect(at(findings)).toEqual(['Dockerfile:1:6']);
      expect(findings[0].related).toMatchObject([{ file: 'compose.yaml', line: 5, message: 'evidence that the image uses SQLite: service api sets DATABASE_URL to a SQLite database' }]);
    });
  });
});

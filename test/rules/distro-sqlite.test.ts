import { distroSqlite } from '../../rules/distro-sqlite';
import { exampleFiles } from '../support/rule-docs';
import { ruleTable } from '../support/rule-table';
import { GO_BUILD_STAGE, sqliteGoodExamples } from '../support/sqlite-projects';

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

const RAILS_DOCKERFILE = [
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

const GO_ON_DISTROLESS = [
  ...GO_BUILD_STAGE,
  'FROM gcr.io/distroless/static-debian12',
  'COPY --from=build /out/app /app',
  'ENV DB_PATH=/data/app.db',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');

const SUPPRESSED_FROM = { Dockerfile: '# litelint-ignore distro-sqlite -- replaced by the platform image in prod\nFROM python:3.12-slim\nCOPY requirements.txt .\n', 'requirements.txt': 'aiosqlite==0.21.0\n' };

function composeImageLine(comment: string): { 'compose.yaml': string } {
  return { 'compose.yaml': `services:\n  api:\n    image: python:3.12-slim${comment}\n    environment:\n      DATABASE_URL: sqlite:////data/app.db\n` };
}

const PRIVATE_BASE = { Dockerfile: 'FROM registry.example.com/base:3\nRUN pip install aiosqlite\n' };
const DIGEST_PINNED = { Dockerfile: 'FROM python:3.12-alpine@sha256:4f2a0d3c9b8e7a6f5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e\nRUN pip install aiosqlite\n' };
const UNRESOLVED_ARG = { Dockerfile: 'ARG BASE\nFROM ${BASE}\nRUN pip install aiosqlite\n' };
// The Dockerfile parser reports the empty base name too; the rule still reads the stage.
const UNRESOLVED_ARG_PARSE_ERRORS = ['Dockerfile:2:6'];

ruleTable(distroSqlite, {
  valid: [
    ...sqliteGoodExamples(),
    { name: 'a suppression comment above the FROM', files: SUPPRESSED_FROM },
    { name: 'a suppression comment at the end of a compose image: line', files: composeImageLine(' # litelint-ignore distro-sqlite -- read-only demo') },
    {
      name: 'a custom SQLite registered with ld.so.conf.d and ldconfig',
      files: { Dockerfile: UNREGISTERED_COPY.replace('COPY requirements.txt .', 'RUN echo /opt/sqlite/lib > /etc/ld.so.conf.d/sqlite.conf && ldconfig\nCOPY requirements.txt .'), ...REQUIREMENTS },
    },
    {
      name: 'a compliant version assert in the final image',
      files: { Dockerfile: 'FROM python:3.12-slim\nRUN pip install aiosqlite\nRUN python -c "import sqlite3; assert sqlite3.sqlite_version_info >= (3, 51, 3)"\n' },
    },
    {
      name: "Rails: apt's sqlite3 is only the CLI, the gem brings its own SQLite",
      files: {
        Dockerfile: RAILS_DOCKERFILE,
        Gemfile: 'source "https://rubygems.org"\ngem "rails", "~> 8.1"\ngem "sqlite3", ">= 2.1"\n',
        'Gemfile.lock': 'GEM\n  remote: https://rubygems.org/\n  specs:\n    sqlite3 (2.9.2-x86_64-linux-gnu)\n\nDEPENDENCIES\n  sqlite3 (>= 2.1)\n',
        'config/database.yml': 'production:\n  adapter: sqlite3\n  database: storage/production.sqlite3\n',
      },
    },
    { name: 'Node with better-sqlite3 (examples/bundled-sqlite/bad)', files: exampleFiles('bundled-sqlite/bad') },
    { name: 'examples/sqlite-version-assert/bad (a fixed Alpine base)', files: exampleFiles('sqlite-version-assert/bad') },
    { name: 'Go on distroless', files: { Dockerfile: GO_ON_DISTROLESS, 'go.mod': 'module example.com/app\n\ngo 1.27\n\nrequire github.com/mattn/go-sqlite3 v1.14.36\n' } },
    {
      name: 'a Python app that only uses Postgres',
      files: {
        Dockerfile: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nENV DATABASE_URL=postgresql://app@db/app\n',
        'requirements.txt': 'django==5.2\npsycopg[binary]==3.2.10\n',
      },
    },
    { name: 'Alpine 3.24 carries a fixed SQLite', files: { Dockerfile: 'FROM python:3.12-alpine3.24\nRUN pip install aiosqlite\n' } },
    { name: 'the floating Alpine tag carries a fixed SQLite', files: { Dockerfile: 'FROM python:3.12-alpine\nRUN pip install aiosqlite\n' } },
    { name: 'Debian sid carries a fixed SQLite', files: { Dockerfile: 'FROM debian:sid-slim\nRUN apt-get update && apt-get install -y python3 libsqlite3-0\nENV DB=/srv/app.db\n' } },
    { name: 'a uv-managed Python bundles its own SQLite', files: { Dockerfile: 'FROM debian:trixie-slim\nRUN uv python install 3.12\nRUN uv pip install aiosqlite\n' } },
    { name: 'a uv-managed Python pinned to a python-build-standalone release still bundles its own SQLite', files: { Dockerfile: 'FROM debian:trixie-slim\nRUN uv python install 3.12.13+20260510\nRUN uv pip install aiosqlite\n' } },
    { name: 'an unknown image, without strict', files: PRIVATE_BASE },
    { name: 'a private base image settings.images says has a fixed SQLite', files: PRIVATE_BASE, settings: { images: { 'registry.example.com/base:*': { sqlite: '3.51.3' } } } },
    { name: 'a digest-pinned image, without strict', files: DIGEST_PINNED },
    { name: 'an unresolvable ARG in FROM, without strict', files: UNRESOLVED_ARG, parseErrors: UNRESOLVED_ARG_PARSE_ERRORS },
    { name: 'compose: a node image (its SQLite users bundle their own)', files: { 'compose.yaml': 'services:\n  api:\n    image: node:24-slim\n    environment:\n      - DB_FILE=/data/app.db\n' } },
    { name: 'compose: a stock image without evidence', files: { 'compose.yaml': 'services:\n  api:\n    image: python:3.12-slim\n    environment:\n      DATABASE_URL: postgres://db/app\n' } },
    {
      name: 'compose: two local images built FROM each other end the resolution (no finding, no hang)',
      files: {
        'compose.yaml': 'services:\n  a:\n    image: a:local\n    build: ./a\n  b:\n    image: b:local\n    build: ./b\n',
        'a/Dockerfile': 'FROM b:local\nRUN pip install aiosqlite\n',
        'b/Dockerfile': 'FROM a:local\nENV DB_PATH=/data/app.db\n',
      },
    },
  ],
  invalid: [
    {
      name: 'examples/distro-sqlite/bad: at the FROM image token, with the requirement as evidence',
      files: exampleFiles('distro-sqlite/bad'),
      errors: [
        {
          file: 'Dockerfile', line: 2, column: 6, endLine: 2, endColumn: 22, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.12-slim', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          help: 'Build SQLite >= 3.51.3 in a builder stage, COPY it to /opt/sqlite, register it (ENV LD_LIBRARY_PATH=/opt/sqlite/lib, or ld.so.conf.d plus ldconfig) and add a build-time version assert; or move to a base whose SQLite is fixed.',
          related: ['requirements.txt:3:1 evidence that the image uses SQLite: requires aiosqlite'],
        },
      ],
    },
    {
      name: 'a patch-pinned tag no longer published: python:3.12.3-alpine was last built on alpine3.20',
      files: { Dockerfile: 'FROM python:3.12.3-alpine\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n', ...REQUIREMENTS },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 26, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.12.3-alpine', base: 'Alpine 3.20', version: '3.45.3', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          related: ['requirements.txt:2:1 evidence that the image uses SQLite: requires aiosqlite'],
        },
      ],
    },
    {
      name: 'a digest pin whose tag has only ever had unfixed bases (bookworm, trixie)',
      files: { Dockerfile: 'FROM python:3.12-slim@sha256:4f2a0d3c9b8e7a6f5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e\nRUN pip install aiosqlite\n' },
      errors: [
        {
          // The message names the whole reference and is cut at 160 characters; the knowledge tests state the facts.
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 94, severity: 'warning', messageId: 'distroBase',
          related: ['Dockerfile:2:17 evidence that the image uses SQLite: pip installs aiosqlite'],
        },
      ],
    },
    {
      name: 'pip-installed drivers on python:3.13-slim-bookworm (Debian 12)',
      files: { Dockerfile: 'FROM python:3.13-slim-bookworm\nRUN pip install aiosqlite sqlite-vec\n' },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 31, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.13-slim-bookworm', base: 'Debian 12 (bookworm)', version: '3.40.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          related: ['Dockerfile:2:17 evidence that the image uses SQLite: pip installs aiosqlite'],
        },
      ],
    },
    {
      name: 'apt installs libsqlite3-0 into a python image and ENV names a database',
      files: { Dockerfile: 'FROM python:3.13-slim-trixie\nRUN apt-get update && apt-get install -y sqlite3 libsqlite3-0\nENV DB_PATH=/data/app.sqlite3\n' },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 29, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.13-slim-trixie', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          related: ['Dockerfile:3:13 evidence that the image uses SQLite: ENV DB_PATH=/data/app.sqlite3'],
        },
      ],
    },
    {
      name: 'the FROM a suppression comment would cover',
      files: { ...SUPPRESSED_FROM, Dockerfile: 'FROM python:3.12-slim\nCOPY requirements.txt .\n' },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 22, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.12-slim', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
        },
      ],
    },
    {
      name: 'compose: the image: line a suppression comment would cover',
      files: composeImageLine(''),
      errors: [
        {
          file: 'compose.yaml', line: 3, column: 12, endLine: 3, endColumn: 28, severity: 'warning', messageId: 'serviceImage',
          data: { service: 'api', image: 'python:3.12-slim', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
        },
      ],
    },
    {
      name: 'a php image with pdo_sqlite',
      files: { Dockerfile: 'FROM php:8.4-apache\nRUN docker-php-ext-install pdo_sqlite\n' },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 20, severity: 'warning', messageId: 'distroBase',
          data: { image: 'php:8.4-apache', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "PHP's pdo_sqlite / sqlite3 extensions" },
        },
      ],
    },
    {
      name: 'a distro python3 on ubuntu:24.04',
      files: { Dockerfile: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3 python3-pip\nCOPY requirements.txt .\n', ...REQUIREMENTS },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 18, severity: 'warning', messageId: 'distroBase',
          data: { image: 'ubuntu:24.04', base: 'Ubuntu 24.04 (noble)', version: '3.45.1', fix: '3.51.3', runtime: "the distribution's python3" },
        },
      ],
    },
    {
      name: 'chained stages: at the final stage FROM token, the root image as related',
      files: { Dockerfile: 'FROM python:3.12-slim AS base\nRUN pip install aiosqlite\n\nFROM base AS app\nCMD ["python", "app.py"]\n' },
      errors: [
        {
          file: 'Dockerfile', line: 4, column: 6, endLine: 4, endColumn: 10, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.12-slim', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          related: ['Dockerfile:1:6 the final stage builds on python:3.12-slim', 'Dockerfile:2:17 evidence that the image uses SQLite: pip installs aiosqlite'],
        },
      ],
    },
    {
      name: 'an image tag built from ARG defaults',
      files: { Dockerfile: 'ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim\nRUN pip install aiosqlite\n' },
      errors: [
        {
          file: 'Dockerfile', line: 2, column: 6, endLine: 2, endColumn: 35, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.12-slim', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
        },
      ],
    },
    {
      name: 'a custom SQLite copied in but never registered',
      files: { Dockerfile: UNREGISTERED_COPY, ...REQUIREMENTS },
      errors: [
        {
          file: 'Dockerfile', line: 6, column: 6, endLine: 6, endColumn: 31, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.12-slim-bookworm', base: 'Debian 12 (bookworm)', version: '3.40.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          help: 'The SQLite copied in at line 7 is never registered: add ENV LD_LIBRARY_PATH=/opt/sqlite/lib (or an ld.so.conf.d entry and ldconfig) and a build-time version assert.',
        },
      ],
    },
    {
      name: 'a registered custom SQLite that is itself too old',
      files: { Dockerfile: UNREGISTERED_COPY.replace('3530000', '3500200').replace('COPY requirements.txt .', 'ENV LD_LIBRARY_PATH=/opt/sqlite/lib\nCOPY requirements.txt .'), ...REQUIREMENTS },
      errors: [
        {
          file: 'Dockerfile', line: 6, column: 6, endLine: 6, endColumn: 31, severity: 'warning', messageId: 'copiedSqliteOld',
          data: { line: 7, version: '3.50.2', fix: '3.50.7 on its line, 3.51.3', runtime: "CPython's sqlite3 module" },
        },
      ],
    },
    {
      name: 'strict: an unknown image is an info finding',
      files: PRIVATE_BASE,
      settings: { strict: true },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 33, severity: 'info', messageId: 'unidentifiedImage',
          data: { reason: "registry.example.com/base is not in litelint's knowledge base; teach it in .litelint.yaml under images:" },
          help: 'Check it with litelint --explain-image registry.example.com/base:3, or teach litelint the image in .litelint.yaml under images:.',
        },
      ],
    },
    {
      name: 'a private base image learnt from settings.images',
      files: PRIVATE_BASE,
      settings: { images: { 'registry.example.com/base:3': { distro: 'debian-13' } } },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 33, severity: 'warning', messageId: 'distroBase',
          data: { image: 'registry.example.com/base:3', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
        },
      ],
    },
    {
      name: 'strict: a digest-pinned image is unknown',
      files: DIGEST_PINNED,
      settings: { strict: true },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 96, severity: 'info', messageId: 'unidentifiedImage',
          data: { reason: 'it is pinned by digest (@sha256:4f2a0d3c9b8e…), and litelint cannot tell which build of python:3.12-alpine the digest names' },
        },
      ],
    },
    {
      name: 'strict: an unresolvable ARG in FROM is unknown',
      files: UNRESOLVED_ARG,
      parseErrors: UNRESOLVED_ARG_PARSE_ERRORS,
      settings: { strict: true },
      errors: [
        {
          file: 'Dockerfile', line: 2, column: 6, endLine: 2, endColumn: 13, severity: 'info', messageId: 'unidentifiedImage',
          data: { reason: 'the reference is built from a build argument litelint could not resolve' },
        },
      ],
    },
    {
      name: 'compose: at the image: scalar when the environment points at a SQLite database',
      files: { 'compose.yaml': 'services:\n  api:\n    image: python:3.12-slim\n    environment:\n      DATABASE_URL: sqlite:////data/app.db\n    volumes:\n      - app-data:/data\nvolumes:\n  app-data:\n' },
      errors: [
        {
          file: 'compose.yaml', line: 3, column: 12, endLine: 3, endColumn: 28, severity: 'warning', messageId: 'serviceImage',
          data: { service: 'api', image: 'python:3.12-slim', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          help: 'Build your own image FROM it with SQLite >= 3.51.3 copied in and registered (LD_LIBRARY_PATH or ld.so.conf.d plus ldconfig) and a build-time version assert, or run an image whose SQLite is fixed.',
          related: ['compose.yaml:5:21 evidence that the image uses SQLite: service api sets DATABASE_URL to a SQLite database'],
        },
      ],
    },
    {
      name: 'compose: the service adds its evidence to the Dockerfile it builds',
      files: { 'compose.yaml': 'services:\n  api:\n    build: .\n    environment:\n      DATABASE_URL: sqlite:////data/app.db\n', Dockerfile: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n' },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 22, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.12-slim', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          related: ['compose.yaml:5:21 evidence that the image uses SQLite: service api sets DATABASE_URL to a SQLite database'],
        },
      ],
    },
    {
      name: 'compose: docker/Dockerfile built with the repository root as context reads the root requirements.txt',
      files: {
        'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n',
        'docker/Dockerfile': 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
        'requirements.txt': 'fastapi==0.121.0\naiosqlite==0.21.0\n',
      },
      errors: [
        {
          file: 'docker/Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 22, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.12-slim', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          related: ['requirements.txt:2:1 evidence that the image uses SQLite: requires aiosqlite'],
        },
      ],
    },
    {
      name: 'Kamal: builder.dockerfile in a subfolder is built from the project root, where the requirements are',
      files: {
        'config/deploy.yml': 'service: shop\nimage: shop/web\nservers:\n  - 10.0.0.1\nbuilder:\n  arch: amd64\n  dockerfile: docker/Dockerfile.prod\n',
        'docker/Dockerfile.prod': 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
        'requirements.txt': 'aiosqlite==0.21.0\n',
      },
      errors: [
        {
          file: 'docker/Dockerfile.prod', line: 1, column: 6, endLine: 1, endColumn: 22, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.12-slim', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          related: ['requirements.txt:1:1 evidence that the image uses SQLite: requires aiosqlite'],
        },
      ],
    },
    {
      name: 'RUN --mount=type=bind,source=requirements.txt reads the requirements as a COPY would',
      files: {
        Dockerfile: 'FROM python:3.12-slim\nRUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \\\n    pip install -r /tmp/requirements.txt\nCMD ["python", "-m", "app"]\n',
        'requirements.txt': 'fastapi==0.121.0\naiosqlite==0.21.0\n',
      },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 22, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.12-slim', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          related: ['requirements.txt:2:1 evidence that the image uses SQLite: requires aiosqlite'],
        },
      ],
    },
    {
      name: 'a docker/Dockerfile nobody in the project builds, whose COPY sources are only at the repository root',
      files: {
        'docker/Dockerfile': 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY app.py .\nCMD ["python", "app.py"]\n',
        'requirements.txt': 'fastapi==0.121.0\naiosqlite==0.21.0\n',
        'app.py': 'import aiosqlite\n',
      },
      errors: [
        {
          file: 'docker/Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 22, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.12-slim', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          related: ['requirements.txt:2:1 evidence that the image uses SQLite: requires aiosqlite (read with the repository root as build context: the COPY sources are not beside the Dockerfile)'],
        },
      ],
    },
    {
      name: 'compose: a Dockerfile built with two targets is analysed per target, not only its last stage',
      files: {
        'compose.yaml': 'services:\n  api:\n    build: {context: ., target: api}\n    ports: ["8000:8000"]\n  docs:\n    build: {context: ., target: docs}\n    ports: ["8080:80"]\n',
        Dockerfile: 'FROM python:3.12-slim AS api\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCMD ["python", "-m", "app"]\n\nFROM nginx:1.27-alpine AS docs\nCOPY site/ /usr/share/nginx/html/\n',
        'requirements.txt': 'fastapi==0.121.0\naiosqlite==0.21.0\n',
      },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 22, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.12-slim', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          related: ['requirements.txt:2:1 evidence that the image uses SQLite: requires aiosqlite'],
        },
      ],
    },
    {
      name: 'compose: FROM an image the project builds itself (image: + build:) resolves through that Dockerfile',
      files: {
        'compose.yaml': 'services:\n  base:\n    image: app-base:local\n    build: ./base\n  api:\n    build: ./api\n    depends_on: [base]\n',
        'base/Dockerfile': 'FROM python:3.12-slim\nRUN pip install --no-cache-dir aiosqlite\n',
        'api/Dockerfile': 'FROM app-base:local\nCOPY app.py .\nCMD ["python", "app.py"]\n',
        'api/app.py': 'import aiosqlite\n',
      },
      errors: [
        {
          file: 'api/Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 20, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.12-slim', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          related: ['base/Dockerfile:2:32 evidence that the image uses SQLite: pip installs aiosqlite'],
        },
        {
          file: 'base/Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 22, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.12-slim', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          related: ['base/Dockerfile:2:32 evidence that the image uses SQLite: pip installs aiosqlite'],
        },
      ],
    },
    {
      name: "compose: build.args choose the FROM image over the ARG's default",
      files: {
        'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      args:\n        BASE_IMAGE: python:3.12-slim\n',
        Dockerfile: 'ARG BASE_IMAGE=python:3.12-alpine3.24\nFROM ${BASE_IMAGE}\nRUN pip install aiosqlite\n',
      },
      errors: [
        {
          file: 'Dockerfile', line: 2, column: 6, endLine: 2, endColumn: 19, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.12-slim', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          related: ['Dockerfile:3:17 evidence that the image uses SQLite: pip installs aiosqlite'],
        },
      ],
    },
    {
      name: 'compose: COPY --from=<additional context> reads the requirements in that folder',
      files: {
        'compose.yaml': 'services:\n  api:\n    build:\n      context: ./api\n      additional_contexts:\n        shared: ./shared\n',
        'api/Dockerfile': 'FROM python:3.12-slim\nCOPY --from=shared requirements.txt .\nRUN pip install -r requirements.txt\n',
        'shared/requirements.txt': 'aiosqlite==0.21.0\n',
      },
      errors: [
        {
          file: 'api/Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 22, severity: 'warning', messageId: 'distroBase',
          data: { image: 'python:3.12-slim', base: 'Debian 13 (trixie)', version: '3.46.1', fix: '3.51.3', runtime: "CPython's sqlite3 module" },
          related: ['shared/requirements.txt:1:1 evidence that the image uses SQLite: requires aiosqlite'],
        },
      ],
    },
  ],
});

import { describe, expect, it } from 'vitest';
import { bundledSqlite } from '../../rules/bundled-sqlite';
import { at, exampleFiles, runRule } from './harness';

const GO_DOCKERFILE = [
  'FROM golang:1.27 AS build',
  'WORKDIR /src',
  'COPY go.mod go.sum ./',
  'RUN go mod download',
  'COPY . .',
  'RUN CGO_ENABLED=1 go build -o /out/app ./cmd/app',
  '',
  'FROM gcr.io/distroless/base-debian12',
  'COPY --from=build /out/app /app',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');

function goMod(requirement: string): string {
  return `module example.com/app\n\ngo 1.27\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.2.3\n\t${requirement}\n)\n`;
}

describe('bundled-sqlite', () => {
  it('fires on the example bad lockfile at the pinned version', () => {
    const findings = runRule(bundledSqlite, exampleFiles('bundled-sqlite/bad'));
    expect(at(findings)).toEqual(['package-lock.json:15:19']);
    expect(findings[0]).toMatchObject({ endLine: 15, endColumn: 25 });
    expect(findings[0].message).toContain('better-sqlite3 12.6.2 bundles SQLite 3.51.2, older than the WAL-reset fix (3.51.3)');
    expect(findings[0].help).toContain('Upgrade to better-sqlite3 12.8.0 or later');
  });

  it('stays quiet on the example good Dockerfiles', () => {
    for (const example of ['bundled-sqlite/good', 'distro-sqlite/good', 'sqlite-version-assert/good']) {
      expect(runRule(bundledSqlite, exampleFiles(example)), example).toEqual([]);
    }
  });

  it('fires on the sqlite3 npm package before 6.0.1 (lockfile v1)', () => {
    const lock = '{\n  "lockfileVersion": 1,\n  "dependencies": {\n    "sqlite3": {\n      "version": "5.1.7",\n      "resolved": "https://registry.npmjs.org/sqlite3/-/sqlite3-5.1.7.tgz"\n    }\n  }\n}\n';
    const findings = runRule(bundledSqlite, { Dockerfile: 'FROM node:22-slim\nCOPY . .\nRUN npm ci\n', 'package-lock.json': lock });
    expect(at(findings)).toEqual(['package-lock.json:5:19']);
    expect(findings[0].message).toContain('sqlite3 5.1.7 bundles SQLite 3.44.2');
    expect(findings[0].help).toContain('Upgrade to sqlite3 6.0.1 or later');
  });

  it('fires on the sqlite3 gem before 2.9.2 in Gemfile.lock, platform suffix and all', () => {
    const lock = 'GEM\n  remote: https://rubygems.org/\n  specs:\n    rails (8.1.1)\n    sqlite3 (2.9.1-x86_64-linux-gnu)\n    sqlite3 (2.9.1-aarch64-linux-gnu)\n\nDEPENDENCIES\n  sqlite3 (>= 2.1)\n';
    const files = { Dockerfile: 'FROM ruby:3.4-slim\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\n', Gemfile: 'gem "sqlite3", ">= 2.1"\n', 'Gemfile.lock': lock };
    const findings = runRule(bundledSqlite, files);
    expect(at(findings)).toEqual(['Gemfile.lock:5:14']);
    expect(findings[0]).toMatchObject({ endColumn: 36 });
    expect(findings[0].message).toContain('sqlite3 2.9.1 bundles SQLite 3.51.2');
    expect(findings[0].help).toContain('Upgrade to sqlite3 2.9.2 or later');
  });

  it('does not fire on the gem built against the system library', () => {
    const files = {
      Dockerfile: 'FROM ruby:3.4-slim\nCOPY Gemfile Gemfile.lock ./\nRUN bundle config build.sqlite3 --enable-system-libraries && bundle install\n',
      'Gemfile.lock': 'GEM\n  specs:\n    sqlite3 (2.9.1)\n',
    };
    expect(runRule(bundledSqlite, files)).toEqual([]);
  });

  it.each([
    ['github.com/mattn/go-sqlite3 v1.14.34', '7:30', 'older than the WAL-reset fix (3.51.3)', 'github.com/mattn/go-sqlite3 1.14.36'],
    ['modernc.org/sqlite v1.44.3', '7:21', 'bundles SQLite 3.51.2', 'modernc.org/sqlite 1.46.2'],
    ['github.com/ncruces/go-sqlite3 v0.32.0', '7:32', 'predates the WAL-reset fix', 'github.com/ncruces/go-sqlite3 0.33.0'],
  ])('fires on go.mod %s in a build stage the final image copies from', (requirement, position, text, upgrade) => {
    const findings = runRule(bundledSqlite, { Dockerfile: GO_DOCKERFILE, 'go.mod': goMod(requirement) });
    expect(at(findings)).toEqual([`go.mod:${position}`]);
    expect(findings[0].message).toContain(text);
    expect(findings[0].help).toContain(`Upgrade to ${upgrade}`);
  });

  it('does not fire on fixed Go drivers, or on mattn built with -tags libsqlite3', () => {
    expect(runRule(bundledSqlite, { Dockerfile: GO_DOCKERFILE, 'go.mod': goMod('github.com/mattn/go-sqlite3 v1.14.36') })).toEqual([]);
    const systemBuild = GO_DOCKERFILE.replace('go build -o', 'go build -tags libsqlite3 -o');
    expect(runRule(bundledSqlite, { Dockerfile: systemBuild, 'go.mod': goMod('github.com/mattn/go-sqlite3 v1.14.34') })).toEqual([]);
  });

  it('fires on rusqlite with the bundled feature, not without it', () => {
    const dockerfile = 'FROM rust:1.91 AS build\nWORKDIR /src\nCOPY Cargo.toml Cargo.lock ./\nCOPY src ./src\nRUN cargo build --release\n\nFROM debian:13-slim\nCOPY --from=build /src/target/release/app /app\nCMD ["/app"]\n';
    const lock = 'version = 4\n\n[[package]]\nname = "libsqlite3-sys"\nversion = "0.36.0"\n\n[[package]]\nname = "rusqlite"\nversion = "0.38.0"\n';
    const bundled = runRule(bundledSqlite, { Dockerfile: dockerfile, 'Cargo.toml': '[dependencies]\nrusqlite = { version = "0.38", features = ["bundled"] }\n', 'Cargo.lock': lock });
    expect(at(bundled)).toEqual(['Cargo.lock:5:12', 'Cargo.lock:9:12']);
    expect(bundled[1].message).toContain('rusqlite 0.38.0 bundles SQLite 3.51.1');
    expect(bundled[1].help).toContain('Upgrade to rusqlite 0.39.0');
    expect(runRule(bundledSqlite, { Dockerfile: dockerfile, 'Cargo.toml': '[dependencies]\nrusqlite = "0.38"\n', 'Cargo.lock': lock })).toEqual([]);
  });

  it('fires at the FROM token for a Node release whose node:sqlite predates the fix', () => {
    const findings = runRule(bundledSqlite, { Dockerfile: 'FROM node:22.22.2-slim\nCOPY . .\nCMD ["node", "--experimental-sqlite", "server.js"]\n' });
    expect(at(findings)).toEqual(['Dockerfile:1:6']);
    expect(findings[0].message).toContain('node:22.22.2-slim: node:sqlite of node 22.22.2 bundles SQLite 3.51.2, older than the WAL-reset fix (3.51.3)');
    expect(findings[0].help).toContain('Use node 22.22.3 or later');
  });

  it('does not fire for floating Node tags whose line has the fix, or Node 20', () => {
    expect(runRule(bundledSqlite, { Dockerfile: 'FROM node:22-slim\nCMD ["node", "--experimental-sqlite", "server.js"]\n' })).toEqual([]);
    expect(runRule(bundledSqlite, { Dockerfile: 'FROM node:24.15.0\nCMD ["node", "--experimental-sqlite", "server.js"]\n' })).toEqual([]);
    expect(runRule(bundledSqlite, { Dockerfile: 'FROM node:20.19.0\nENV DB_FILE=/data/app.db\n' })).toEqual([]);
  });

  it('fires for Bun before 1.3.14 and Deno before 2.9.1, hedged when no driver is named', () => {
    const bun = runRule(bundledSqlite, { Dockerfile: 'FROM oven/bun:1.3.13-slim\nCOPY . .\nENV DB_PATH=/data/app.sqlite\nCMD ["bun", "run", "index.ts"]\n' });
    expect(at(bun)).toEqual(['Dockerfile:1:6']);
    expect(bun[0].message).toContain('bun:sqlite of bun 1.3.13 bundles SQLite 3.51.2');
    expect(bun[0].message).toContain('if the app uses it (no other driver found)');
    expect(bun[0].help).toContain('Use bun 1.3.14 or later');
    const deno = runRule(bundledSqlite, { Dockerfile: 'FROM denoland/deno:2.8.0\nCMD ["deno", "run", "-A", "--", "main.ts", "/data/app.db"]\n' });
    expect(at(deno)).toEqual(['Dockerfile:1:6']);
    expect(deno[0].help).toContain('Use deno 2.9.1 or later');
  });

  it('fires at the compose image line for a stock Bun image', () => {
    const compose = 'services:\n  app:\n    image: oven/bun:1.3.13\n    environment:\n      DB_PATH: /data/app.sqlite\n';
    const findings = runRule(bundledSqlite, { 'compose.yaml': compose });
    expect(at(findings)).toEqual(['compose.yaml:3:12']);
  });

  it('reports a lockfile shared by two Dockerfiles once', () => {
    const files = { ...exampleFiles('bundled-sqlite/bad'), 'Dockerfile.worker': 'FROM node:24-slim\nCOPY package.json package-lock.json ./\nRUN npm ci\n' };
    expect(at(runRule(bundledSqlite, files))).toEqual(['package-lock.json:15:19']);
  });
});

import { describe, expect, it } from 'vitest';
import { createKnowledge, explainImage, parseImageRef, sqliteKnowledge, type Sourced } from '../../src/knowledge';

const knowledge = createKnowledge();

describe('knowledge data', () => {
  it('gives every entry a source and an as-of date', () => {
    const data = sqliteKnowledge();
    const packageTables = Object.entries(data.packages).filter(([key]) => !key.startsWith('$')).map(([, table]) => table as Record<string, Sourced>);
    const groups: Record<string, Sourced>[] = [data.distros, data.repositories, data.runtimes, data.drivers, data.builtins, { fix: data.fix }, ...packageTables, data.runtimeApis, data.systemAsserts, ...Object.entries(data.systemPackages).filter(([key]) => !key.startsWith('$')).map(([, list]) => Object.fromEntries(list.entries()))];
    for (const group of groups) {
      for (const [id, entry] of Object.entries(group).filter(([key]) => !key.startsWith('$'))) {
        expect(entry.source, id).toMatch(/\S/);
        expect(entry.asOf, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });
});

describe('isSqliteFixed', () => {
  it.each([
    ['3.51.3', true],
    ['3.52.0', true],
    ['3.53.4', true],
    ['3.51.2', false],
    ['3.50.7', true],
    ['3.50.6', false],
    ['3.44.6', true],
    ['3.44.5', false],
    ['3.46.1', false],
    ['3.45.9', false],
    ['3.40.1-2+deb12u2', false],
  ])('%s -> %s', (version, fixed) => {
    expect(knowledge.isFixed(version)).toBe(fixed);
  });

  it('honours sqliteFixedRange from the settings', () => {
    expect(createKnowledge({ sqliteFixedRange: '>=3.46.1' }).isFixed('3.46.1')).toBe(true);
  });
});

describe('parseImageRef', () => {
  it.each([
    ['python:3.12-slim', { name: 'python', tag: '3.12-slim' }],
    ['docker.io/library/python:3.12-slim', { name: 'python', tag: '3.12-slim' }],
    ['library/python', { name: 'python', tag: undefined }],
    ['localhost:5000/team/app:1.2', { name: 'localhost:5000/team/app', tag: '1.2', registry: 'localhost:5000' }],
    ['gcr.io/distroless/python3-debian13', { name: 'gcr.io/distroless/python3-debian13' }],
    ['python:3.12@sha256:abc', { name: 'python', tag: '3.12', digest: 'sha256:abc' }],
  ])('%s', (reference, expected) => {
    expect(parseImageRef(reference)).toMatchObject(expected);
  });

  it('refuses references built from variables', () => {
    expect(parseImageRef('python:${PY}-slim')).toBeUndefined();
  });
});

describe('lookupImage', () => {
  it.each([
    ['python:3.12-slim', 'debian-13', '3.46.1', 'cpython'],
    ['python:3.13-slim-bookworm', 'debian-12', '3.40.1', 'cpython'],
    ['docker.io/library/python:3.12', 'debian-13', '3.46.1', 'cpython'],
    ['python:3.12-alpine', 'alpine-3.24', '3.53.4', 'cpython'],
    ['python:3.12-alpine3.20', 'alpine-3.20', '3.45.3', 'cpython'],
    ['php:8.4-fpm', 'debian-13', '3.46.1', 'php'],
    ['ruby:3.4-slim', 'debian-13', '3.46.1', 'ruby'],
    ['node:24-slim', 'debian-12', '3.40.1', 'node'],
    ['node:26', 'debian-13', '3.46.1', 'node'],
    ['debian:bookworm-slim', 'debian-12', '3.40.1', 'none'],
    ['debian:12.15-slim', 'debian-12', '3.40.1', 'none'],
    ['debian:sid', 'debian-sid', '3.53.4', 'none'],
    ['ubuntu:24.04', 'ubuntu-24.04', '3.45.1', 'none'],
    ['ubuntu:noble-20260101', 'ubuntu-24.04', '3.45.1', 'none'],
    ['alpine:3.24', 'alpine-3.24', '3.53.4', 'none'],
    ['alpine:3.20.3', 'alpine-3.20', '3.45.3', 'none'],
    ['gcr.io/distroless/python3-debian13', 'debian-13', '3.46.1', 'cpython'],
    ['gcr.io/distroless/python3-debian12', 'debian-12', '3.40.1', 'cpython'],
    ['registry.access.redhat.com/ubi9/python-312', 'rhel-9', '3.34.1', 'cpython'],
    ['registry.access.redhat.com/ubi8/ubi-minimal', 'rhel-8', '3.26.0', 'none'],
    ['amazonlinux:2023', 'amazonlinux-2023', '3.40.0', 'none'],
    ['cgr.dev/chainguard/python:latest', 'wolfi', '3.53.4', 'cpython'],
    // Tags no longer published resolve to the last base they were built on (tag history).
    ['python:3.12.3-alpine', 'alpine-3.20', '3.45.3', 'cpython'],
    ['python:3.11.9-alpine', 'alpine-3.20', '3.45.3', 'cpython'],
    ['python:3.11.9-slim', 'debian-12', '3.40.1', 'cpython'],
    ['python:3.7-alpine', 'alpine-3.18', '3.41.2', 'cpython'],
    ['php:7.4-fpm-alpine', 'alpine-3.16', '3.38.5', 'php'],
    ['node:16-alpine', 'alpine-3.18', '3.41.2', 'node'],
    ['ruby:2.7-slim', 'debian-11', '3.34.1', 'ruby'],
    ['golang:1.20.5-alpine', 'alpine-3.18', '3.41.2', 'go'],
    // An old codename names its own release, never today's default.
    ['python:3.7.10-slim-stretch', 'debian-9', '3.16.2', 'cpython'],
    ['python:3.8-buster', 'debian-10', '3.27.2', 'cpython'],
    // Moved or added since the first compilation (sqlite-facts.md corrections of 2026-12-01).
    ['node:lts-slim', 'debian-13', '3.46.1', 'node'],
    ['node:krypton-alpine', 'alpine-3.24', '3.53.4', 'node'],
    ['node:jod', 'debian-12', '3.40.1', 'node'],
    ['ubuntu:rolling', 'ubuntu-26.10', '3.53.4', 'none'],
    ['debian:oldstable-slim', 'debian-12', '3.40.1', 'none'],
    ['debian:testing', 'debian-14', '3.53.4', 'none'],
    ['alpine:3.14', 'alpine-3.14', '3.35.5', 'none'],
    ['alpine:edge', 'alpine-edge', '3.53.2', 'none'],
    ['fedora:44', 'fedora-44', '3.51.2', 'none'],
    ['fedora:45', 'fedora-45', '3.53.4', 'none'],
    ['rust:1.98-slim', 'debian-13', '3.46.1', 'none'],
    ['rust:1-alpine3.22', 'alpine-3.22', '3.49.2', 'none'],
    ['eclipse-temurin:21-jre', 'ubuntu-26.04', '3.46.1', 'none'],
    ['eclipse-temurin:21-jdk-alpine-3.23', 'alpine-3.23', '3.53.4', 'none'],
    ['eclipse-temurin:21-jre-noble', 'ubuntu-24.04', '3.45.1', 'none'],
    ['mcr.microsoft.com/dotnet/aspnet:10.0', 'ubuntu-24.04', '3.45.1', 'none'],
    ['mcr.microsoft.com/dotnet/runtime:8.0', 'debian-12', '3.40.1', 'none'],
    ['ghcr.io/linuxserver/baseimage-ubuntu:noble', 'ubuntu-24.04', '3.45.1', 'none'],
    ['lscr.io/linuxserver/baseimage-alpine:3.20', 'alpine-3.20', '3.45.3', 'none'],
    ['ghcr.io/astral-sh/uv:0.9.5-python3.12-bookworm-slim', 'debian-12', '3.40.1', 'cpython'],
    // elixir is built FROM erlang:<otp>[-slim|-alpine] (erlef/docker-elixir, erlang/docker-erlang-otp).
    ['elixir:1.18', 'debian-13', '3.46.1', 'none'],
    ['elixir:1.18-slim', 'debian-13', '3.46.1', 'none'],
    ['elixir:1.18-alpine', 'alpine-3.24', '3.53.4', 'none'],
    ['elixir:latest', 'debian-13', '3.46.1', 'none'],
    ['elixir:1.17', 'debian-12', '3.40.1', 'none'],
    ['elixir:1.17.3-otp-27', 'debian-12', '3.40.1', 'none'],
    ['elixir:1.18.4-otp-28-alpine', 'alpine-3.24', '3.53.4', 'none'],
    ['elixir:1.18-otp-25-slim', 'debian-11', '3.34.1', 'none'],
    ['elixir:1.18-otp-25-alpine', 'alpine-3.22', '3.49.2', 'none'],
    ['erlang:27-slim', 'debian-12', '3.40.1', 'none'],
    ['erlang:28.1', 'debian-13', '3.46.1', 'none'],
    // hexpm/elixir names its base in the tag (the Phoenix release Dockerfile's builder).
    ['hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim', 'debian-12', '3.40.1', 'none'],
    ['hexpm/elixir:1.18.4-erlang-28.0.2-ubuntu-noble-20250714', 'ubuntu-24.04', '3.45.1', 'none'],
    ['hexpm/elixir:1.18.3-erlang-27.3.3-alpine-3.21.3', 'alpine-3.21', '3.48.0', 'none'],
    ['debian:bookworm-20241016-slim', 'debian-12', '3.40.1', 'none'],
    // Issue 16 audit: rows the issue names that had no test of their own.
    ['fedora:42', 'fedora-42', '3.47.2', 'none'],
    ['debian:stable-slim', 'debian-13', '3.46.1', 'none'],
    ['alpine:3.12', 'alpine-3.12', '3.32.1', 'none'],
    ['alpine:3.16', 'alpine-3.16', '3.38.5', 'none'],
    ['openjdk:27-ea-trixie', 'debian-13', '3.46.1', 'none'],
    ['rclone/rclone:latest', 'alpine-3.24', '3.53.4', 'none'],
    // Still published at the snapshot: the repository's defaults decide.
    ['python:3.12.14-alpine', 'alpine-3.24', '3.53.4', 'cpython'],
  ])('%s', (reference, distro, sqlite, runtime) => {
    const info = knowledge.lookupImage(reference);
    expect(info).toMatchObject({ known: true, distroId: distro, systemSqlite: sqlite, runtime });
  });

  it('knows distroless static has no system SQLite', () => {
    expect(knowledge.lookupImage('gcr.io/distroless/static-debian12')).toMatchObject({ known: true, hasSystemSqlite: false });
  });

  it('says a digest is unknown when the tag has had a fixed base', () => {
    const info = knowledge.lookupImage('python:3.12-alpine@sha256:0123456789abcdef0123456789abcdef');
    expect(info.known).toBe(false);
    expect(info.unknownReason).toMatch(/pinned by digest/);
  });

  it('resolves a digest when every base the tag has had is unfixed', () => {
    const info = knowledge.lookupImage('python:3.12-slim@sha256:0123456789abcdef0123456789abcdef');
    expect(info).toMatchObject({ known: true, distroId: 'debian-13', systemSqlite: '3.46.1' });
    expect(info.notes.join(' ')).toContain('every base python:3.12-slim has had (debian-12, debian-13)');
  });

  it('leaves an unknown codename unknown instead of taking the default', () => {
    expect(knowledge.lookupImage('python:3.9-xenial')).toMatchObject({ known: false, unknownReason: 'the tag suffix -xenial names a base litelint does not know' });
  });

  it('leaves an rclone/rclone release tag unknown: it was built on the alpine:latest of its day', () => {
    expect(knowledge.lookupImage('rclone/rclone:1.68.2')).toMatchObject({ known: false, unknownReason: expect.stringContaining('alpine:latest of their release day') });
  });

  it('leaves elixir tags no longer built, or with an OTP it has no base for, unknown instead of taking the default', () => {
    expect(knowledge.lookupImage('elixir:1.14.5-alpine')).toMatchObject({ known: false, unknownReason: expect.stringContaining('Elixir 1.14 and older are no longer built') });
    expect(knowledge.lookupImage('elixir:1.13')).toMatchObject({ known: false });
    expect(knowledge.lookupImage('elixir:1.19-otp-23')).toMatchObject({ known: false, unknownReason: 'the tag names an Erlang/OTP release whose base litelint does not know' });
  });

  it('does not read Windows tags from the Linux history', () => {
    expect(knowledge.lookupImage('golang:1.22-windowsservercore-ltsc2022').distroId).not.toBe('debian-12');
  });

  it('says an unknown repository is unknown', () => {
    expect(knowledge.lookupImage('registry.example.com/base:3')).toMatchObject({ known: false });
  });

  it('honours settings.images by exact reference and by prefix', () => {
    const images = {
      'registry.example.com/base:3': { distro: 'debian-13' },
      'registry.example.com/sqlite-base:*': { sqlite: '3.51.3' },
    };
    const taught = createKnowledge({ images });
    expect(taught.lookupImage('registry.example.com/base:3')).toMatchObject({ known: true, systemSqlite: '3.46.1' });
    expect(taught.lookupImage('registry.example.com/sqlite-base:2026')).toMatchObject({ known: true, systemSqlite: '3.51.3' });
    expect(taught.lookupImage('registry.example.com/base:4').known).toBe(false);
    expect(createKnowledge({ images: { 'corp/base:1': { distro: 'bookworm' } } }).lookupImage('corp/base:1')).toMatchObject({ systemSqlite: '3.40.1' });
  });

  it('reads runtime versions from tags', () => {
    expect(knowledge.lookupImage('node:22.22.1-slim').runtimeVersion).toBe('22.22.1');
    expect(knowledge.lookupImage('oven/bun:1.3.13-alpine').runtimeVersion).toBe('1.3.13');
    expect(knowledge.lookupImage('denoland/deno:alpine-2.8.0').runtimeVersion).toBe('2.8.0');
  });
});

describe('builtin runtimes', () => {
  it.each([
    ['node', '22.22.2', false, '22.22.3'],
    ['node', '22.22.3', true, '22.22.3'],
    ['node', '25.8.0', false, '25.8.1'],
    ['node', '25.8.1', true, '25.8.1'],
    ['node', '22', true, '22.22.3'],
    ['node', '24.14', false, '24.15.0'],
    ['node', '24.15.0', true, '24.15.0'],
    ['node', '23.11.0', false, '24.15.0'],
    ['bun', '1.3.13', false, '1.3.14'],
    ['bun', '1.3', true, '1.3.14'],
    ['deno', '2.8.0', false, '2.9.1'],
    ['deno', '2.9.1', true, '2.9.1'],
  ] as const)('%s %s', (runtime, version, fixed, firstFixed) => {
    expect(knowledge.builtinVerdict(runtime, version)).toMatchObject({ fixed, firstFixed });
  });

  it('knows Node 20 has no node:sqlite', () => {
    expect(knowledge.builtinVerdict('node', '20.19.0')).toBeUndefined();
  });
});

describe('driverVerdict', () => {
  it.each([
    ['better-sqlite3', '12.6.2', false],
    ['better-sqlite3', '12.8.0', true],
    ['node-sqlite3', '5.1.7', false],
    ['node-sqlite3', '6.0.1', true],
    ['sqlite3-gem', '2.9.1-x86_64-linux-gnu', false],
    ['sqlite3-gem', '2.9.2', true],
    ['mattn-go-sqlite3', 'v1.14.35', false],
    ['mattn-go-sqlite3', 'v1.14.36', true],
    ['modernc-sqlite', 'v1.44.3', false],
    ['ncruces-go-sqlite3', 'v0.33.0', true],
    ['ncruces-go-sqlite3', 'v0.30.5', false],
    ['ncruces-go-sqlite3', 'v0.31.0', true],
    ['ncruces-go-sqlite3', 'v0.32.0', true],
    ['ncruces-go-sqlite3-wasm', 'v1.0.4+3.51.3', true],
    ['ncruces-go-sqlite3-wasm', 'v1.0.1-0.20260321101821-261d0f98d39c', true],
    ['ncruces-go-sqlite3-wasm-v2', 'v2.1.35300', true],
    ['ncruces-go-sqlite3-wasm-v3', 'v3.0.35102', false],
    ['pysqlite3-binary', '0.5.4.post2', false],
    ['python-build-standalone', '20250902', false],
    ['python-build-standalone', '20260510', false],
    ['python-build-standalone', '20260602', true],
    ['rusqlite', '0.38.0', false],
    ['rusqlite', '0.39.0', true],
  ])('%s %s', (driver, version, fixed) => {
    expect(knowledge.driverVerdict(driver, version)?.fixed).toBe(fixed);
  });
});

describe('explainImage', () => {
  it('prints distro, SQLite version, verdict and sources', () => {
    const text = explainImage('python:3.12-slim', knowledge);
    expect(text).toContain('Distribution: Debian 13 (trixie) (debian-13)');
    expect(text).toContain('System SQLite: 3.46.1 in libsqlite3-0 3.46.1-7+deb13u2: does NOT have the WAL-reset fix');
    expect(text).toContain('docker-library/official-images library/python');
    expect(text).toMatch(/as of 2026-08-21/);
  });

  it('shows end of life', () => {
    expect(explainImage('amazonlinux:2', knowledge)).toContain('End of life: since 2026-06-30');
    expect(explainImage('fedora:41', knowledge)).toContain('End of life');
    expect(explainImage('node:20.19.0-slim', knowledge)).toContain('End of life: Node 20 since 2026-04-30');
  });

  it('says so for a digest', () => {
    expect(explainImage('python@sha256:0123456789abcdef0123456789', knowledge)).toMatch(/Unknown: it is pinned by digest/);
  });
});

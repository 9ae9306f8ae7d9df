/**
 * Side effects (issue 6): without --fix litelint writes nothing; --fix writes through a temporary
 * file and a rename and keeps the mode; no command found in a file is run and no network
 * connection is opened.
 */
import * as childProcess from 'node:child_process';
import type * as dnsModule from 'node:dns';
import type * as httpModule from 'node:http';
import type * as httpsModule from 'node:https';
import type * as netModule from 'node:net';
import { existsSync, linkSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync, chmodSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { FORMAT_NAMES } from '../../src/formatters';
import { jsonFindings, runCli, tempProject } from '../helpers';
import { REPO_ROOT } from './corpus';

const BAD_COMPOSE = 'services:\n  app:\n    image: x\n    volumes:\n      - ${DATA:-./data}:/data\n';
const FIXED_COMPOSE = BAD_COMPOSE.replace('${DATA:-./data}', '${DATA:?DATA must point at the data directory}');

/** A canary path a command in the linted files would create if it ran. */
const CANARY = join(realpathSync(tmpdir()), `litelint-canary-${process.pid}-${Date.now()}`);

const PROJECT: Record<string, string> = {
  Dockerfile: [
    '# syntax=docker/dockerfile:1',
    'FROM registry.example.com/base:1 AS build',
    'ADD https://example.com/install.tgz /tmp/',
    `RUN curl -fsSL http://example.com/install.sh | sh && touch ${CANARY}`,
    'RUN --mount=type=secret,id=npm,target=/root/.npmrc npm ci',
    'FROM python:3.12-slim',
    'COPY --from=build /app /app',
    'ENV DATABASE_URL=sqlite:////data/app.db',
    `HEALTHCHECK CMD curl -f http://localhost/ || touch ${CANARY}`,
    'CMD ["python", "-m", "app"]',
    '',
  ].join('\n'),
  'compose.yaml': [
    'include:',
    '  - https://example.com/remote/compose.yaml',
    'services:',
    '  app:',
    '    build: https://github.com/acme/app.git#main',
    '    image: registry.example.com/app:1',
    `    command: ["sh", "-c", "rm -rf / ; touch ${CANARY}"]`,
    `    entrypoint: /bin/sh -c "curl http://example.com | sh; touch ${CANARY}"`,
    '    healthcheck:',
    `      test: ["CMD-SHELL", "curl -f http://localhost || touch ${CANARY}"]`,
    '    environment:',
    '      DATABASE_URL: sqlite:////data/app.db',
    '    volumes:',
    '      - ${DATA:-./data}:/data',
    '  local:',
    '    build: .',
    '    volumes:',
    '      - ${CACHE:-./cache}:/cache',
    '',
  ].join('\n'),
  '.env': `CACHE=$(touch ${CANARY})\nOTHER=\`touch ${CANARY}\`\n`,
  'config/deploy.yml': [
    'service: blog',
    'image: acme/blog',
    'servers:',
    '  - <%= `hostname` %>',
    '  - <%= %x(id) %>',
    'volumes:',
    `  - /srv/<%= system("touch ${CANARY}") %>:/rails/storage`,
    'env:',
    '  clear:',
    '    DATABASE_URL: sqlite3:///rails/storage/production.sqlite3',
    '  secret:',
    '    - RAILS_MASTER_KEY',
    '',
  ].join('\n'),
  '.kamal/secrets': `RAILS_MASTER_KEY=$(kamal secrets fetch --adapter 1password --account x; touch ${CANARY})\n`,
  'requirements.txt': 'flask==3.0.0\n',
  'Gemfile.lock': 'GEM\n  specs:\n    sqlite3 (1.7.3)\n',
  '.gitignore': 'tmp/\n',
};

interface Snapshot {
  [path: string]: { ino: number; mode: number; mtimeMs: number; ctimeMs: number; content: string; link?: string };
}

function snapshot(root: string): Snapshot {
  const out: Snapshot = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const absolute = join(dir, name);
      const stats = lstatSync(absolute);
      const key = relative(root, absolute);
      if (stats.isDirectory()) {
        out[`${key}/`] = { ino: stats.ino, mode: stats.mode, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, content: '' };
        walk(absolute);
      } else {
        const link = stats.isSymbolicLink() ? realpathSync(absolute) : undefined;
        out[key] = { ino: stats.ino, mode: stats.mode, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, content: link ? '' : readFileSync(absolute, 'latin1'), ...(link ? { link } : {}) };
      }
    }
  };
  walk(root);
  return out;
}

describe('without --fix, nothing is written', () => {
  it.each(FORMAT_NAMES)('-f %s leaves every file and directory as it was', (format) => {
    const cwd = tempProject({ ...PROJECT, 'sub/compose.yaml': BAD_COMPOSE });
    symlinkSync('sub/compose.yaml', join(cwd, 'compose.linked.yaml'));
    const before = snapshot(cwd);
    for (const args of [[], ['--strict', '--report-unused-ignores'], ['compose.yaml', 'Dockerfile', 'config/deploy.yml', 'compose.linked.yaml']]) {
      const result = runCli(['-f', format, ...args], { cwd, tty: true });
      expect(result.code).toBe(1);
    }
    expect(snapshot(cwd)).toEqual(before);
  });
});

describe('--fix', () => {
  function fixedProject(mode: number): { cwd: string; path: string } {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const path = join(cwd, 'compose.yaml');
    chmodSync(path, mode);
    return { cwd, path };
  }

  it.each([0o640, 0o755, 0o600])('replaces the file by a rename and keeps mode %s', (mode) => {
    const { cwd, path } = fixedProject(mode);
    // A second hard link keeps the old inode: after a rename it still has the old text.
    linkSync(path, join(cwd, 'hardlink.keep'));
    const inodeBefore = statSync(path).ino;
    runCli(['--fix', '--unsafe-fixes', 'compose.yaml'], { cwd });
    expect(readFileSync(path, 'utf8')).toBe(FIXED_COMPOSE);
    expect(statSync(path).ino).not.toBe(inodeBefore);
    expect(readFileSync(join(cwd, 'hardlink.keep'), 'utf8')).toBe(BAD_COMPOSE);
    expect(statSync(path).mode & 0o7777).toBe(mode);
    expect(readdirSync(cwd).sort()).toEqual(['compose.yaml', 'hardlink.keep']);
  });

  it('through a symlink, rewrites the target and keeps the link', () => {
    const cwd = tempProject({ 'real/compose.yaml': BAD_COMPOSE });
    symlinkSync('real/compose.yaml', join(cwd, 'compose.yaml'));
    runCli(['--fix', '--unsafe-fixes', 'compose.yaml'], { cwd });
    expect(lstatSync(join(cwd, 'compose.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(cwd, 'real/compose.yaml'), 'utf8')).toBe(FIXED_COMPOSE);
    expect(readdirSync(cwd).sort()).toEqual(['compose.yaml', 'real']);
    expect(readdirSync(join(cwd, 'real'))).toEqual(['compose.yaml']);
  });

  it('leaves files without fixable findings untouched', () => {
    const cwd = tempProject({ ...PROJECT, 'ok/compose.yaml': FIXED_COMPOSE });
    const before = snapshot(cwd);
    runCli(['--fix', '--unsafe-fixes', 'ok'], { cwd });
    expect(snapshot(cwd)).toEqual(before);
  });

  it('the fixed file lints clean', () => {
    const { cwd } = fixedProject(0o644);
    const result = runCli(['--fix', '--unsafe-fixes', '-f', 'json', 'compose.yaml'], { cwd });
    expect(jsonFindings(result)).toEqual([]);
  });
});

describe('no command is run, no connection is opened', () => {
  const requireNode = createRequire(__filename);
  const CHILD_PROCESS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
  const spies = new Map<string, MockInstance>();

  function trap<T extends object>(target: T, name: keyof T & string, label: string): MockInstance {
    const spy = vi.spyOn(target, name as never).mockImplementation((() => {
      throw new Error(`litelint called ${label}`);
    }) as never);
    spies.set(label, spy);
    return spy;
  }

  afterEach(() => {
    for (const spy of spies.values()) spy.mockRestore();
    spies.clear();
    syncBuiltinESMExports();
  });

  /** Traps every way out: child processes, sockets, DNS, HTTP(S), fetch. Through require and ESM imports alike. */
  function trapEverything(): void {
    // The CommonJS export objects: writable, unlike the ES module namespaces.
    const cp = requireNode('node:child_process') as typeof childProcess;
    const net = requireNode('node:net') as typeof netModule;
    const dns = requireNode('node:dns') as typeof dnsModule;
    const http = requireNode('node:http') as typeof httpModule;
    const https = requireNode('node:https') as typeof httpsModule;
    for (const name of CHILD_PROCESS) trap(cp, name, `child_process.${name}`);
    trap(net.Socket.prototype, 'connect', 'net.Socket#connect');
    trap(net, 'connect', 'net.connect');
    trap(net, 'createConnection', 'net.createConnection');
    trap(dns, 'lookup', 'dns.lookup');
    trap(dns, 'resolve', 'dns.resolve');
    trap(dns.promises, 'lookup', 'dns.promises.lookup');
    trap(http, 'request', 'http.request');
    trap(http, 'get', 'http.get');
    trap(https, 'request', 'https.request');
    trap(https, 'get', 'https.get');
    trap(globalThis, 'fetch', 'fetch');
    // Modules that imported these names as ES modules see the spies too.
    syncBuiltinESMExports();
  }

  it('the traps catch calls made through an ES module import (the check is not vacuous)', () => {
    trapEverything();
    expect(() => childProcess.execFileSync('true')).toThrow('litelint called child_process.execFileSync');
    expect(spies.get('child_process.execFileSync')).toHaveBeenCalledTimes(1);
    expect(() => fetch('http://example.com/')).toThrow('litelint called fetch');
  });

  it.each(FORMAT_NAMES)('linting files full of commands and URLs with -f %s calls none of them', (format) => {
    const cwd = tempProject(PROJECT);
    trapEverything();
    const runs = [
      runCli(['-f', format], { cwd }),
      runCli(['-f', format, '--strict', '--report-unused-ignores'], { cwd }),
      runCli(['-f', format, '--fix', '--unsafe-fixes'], { cwd }),
      runCli(['--explain-image', 'registry.example.com/base:1'], { cwd }),
      runCli(['-f', format, '-', '--stdin-filename', 'compose.yaml'], { cwd, stdin: PROJECT['compose.yaml'] }),
    ];
    const called = [...spies].filter(([, spy]) => spy.mock.calls.length > 0).map(([label]) => label);
    expect(called).toEqual([]);
    expect(spies.size).toBe(CHILD_PROCESS.length + 11);
    expect(runs[0].code).toBe(1);
    expect(runs.map((run) => run.stderr).join('')).not.toContain('litelint called');
    expect(existsSync(CANARY)).toBe(false);
  });

  it('src/, rules/ and bin/ import no module that runs commands or opens connections', () => {
    const forbidden = /(?:from\s+|require\(\s*)['"](?:node:)?(?:child_process|net|dns|http|https|http2|tls|dgram|cluster|worker_threads|inspector)['"]|\bfetch\s*\(|\bnew\s+WebSocket\b/;
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const absolute = join(dir, entry.name);
        if (entry.isDirectory()) walk(absolute);
        else if (/\.(?:ts|js|cjs|mjs)$/.test(entry.name) && forbidden.test(readFileSync(absolute, 'utf8'))) offenders.push(relative(REPO_ROOT, absolute));
      }
    };
    for (const dir of ['src', 'rules', 'bin']) walk(join(REPO_ROOT, dir));
    expect(offenders).toEqual([]);
  });
});

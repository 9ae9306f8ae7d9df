/**
 * The V8 code cache (dist/litelint.cjs.cache) can never crash or hang the CLI (issue 13, item 13):
 * V8 trusts cached bytecode, so a damaged cache crashed node and a FIFO or /dev/zero at its path
 * blocked the start. Each case runs the bin of a copy of the built package, so the worktree's own
 * dist/ is never touched, and compares the run with a run of the same copy without a cache.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BAD_COMPOSE, builtBin, copyOfBuiltPackage } from './support';

vi.setConfig({ testTimeout: 60_000 });
beforeAll(() => void builtBin(), 180_000);

/** Size of the header scripts/bundle-loader.js puts before V8's data: a magic line and two sha256 digests. */
const HEADER_BYTES = 'litelint-code-cache-1\n'.length + 64;

/** A copy of what the package ships to run the bin, plus a project to lint. */
function packageCopy(): { root: string; cache: string; bundle: string } {
  const root = copyOfBuiltPackage('litelint-cache-');
  mkdirSync(join(root, 'project'));
  writeFileSync(join(root, 'project', 'compose.yaml'), BAD_COMPOSE);
  return { root, cache: join(root, 'dist', 'litelint.cjs.cache'), bundle: join(root, 'dist', 'litelint.cjs') };
}

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the copy's bin; the timeout only guards the test run against a hang, it asserts no time. */
function runCopy(root: string): Run {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'litelint.js'), '-f', 'json', 'compose.yaml'], {
    cwd: join(root, 'project'),
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Whether the copy's loader handed the cache to V8 and V8 took it ('false'), or no cache was given ('undefined'). */
function cacheRejected(root: string): string {
  const probe = `const { script } = require(${JSON.stringify(join(root, 'scripts', 'bundle-loader.js'))}).loadBundle(); process.stdout.write(String(script.cachedDataRejected));`;
  return spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', timeout: 30_000 }).stdout;
}

let withoutCache: Run;
beforeAll(() => {
  const { root, cache } = packageCopy();
  rmSync(cache);
  withoutCache = runCopy(root);
  expect(withoutCache.status).toBe(1);
  expect(JSON.parse(withoutCache.stdout)).toMatchObject({ findings: [{ rule: 'volume-source-fallback' }] });
}, 60_000);

describe('the V8 code cache', () => {
  it('is used when it was built for this bundle', () => {
    const { root } = packageCopy();
    expect(cacheRejected(root)).toBe('false');
    expect(runCopy(root)).toEqual(withoutCache);
  });

  const damaged: [string, (cache: string) => void][] = [
    [
      'flipped payload bytes',
      (cache) => {
        const bytes = readFileSync(cache);
        for (let index = HEADER_BYTES + 1000; index < bytes.length; index += 997) bytes[index] ^= 0xff;
        writeFileSync(cache, bytes);
      },
    ],
    ['a truncated cache', (cache) => writeFileSync(cache, readFileSync(cache).subarray(0, HEADER_BYTES + 4096))],
    ['an empty cache', (cache) => writeFileSync(cache, '')],
    ['a cache without the header (as V8 writes it)', (cache) => writeFileSync(cache, readFileSync(cache).subarray(HEADER_BYTES))],
    [
      'a FIFO at the cache path',
      (cache) => {
        rmSync(cache);
        expect(spawnSync('mkfifo', [cache]).status).toBe(0);
      },
    ],
    [
      'a symlink to /dev/zero at the cache path',
      (cache) => {
        rmSync(cache);
        symlinkSync('/dev/zero', cache);
      },
    ],
    [
      'a directory at the cache path',
      (cache) => {
        rmSync(cache);
        mkdirSync(cache);
      },
    ],
  ];
  it.each(damaged)('with %s, is not used: the run ends normally with the output of a run without cache', (_name, damage) => {
    const { root, cache } = packageCopy();
    damage(cache);
    const run = runCopy(root);
    expect(run.signal).toBeNull();
    expect(run).toEqual(withoutCache);
    expect(cacheRejected(root)).toBe('undefined');
  });

  it('made for another bundle of the same length is not used (V8 itself compares only the length)', () => {
    const { root, bundle } = packageCopy();
    const source = readFileSync(bundle, 'utf8');
    const changed = source.replace("falls back to '", "FALLS BACK to '");
    expect(changed).not.toBe(source);
    writeFileSync(bundle, changed);
    const run = runCopy(root);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('FALLS BACK to');
    expect(cacheRejected(root)).toBe('undefined');
  });
});

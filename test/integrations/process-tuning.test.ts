/**
 * The CLI lowers the priority of V8's helper threads so that the main thread, which does all the
 * linting, keeps its core (README, Performance). Linux only: elsewhere there are no per-thread
 * priorities and nothing changes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers';
import { BAD_COMPOSE, builtBin, ROOT, spawnCli } from './support';

beforeAll(() => void builtBin(), 180_000);

interface ThreadNiceValues {
  main: number;
  helpers: number[];
}

/** The nice value of each thread of a fresh Node process, read after favourMainThread when `tune`. */
function threadNiceValues(launcher: string[], tune: boolean): ThreadNiceValues {
  const script = `
    const { readdirSync, readFileSync } = require('node:fs');
    if (${tune}) require(${JSON.stringify(join(ROOT, 'dist', 'src', 'process-tuning.js'))}).favourMainThread();
    for (const tid of readdirSync('/proc/self/task')) {
      // Field 19 of stat is the nice value; the command name before it may hold spaces.
      const nice = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8').split(') ')[1].split(' ')[16];
      console.log(tid === String(process.pid) ? 'main' : 'helper', nice);
    }`;
  const result = spawnSync(launcher[0], [...launcher.slice(1), process.execPath, '-e', script], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  const values: ThreadNiceValues = { main: NaN, helpers: [] };
  for (const line of result.stdout.trim().split('\n')) {
    const [role, nice] = line.split(' ');
    if (role === 'main') values.main = Number(nice);
    else values.helpers.push(Number(nice));
  }
  return values;
}

describe.skipIf(!existsSync('/proc/self/task'))('favourMainThread', () => {
  it('leaves the main thread as it was and gives every other thread nice 10', () => {
    const before = threadNiceValues(['env'], false);
    const after = threadNiceValues(['env'], true);
    expect(after.main).toBe(before.main);
    expect(after.helpers.length).toBeGreaterThan(0);
    expect(after.helpers).toEqual(after.helpers.map(() => Math.max(10, before.main)));
  });

  it('leaves threads that are already nicer than 10 alone, without an error', () => {
    const before = threadNiceValues(['nice', '-n', '15'], false);
    const after = threadNiceValues(['nice', '-n', '15'], true);
    expect(before.main).toBeGreaterThan(10);
    expect(after.main).toBe(before.main);
    expect(after.helpers).toEqual(after.helpers.map(() => before.main));
  });
});

describe('a tuned run', () => {
  it('reports exactly what an untuned run reports', () => {
    // 300 files, over the CLI's threshold: the real bin tunes itself, the in-process run does not.
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) {
      files[`app${i}/compose.yaml`] = BAD_COMPOSE;
      files[`app${i}/Dockerfile`] = 'FROM python:3.12-slim\nENV DATABASE_URL=sqlite:////data/app.db\n';
    }
    const cwd = tempProject(files);
    const tuned = spawnCli(['-f', 'json'], cwd);
    const untuned = runCli(['-f', 'json'], { cwd });
    expect(tuned.stderr).toBe('');
    expect(tuned.status).toBe(1);
    expect(JSON.parse(tuned.stdout).findings.length).toBeGreaterThanOrEqual(300);
    expect(tuned.stdout).toBe(untuned.stdout);
  }, 60_000);
});

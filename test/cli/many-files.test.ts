/** The CLI tunes the process (src/process-tuning.ts) only for runs of 200 files or more. */
import { describe, expect, it } from 'vitest';
import { run } from '../../src/main';
import { tempProject } from '../helpers';

function projectOf(dockerfiles: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < dockerfiles; i++) files[`app${i}/Dockerfile`] = 'FROM alpine:3.20\n';
  return tempProject(files);
}

function callsFor(dir: string, args: string[] = []): number {
  let calls = 0;
  run(['-f', 'json', ...args], {
    cwd: dir,
    stdout: () => {},
    stderr: () => {},
    readStdin: () => 0,
    isTty: false,
    env: {},
    beforeManyFiles: () => calls++,
  });
  return calls;
}

describe('beforeManyFiles', () => {
  it('is called once for a run of 200 files', () => {
    expect(callsFor(projectOf(200))).toBe(1);
  });

  it('is not called for 199 files, nor for one file named in a larger project', () => {
    expect(callsFor(projectOf(199))).toBe(0);
    expect(callsFor(projectOf(200), ['app0/Dockerfile'])).toBe(0);
  });
});

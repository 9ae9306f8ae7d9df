/**
 * `--fix` writes safely (issue 13, item 5): no predictable temporary name a repository can plant
 * a symlink at, the owner and mode kept, a read-only file or one changed since it was read left
 * alone, and a failed write reported as a `fix-failed` finding (exit 2) with every other finding.
 * The tests run as root in CI, where permission bits do not stop writes: failures of the file
 * system are injected through the CLI's `fixFileSystem` seam.
 */
import * as fs from 'node:fs';
import { chmodSync, chownSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WriteFileSystem } from '../../src/safe-write';
import { jsonFindings, runCli, tempProject, type JsonFinding } from '../helpers';

const BAD_COMPOSE = 'services:\n  app:\n    image: x\n    volumes:\n      - ${DATA:-./data}:/data\n';
const FIXED_COMPOSE = BAD_COMPOSE.replace('${DATA:-./data}', '${DATA:?DATA must point at the data directory}');
/** A finding --fix does not touch: it must still be printed when a write fails. */
const BROKEN_COMPOSE = 'services:\n  app:\n    image: [x\n';

function summary(findings: readonly JsonFinding[]): string[] {
  return findings.map((finding) => `${finding.file} ${finding.rule}${finding.rule === 'fix-failed' ? `: ${finding.message}` : ''}`);
}

function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected`), { code });
}

/** node:fs with some calls replaced: `override` gets the real function and the arguments. */
function fileSystem(overrides: Partial<WriteFileSystem>): WriteFileSystem {
  return { ...fs, ...overrides } as WriteFileSystem;
}

describe('--fix never writes through a planted name', () => {
  it('a symlink planted at the old temporary name (.compose.yaml.litelint-<pid>.tmp) is not followed', () => {
    const outside = tempProject({ 'victim.txt': 'precious\n' });
    const victim = join(outside, 'victim.txt');
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    // The CLI runs in this process, so its pid is this one; plant links for neighbouring pids too.
    for (let pid = process.pid - 2; pid <= process.pid + 2; pid++) symlinkSync(victim, join(cwd, `.compose.yaml.litelint-${pid}.tmp`));
    const result = runCli(['--fix', '--unsafe-fixes', '-f', 'json', 'compose.yaml'], { cwd });
    expect(result.code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(join(cwd, 'compose.yaml')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(cwd, 'compose.yaml'), 'utf8')).toBe(FIXED_COMPOSE);
  });

  it('the temporary file is created exclusively (wx), under a name that differs each run, beside the file', () => {
    const opened: { path: string; flags: unknown }[] = [];
    const recording = fileSystem({
      openSync: ((path: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode) => {
        opened.push({ path: String(path), flags });
        return fs.openSync(path, flags, mode);
      }) as typeof fs.openSync,
    });
    const names: string[] = [];
    for (let round = 0; round < 2; round++) {
      const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
      opened.length = 0;
      expect(runCli(['--fix', '--unsafe-fixes', 'compose.yaml'], { cwd, fixFileSystem: recording }).code).toBe(0);
      const created = opened.filter((entry) => entry.flags === 'wx');
      expect(created).toHaveLength(1);
      expect(created[0].path.startsWith(join(fs.realpathSync(cwd), '.compose.yaml.litelint-'))).toBe(true);
      names.push(created[0].path.slice(created[0].path.lastIndexOf('/') + 1));
      expect(readdirSync(cwd)).toEqual(['compose.yaml']);
    }
    expect(names[0]).not.toBe(names[1]);
    for (const name of names) expect(name).toMatch(/^\.compose\.yaml\.litelint-[0-9a-f]{24}\.tmp$/);
  });

  it('a file whose name is as long as a name can be is still fixed', () => {
    const name = `compose.${'x'.repeat(240)}.yaml`;
    const cwd = tempProject({ [name]: BAD_COMPOSE });
    expect(runCli(['--fix', '--unsafe-fixes', name], { cwd }).code).toBe(0);
    expect(readFileSync(join(cwd, name), 'utf8')).toBe(FIXED_COMPOSE);
    expect(readdirSync(cwd)).toEqual([name]);
  });

  it('a compose file that is a symlink to a file outside the project is not rewritten', () => {
    const outside = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const cwd = tempProject({ 'ok/compose.yaml': BROKEN_COMPOSE });
    symlinkSync(join(outside, 'compose.yaml'), join(cwd, 'compose.yaml'));
    const result = runCli(['--fix', '--unsafe-fixes', '-f', 'json', 'compose.yaml', 'ok'], { cwd });
    expect(result.code).toBe(2);
    expect(readFileSync(join(outside, 'compose.yaml'), 'utf8')).toBe(BAD_COMPOSE);
    expect(summary(jsonFindings(result))).toEqual([
      'compose.yaml fix-failed: --fix did not rewrite this file: it is a symlink to a file outside the project',
      'compose.yaml volume-source-fallback',
      'ok/compose.yaml parse-error',
    ]);
  });
});

describe('--fix keeps what it does not own', () => {
  it('keeps the owner and group of a file that belongs to someone else (as root)', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const path = join(cwd, 'compose.yaml');
    chownSync(path, 1234, 5678);
    chmodSync(path, 0o640);
    expect(runCli(['--fix', '--unsafe-fixes', 'compose.yaml'], { cwd }).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(FIXED_COMPOSE);
    const stats = statSync(path);
    expect([stats.uid, stats.gid, stats.mode & 0o7777]).toEqual([1234, 5678, 0o640]);
  });

  it('when the owner cannot be given back, the file is not rewritten', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const path = join(cwd, 'compose.yaml');
    chownSync(path, 1234, 5678);
    const result = runCli(['--fix', '--unsafe-fixes', '-f', 'json', 'compose.yaml'], {
      cwd,
      fixFileSystem: fileSystem({
        fchownSync: () => {
          throw errnoError('EPERM');
        },
      }),
    });
    expect(result.code).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe(BAD_COMPOSE);
    expect(summary(jsonFindings(result))[0]).toBe('compose.yaml fix-failed: --fix did not rewrite this file: cannot give the rewritten file its owner 1234:5678 (EPERM)');
    expect(readdirSync(cwd)).toEqual(['compose.yaml']);
  });

  it('EPERM from fchown is fine when the new file already has the owner', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const result = runCli(['--fix', '--unsafe-fixes', 'compose.yaml'], {
      cwd,
      fixFileSystem: fileSystem({
        fchownSync: () => {
          throw errnoError('EPERM');
        },
      }),
    });
    expect(result.code).toBe(0);
    expect(readFileSync(join(cwd, 'compose.yaml'), 'utf8')).toBe(FIXED_COMPOSE);
  });

  it.each(['0444', '0400', '0040'])('a read-only file (mode %s) is reported and left untouched, even as root', (octal) => {
    const mode = parseInt(octal, 8);
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE, 'other/compose.yaml': BAD_COMPOSE });
    const path = join(cwd, 'compose.yaml');
    chmodSync(path, mode);
    const before = statSync(path);
    const result = runCli(['--fix', '--unsafe-fixes', '-f', 'json'], { cwd });
    expect(result.code).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe(BAD_COMPOSE);
    expect(statSync(path).ino).toBe(before.ino);
    expect(statSync(path).mode & 0o7777).toBe(mode);
    expect(readFileSync(join(cwd, 'other/compose.yaml'), 'utf8')).toBe(FIXED_COMPOSE);
    expect(summary(jsonFindings(result))).toEqual([
      `compose.yaml fix-failed: --fix did not rewrite this file: it is read-only (mode ${octal})`,
      'compose.yaml volume-source-fallback',
    ]);
  });
});

describe('--fix does not overwrite a change it did not read', () => {
  it('a file changed between the lint and the rename is left as changed, and said so', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const path = join(cwd, 'compose.yaml');
    const edit = '# an editor saved this meanwhile\n';
    let changed = false;
    const result = runCli(['--fix', '--unsafe-fixes', '-f', 'json', 'compose.yaml'], {
      cwd,
      fixFileSystem: fileSystem({
        // Another process writes the file while litelint writes its temporary copy.
        writeSync: ((...args: Parameters<typeof fs.writeSync>) => {
          if (!changed) fs.appendFileSync(path, edit);
          changed = true;
          return (fs.writeSync as (...all: unknown[]) => number)(...args);
        }) as typeof fs.writeSync,
      }),
    });
    expect(changed).toBe(true);
    expect(result.code).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe(BAD_COMPOSE + edit);
    expect(summary(jsonFindings(result))).toEqual([
      'compose.yaml fix-failed: --fix did not rewrite this file: it changed on disk after it was read',
      'compose.yaml volume-source-fallback',
    ]);
    expect(readdirSync(cwd)).toEqual(['compose.yaml']);
  });

  it('a file replaced (another inode, same text) between the lint and the rename is not rewritten', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const path = join(cwd, 'compose.yaml');
    let replaced = false;
    const result = runCli(['--fix', '--unsafe-fixes', '-f', 'json', 'compose.yaml'], {
      cwd,
      fixFileSystem: fileSystem({
        fsyncSync: (fd: number) => {
          writeFileSync(`${path}.new`, BAD_COMPOSE);
          fs.renameSync(`${path}.new`, path);
          replaced = true;
          fs.fsyncSync(fd);
        },
      }),
    });
    expect(replaced).toBe(true);
    expect(result.code).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe(BAD_COMPOSE);
    expect(summary(jsonFindings(result))[0]).toBe('compose.yaml fix-failed: --fix did not rewrite this file: it changed on disk after it was read');
  });
});

describe('a failed write is a finding for that file, and the run goes on', () => {
  const failures: [string, string, (target: string) => Partial<WriteFileSystem>][] = [
    [
      'a full disk (ENOSPC from write)',
      'ENOSPC',
      (target) => {
        // Descriptors of temporary files under the target, while they are open (numbers are reused).
        const temporaries = new Set<number>();
        return {
          openSync: ((path: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode) => {
            const fd = fs.openSync(path, flags, mode);
            if (flags === 'wx' && String(path).startsWith(target)) temporaries.add(fd);
            return fd;
          }) as typeof fs.openSync,
          closeSync: (fd: number) => {
            temporaries.delete(fd);
            fs.closeSync(fd);
          },
          writeSync: ((fd: number, ...rest: unknown[]) => {
            if (temporaries.has(fd)) throw errnoError('ENOSPC');
            return (fs.writeSync as (...all: unknown[]) => number)(fd, ...rest);
          }) as typeof fs.writeSync,
        };
      },
    ],
    [
      'a directory that cannot be written (EACCES from open)',
      'EACCES',
      (target) => ({
        openSync: ((path: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode) => {
          if (flags === 'wx' && String(path).startsWith(target)) throw errnoError('EACCES');
          return fs.openSync(path, flags, mode);
        }) as typeof fs.openSync,
      }),
    ],
    [
      'a read-only file system (EROFS from rename)',
      'EROFS',
      (target) => ({
        renameSync: (from: fs.PathLike, to: fs.PathLike) => {
          if (String(to).startsWith(target)) throw errnoError('EROFS');
          fs.renameSync(from, to);
        },
      }),
    ],
  ];

  it.each(failures)('%s', (_name, code, overrides) => {
    const cwd = tempProject({ 'a/compose.yaml': BAD_COMPOSE, 'b/compose.yaml': BAD_COMPOSE, 'c/compose.yaml': BROKEN_COMPOSE });
    const target = join(fs.realpathSync(cwd), 'a');
    const result = runCli(['--fix', '--unsafe-fixes', '-f', 'json'], { cwd, fixFileSystem: fileSystem(overrides(target)) });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('');
    expect(readFileSync(join(cwd, 'a/compose.yaml'), 'utf8')).toBe(BAD_COMPOSE);
    expect(readFileSync(join(cwd, 'b/compose.yaml'), 'utf8')).toBe(FIXED_COMPOSE);
    expect(summary(jsonFindings(result))).toEqual([
      `a/compose.yaml fix-failed: --fix did not rewrite this file: cannot write it (${code})`,
      'a/compose.yaml volume-source-fallback',
      'c/compose.yaml parse-error',
    ]);
    expect(readdirSync(join(cwd, 'a'))).toEqual(['compose.yaml']);
  });

  it('stylish prints the failure with the other findings', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    chmodSync(join(cwd, 'compose.yaml'), 0o444);
    const result = runCli(['--fix', '--unsafe-fixes'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('--fix did not rewrite this file: it is read-only (mode 0444)  fix-failed');
    expect(result.stdout).toContain('volume-source-fallback');
  });
});

import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isInsideDir } from './paths';

/**
 * How `--fix` replaces a file in a repository that may be hostile (issue 13, item 5). A
 * predictable temporary name let a planted symlink redirect the write to any file the user can
 * write, and the rename then turned the linted file into that symlink. Now:
 *
 * - the temporary file is created with O_CREAT|O_EXCL (which never follows a symlink) under a
 *   random name in the target's directory, then renamed over the target: a crash never leaves
 *   half a file;
 * - it gets the target's owner (fchown, before fchmod, which would otherwise lose setuid bits)
 *   and mode;
 * - a file whose owner has no write permission (as root every file is writable, so the mode bits
 *   are read, not access()), that is not a regular file, or whose real path (through symlinks) is
 *   outside both the working directory and the directory it was named in, is not rewritten;
 * - just before the rename the file on disk must still be the one read for the lint (same inode,
 *   same bytes), else it is left as it is: someone else changed it.
 *
 * Each refusal or failure is a `FixWriteError` with a one-line reason; the caller reports it.
 */

/** The file system calls a write makes: tests inject failures (ENOSPC, a change between read and write). */
export type WriteFileSystem = Pick<
  typeof nodeFs,
  'openSync' | 'writeSync' | 'fsyncSync' | 'fchownSync' | 'fchmodSync' | 'fstatSync' | 'closeSync' | 'renameSync' | 'rmSync' | 'statSync' | 'realpathSync' | 'readFileSync'
>;

export const NODE_WRITE_FILE_SYSTEM: WriteFileSystem = nodeFs;

export class FixWriteError extends Error {}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** Whether the mode bits let the file be written: for the owner (and root) the owner's bit, else the group's or others'. */
function writableByMode(stats: nodeFs.Stats): boolean {
  const uid = process.getuid?.();
  if (uid === undefined || uid === 0 || uid === stats.uid) return (stats.mode & 0o200) !== 0;
  const groups = [process.getgid?.(), ...(process.getgroups?.() ?? [])];
  return (stats.mode & (groups.includes(stats.gid) ? 0o020 : 0o002)) !== 0;
}

/** Bytes of a regular file, opened without blocking (a FIFO swapped in would never end a read). */
function readRegularFile(fs: WriteFileSystem, path: string): { bytes: Buffer; ino: number } | undefined {
  const fd = fs.openSync(path, nodeFs.constants.O_RDONLY | (nodeFs.constants.O_NONBLOCK ?? 0));
  try {
    const stats = fs.fstatSync(fd);
    return stats.isFile() ? { bytes: fs.readFileSync(fd), ino: stats.ino } : undefined;
  } finally {
    fs.closeSync(fd);
  }
}

function writeAllBytes(fs: WriteFileSystem, fd: number, bytes: Buffer): void {
  for (let written = 0; written < bytes.length; ) written += fs.writeSync(fd, bytes, written, bytes.length - written);
}

/** Gives the temporary file the target's owner; EPERM is fine only when it already has that owner. */
function keepOwner(fs: WriteFileSystem, fd: number, target: nodeFs.Stats): void {
  try {
    fs.fchownSync(fd, target.uid, target.gid);
  } catch (error) {
    const now = fs.fstatSync(fd);
    if (errorCode(error) !== 'EPERM' || now.uid !== target.uid || now.gid !== target.gid) {
      throw new FixWriteError(`cannot give the rewritten file its owner ${target.uid}:${target.gid} (${errorCode(error)})`);
    }
  }
}

/**
 * Replaces the file at `namedPath` (or the target of the symlink there) with `text`, provided it
 * still holds `expected`, the text read for the lint. Throws `FixWriteError` when it did not write.
 */
export function replaceFileSafely(namedPath: string, expected: string, text: string, cwd: string, fs: WriteFileSystem = NODE_WRITE_FILE_SYSTEM): void {
  let temporary: string | undefined;
  try {
    // Through a symlink, the target is rewritten: renaming over the link would replace it with a copy.
    const path = fs.realpathSync(namedPath);
    if (!isInsideDir(path, fs.realpathSync(cwd)) && !isInsideDir(path, fs.realpathSync(dirname(namedPath)))) {
      throw new FixWriteError('it is a symlink to a file outside the project');
    }
    const target = fs.statSync(path);
    if (!target.isFile()) throw new FixWriteError('it is not a regular file');
    if (!writableByMode(target)) throw new FixWriteError(`it is read-only (mode ${(target.mode & 0o7777).toString(8).padStart(4, '0')})`);

    // The name is cut so that a long file name still leaves room for the suffix (NAME_MAX is 255 bytes).
    temporary = join(dirname(path), `.${basename(path).slice(0, 100)}.litelint-${randomBytes(12).toString('hex')}.tmp`);
    const fd = fs.openSync(temporary, 'wx', 0o600);
    try {
      writeAllBytes(fs, fd, Buffer.from(text, 'utf8'));
      keepOwner(fs, fd, target);
      fs.fchmodSync(fd, target.mode & 0o7777);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const current = readRegularFile(fs, path);
    if (!current || current.ino !== target.ino || !current.bytes.equals(Buffer.from(expected, 'utf8'))) {
      throw new FixWriteError('it changed on disk after it was read');
    }
    fs.renameSync(temporary, path);
    temporary = undefined;
  } catch (error) {
    if (temporary !== undefined) fs.rmSync(temporary, { force: true });
    if (error instanceof FixWriteError) throw error;
    throw new FixWriteError(`cannot write it (${errorCode(error)})`);
  }
}

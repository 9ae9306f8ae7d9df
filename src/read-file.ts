import { closeSync, constants, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { SourceFile } from './source';
import { docsUrl } from './rule-api';
import type { Finding } from './types';
import { isNormalRelative } from './paths';
import type { ProjectBoundary } from './project-root';
import { RefusedFile } from './refused-file';

export interface ReadOutcome {
  text?: string;
  failure?: Finding;
}

function failureAt(path: string, text: string, offset: number, message: string, rule = 'parse-error'): Finding {
  const position = new SourceFile(path, text, 'dockerfile').position(offset);
  return {
    rule,
    severity: rule === 'parse-error' ? 'error' : 'warning',
    file: path,
    line: position.line,
    column: position.column,
    endLine: position.line,
    endColumn: position.column,
    message,
    docs: docsUrl(rule),
  };
}

/** A finding at the start of `path` for something that could not be read (or was not, `outside-project`). */
export function readFailure(path: string, message: string, rule: 'parse-error' | 'outside-project' = 'parse-error'): Finding {
  return failureAt(path, '', 0, message, rule);
}

/**
 * Reads and decodes one file. Docker and Compose read UTF-8, so anything else, an unreadable file
 * or one over the size limit becomes a `parse-error` finding instead of text.
 */
export function readInputFile(path: string, readBytes: () => Buffer, maxFileSize: number): ReadOutcome {
  let bytes: Buffer;
  try {
    bytes = readBytes();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read failed';
    return { failure: failureAt(path, '', 0, `cannot read file (${code})`) };
  }
  if (bytes.length > maxFileSize) {
    return { failure: failureAt(path, '', 0, `skipped: ${bytes.length} bytes is over --max-file-size ${maxFileSize}`) };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { failure: failureAt(path, '', 0, 'UTF-16 encoded; Docker and Compose read UTF-8 only') };
  }
  let text: string;
  try {
    text = bytes.toString('utf8');
  } catch (error) {
    // Over V8's string limit (about 512 MB, reachable when --max-file-size is raised).
    if (errorCode(error) !== 'ERR_STRING_TOO_LONG') throw error;
    return { failure: failureAt(path, '', 0, `skipped: ${bytes.length} bytes is more text than a JavaScript string can hold`) };
  }
  const replacement = text.indexOf('\uFFFD');
  if (replacement !== -1 && !isValidUtf8(bytes)) {
    return { failure: failureAt(path, text, replacement, 'invalid UTF-8 byte sequence') };
  }
  return { text };
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Reads the next bytes into `into` (as `readSync` does); 0 at the end. */
export type ChunkReader = (into: Buffer) => number;

const CHUNK = 64 * 1024;

/**
 * Bytes from `read` until its end or until `limit` bytes have come, whichever is first: a stream
 * that never ends (`cat /dev/zero |`) costs `limit` bytes of memory, not all of it.
 */
export function readAtMost(read: ChunkReader, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let length = 0;
  while (length < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, limit - length));
    const count = read(chunk);
    if (count <= 0) break;
    chunks.push(count === chunk.length ? chunk : chunk.subarray(0, count));
    length += count;
  }
  return Buffer.concat(chunks, length);
}

/**
 * A stream (standard input) read as `readInputFile` reads a file, but only up to the size limit:
 * one byte more than the limit is enough to know it is over.
 */
export function readStreamInput(path: string, read: ChunkReader, maxFileSize: number): ReadOutcome {
  let bytes: Buffer;
  try {
    bytes = readAtMost(read, maxFileSize + 1);
  } catch (error) {
    return { failure: failureAt(path, '', 0, `cannot read file (${errorCode(error)})`) };
  }
  if (bytes.length > maxFileSize) return { failure: failureAt(path, '', 0, `skipped: more than ${maxFileSize} bytes, over --max-file-size ${maxFileSize}`) };
  return readInputFile(path, () => bytes, maxFileSize);
}

/** Sleeps a millisecond: a non-blocking pipe that is empty (or full) is tried again, not spun on. */
export function waitForDescriptor(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
}

/** A chunk reader of a file descriptor that waits on a non-blocking one (a pipe) instead of failing. */
export function descriptorReader(fd: number): ChunkReader {
  return (into) => {
    for (;;) {
      try {
        return readSync(fd, into, 0, into.length, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EOF') return 0;
        if (code !== 'EAGAIN') throw error;
        waitForDescriptor();
      }
    }
  };
}

/** Opened without blocking, so that a FIFO does not wait for a writer before it is refused. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'read failed';
}

/**
 * Reads a file from disk as `readInputFile` does, but refuses what is not a regular file before
 * reading it (a FIFO blocks forever, a symlink to /dev/zero never ends) and skips a file over the
 * size limit without reading it into memory.
 */
export function readInputFileFromDisk(path: string, absolute: string, maxFileSize: number): ReadOutcome {
  let fd: number;
  try {
    fd = openSync(absolute, OPEN_FLAGS);
  } catch (error) {
    return { failure: failureAt(path, '', 0, `cannot read file (${errorCode(error)})`) };
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { failure: failureAt(path, '', 0, 'cannot read file (EISDIR)') };
    if (!stats.isFile()) return { failure: failureAt(path, '', 0, 'skipped: not a regular file (a FIFO, socket or device)') };
    if (stats.size > maxFileSize) {
      return { failure: failureAt(path, '', 0, `skipped: ${stats.size} bytes is over --max-file-size ${maxFileSize}`) };
    }
    return readInputFile(path, () => readOpenFile(fd, stats.size, maxFileSize), maxFileSize);
  } finally {
    closeSync(fd);
  }
}

/**
 * The `size` bytes fstat reported, as `readFileSync(fd)` reads a regular file, without the second
 * fstat it would make: a large repository opens thousands of small files.
 */
function readOpenFile(fd: number, size: number, maxBytes: number): Buffer {
  // Size 0 may be a file whose size is not known in advance (/proc): read it to its end, or to
  // one byte past the limit.
  if (size === 0) return readAtMost(descriptorReader(fd), maxBytes + 1);
  const buffer = Buffer.allocUnsafe(size);
  let length = 0;
  while (length < size) {
    const read = readSync(fd, buffer, length, size - length, null);
    if (read === 0) break;
    length += read;
  }
  return length === size ? buffer : buffer.subarray(0, length);
}

/**
 * Text of a project file read as evidence (`.env`, lockfiles, `.gitignore`), or undefined when it
 * is missing, not a regular file, over `maxBytes` or unreadable. Never blocks on a FIFO or device.
 */
export function readEvidenceFile(absolute: string, maxBytes: number): string | undefined {
  let fd: number;
  try {
    fd = openSync(absolute, OPEN_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > maxBytes) return undefined;
    const bytes = readOpenFile(fd, stats.size, maxBytes);
    return bytes.length > maxBytes ? undefined : bytes.toString('utf8');
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * A project file as `lint()`'s `readFile` answers it: its text; undefined when it is missing or
 * cannot be read; a `RefusedFile` when its real path is outside the project (a symlink out of the
 * checkout, an absolute path, `../`, `/proc/self/environ`), whether it exists or not. A path that
 * stays lexically inside and that the directory listings know to be missing costs no system call.
 */
export function readProjectEvidence(
  path: string,
  absolute: string,
  where: { boundary: ProjectBoundary; listings: DirectoryListings; maxBytes: number },
): string | undefined | RefusedFile {
  if (isNormalRelative(path) && !where.listings.mayExist(absolute)) return undefined;
  const place = where.boundary.check(absolute);
  if ('refused' in place) return new RefusedFile(place.refused);
  if (place.real === undefined) return undefined;
  // Opened by its real path, so that the file read is the one that was checked.
  return readEvidenceFile(place.real, where.maxBytes);
}

/**
 * The names of the files in a project directory as `lint()`'s `listDirectory` answers it: undefined
 * when the directory's real path is outside the project or it cannot be listed. Only names are
 * returned; each file is still read through `readProjectEvidence`, which checks it again.
 */
export function listProjectDirectory(absolute: string, boundary: ProjectBoundary): string[] | undefined {
  const place = boundary.check(absolute);
  if ('refused' in place || place.real === undefined) return undefined;
  try {
    return readdirSync(place.real, { withFileTypes: true })
      .filter((entry) => entry.isFile() || entry.isSymbolicLink())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return undefined;
  }
}

/** Case- and normalisation-folded, so that a case-insensitive file system is never answered "missing" wrongly. */
function foldName(name: string): string {
  return ASCII.test(name) ? name.toLowerCase() : name.normalize('NFC').toLowerCase();
}

// NFC leaves ASCII as it is; most names are ASCII, and normalize() is not free.
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Names in directories, each directory listed once, so that probing for evidence files that do
 * not exist (a Dockerfile looks for a dozen dependency files, a compose file for `.env` and
 * overrides) costs a set lookup instead of a failed open(). It only ever answers "certainly
 * missing": a name that may exist is still opened and checked by `readEvidenceFile`.
 */
export class DirectoryListings {
  private readonly listings = new Map<string, Set<string> | null>();

  /** Records a listing the caller has already read (discovery lists every directory it walks). */
  record(dir: string, names: readonly string[]): void {
    if (this.listings.has(dir)) return;
    const folded = new Set<string>();
    for (const name of names) folded.add(foldName(name));
    this.listings.set(dir, folded);
  }

  /** False only when the (absolute, normalised) path certainly names nothing. */
  mayExist(absolute: string): boolean {
    const dir = dirname(absolute);
    const name = basename(absolute);
    if (name === '' || dir === absolute) return true;
    let names = this.listings.get(dir);
    if (names === undefined) {
      names = this.knownMissing(dir) ? new Set<string>() : listDirectory(dir);
      this.listings.set(dir, names);
    }
    return names === null || names.has(foldName(name));
  }

  /** True when the listing of the parent of `dir` is already known and lacks it (`config/` of most apps). */
  private knownMissing(dir: string): boolean {
    const parent = dirname(dir);
    const name = basename(dir);
    if (name === '' || parent === dir) return false;
    const names = this.listings.get(parent);
    return names !== undefined && names !== null && !names.has(foldName(name));
  }
}

/** Folded names in `dir`; empty when it does not exist; null when it cannot be listed (then probe). */
function listDirectory(dir: string): Set<string> | null {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? new Set() : null;
  }
  const folded = new Set<string>();
  for (const name of names) folded.add(foldName(name));
  return folded;
}

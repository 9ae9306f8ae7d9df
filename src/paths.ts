import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/*
 * Shortcuts for the path operations a large repository does tens of thousands of times. They
 * answer exactly what `path.join` / `path.relative` would, for the inputs they accept, and
 * hand everything else to `path`.
 */

/** `join(dir, name)` for a normalised absolute `dir` and a directory entry's `name`. */
export function childPath(dir: string, name: string): string {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes(sep)) return join(dir, name);
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

/** `relative(base, absolute)` with posix separators, for a normalised absolute `base` and `absolute`. */
export function relativePosix(base: string, absolute: string): string {
  if (absolute === base) return '';
  const prefix = base.endsWith(sep) ? base : base + sep;
  const rel = absolute.startsWith(prefix) && !absolute.endsWith(sep) ? absolute.slice(prefix.length) : relative(base, absolute);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

const SLASH = 47;
const BACKSLASH = 92;
const DOT = 46;

/** A relative posix path that `path.normalize` leaves as it is: no `.`, `..` or empty segment, no backslash. */
export function isNormalRelative(path: string): boolean {
  const length = path.length;
  if (length === 0) return false;
  let segmentStart = 0;
  for (let i = 0; i <= length; i++) {
    const code = i < length ? path.charCodeAt(i) : SLASH;
    if (code === BACKSLASH) return false;
    if (code !== SLASH) continue;
    const size = i - segmentStart;
    if (size === 0) return false;
    if (path.charCodeAt(segmentStart) === DOT && (size === 1 || (size === 2 && path.charCodeAt(segmentStart + 1) === DOT))) return false;
    segmentStart = i + 1;
  }
  return true;
}

/** `resolve(base, path)` for a normalised absolute `base` (as `path.resolve` returns it). */
export function resolveUnder(base: string, path: string): string {
  if (sep !== '/' || !isNormalRelative(path)) return resolve(base, path);
  return base.endsWith('/') ? base + path : `${base}/${path}`;
}

/**
 * `posix.normalize(posix.join(...segments))` when it needs no normalising (every segment other
 * than `''` and `.` is a normal relative path): `.` when nothing is left. Undefined otherwise.
 */
export function joinNormalRelative(segments: readonly string[]): string | undefined {
  let joined = '';
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (!isNormalRelative(segment)) return undefined;
    joined = joined === '' ? segment : `${joined}/${segment}`;
  }
  return joined === '' ? '.' : joined;
}

/** Whether absolute `path` is `dir` or lies under it (lexically: resolve symlinks first where they matter). */
export function isInsideDir(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

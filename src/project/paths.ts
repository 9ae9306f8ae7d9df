import { posix } from 'node:path';
import { joinNormalRelative } from '../paths';

/** Joins path segments the way compose resolves them, keeping paths relative when they were. */
export function joinProjectPath(...segments: string[]): string {
  // Most calls join paths that are already normal (rules re-join what they were given).
  const simple = joinNormalRelative(segments);
  if (simple !== undefined) return simple;
  const joined = posix.normalize(posix.join(...segments.map((segment) => segment.replace(/\\/g, '/'))));
  return joined.startsWith('./') ? joined.slice(2) : joined;
}

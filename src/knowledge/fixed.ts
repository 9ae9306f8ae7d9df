// semver's index loads all of its ~50 modules at start-up; each function module loads only what it needs.
import coerce from 'semver/functions/coerce';
import Range from 'semver/classes/range';
import type { Settings } from '../config';
import { sqliteKnowledge } from './data';

/** The semver range of SQLite versions that carry the WAL-reset fix (`.litelint.yaml` may override it). */
export function sqliteFixedRange(settings?: Pick<Settings, 'sqliteFixedRange'>): string {
  return settings?.sqliteFixedRange ?? sqliteKnowledge().fix.fixedRange;
}

/** The oldest release on the current line that has the fix, for messages. */
export function sqliteFixMinimum(): string {
  return sqliteKnowledge().fix.minimum;
}

/**
 * Normalises `3.46.1`, `3.46`, `3.46.1-7+deb13u2`, `v3.46.1` to a semver version, keeping only
 * the upstream part: distro revisions carry no backport today (sqlite-facts §1b).
 */
export function toSemver(version: string): string | undefined {
  return coerce(version)?.version ?? undefined;
}

/** True when the SQLite `version` carries the WAL-reset fix; undefined when it is not a version. */
export function isSqliteFixed(version: string, settings?: Pick<Settings, 'sqliteFixedRange'>): boolean | undefined {
  const normalised = toSemver(version);
  if (!normalised) return undefined;
  return satisfiesRange(normalised, sqliteFixedRange(settings));
}

/**
 * Whether a floating version tag (`22`, `24.14`, `1.3`) now points at a fixed release: the tag
 * follows its line's newest patch, so the line is fixed once any release in it is. Full versions
 * are checked as they are.
 */
export function isFloatingVersionFixed(version: string, fixedRange: string): boolean | undefined {
  const parts = version.replace(/^v/, '').split('.');
  if (!parts.every((part) => /^\d+$/.test(part)) || parts.length === 0 || parts.length > 3) return undefined;
  const newest = parts.length === 3 ? parts.join('.') : parts.length === 2 ? `${parts[0]}.${parts[1]}.99999` : `${parts[0]}.99999.99999`;
  return satisfiesRange(newest, fixedRange);
}

// A project checks the same one or two ranges thousands of times; semver parses a range on every
// `satisfies` call.
const parsedRanges = new Map<string, Range | null>();

function satisfiesRange(version: string, range: string): boolean {
  let parsed = parsedRanges.get(range);
  if (parsed === undefined) {
    try {
      parsed = new Range(range);
    } catch {
      parsed = null;
    }
    parsedRanges.set(range, parsed);
  }
  return parsed !== null && parsed.test(version);
}

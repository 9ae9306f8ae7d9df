// semver's index loads all of its ~50 modules at start-up; each function module loads only what it needs.
import coerce from 'semver/functions/coerce';
import compare from 'semver/functions/compare';
import { isFloatingVersionFixed } from './fixed';
import type { BuiltinEntry } from './types';

export type BuiltinRuntime = 'node' | 'bun' | 'deno';

export interface BuiltinVerdict {
  runtime: BuiltinRuntime;
  version: string;
  fixed: boolean;
  /** First release with the fix in the version's line, for the message. */
  firstFixed?: string;
  /** SQLite the release bundles, when the data knows it exactly. */
  bundledSqlite?: string;
  entry: BuiltinEntry;
}

/**
 * Whether the SQLite built into Node, Bun or Deno at `version` (a tag: `22.22.1`, `24.14`, `1`) has
 * the fix, by the runtime's `entry` of the data. Undefined when the tag is not a version or the
 * release has no built-in SQLite. `satisfies` tests a version against a range.
 */
export function builtinSqliteVerdict(
  runtime: BuiltinRuntime,
  entry: BuiltinEntry,
  version: string,
  satisfies: (version: string, range: string) => boolean,
): BuiltinVerdict | undefined {
  const fixed = isFloatingVersionFixed(version, entry.fixedRange, satisfies);
  if (fixed === undefined) return undefined;
  const coerced = coerce(version)?.version;
  if (entry.hasSqlite && coerced && !isFloatingVersionFixed(version, entry.hasSqlite, satisfies)) return undefined;
  const major = version.replace(/^v/, '').split('.')[0];
  const firstFixed = entry.firstFixed[major] ?? lowestFirstFixedAbove(entry, major);
  return { runtime, version, fixed, firstFixed, bundledSqlite: entry.bundled[version], entry };
}

function lowestFirstFixedAbove(entry: BuiltinEntry, major: string): string | undefined {
  const candidates = Object.entries(entry.firstFixed)
    .filter(([line]) => Number(line) > Number(major))
    .map(([, release]) => release);
  return candidates.sort(compare)[0];
}

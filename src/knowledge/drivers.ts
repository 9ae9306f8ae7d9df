// semver's index loads all of its ~50 modules at start-up; each function module loads only what it needs.
import valid from 'semver/functions/valid';
import coerce from 'semver/functions/coerce';
import gte from 'semver/functions/gte';
import satisfies from 'semver/functions/satisfies';
import type { DriverEntry } from './types';

export interface DriverVerdict {
  driverId: string;
  driver: DriverEntry;
  version: string;
  fixed: boolean;
  /** SQLite that release bundles, when the data has that exact release or the version names it. */
  bundledSqlite?: string;
}

/** Turns `v1.14.34`, `2.9.1-x86_64-linux-gnu`, `0.5.4.post2` into comparable semver. */
export function driverSemver(version: string): string | undefined {
  const cleaned = version.trim().replace(/^v/, '');
  const exact = valid(cleaned);
  if (exact) return exact;
  return coerce(cleaned)?.version ?? undefined;
}

/**
 * The SQLite a release names in its own version: build metadata (`v1.0.4+3.51.3`), or, for a
 * driver whose data says `sqliteInVersion: patch`, a five-digit patch number (`v2.1.35300` = 3.53.0).
 */
export function sqliteInVersion(driver: DriverEntry, version: string): string | undefined {
  const metadata = /\+(3\.\d+\.\d+)$/.exec(version);
  if (metadata) return metadata[1];
  if (driver.sqliteInVersion !== 'patch') return undefined;
  const patch = /^v?\d+\.\d+\.(3)(\d\d)(\d\d)$/.exec(version.trim());
  return patch ? `${patch[1]}.${Number(patch[2])}.${Number(patch[3])}` : undefined;
}

/**
 * Whether a pinned driver release bundles a fixed SQLite. A release whose SQLite the data lists (or
 * its version names) is checked with `isSqliteFixed` (the fixed range in force); any other release
 * against the data's first fixed release. Undefined when neither says.
 */
export function driverVerdict(
  driverId: string,
  driver: DriverEntry | undefined,
  version: string,
  isSqliteFixed: (version: string) => boolean | undefined,
): DriverVerdict | undefined {
  if (!driver) return undefined;
  const bare = version.trim().replace(/^v/, '');
  const bundledSqlite = driver.bundled[bare] ?? sqliteInVersion(driver, version);
  const fromSqlite = bundledSqlite !== undefined ? isSqliteFixed(bundledSqlite) : undefined;
  if (fromSqlite !== undefined) return { driverId, driver, version, fixed: fromSqlite, bundledSqlite };
  if (!driver.firstFixed) return undefined;
  const normalised = driverSemver(version);
  const first = driverSemver(driver.firstFixed);
  if (!normalised || !first) return undefined;
  const fixed = driver.fixedRange ? satisfies(normalised, driver.fixedRange) : gte(normalised, first);
  return { driverId, driver, version, fixed, bundledSqlite };
}

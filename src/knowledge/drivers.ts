// semver's index loads all of its ~50 modules at start-up; each function module loads only what it needs.
import valid from 'semver/functions/valid';
import coerce from 'semver/functions/coerce';
import gte from 'semver/functions/gte';
import type { DriverEntry } from './types';

export interface DriverVerdict {
  driverId: string;
  driver: DriverEntry;
  version: string;
  fixed: boolean;
  /** SQLite that release bundles, when the data has that exact release. */
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
 * Whether a pinned driver release bundles a fixed SQLite. The data's first fixed release decides;
 * a release the data lists exactly is also checked with `isSqliteFixed` (the fixed range in force).
 */
export function driverVerdict(
  driverId: string,
  driver: DriverEntry | undefined,
  version: string,
  isSqliteFixed: (version: string) => boolean | undefined,
): DriverVerdict | undefined {
  if (!driver?.firstFixed) return undefined;
  const normalised = driverSemver(version);
  const first = driverSemver(driver.firstFixed);
  if (!normalised || !first) return undefined;
  const bundledSqlite = driver.bundled[version.replace(/^v/, '')];
  let fixed = gte(normalised, first);
  if (bundledSqlite !== undefined) fixed = isSqliteFixed(bundledSqlite) ?? fixed;
  return { driverId, driver, version, fixed, bundledSqlite };
}

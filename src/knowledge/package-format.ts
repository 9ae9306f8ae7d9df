import { compareApkVersions } from './apk-version';
import { compareDebianVersions } from './dpkg-version';
import { compareRpmVersions } from './rpm-version';
import type { SqliteKnowledge, SystemAssertEntry } from './types';

/** How a distribution numbers its packages: Debian/Ubuntu (dpkg), Alpine/Wolfi (apk), Fedora/RHEL/Amazon Linux (rpm). */
export type PackageFormat = 'dpkg' | 'apk' | 'rpm';

/**
 * The package-manager entry of `data/sqlite-knowledge.json` `systemAsserts` for a distribution id:
 * the first whose `distros` holds it (a trailing `*` is a prefix), else `default` (dpkg). The one
 * table says both how the verdict orders revisions and which check the suggested assert runs.
 */
export function systemAssertOf(data: SqliteKnowledge, distroId: string | undefined): SystemAssertEntry {
  if (distroId === undefined) return data.systemAsserts.default;
  const found = Object.entries(data.systemAsserts).find(([key, entry]) => !key.startsWith('$') && entry.distros?.some((id) => (id.endsWith('*') ? distroId.startsWith(id.slice(0, -1)) : id === distroId)));
  return found?.[1] ?? data.systemAsserts.default;
}

export function packageFormatOf(data: SqliteKnowledge, distroId: string | undefined): PackageFormat {
  return systemAssertOf(data, distroId).packageFormat ?? 'dpkg';
}

/** Orders two package versions the way the distribution's own package manager does. */
export function comparePackageVersions(format: PackageFormat, a: string, b: string): number {
  if (format === 'apk') return compareApkVersions(a, b);
  if (format === 'rpm') return compareRpmVersions(a, b);
  return compareDebianVersions(a, b);
}

import { describe, expect, it } from 'vitest';
import { sqliteKnowledge, compareDebianVersions } from '../../src/knowledge';
import { diffDebian, diffNpm, packageVersions, sqliteVersionFromSource } from '../../scripts/knowledge-check-diff';

/** A Packages index with the given libsqlite3-0 versions among other stanzas. */
function index(...versions: string[]): string {
  const stanzas = ['Package: sqlite3\nVersion: 9.9.9-1\nArchitecture: amd64', ...versions.map((version) => `Package: libsqlite3-0\nSource: sqlite3\nVersion: ${version}\nArchitecture: amd64`)];
  return `${stanzas.join('\n\n')}\n`;
}

// The indexes as they were read on 2026-12-02: the data's versions.
const CURRENT = {
  bullseye: index('3.34.1-3'), 'bullseye-security': index('3.34.1-3+deb11u1'), 'bullseye-updates': index(),
  bookworm: index('3.40.1-2+deb12u2'), 'bookworm-updates': index(), 'bookworm-security': index(), 'bookworm-backports': index(),
  trixie: index('3.46.1-7+deb13u2'), 'trixie-updates': index(), 'trixie-security': index('3.46.1-7+deb13u1'), 'trixie-backports': index(),
  forky: index('3.53.4-2'), sid: index('3.53.4-2'),
};

describe('knowledge:check diff logic', () => {
  it('reads the versions of one package out of a Packages index', () => {
    expect(packageVersions(index('1-1', '2-1'), 'libsqlite3-0')).toEqual(['1-1', '2-1']);
    expect(packageVersions(index('1-1'), 'sqlite3')).toEqual(['9.9.9-1']);
  });

  it('finds no difference when the indexes carry the data', () => {
    expect(diffDebian(sqliteKnowledge(), CURRENT, compareDebianVersions)).toEqual([]);
  });

  it('reports a newer revision in -security, a new upstream, and a package in -backports', () => {
    const moved = { ...CURRENT, 'trixie-security': index('3.46.1-7+deb13u10'), sid: index('3.54.1-1'), 'bookworm-backports': index('3.46.1-7~bpo12+1') };
    expect(diffDebian(sqliteKnowledge(), moved, compareDebianVersions)).toEqual([
      'debian-12: bookworm-backports carries libsqlite3-0 3.46.1-7~bpo12+1 (the data says no backports suite does)',
      'debian-12: data packageVersion 3.40.1-2+deb12u2, index 3.46.1-7~bpo12+1 (bookworm-backports)',
      'debian-12: data sqlite 3.40.1, index 3.46.1',
      'debian-13: data packageVersion 3.46.1-7+deb13u2, index 3.46.1-7+deb13u10 (trixie-security)',
      'debian-sid: data packageVersion 3.53.4-2, index 3.54.1-1 (sid)',
      'debian-sid: data sqlite 3.53.4, index 3.54.1',
    ]);
  });

  it('reads SQLITE_VERSION as the drivers spell it', () => {
    expect(sqliteVersionFromSource('#define SQLITE_VERSION        "3.54.1"\n#define SQLITE_VERSION_NUMBER 3054001')).toBe('3.54.1');
    expect(sqliteVersionFromSource("{ 'variables': { 'sqlite_version%':'3520000', } }")).toBe('3.52.0');
    expect(sqliteVersionFromSource('#define SQLITE_VERSION_NUMBER 3051003')).toBe('3.51.3');
    expect(sqliteVersionFromSource('nothing here')).toBeUndefined();
  });

  it('reports an npm release the data does not list, or lists with another SQLite', () => {
    expect(diffNpm(sqliteKnowledge(), { 'better-sqlite3': { version: '13.2.0', sqlite: '3.54.1' }, sqlite3: { version: '6.0.1', sqlite: '3.52.0' } })).toEqual([]);
    expect(diffNpm(sqliteKnowledge(), { 'better-sqlite3': { version: '13.3.0', sqlite: '3.54.2' }, sqlite3: { version: '6.0.1', sqlite: '3.51.3' } })).toEqual([
      'better-sqlite3: better-sqlite3 13.3.0 bundles SQLite 3.54.2; not in data',
      'node-sqlite3: sqlite3 6.0.1: data says SQLite 3.52.0, the tarball has 3.51.3',
    ]);
  });
});

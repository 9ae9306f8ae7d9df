'use strict';
/**
 * The pure part of `npm run knowledge:check`: reads Debian package indexes and npm tarball facts
 * handed in, and says how they differ from data/sqlite-knowledge.json. No network, no clock, so
 * the tests run it on fixtures.
 */

/** Each Debian release id of the data -> the suites whose indexes hold its libsqlite3-0. */
const DEBIAN_SUITES = {
  'debian-11': ['bullseye', 'bullseye-updates', 'bullseye-security', 'bullseye-backports'],
  'debian-12': ['bookworm', 'bookworm-updates', 'bookworm-security', 'bookworm-backports'],
  'debian-13': ['trixie', 'trixie-updates', 'trixie-security', 'trixie-backports'],
  'debian-14': ['forky'],
  'debian-sid': ['sid'],
};

/** The versions of `name` in a Packages index (stanzas separated by blank lines). */
function packageVersions(index, name) {
  const versions = [];
  for (const stanza of index.split(/\n\s*\n/)) {
    const pkg = /^Package:\s*(\S+)/m.exec(stanza);
    if (!pkg || pkg[1] !== name) continue;
    const version = /^Version:\s*(\S+)/m.exec(stanza);
    if (version) versions.push(version[1]);
  }
  return versions;
}

/** The upstream part of a Debian version: no epoch, no revision. */
function upstreamOf(version) {
  return version.replace(/^\d+:/, '').replace(/-[^-]*$/, '');
}

/**
 * Differences between the data's Debian rows and the indexes: `indexes` maps a suite name to the
 * text of its Packages file (a suite absent from the map was not read); `compare` orders two
 * Debian versions as dpkg does.
 */
function diffDebian(data, indexes, compare) {
  const lines = [];
  for (const [id, suites] of Object.entries(DEBIAN_SUITES)) {
    const row = data.distros[id];
    let newest;
    for (const suite of suites) {
      if (!(suite in indexes)) continue;
      for (const version of packageVersions(indexes[suite], 'libsqlite3-0')) {
        if (!newest || compare(version, newest.version) > 0) newest = { version, suite };
        if (suite.endsWith('-backports')) lines.push(`${id}: ${suite} carries libsqlite3-0 ${version} (the data says no backports suite does)`);
      }
    }
    if (!newest) {
      if (suites.some((suite) => suite in indexes)) lines.push(`${id}: no libsqlite3-0 in ${suites.filter((suite) => suite in indexes).join(', ')}`);
      continue;
    }
    if (!row) {
      lines.push(`${id}: missing from data; the index has libsqlite3-0 ${newest.version} (${newest.suite})`);
      continue;
    }
    if (row.packageVersion !== newest.version) lines.push(`${id}: data packageVersion ${row.packageVersion ?? '(none)'}, index ${newest.version} (${newest.suite})`);
    if (row.sqlite !== upstreamOf(newest.version)) lines.push(`${id}: data sqlite ${row.sqlite}, index ${upstreamOf(newest.version)}`);
  }
  return lines;
}

/**
 * The SQLite version a driver's sources name: `#define SQLITE_VERSION "3.52.0"`, the number
 * `SQLITE_VERSION_NUMBER 3052000` (3, 052, 000), or an amalgamation id as in `sqlite-autoconf-3520000`
 * and node-sqlite3's `'sqlite_version%':'3520000'` (3, 52, 00, 00).
 */
function sqliteVersionFromSource(text) {
  const dotted = /#define\s+SQLITE_VERSION\s+"(3\.\d+\.\d+)"/.exec(text);
  if (dotted) return dotted[1];
  const number = /SQLITE_VERSION_NUMBER\s+3(\d{3})(\d{3})\b/.exec(text);
  if (number) return `3.${Number(number[1])}.${Number(number[2])}`;
  const id = /(?:sqlite_version%?['"]?\s*[:=]\s*['"]|sqlite-autoconf-|sqlite-amalgamation-)3(\d\d)(\d\d)\d\d\b/.exec(text);
  return id ? `3.${Number(id[1])}.${Number(id[2])}` : undefined;
}

/**
 * Differences between the data's npm drivers and what the registry's newest tarballs bundle:
 * `latest` maps an npm package name to `{ version, sqlite }` read from its tarball.
 */
function diffNpm(data, latest) {
  const lines = [];
  for (const [id, driver] of Object.entries(data.drivers)) {
    if (driver.ecosystem !== 'npm' || !(driver.package in latest)) continue;
    const { version, sqlite } = latest[driver.package];
    const known = driver.bundled[version];
    if (sqlite === undefined) lines.push(`${id}: ${driver.package} ${version}: no SQLITE_VERSION found in the tarball`);
    else if (known === undefined) lines.push(`${id}: ${driver.package} ${version} bundles SQLite ${sqlite}; not in data`);
    else if (known !== sqlite) lines.push(`${id}: ${driver.package} ${version}: data says SQLite ${known}, the tarball has ${sqlite}`);
  }
  return lines;
}

module.exports = { DEBIAN_SUITES, packageVersions, upstreamOf, diffDebian, sqliteVersionFromSource, diffNpm };

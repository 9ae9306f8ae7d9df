#!/usr/bin/env node
'use strict';
/**
 * `npm run knowledge:check` (maintainer command; never run by tests or CI, it uses the network):
 * re-derives what a developer machine reaches and prints how it differs from data/. Changes nothing.
 *
 * - Debian: the libsqlite3-0 version in every suite's Packages index (main, -updates, -security,
 *   -backports; read over HTTP from deb.debian.org, not through the system's apt configuration).
 * - npm: the newest release of each Node driver, downloaded, and the SQLITE_VERSION it bundles.
 * - Tag history: `node scripts/knowledge-check-tags.js CLONE` (needs an official-images clone).
 */
const { execFileSync } = require('node:child_process');
const { gunzipSync } = require('node:zlib');
const { join } = require('node:path');
const { readFileSync } = require('node:fs');
const { DEBIAN_SUITES, diffDebian, diffNpm, sqliteVersionFromSource } = require('./knowledge-check-diff');

const data = JSON.parse(readFileSync(join(__dirname, '..', 'data', 'sqlite-knowledge.json'), 'utf8'));
const MIRROR = 'https://deb.debian.org';

async function fetchBuffer(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/** dpkg's order: the built module when there is one, else dpkg itself. */
function debianCompare() {
  try {
    return require('../dist/src/knowledge/dpkg-version').compareDebianVersions;
  } catch {
    return (a, b) => {
      const run = (op) => {
        try {
          execFileSync('dpkg', ['--compare-versions', a, op, b]);
          return true;
        } catch {
          return false;
        }
      };
      return run('lt') ? -1 : run('gt') ? 1 : 0;
    };
  }
}

async function debianIndexes() {
  const indexes = {};
  for (const suite of Object.values(DEBIAN_SUITES).flat()) {
    const archive = suite.endsWith('-security') ? 'debian-security' : 'debian';
    const url = `${MIRROR}/${archive}/dists/${suite}/main/binary-amd64/Packages.xz`;
    try {
      const xz = await fetchBuffer(url);
      indexes[suite] = execFileSync('xz', ['-dc'], { input: xz, maxBuffer: 1 << 30 }).toString('utf8');
      process.stderr.write(`read ${suite}\n`);
    } catch (error) {
      process.stderr.write(`skipped ${suite}: ${error.message}\n`);
    }
  }
  return indexes;
}

/** The files of a .tgz, by path. */
function untar(tgz) {
  const tar = gunzipSync(tgz);
  const files = new Map();
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (!name) break;
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    files.set(prefix ? `${prefix}/${name}` : name, tar.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

async function npmLatest() {
  const latest = {};
  for (const driver of Object.values(data.drivers)) {
    if (driver.ecosystem !== 'npm') continue;
    try {
      const meta = JSON.parse((await fetchBuffer(`https://registry.npmjs.org/${driver.package}/latest`)).toString('utf8'));
      const files = untar(await fetchBuffer(meta.dist.tarball));
      let sqlite;
      for (const [path, content] of files) {
        if (!/sqlite3\.h$|common-sqlite\.gypi$|sqlite3\.gypi$/.test(path)) continue;
        sqlite = sqliteVersionFromSource(content.toString('utf8'));
        if (sqlite) break;
      }
      latest[driver.package] = { version: meta.version, sqlite };
      process.stderr.write(`read ${driver.package} ${meta.version}\n`);
    } catch (error) {
      process.stderr.write(`skipped ${driver.package}: ${error.message}\n`);
    }
  }
  return latest;
}

async function main() {
  const lines = [...diffDebian(data, await debianIndexes(), debianCompare()), ...diffNpm(data, await npmLatest())];
  console.log(lines.length === 0 ? 'knowledge:check: no differences' : lines.join('\n'));
}

main().catch((error) => {
  console.error(`knowledge:check: ${error.message}`);
  process.exitCode = 2;
});

/**
 * The storage facts the SQLite storage rules read: every entry sourced and dated, and written in
 * the form the lookups compare (src/storage/*.ts lower-case what they read before looking it up).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DATA = path.resolve(__dirname, '../../data');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Sourced {
  source: string;
  asOf: string;
}

function read<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(DATA, name), 'utf8')) as T;
}

function expectSourced(where: string, entry: Sourced): void {
  expect(entry.source, where).toMatch(/\S{8}/);
  expect(entry.asOf, where).toMatch(ISO_DATE);
}

describe('data/volume-drivers.json', () => {
  const data = read<{
    mountTypes: Record<string, Sourced & { name: string }>;
    addressOption: Sourced & { name: string };
    devicePatterns: (Sourced & { pattern: string; name: string })[];
    drivers: Record<string, Sourced & { name: string; localWhen?: Record<string, string> }>;
    hostPathPrefixes: Sourced & { values: string[] };
  }>('volume-drivers.json');

  it('sources and dates every fact', () => {
    for (const [key, entry] of Object.entries(data.mountTypes)) expectSourced(`mountTypes.${key}`, entry);
    for (const [key, entry] of Object.entries(data.drivers)) expectSourced(`drivers.${key}`, entry);
    data.devicePatterns.forEach((entry, index) => expectSourced(`devicePatterns[${index}]`, entry));
    expectSourced('addressOption', data.addressOption);
    expectSourced('hostPathPrefixes', data.hostPathPrefixes);
  });

  it('keys and values in the lower case the lookups compare, prefixes as clean absolute paths', () => {
    for (const key of [...Object.keys(data.mountTypes), ...Object.keys(data.drivers)]) expect(key).toBe(key.toLowerCase());
    for (const entry of Object.values(data.drivers)) for (const value of Object.values(entry.localWhen ?? {})) expect(value).toBe(value.toLowerCase());
    for (const prefix of data.hostPathPrefixes.values) expect(prefix).toMatch(/^\/[a-z0-9]+(?:\/[a-z0-9]+)*$/);
  });

  it('device patterns tell remote exports from local paths', () => {
    const remote = (device: string) => data.devicePatterns.some((entry) => new RegExp(entry.pattern).test(device));
    for (const device of [':/exports/app', 'nas.lan:/exports/app', '10.0.0.5:/srv', '//fileserver/apps', '\\\\fileserver\\apps']) expect(remote(device), device).toBe(true);
    for (const device of ['/srv/app/data', './data', 'tmpfs', '${DATA_DIR}', '/dev/sdb1']) expect(remote(device), device).toBe(false);
  });
});

describe('data/sqlite-files.json', () => {
  const data = read<{ databaseSuffixes: Sourced & { values: string[] }; sidecarSuffixes: Sourced & { values: string[] } }>('sqlite-files.json');

  it('sources and dates both lists, in lower case', () => {
    for (const [key, entry] of Object.entries(data)) {
      if (key.startsWith('$') || key === 'compiled') continue;
      expectSourced(key, entry as Sourced);
      for (const value of (entry as { values: string[] }).values) expect(value).toBe(value.toLowerCase());
    }
  });
});

/**
 * Driver releases locked by pnpm-lock.yaml (v5 to v9), yarn.lock (classic and berry) and bun.lock,
 * read by text: each names a package and its resolved version in a fixed shape.
 */
import type { PackageEntry } from '../knowledge/types';
import type { SourceFile } from '../source';
import { escapeRegExp } from './reg-exp';
import type { SqliteEvidence } from './evidence-types';

type Found = Omit<SqliteEvidence, 'scope' | 'stageIndex'>;

export interface NpmPackage {
  name: string;
  entry: PackageEntry;
}

export type JsLockfile = 'pnpm-lock.yaml' | 'yarn.lock' | 'bun.lock';

export const JS_LOCKFILES: readonly JsLockfile[] = ['pnpm-lock.yaml', 'yarn.lock', 'bun.lock'];

/** The locked releases of the known npm packages in a pnpm, yarn or bun lockfile, each version once. */
export function jsLockfileEvidence(file: SourceFile, kind: JsLockfile, packages: readonly NpmPackage[]): Found[] {
  const found: Found[] = [];
  for (const { name, entry } of packages) {
    const seen = new Set<string>();
    for (const { version, start } of lockedVersions(file.text, kind, name)) {
      if (seen.has(version)) continue;
      seen.add(version);
      found.push({
        file: file.path,
        range: file.range(start, start + version.length),
        description: `locks ${name} ${version}`,
        kind: 'driver',
        consumer: entry.consumer,
        driver: entry.driver,
        version,
      });
    }
  }
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

function* lockedVersions(text: string, kind: JsLockfile, name: string): Generator<{ version: string; start: number }> {
  const escaped = escapeRegExp(name);
  if (kind === 'pnpm-lock.yaml') {
    // v6-v9: `  /name@1.2.3:` or `  name@1.2.3(peer@x):`; v5: `  /name/1.2.3:`. Quoted keys too.
    const pattern = new RegExp(`^ {2}['"]?/?${escaped}[@/](\\d[\\w.+-]*)(?=[(:'"])`, 'gm');
    for (const match of text.matchAll(pattern)) yield { version: match[1], start: (match.index ?? 0) + match[0].length - match[1].length };
    return;
  }
  if (kind === 'yarn.lock') {
    // A block header names the package at the line start (`name@^1:`, `"name@npm:^1", "name@npm:^1.2":`);
    // its `version "1.2.3"` (classic) or `version: 1.2.3` (berry) line follows in the indented block.
    const header = new RegExp(`^"?${escaped}@[^\\n]*:[ \\t]*\\r?\\n((?:[ \\t]+[^\\n]*\\n?)*)`, 'gm');
    for (const match of text.matchAll(header)) {
      const body = match[1];
      const version = /^[ \t]+version:?[ \t]+"?([^"\s]+)"?/m.exec(body);
      if (!version) continue;
      const bodyStart = (match.index ?? 0) + match[0].length - body.length;
      yield { version: version[1], start: bodyStart + version.index + version[0].lastIndexOf(version[1]) };
    }
    return;
  }
  // bun.lock (text, JSONC): `"name": ["name@1.2.3", ...]`.
  const pattern = new RegExp(`"${escaped}"\\s*:\\s*\\[\\s*"${escaped}@([^"]+)"`, 'g');
  for (const match of text.matchAll(pattern)) {
    if (/^(?:npm:)?\d/.test(match[1])) {
      const version = match[1].replace(/^npm:/, '');
      yield { version, start: (match.index ?? 0) + match[0].length - 1 - version.length };
    }
  }
}

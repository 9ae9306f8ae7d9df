/**
 * Rails `config/database.yml`: the SQLite databases of the production environment, with the exact
 * place each is written. Read line by line rather than as YAML: the file is ERB first, and the
 * paths are often inside an ERB tag (`<%= ENV["DB"] || "storage/production.sqlite3" %>`).
 */
import { posix } from 'path';
import type { Project } from '../project';
import type { SqliteEvidence } from '../sqlite/evidence-types';
import { findDatabaseReferences } from '../sqlite/patterns';
import { projectTextFile } from '../sqlite/text-ranges';
import { databaseContainerPaths } from './paths';

/** Where Rails' Dockerfile template puts the app (`WORKDIR /rails`). */
export const RAILS_DEFAULT_ROOT = '/rails';

const SQLITE_ADAPTER = /\badapter:\s*["']?sqlite3?["']?\s*(?:$|[,}#])/m;

export interface RailsDatabase {
  evidence: SqliteEvidence;
  /** Path as written, relative to the Rails root unless absolute. */
  written: string;
}

/**
 * The databases of `production:` (the whole file when it has no `production:` key) whose value is a
 * SQLite file or URL, in a file that declares `adapter: sqlite3` (a `*.sqlite3` path counts on its own).
 */
export function railsSqliteDatabases(project: Project, path: string): RailsDatabase[] {
  const file = projectTextFile(project, path);
  if (!file) return [];
  const text = file.text;
  const sqliteAdapter = SQLITE_ADAPTER.test(text);
  const { start, end } = productionSection(text);
  const found: RailsDatabase[] = [];
  const key = /(^|[\s{,])(database|url):[ \t]*/g;
  key.lastIndex = start;
  for (let match = key.exec(text); match && match.index < end; match = key.exec(text)) {
    const valueStart = match.index + match[0].length;
    const lineEnd = text.indexOf('\n', valueStart);
    const value = text.slice(valueStart, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '');
    const inErb = value.includes('<%');
    // A flow mapping ends the value at `,` or `}` (outside an ERB tag); a comment at ` #`.
    const cut = inErb ? value.length : value.search(/[,}]|\s#/);
    const scalar = cut === -1 ? value : value.slice(0, cut);
    for (const reference of findDatabaseReferences(scalar)) {
      const isSqliteName = /\.sqlite3?$/i.test(reference.value) || reference.kind === 'database-url';
      if (!sqliteAdapter && !isSqliteName) continue;
      const offset = valueStart + reference.index;
      found.push({
        written: reference.value,
        evidence: {
          file: file.path,
          range: file.range(offset, offset + reference.value.length),
          description: `keeps a production database in ${reference.value}${sqliteAdapter ? ' (adapter: sqlite3)' : ''}`,
          kind: reference.kind,
          consumer: 'ruby-gem',
          databasePath: reference.value,
          scope: 'deploy',
        },
      });
    }
  }
  return found;
}

/** Offsets of the `production:` section, or the whole text. */
function productionSection(text: string): { start: number; end: number } {
  const topLevel = /^([A-Za-z_][\w.-]*|"[^"]*"|'[^']*')[ \t]*:/gm;
  let start = -1;
  for (let match = topLevel.exec(text); match; match = topLevel.exec(text)) {
    const name = match[1].replace(/^["']|["']$/g, '');
    if (start !== -1) return { start, end: match.index };
    if (name === 'production') start = match.index + match[0].length;
  }
  return start === -1 ? { start: 0, end: text.length } : { start, end: text.length };
}

/** `config/database.yml` of the Rails app whose root (the directory with `config/`) is `root`. */
export function databaseYmlPath(root: string): string {
  return posix.join(root === '.' || root === '' ? '' : root, 'config/database.yml');
}

/** Container paths of a database.yml entry, relative paths resolved against the Rails root. */
export function railsDatabasePaths(written: string, railsRoot: string): string[] {
  return databaseContainerPaths(written, railsRoot);
}

/**
 * Rails `config/database.yml`: whether it declares `adapter: sqlite3`, and the SQLite databases of
 * the production environment, with the exact place each is written. Read line by line rather than
 * as YAML: the file is ERB first, and the paths are often inside an ERB tag
 * (`<%= ENV["DB"] || "storage/production.sqlite3" %>`) or a flow mapping
 * (`primary: { database: storage/production.sqlite3 }`).
 */
import { posix } from 'path';
import type { SourceFile } from '../source';
import type { SqliteEvidence } from './evidence-types';
import { findDatabaseReferences } from './patterns';

type Found = Omit<SqliteEvidence, 'scope' | 'stageIndex'>;

/** `adapter: sqlite3` as a block or flow mapping entry, quoted or not. */
const SQLITE_ADAPTER = /\b(adapter:\s*["']?)(sqlite3?)["']?\s*(?:$|[,}#])/gm;
/** A `database:` or `url:` key, block or flow; the value follows the match. */
const DATABASE_KEY = /(^|[\s{,])(database|url):[ \t]*/g;
const TOP_LEVEL_KEY = /^([A-Za-z_][\w.-]*|"[^"]*"|'[^']*')[ \t]*:/gm;

/** `config/database.yml` of the Rails app whose root (the directory with `config/`) is `root`. */
export function databaseYmlPath(root: string): string {
  return posix.join(root, 'config/database.yml');
}

/**
 * Everything database.yml shows: each `adapter: sqlite3` (anywhere in the file: it usually sits in a
 * `default: &default` anchor that the environments merge) and the production databases.
 */
export function databaseYmlEvidence(file: SourceFile): Found[] {
  const found: Found[] = [];
  for (const { offset, name } of sqliteAdapters(file.text)) {
    found.push({
      file: file.path,
      range: file.range(offset, offset + name.length),
      description: `uses adapter: ${name}`,
      kind: 'database-config',
      consumer: 'ruby-gem',
    });
  }
  found.push(...productionDatabases(file));
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

/**
 * The databases of `production:` (the whole file when it has no `production:` key) whose value is a
 * SQLite file or URL, in a file that declares `adapter: sqlite3` (a `*.sqlite3` path counts on its own).
 * `databasePath` is the path as written, relative to the Rails root unless absolute.
 */
export function productionDatabases(file: SourceFile): Found[] {
  const text = file.text;
  const sqliteAdapter = sqliteAdapters(text).length > 0;
  const { start, end } = productionSection(text);
  const found: Found[] = [];
  DATABASE_KEY.lastIndex = start;
  for (let match = DATABASE_KEY.exec(text); match && match.index < end; match = DATABASE_KEY.exec(text)) {
    if (isCommentedOut(text, match.index + match[1].length)) continue;
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
        file: file.path,
        range: file.range(offset, offset + reference.value.length),
        description: `keeps a production database in ${reference.value}${sqliteAdapter ? ' (adapter: sqlite3)' : ''}`,
        kind: reference.kind,
        consumer: 'ruby-gem',
        databasePath: reference.value,
      });
    }
  }
  DATABASE_KEY.lastIndex = 0;
  return found;
}

/** The adapter name, and its offset, of each `adapter: sqlite3` that is not commented out. */
function sqliteAdapters(text: string): { offset: number; name: string }[] {
  const adapters: { offset: number; name: string }[] = [];
  for (const match of text.matchAll(SQLITE_ADAPTER)) {
    if (!isCommentedOut(text, match.index)) adapters.push({ offset: match.index + match[1].length, name: match[2] });
  }
  return adapters;
}

/** A `#` earlier on the line: the key at `index` is in a comment. */
function isCommentedOut(text: string, index: number): boolean {
  return text.slice(text.lastIndexOf('\n', index - 1) + 1, index).includes('#');
}

/** Offsets of the `production:` section, or the whole text. */
function productionSection(text: string): { start: number; end: number } {
  let start = -1;
  for (const match of text.matchAll(TOP_LEVEL_KEY)) {
    if (start !== -1) return { start, end: match.index };
    const name = match[1].replace(/^["']|["']$/g, '');
    if (name === 'production') start = match.index + match[0].length;
  }
  return start === -1 ? { start: 0, end: text.length } : { start, end: text.length };
}

/** Text patterns that point at a SQLite database in configuration values and commands. */
import type { Range } from '../types';
import type { SqliteEvidence } from './evidence-types';

/** `sqlite:///data/app.db`, `sqlite+aiosqlite:///...`, `sqlite3://`, `jdbc:sqlite:/data/app.db`. */
const SQLITE_URL = /(?:jdbc:)?\bsqlite3?(?:\+[a-z0-9_]+)?:(?:\/\/)?[^\s'",;)\]}]*/gi;

/** A file name ending in .db, .sqlite or .sqlite3 (optionally with a path). */
const DATABASE_FILE = /(?<![\w.$-])(?:[\w.~@%+-]*\/)*[\w.@%+-]*[\w-]\.(?:sqlite3|sqlite|db)(?![\w.-])/gi;

const MAY_REFERENCE = /sqlite|\.db/i;

export interface PatternMatch {
  kind: 'database-url' | 'database-path';
  value: string;
  /** Index into the searched text. */
  index: number;
}

/** Every database URL and database file path in `text`, URLs first where they overlap. */
export function findDatabaseReferences(text: string): PatternMatch[] {
  // Every match of either pattern contains one of these; most texts (RUN lines, labels) have neither.
  if (!MAY_REFERENCE.test(text)) return [];
  const matches: PatternMatch[] = [];
  const covered: [number, number][] = [];
  for (const match of text.matchAll(SQLITE_URL)) {
    const index = match.index ?? 0;
    matches.push({ kind: 'database-url', value: match[0], index });
    covered.push([index, index + match[0].length]);
  }
  for (const match of text.matchAll(DATABASE_FILE)) {
    const index = match.index ?? 0;
    if (covered.some(([start, end]) => index >= start && index < end)) continue;
    matches.push({ kind: 'database-path', value: match[0], index });
  }
  return matches.sort((a, b) => a.index - b.index);
}

/** A Python-specific URL (`sqlite+aiosqlite://`) or a JDBC one tells which runtime reads it. */
export function consumerOfUrl(url: string): string | undefined {
  if (/^jdbc:/i.test(url)) return 'java';
  if (/^sqlite\+(aiosqlite|pysqlite)/i.test(url)) return 'python-stdlib';
  return undefined;
}

/**
 * Evidence for each database URL and path in `text`, read from `file`: `range` maps an index and a
 * length in `text` to the place in the file, `describe` words the description from the reference.
 */
export function databaseReferenceEvidence(
  file: string,
  text: string,
  range: (index: number, length: number) => Range,
  describe: (value: string) => string,
): Omit<SqliteEvidence, 'scope' | 'stageIndex'>[] {
  return findDatabaseReferences(text).map((match) => ({
    file,
    range: range(match.index, match.value.length),
    description: describe(match.value),
    kind: match.kind,
    consumer: match.kind === 'database-url' ? consumerOfUrl(match.value) : undefined,
    databasePath: match.value,
  }));
}

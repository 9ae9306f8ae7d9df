/**
 * What a file name says about SQLite (`data/sqlite-files.json`): a database file by its conventional
 * ending, or one of the files SQLite keeps next to a database (`-wal`, `-shm`, `-journal`).
 */
import { posix } from 'path';
import { DataFile } from '../data-file';

interface Fact {
  values: string[];
  source: string;
  asOf: string;
}

interface SqliteFileData {
  compiled: string;
  databaseSuffixes: Fact;
  sidecarSuffixes: Fact;
}

const sqliteFiles = new DataFile<SqliteFileData>('sqlite-files.json');

export type SqliteFileName = { kind: 'database' } | { kind: 'sidecar'; suffix: string };

function endsWithAny(name: string, suffixes: readonly string[]): string | undefined {
  return suffixes.find((suffix) => name.length > suffix.length && name.endsWith(suffix));
}

/**
 * What the last segment of `path` names, by its ending alone (case-insensitive). A sidecar's name is
 * the database's name and a suffix (`app.db-wal`), so `pg-wal` is no sidecar. A trailing slash says
 * the path is a directory, which names neither.
 */
export function sqliteFileName(path: string): SqliteFileName | undefined {
  if (path.endsWith('/') || path.endsWith('\\')) return undefined;
  const name = posix.basename(path.replace(/\\/g, '/')).toLowerCase();
  const data = sqliteFiles.get();
  const sidecar = endsWithAny(name, data.sidecarSuffixes.values);
  if (sidecar !== undefined) {
    return endsWithAny(name.slice(0, -sidecar.length), data.databaseSuffixes.values) !== undefined ? { kind: 'sidecar', suffix: sidecar } : undefined;
  }
  return endsWithAny(name, data.databaseSuffixes.values) !== undefined ? { kind: 'database' } : undefined;
}

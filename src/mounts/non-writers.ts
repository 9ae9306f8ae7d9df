/**
 * Containers that mount a volume holding SQLite data without ever writing SQLite:
 * `data/non-sqlite-images.json` lists the stock images (nginx, Postgres, Redis, ...) and the
 * environment values that point a service at a server database.
 */
import { DataFile } from '../data-file';
import { imageName } from '../knowledge/stock-images';

export interface NonSqliteImageEntry {
  what: string;
  aliases?: string[];
  status: string;
  source: string;
  asOf: string;
}

export interface NonSqliteData {
  compiled: string;
  images: Record<string, NonSqliteImageEntry>;
  serverDatabase: {
    /** Regular expression for the names of variables that hold a database URL. */
    urlVariables: string;
    urlSchemes: string[];
    engineVariables: string[];
    engineValues: string[];
    status: string;
    source: string;
    asOf: string;
  };
}

const dataFile = new DataFile<NonSqliteData>('non-sqlite-images.json');

/** Lets an embedder without a file system (or a test) hand the data in. */
export function setNonSqliteData(data: NonSqliteData): void {
  dataFile.set(data);
}

interface Index {
  byName: Map<string, { key: string; entry: NonSqliteImageEntry }>;
  urlVariable: RegExp;
  engineVariables: Set<string>;
  engineValues: Set<string>;
  schemes: string[];
}

const indexes = new WeakMap<NonSqliteData, Index>();

function index(): Index {
  const data = dataFile.get();
  let found = indexes.get(data);
  if (!found) {
    const byName = new Map<string, { key: string; entry: NonSqliteImageEntry }>();
    for (const [key, entry] of Object.entries(data.images)) {
      for (const name of [key, ...(entry.aliases ?? [])]) byName.set(name, { key, entry });
    }
    const server = data.serverDatabase;
    found = {
      byName,
      urlVariable: new RegExp(server.urlVariables),
      engineVariables: new Set(server.engineVariables),
      engineValues: new Set(server.engineValues),
      schemes: server.urlSchemes.map((scheme) => scheme.toLowerCase()),
    };
    indexes.set(data, found);
  }
  return found;
}

/** The entry of a stock image that never opens SQLite (`nginx:1.27`, `docker.io/library/postgres`), if the reference names one. */
export function nonSqliteImage(reference: string): { key: string; what: string; source: string } | undefined {
  const name = imageName(reference);
  const hit = name === undefined ? undefined : index().byName.get(name);
  return hit ? { key: hit.key, what: hit.entry.what, source: hit.entry.source } : undefined;
}

function isServerUrl(value: string, schemes: readonly string[]): boolean {
  const lower = value.trim().toLowerCase();
  return schemes.some((scheme) => lower.startsWith(`${scheme}://`) || lower.startsWith(`${scheme}+`) || (scheme.startsWith('jdbc:') && lower.startsWith(`${scheme}:`)));
}

/**
 * The variable of `env` that points the service at a server database (`DATABASE_URL=postgres://...`,
 * `DB_CONNECTION=pgsql`), if one does. Values are only compared, never returned: they may be secrets.
 */
export function serverDatabaseVariable(env: ReadonlyMap<string, string | undefined>): string | undefined {
  const { urlVariable, engineVariables, engineValues, schemes } = index();
  for (const [name, value] of env) {
    if (value === undefined) continue;
    if (urlVariable.test(name) && isServerUrl(value, schemes)) return name;
    if (engineVariables.has(name) && engineValues.has(value.trim().toLowerCase())) return name;
  }
  return undefined;
}

/**
 * `data/sqlite-image-paths.json`: stock images that keep SQLite in a known container path, and the
 * sidecars (Litestream, LiteFS) built to share a SQLite file with the application.
 */
import { DataFile } from '../data-file';
import { parseImageRef } from './image-ref';

export interface StockImageEntry {
  app: string;
  aliases?: string[];
  /** `name-contains`: any image whose repository name contains the key (PocketBase has no official image). */
  match?: 'name-contains';
  /** Container directories (or files) that hold the database. */
  paths?: string[];
  /** Data directory names that hold the database wherever they sit (`pb_data`). */
  dirNames?: string[];
  /** The image uses SQLite only when the variable has one of these values. */
  sqliteWhen?: Record<string, string[]>;
  /** The image uses another database when the variable matches one of these (regular expressions). */
  notSqliteWhen?: Record<string, string[]>;
  status: string;
  source: string;
  asOf: string;
}

export interface SidecarEntry {
  tool: string;
  why: string;
  status: string;
  source: string;
  asOf: string;
}

export interface ImagePathData {
  compiled: string;
  images: Record<string, StockImageEntry>;
  sidecars: Record<string, SidecarEntry>;
}

const imagePathFile = new DataFile<ImagePathData>('sqlite-image-paths.json');

/** The data, from the package's `data/` folder (read on first use). */
export function imagePathData(): ImagePathData {
  return imagePathFile.get();
}

/** Lets an embedder without a file system hand the data in. */
export function setImagePathData(data: ImagePathData): void {
  imagePathFile.set(data);
}

/** Repository name of an image reference (`louislam/uptime-kuma:2` -> `louislam/uptime-kuma`), if it is one. */
export function imageName(reference: string): string | undefined {
  return parseImageRef(reference)?.name;
}

export interface StockImage extends StockImageEntry {
  key: string;
}

/** The table entry for the image repository `name`, if litelint knows where it keeps SQLite. */
export function findStockImage(data: ImagePathData, name: string): StockImage | undefined {
  const images = data.images;
  for (const [key, entry] of Object.entries(images)) {
    if (key.startsWith('$')) continue;
    const names = [key, ...(entry.aliases ?? [])];
    if (names.includes(name)) return { key, ...entry };
    if (entry.match === 'name-contains' && name.includes(key)) return { key, ...entry };
  }
  return undefined;
}

/** The sidecar entry (Litestream, LiteFS) for an image reference, or an image named in the rule's `sidecars` option. */
export function findSidecar(data: ImagePathData, reference: string, extra: readonly string[] = []): { name: string; tool: string; why: string } | undefined {
  const name = imageName(reference);
  if (!name) return undefined;
  const entry = data.sidecars[name];
  if (entry) return { name, tool: entry.tool, why: entry.why };
  const extraNames = extra.map((item) => imageName(item) ?? item.toLowerCase());
  if (extraNames.includes(name)) return { name, tool: name, why: 'listed in the sidecars option of shared-volume-overlap' };
  return undefined;
}

/**
 * Whether the image's configuration selects SQLite: `sqliteWhen` needs a listed value (unset counts as
 * not SQLite), `notSqliteWhen` rules SQLite out when a value matches. `env` holds the literal values
 * that are known; a variable whose value litelint cannot read is `undefined`.
 */
export function stockImageUsesSqlite(entry: StockImageEntry, env: ReadonlyMap<string, string | undefined>): boolean {
  for (const [name, values] of Object.entries(entry.sqliteWhen ?? {})) {
    const value = env.get(name);
    if (value === undefined || !values.includes(value.trim().toLowerCase())) return false;
  }
  for (const [name, patterns] of Object.entries(entry.notSqliteWhen ?? {})) {
    const value = env.get(name);
    if (value === undefined) continue;
    const lower = value.trim().toLowerCase();
    if (patterns.some((pattern) => (pattern.startsWith('^') ? new RegExp(pattern, 'i').test(lower) : lower === pattern))) return false;
  }
  return true;
}

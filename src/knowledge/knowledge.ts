import type Range from 'semver/classes/range';
import type { Settings } from '../config';
import { builtinSqliteVerdict, type BuiltinRuntime, type BuiltinVerdict } from './builtins';
import { sqliteKnowledge } from './data';
import { driverVerdict, type DriverVerdict } from './drivers';
import { fixVersionsOf, parseRange, toSemver, type FixVersions } from './fixed';
import { findImage, isKnownDistro, type ImageKnowledge } from './lookup';
import { comparePackageVersions, packageFormatOf, type PackageFormat } from './package-format';
import { tagHistoryData, type TagHistoryData } from './tag-history';
import { findSidecar, findStockImage, imageName, imagePathData, type ImagePathData, type StockImage } from './stock-images';
import type { PackageEntry, RuntimeEntry, SqliteKnowledge } from './types';

/** The settings that change what litelint knows: `.litelint.yaml` `images:` and `sqlite-fixed-range:`. */
export type KnowledgeSettings = Partial<Pick<Settings, 'images' | 'sqliteFixedRange'>>;

/** Where the data comes from; the package's `data/` folder unless an embedder or a test hands it in. */
export interface KnowledgeSources {
  sqlite(): SqliteKnowledge;
  imagePaths(): ImagePathData;
  /** The official images' tag history (`data/sqlite-tag-history.json`); the package's when absent. */
  tagHistory?(): TagHistoryData;
}

const PACKAGE_DATA: KnowledgeSources = { sqlite: sqliteKnowledge, imagePaths: imagePathData, tagHistory: tagHistoryData };

/**
 * What litelint knows about SQLite for one run: the data with the user's overrides applied. Every
 * answer it remembers lives in the object, so two runs with different settings (or data) in one
 * process never see each other's answers. The data is read on first use: a run without SQLite
 * evidence never parses it.
 */
export class Knowledge {
  private sqliteData: SqliteKnowledge | undefined;
  private imagePathTable: ImagePathData | undefined;
  private tagHistoryTable: TagHistoryData | undefined;
  private fix: FixVersions | undefined;
  // A project checks the same one or two ranges thousands of times; semver parses a range on every
  // `satisfies` call. A repository names the same few base images thousands of times.
  private readonly ranges = new Map<string, Range | null>();
  private readonly images = new Map<string, ImageKnowledge>();
  private readonly stockImages = new Map<string, StockImage | undefined>();
  private readonly derivations = new Map<(knowledge: Knowledge) => unknown, unknown>();

  constructor(
    private readonly settings: KnowledgeSettings = {},
    private readonly sources: KnowledgeSources = PACKAGE_DATA,
  ) {}

  /** The knowledge base as data (`data/sqlite-knowledge.json`). */
  get data(): SqliteKnowledge {
    return (this.sqliteData ??= this.sources.sqlite());
  }

  /** The semver range of SQLite versions with the WAL-reset fix: `.litelint.yaml`'s, else the data's. */
  get fixedRange(): string {
    return this.settings.sqliteFixedRange ?? this.data.fix.fixedRange;
  }

  /** True when `.litelint.yaml` sets the fixed range. */
  get fixedRangeFromSettings(): boolean {
    return this.settings.sqliteFixedRange !== undefined;
  }

  /** The fixed releases that messages and suggested asserts name, read from the fixed range in force. */
  get fixVersions(): FixVersions {
    return (this.fix ??= fixVersionsOf(this.fixedRange, this.data.fix.minimum));
  }

  /** The oldest release on the current line that has the fix. */
  get fixMinimum(): string {
    return this.fixVersions.minimum;
  }

  /** True when the SQLite `version` carries the fix; undefined when it is not a version. */
  isFixed(version: string): boolean | undefined {
    const normalised = toSemver(version);
    if (!normalised) return undefined;
    return this.satisfies(normalised, this.fixedRange);
  }

  /**
   * True when the system SQLite of `image` carries the fix: by its upstream `version`, or by a
   * distribution revision that backported it (`fixedFromRevision`, ordered as the distribution's
   * package manager does: dpkg, apk or rpm) when the image's package is at or past it. Undefined
   * when `version` is not a version.
   */
  isSystemSqliteFixed(image: ImageKnowledge, version: string): boolean | undefined {
    if (version === image.systemSqlite && image.distro && isFixedByRevision(image.distro, packageFormatOf(this.data, image.distroId))) return true;
    return this.isFixed(version);
  }

  /** Whether `version` is in the semver `range` (false when the range does not parse). */
  private satisfies(version: string, range: string): boolean {
    let parsed = this.ranges.get(range);
    if (parsed === undefined) this.ranges.set(range, (parsed = parseRange(range)));
    return parsed !== null && parsed.test(version);
  }

  /** What litelint knows about a base image, `.litelint.yaml` `images:` first. Treat it as read-only. */
  lookupImage(reference: string): ImageKnowledge {
    let found = this.images.get(reference);
    if (!found) {
      const helpers = { tagHistory: () => (this.tagHistoryTable ??= (this.sources.tagHistory ?? tagHistoryData)()), isFixed: (version: string) => this.isFixed(version) };
      this.images.set(reference, (found = findImage(this.data, reference, this.settings.images ?? {}, helpers)));
    }
    return found;
  }

  /** True when `.litelint.yaml` `images: {distro: VALUE}` names a distribution the data has. */
  isKnownDistro(value: string): boolean {
    return isKnownDistro(this.data, value);
  }

  /** Whether the built-in SQLite of Node, Bun or Deno at `version` has the fix. */
  builtinVerdict(runtime: BuiltinRuntime, version: string): BuiltinVerdict | undefined {
    return builtinSqliteVerdict(runtime, this.data.builtins[runtime], version, (candidate, range) => this.satisfies(candidate, range));
  }

  /** Whether a pinned release of the driver `driverId` bundles a fixed SQLite. */
  driverVerdict(driverId: string, version: string): DriverVerdict | undefined {
    return driverVerdict(driverId, this.data.drivers[driverId], version, (sqlite) => this.isFixed(sqlite));
  }

  runtime(id: string): RuntimeEntry | undefined {
    return this.data.runtimes[id];
  }

  /** The runtime's name for messages ("CPython's sqlite3 module"), or its id when the data lacks it. */
  runtimeName(id: string): string {
    return this.runtime(id)?.name ?? id;
  }

  /** The entries of a package table of the data, without its `$comment` keys. */
  packages<Ecosystem extends keyof SqliteKnowledge['packages']>(ecosystem: Ecosystem): [string, SqliteKnowledge['packages'][Ecosystem][string]][] {
    return withoutComments(this.data.packages[ecosystem] as Record<string, SqliteKnowledge['packages'][Ecosystem][string]>);
  }

  /** The package entry for `name` in `ecosystem`, if the name means SQLite. */
  package(ecosystem: keyof SqliteKnowledge['packages'], name: string): PackageEntry | undefined {
    const table = this.data.packages[ecosystem];
    // A name from a hostile file may be `constructor` or `__proto__`: only the table's own keys count.
    return !name.startsWith('$') && Object.hasOwn(table, name) ? table[name] : undefined;
  }

  /** The runtime APIs (`node:sqlite`, `bun:sqlite`) of the data, without its `$comment` key. */
  runtimeApis(): [string, SqliteKnowledge['runtimeApis'][string]][] {
    return withoutComments(this.data.runtimeApis);
  }

  /**
   * A value computed once per run from the data (patterns compiled from a package table), keyed by
   * the function that computes it.
   */
  derived<T>(compute: (knowledge: Knowledge) => T): T {
    if (!this.derivations.has(compute)) this.derivations.set(compute, compute(this));
    return this.derivations.get(compute) as T;
  }

  /** The stock image (`data/sqlite-image-paths.json`) an image reference runs, if litelint knows where it keeps SQLite. */
  stockImage(reference: string): StockImage | undefined {
    const name = imageName(reference);
    if (!name) return undefined;
    if (!this.stockImages.has(name)) this.stockImages.set(name, findStockImage(this.imagePaths, name));
    return this.stockImages.get(name);
  }

  /** The sidecar (Litestream, LiteFS) an image reference runs, or an image named in `extra`. */
  sidecar(reference: string, extra: readonly string[] = []): ReturnType<typeof findSidecar> {
    return findSidecar(this.imagePaths, reference, extra);
  }

  private get imagePaths(): ImagePathData {
    return (this.imagePathTable ??= this.sources.imagePaths());
  }
}

/** A distribution row whose package revision is at or past the revision that backported the fix. */
export function isFixedByRevision(distro: { packageVersion?: string; fixedFromRevision?: string }, format: PackageFormat): boolean {
  if (!distro.fixedFromRevision || !distro.packageVersion) return false;
  return comparePackageVersions(format, distro.packageVersion, distro.fixedFromRevision) >= 0;
}

function withoutComments<Entry>(table: Record<string, Entry>): [string, Entry][] {
  return Object.entries(table).filter(([key]) => !key.startsWith('$'));
}

/** The knowledge of one run, with `settings`' overrides applied. */
export function createKnowledge(settings?: KnowledgeSettings, sources?: KnowledgeSources): Knowledge {
  return new Knowledge(settings, sources);
}

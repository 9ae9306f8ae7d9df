/** Shape of `data/sqlite-knowledge.json`. Every fact carries where it was read and when. */

export interface Sourced {
  source: string;
  asOf: string;
  status?: string;
  note?: string;
}

export interface DistroEntry extends Sourced {
  name: string;
  /** The package that holds the runtime library (`libsqlite3-0`, `sqlite-libs`, `sqlite`). */
  package: string;
  packageVersion?: string;
  /** Upstream SQLite version the distro ships today. */
  sqlite: string;
  /** Whether the library is in the base image before anything is installed. */
  inBaseImage?: boolean;
  /** The date (or `yes`) the release stopped getting updates. */
  endOfLife?: string;
  /** A distro revision that patched the fix into an old upstream version (`3.46.1-7+deb13u3`): it and later revisions count as fixed. */
  fixedFromRevision?: string;
}

export interface RepositoryEntry extends Sourced {
  /** Runtime id (see `runtimes`) that the image brings, or `none` for a bare OS image. */
  runtime: string;
  /** Distro of tags without a codename or alpine suffix. */
  defaultDistro?: string;
  /** Distro of a bare `-alpine` suffix. */
  alpineDefault?: string;
  /** First tag component (a major version or alias such as `lts`) -> distro. */
  defaultDistroByVersion?: Record<string, string>;
  /** Whole tag or its first dash-separated part -> distro (OS images: `12`, `latest`). */
  tags?: Record<string, string>;
  /**
   * Regular expressions over the whole tag, tried first, the first match deciding: for images whose
   * base follows a word in the tag rather than its first part (`elixir:1.18-otp-27-alpine` is built
   * FROM `erlang:27-alpine`). `unknown` instead of `distro`: the tag's base cannot be told.
   */
  tagPatterns?: { match: string; distro?: string; unknown?: string }[];
  /** Tags are Alpine release numbers (`3.24`, `3.24.1`). */
  versionedTags?: 'alpine';
  /** The repository name may end in `-debian12` / `-debian13`. */
  distroSuffix?: boolean;
  /** The image has no shell, so a RUN check cannot run in it (distroless). */
  noShell?: boolean;
  /** The image has no system libsqlite3 at all. */
  noSystemSqlite?: boolean;
  /** Sub-image names starting with this are Python images (`ubi9/python-312`, `chainguard/python`). */
  pythonPrefix?: string;
  aliases?: string[];
}

export interface RuntimeEntry extends Sourced {
  name: string;
  /** `distro`: loads the system libsqlite3; `bundled`: brings its own. */
  sqlite: 'distro' | 'bundled';
  /**
   * The RUN line that fails the build when the loaded SQLite is older than the fix, with the versions
   * as placeholders (`{{minimum}}`, `{{python-fixed}}`, ...) that src/sqlite/assert-line.ts fills
   * from the fixed range in force.
   */
  assert?: string;
  /**
   * Asserts for narrower evidence: the first whose `match` (a regular expression) matches every
   * evidence description of the consumer replaces `assert` (PHP with only the sqlite3 extension).
   */
  assertByEvidence?: { match: string; assert: string }[];
  /** Its SQLite is compiled into a binary, so the check runs where the binary is built. */
  compiledIn?: boolean;
  /** The bundling runtime this one is a system-library build of (`ruby-system` of `ruby-gem`). */
  systemBuildOf?: string;
  /** Build variables that, set in a Dockerfile ENV or ARG (to anything but empty, 0 or false), make that system build (`EXQLITE_USE_SYSTEM`). */
  systemBuildEnv?: string[];
}

export interface DriverEntry extends Sourced {
  ecosystem: 'npm' | 'gem' | 'go' | 'cargo' | 'pypi' | 'maven' | 'nuget' | 'uv' | 'hex';
  package: string;
  runtime: string;
  /** First release with a fixed SQLite; absent when no fixed release is known (listed releases still count). */
  firstFixed?: string;
  /** semver range of fixed releases, where fixes came on more than one line (`>=2.1.12 <3.0.0 || >=3.0.4`). */
  fixedRange?: string;
  /** The remedy, when upgrading this package alone is not it (a module another package picks). */
  upgrade?: string;
  /** `patch`: the version's patch number is the SQLite version (`v2.1.35300` = 3.53.0). */
  sqliteInVersion?: 'patch';
  /** Driver release -> SQLite version it bundles. */
  bundled: Record<string, string>;
  /** How a build switches the driver to the system library. */
  systemWhen?: string;
  onlyWithFeature?: string;
}

export interface BuiltinEntry extends Sourced {
  runtime: string;
  hasSqlite?: string;
  /** semver range of runtime releases whose built-in SQLite carries the fix. */
  fixedRange: string;
  /** Major -> first fixed release in that line. */
  firstFixed: Record<string, string>;
  /** Major -> the date the line reached end of life. */
  endOfLife?: Record<string, string>;
  bundled: Record<string, string>;
}

export interface FixEntry extends Sourced {
  minimum: string;
  fixedRange: string;
  bug: string;
  docs: string;
  notes: string;
}

export interface SqliteKnowledge {
  compiled: string;
  /** Fact family (`distros`, `images`, `tagHistory`, ...) -> the date it was last checked (`$comment` keys aside). */
  asOfByFamily?: Record<string, string>;
  fix: FixEntry;
  codenames: Record<string, string>;
  /** Words in an official image's tag that name a variant, not a base (`slim`, `fpm`, `apache`). */
  tagWords?: string[];
  distros: Record<string, DistroEntry>;
  repositories: Record<string, RepositoryEntry>;
  runtimes: Record<string, RuntimeEntry>;
  drivers: Record<string, DriverEntry>;
  builtins: Record<'node' | 'bun' | 'deno', BuiltinEntry>;
  packages: PackageTables;
  /** Distribution packages that mean SQLite, per package manager; the first match decides. */
  systemPackages: Record<'apt' | 'apk' | 'rpm', SystemPackageEntry[]>;
  /** The suggested assert for an image whose consumer has none: by distribution, else `default`. */
  systemAsserts: Record<string, SystemAssertEntry> & { default: SystemAssertEntry };
  /** Module names and flags (`node:sqlite`, `bun:sqlite`) that open a runtime's built-in SQLite. */
  runtimeApis: Record<string, RuntimeApiEntry>;
}

/** A package name that shows an application opening SQLite. */
export interface PackageEntry extends Sourced {
  /** Runtime id (see `runtimes`) that opens SQLite; `python-stdlib` is the interpreter's sqlite3 module. */
  consumer: string;
  /** Id in `drivers` whose releases say which SQLite this package bundles. */
  driver?: string;
  /** The driver module whose SQLite this module is: go.mod lists it `// indirect`, and that line still decides. */
  sqliteModuleOf?: string;
}

export interface CrateEntry extends PackageEntry {
  /** Features that build SQLite into the binary; a trailing `*` matches any feature with that prefix. */
  bundledFeatures: string[];
  /** Runtime id of a build without those features; absent when such a build is no evidence. */
  systemConsumer?: string;
}

/** Per ecosystem, the package names that mean SQLite (keys starting with `$` are comments). */
export interface PackageTables {
  pypi: Record<string, PackageEntry>;
  npm: Record<string, PackageEntry>;
  /** Go module path -> entry. */
  go: Record<string, PackageEntry>;
  /** Hex package names (mix.lock). */
  hex: Record<string, PackageEntry>;
  cargo: Record<string, CrateEntry>;
  gem: Record<string, PackageEntry>;
  /** PHP extension names (`docker-php-ext-install NAME`, composer.json `ext-NAME`). */
  'php-extension': Record<string, PackageEntry>;
  /** NuGet package ids (`.csproj` PackageReference, packages.lock.json). */
  nuget: Record<string, PackageEntry>;
}

export interface RuntimeApiEntry extends Sourced {
  consumer: string;
  /** How package.json shows it: `quoted` as a module name in quotes, `bare` anywhere; absent: not read there. */
  packageJson?: 'quoted' | 'bare';
}

export interface SystemPackageEntry extends Sourced {
  /** Regular expression over the package name without its version pin. */
  name: string;
  kind: 'system-library' | 'cli' | 'php-extension' | 'interpreter';
  consumer?: string;
  /** What the package is, for the description (`the command-line shell`). */
  shows?: string;
}

export interface SystemAssertEntry extends Sourced {
  /** Distribution ids (a trailing `*` is a prefix); absent on `default`. */
  distros?: string[];
  /** The RUN line, with placeholders as in a runtime's `assert`. */
  assert: string;
  /** How the distribution's package versions are ordered (the verdict on `fixedFromRevision`); `dpkg` when absent. */
  packageFormat?: 'dpkg' | 'apk' | 'rpm';
  /** The RUN line when the distribution backported the fix (`fixedFromRevision`): it compares the package revision. */
  revisionAssert?: string;
}

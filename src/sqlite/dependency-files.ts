import type { Knowledge } from '../knowledge/knowledge';
import type { CrateEntry, PackageEntry } from '../knowledge/types';
import type { ProjectFiles } from '../facts/files';
import type { SourceFile } from '../source';
import { databaseYmlEvidence } from './database-yml';
import { jsLockfileEvidence } from './js-lockfiles';
import { pipRequirementName } from './pip-names';
import { escapeRegExp } from './reg-exp';
import { packageJsonApiPatterns, type PackageJsonApiPatterns } from './runtime-apis';
import type { SqliteEvidence } from './evidence-types';
import { projectTextFile, rangeOf } from './text-ranges';

/** The dependency and configuration files litelint reads when a Dockerfile copies them in. */
export const DEPENDENCY_FILE_NAMES = [
  'requirements.txt',
  'pyproject.toml',
  'uv.lock',
  'poetry.lock',
  'package.json',
  'package-lock.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'bun.lock',
  'Gemfile',
  'Gemfile.lock',
  'composer.json',
  'go.mod',
  'Cargo.toml',
  'Cargo.lock',
  'packages.lock.json',
  'mix.lock',
  'config/database.yml',
] as const;

/** True for names litelint reads: the list above plus `requirements*.txt` variants. */
export function isDependencyFileName(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/^requirements.*\.txt$/i.test(base)) return true;
  if (/\.(cs|fs|vb)proj$/i.test(base)) return true;
  if (path.endsWith('config/database.yml') || base === 'database.yml') return true;
  return (DEPENDENCY_FILE_NAMES as readonly string[]).includes(base);
}

type Found = Omit<SqliteEvidence, 'scope' | 'stageIndex'>;

/** Evidence in one dependency file of the project (empty when the file does not exist), by the package names `knowledge` holds. */
export function dependencyFileEvidence(project: ProjectFiles, path: string, knowledge: Knowledge): Found[] {
  const file = projectTextFile(project, path);
  if (!file) return [];
  const base = path.slice(path.lastIndexOf('/') + 1);
  const patterns = knowledge.derived(packagePatterns);
  if (/^requirements.*\.txt$/i.test(base)) return requirementsTxt(file, patterns);
  if (/\.(cs|fs|vb)proj$/i.test(base)) return nugetReferences(file, patterns);
  switch (base) {
    case 'packages.lock.json':
      return nugetLock(file, patterns);
    case 'mix.lock':
      return mixLock(file, patterns);
    case 'pyproject.toml':
      return pyproject(file, patterns);
    case 'uv.lock':
    case 'poetry.lock':
      return pythonLock(file, patterns);
    case 'package.json':
      return packageJson(file, patterns);
    case 'package-lock.json':
      return packageLock(file, patterns);
    case 'pnpm-lock.yaml':
    case 'yarn.lock':
    case 'bun.lock':
      return jsLockfileEvidence(file, base, patterns.npm);
    case 'Gemfile':
      return gemfile(file, patterns);
    case 'Gemfile.lock':
      return gemfileLock(file, patterns);
    case 'composer.json':
      return composerJson(file, patterns);
    case 'go.mod':
      return goMod(file, patterns);
    case 'Cargo.toml':
      return cargoToml(file, patterns);
    case 'Cargo.lock':
      return cargoLock(file, project, path, patterns);
    case 'database.yml':
      return databaseYmlEvidence(file);
    default:
      return [];
  }
}

function normalisePythonName(name: string): string {
  return name.toLowerCase().replace(/[._]+/g, '-');
}

/** The package tables of the knowledge and the patterns that find them, compiled once per run. */
interface PackagePatterns {
  /** PyPI name (normalised) -> entry. */
  python: Map<string, PackageEntry>;
  pyproject: { name: string; entry: PackageEntry; quoted: RegExp; key: RegExp }[];
  npm: { name: string; entry: PackageEntry; dependency: RegExp; lockEntry: RegExp }[];
  go: { module: string; entry: PackageEntry; require: RegExp }[];
  nuget: { name: string; entry: PackageEntry; reference: RegExp; lock: RegExp }[];
  gems: { name: string; entry: PackageEntry; gemfile: RegExp; lock: RegExp }[];
  /** mix.lock `"name": {:hex, :name, "version", ...}` entries of the Hex packages. */
  hex: { name: string; entry: PackageEntry; lock: RegExp }[];
  /** composer.json `"ext-NAME":` keys of the PHP extensions. */
  composer?: { pattern: RegExp; entries: Map<string, PackageEntry> };
  crates: { name: string; entry: CrateEntry; inline: RegExp; table: RegExp }[];
  packageJsonApi?: PackageJsonApiPatterns;
}

function packagePatterns(knowledge: Knowledge): PackagePatterns {
  const python = new Map(knowledge.packages('pypi'));
  const pyproject = [...python].map(([name, entry]) => {
    const spelled = name.replace(/-/g, '[-_.]');
    return {
      name,
      entry,
      quoted: new RegExp(`["'](${spelled})\\s*(?:\\[[^\\]]*\\])?\\s*(?=[<>=!~;,"'])`, 'gi'),
      key: new RegExp(`^(\\s*)(${spelled})\\s*=`, 'gim'),
    };
  });
  const npm = knowledge.packages('npm').map(([name, entry]) => ({
    name,
    entry,
    dependency: new RegExp(`"(${escapeRegExp(name)})"\\s*:\\s*"`, 'g'),
    lockEntry: new RegExp(`"((?:[^"]*/)?node_modules/${escapeRegExp(name)}|${escapeRegExp(name)})"\\s*:\\s*\\{`, 'g'),
  }));
  const go = knowledge.packages('go').map(([module, entry]) => ({
    module,
    entry,
    require: new RegExp(`^(\\s*(?:require\\s+)?)(${escapeRegExp(module)})\\s+(v[^\\s/]+)`, 'gm'),
  }));
  const gems = knowledge.packages('gem').map(([name, entry]) => ({
    name,
    entry,
    gemfile: new RegExp(`^\\s*gem\\s+(["'])(${escapeRegExp(name)})\\1`, 'gm'),
    // Spec lines are indented four spaces.
    lock: new RegExp(`^ {4}${escapeRegExp(name)} \\(([^)]+)\\)\\s*$`, 'm'),
  }));
  const hex = knowledge.packages('hex').map(([name, entry]) => ({
    name,
    entry,
    lock: new RegExp(`^[ \\t]*"(${escapeRegExp(name)})"[ \\t]*:[ \\t]*\\{:hex,[ \\t]*:${escapeRegExp(name)},[ \\t]*"([^"\\n]+)"`, 'm'),
  }));
  const extensions = knowledge.packages('php-extension');
  const composer = extensions.length > 0
    ? { pattern: new RegExp(`"(ext-(?:${extensions.map(([name]) => escapeRegExp(name)).join('|')}))"\\s*:`, 'g'), entries: new Map(extensions.map(([name, entry]) => [`ext-${name}`, entry])) }
    : undefined;
  // `name = ...` lines and `[dependencies.name]` tables.
  const crates = knowledge.packages('cargo').map(([name, entry]) => ({
    name,
    entry,
    inline: new RegExp(`^(${escapeRegExp(name)})\\s*=\\s*(.*)$`, 'gm'),
    table: new RegExp(`^\\[(?:[\\w.-]*\\.)?dependencies\\.(${escapeRegExp(name)})\\]\\s*\\n([\\s\\S]*?)(?=^\\[|(?![\\s\\S]))`, 'gm'),
  }));
  // NuGet ids are case-insensitive.
  const nuget = knowledge.packages('nuget').map(([name, entry]) => ({
    name,
    entry,
    reference: new RegExp(`<PackageReference\\s+Include="(${escapeRegExp(name)})"(?:\\s+Version="([^"]+)")?`, 'gi'),
    lock: new RegExp(`"(${escapeRegExp(name)})"\\s*:\\s*\\{[^{}]*?"resolved"\\s*:\\s*"([^"]+)"`, 'gi'),
  }));
  return { python, pyproject, npm, go, gems, hex, composer, crates, nuget, packageJsonApi: packageJsonApiPatterns(knowledge) };
}

function* lines(file: SourceFile): Generator<{ text: string; offset: number; index: number }> {
  let offset = 0;
  const all = file.text.split('\n');
  for (let index = 0; index < all.length; index++) {
    yield { text: all[index].replace(/\r$/, ''), offset, index };
    offset += all[index].length + 1;
  }
}

function requirementsTxt(file: SourceFile, patterns: PackagePatterns): Found[] {
  const found: Found[] = [];
  for (const line of lines(file)) {
    const url = /^(\s*)((?:-e\s+)?)(\S+)/.exec(line.text);
    const fromUrl = url && !line.text.trimStart().startsWith('#') ? pipRequirementName(url[3]) : undefined;
    if (fromUrl && /[:/]/.test(url![3])) {
      const entry = patterns.python.get(fromUrl);
      if (entry) found.push({ file: file.path, range: rangeOf(file, line.offset + url![1].length + url![2].length, url![3].length), description: `requires ${fromUrl} (${/^[a-z+]+:/i.test(url![3]) ? 'by URL' : 'by path'})`, kind: 'driver', consumer: entry.consumer });
      continue;
    }
    const match = /^(\s*)([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(?:==\s*([^\s;#]+))?/.exec(line.text);
    if (!match) continue;
    const entry = patterns.python.get(normalisePythonName(match[2]));
    if (!entry) continue;
    found.push({
      file: file.path,
      range: rangeOf(file, line.offset + match[1].length, match[2].length),
      description: `requires ${match[2]}`,
      kind: 'driver',
      consumer: entry.consumer,
      driver: entry.driver,
      version: match[4],
    });
  }
  return found;
}

function pyproject(file: SourceFile, patterns: PackagePatterns): Found[] {
  const found: Found[] = [];
  for (const { name, entry, quoted, key } of patterns.pyproject) {
    for (const pattern of [quoted, key]) {
      for (const match of file.text.matchAll(pattern)) {
        const start = (match.index ?? 0) + match[0].indexOf(match[pattern === key ? 2 : 1]);
        found.push({
          file: file.path,
          range: rangeOf(file, start, match[pattern === key ? 2 : 1].length),
          description: `depends on ${name}`,
          kind: 'driver',
          consumer: entry.consumer,
        });
      }
    }
  }
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

/** `[[package]]` entries of uv.lock, poetry.lock and Cargo.lock: `name = "x"` then `version = "y"`. */
function lockPackages(file: SourceFile): { name: string; nameStart: number; version?: string; versionStart?: number; body: string }[] {
  const packages: { name: string; nameStart: number; version?: string; versionStart?: number; body: string }[] = [];
  const pattern = /^\[\[package\]\]\s*\n([\s\S]*?)(?=^\[|(?![\s\S]))/gm;
  for (const match of file.text.matchAll(pattern)) {
    const body = match[1];
    const bodyStart = (match.index ?? 0) + match[0].indexOf(body);
    const name = /^name\s*=\s*"([^"]+)"/m.exec(body);
    if (!name) continue;
    const version = /^version\s*=\s*"([^"]+)"/m.exec(body);
    packages.push({
      name: name[1],
      nameStart: bodyStart + (name.index ?? 0) + name[0].indexOf('"') + 1,
      version: version?.[1],
      versionStart: version ? bodyStart + (version.index ?? 0) + version[0].indexOf('"') + 1 : undefined,
      body,
    });
  }
  return packages;
}

/** uv.lock and poetry.lock. */
function pythonLock(file: SourceFile, patterns: PackagePatterns): Found[] {
  const found: Found[] = [];
  for (const entry of lockPackages(file)) {
    const known = patterns.python.get(normalisePythonName(entry.name));
    if (!known) continue;
    const at = entry.versionStart ?? entry.nameStart;
    found.push({
      file: file.path,
      range: rangeOf(file, at, entry.versionStart !== undefined ? entry.version!.length : entry.name.length),
      description: `locks ${entry.name}${entry.version ? ` ${entry.version}` : ''}`,
      kind: 'driver',
      consumer: known.consumer,
      driver: known.driver,
      version: entry.version,
    });
  }
  return found;
}

/** Offsets of package.json's `devDependencies` object: test-only drivers are not in a production image. */
function devDependenciesSpan(text: string): [number, number] | undefined {
  const match = /"devDependencies"\s*:\s*\{[^}]*\}/.exec(text);
  return match ? [match.index, match.index + match[0].length] : undefined;
}

function packageJson(file: SourceFile, patterns: PackagePatterns): Found[] {
  const found: Found[] = [];
  const dev = devDependenciesSpan(file.text);
  for (const known of patterns.npm) {
    const name = known.name;
    for (const match of file.text.matchAll(known.dependency)) {
      if (dev && (match.index ?? 0) > dev[0] && (match.index ?? 0) < dev[1]) continue;
      found.push({
        file: file.path,
        range: rangeOf(file, (match.index ?? 0) + 1, name.length),
        description: `depends on ${name}`,
        kind: 'driver',
        consumer: known.entry.consumer,
      });
    }
  }
  const api = patterns.packageJsonApi;
  const match = api?.test.test(file.text) ? api.match.exec(file.text) : null;
  if (api && match) {
    found.push({
      file: file.path,
      range: rangeOf(file, match.index, match[0].length),
      description: `uses ${match[0]}`,
      kind: 'runtime-api',
      consumer: api.consumers.get(match[0]),
    });
  }
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

function packageLock(file: SourceFile, patterns: PackagePatterns): Found[] {
  const found: Found[] = [];
  const seen = new Set<number>();
  for (const known of patterns.npm) {
    const name = known.name;
    for (const match of file.text.matchAll(known.lockEntry)) {
      const from = (match.index ?? 0) + match[0].length;
      const close = file.text.indexOf('}', from);
      const body = file.text.slice(from, close === -1 ? undefined : close);
      const version = /"version"\s*:\s*"([^"]+)"/.exec(body);
      // `"dev": true`: installed for development only (`npm ci --omit=dev` leaves it out).
      if (!version || /"dev"\s*:\s*true/.test(body)) continue;
      const start = from + (version.index ?? 0) + version[0].lastIndexOf(version[1]);
      if (seen.has(start)) continue;
      seen.add(start);
      found.push({
        file: file.path,
        range: rangeOf(file, start, version[1].length),
        description: `locks ${name} ${version[1]}`,
        kind: 'driver',
        consumer: known.entry.consumer,
        driver: known.entry.driver,
        version: version[1],
      });
    }
  }
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

function gemfile(file: SourceFile, patterns: PackagePatterns): Found[] {
  const found: Found[] = [];
  for (const { name, entry, gemfile: pattern } of patterns.gems) {
    for (const match of file.text.matchAll(pattern)) {
      found.push({
        file: file.path,
        range: rangeOf(file, (match.index ?? 0) + match[0].lastIndexOf(name), name.length),
        description: `requires the ${name} gem`,
        kind: 'driver',
        consumer: entry.consumer,
      });
    }
  }
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

function gemfileLock(file: SourceFile, patterns: PackagePatterns): Found[] {
  const found: Found[] = [];
  for (const { name, entry, lock } of patterns.gems) {
    // A gem can appear once per platform; the first is enough.
    const match = lock.exec(file.text);
    if (!match) continue;
    const version = match[1];
    found.push({
      file: file.path,
      range: rangeOf(file, match.index + match[0].indexOf('(') + 1, version.length),
      description: `locks the ${name} gem ${version}`,
      kind: 'driver',
      consumer: entry.consumer,
      driver: entry.driver,
      version: version.replace(/-[a-z].*$/i, ''),
    });
  }
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

/** mix.lock: `"exqlite": {:hex, :exqlite, "0.27.1", "<hash>", [:make, :mix], [...], "hexpm", "<hash>"},`; a package is locked once. */
function mixLock(file: SourceFile, patterns: PackagePatterns): Found[] {
  const found: Found[] = [];
  for (const { name, entry, lock } of patterns.hex) {
    const match = lock.exec(file.text);
    if (!match) continue;
    const version = match[2];
    found.push({
      file: file.path,
      range: rangeOf(file, match.index + match[0].length - version.length - 1, version.length),
      description: `locks the ${name} Hex package ${version}`,
      kind: 'driver',
      consumer: entry.consumer,
      driver: entry.driver,
      version,
    });
  }
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

function composerJson(file: SourceFile, patterns: PackagePatterns): Found[] {
  const found: Found[] = [];
  if (!patterns.composer) return found;
  for (const match of file.text.matchAll(patterns.composer.pattern)) {
    found.push({
      file: file.path,
      range: rangeOf(file, (match.index ?? 0) + 1, match[1].length),
      description: `requires ${match[1]}`,
      kind: 'php-extension',
      consumer: patterns.composer.entries.get(match[1])?.consumer,
    });
  }
  return found;
}

/** `<PackageReference Include="SQLitePCLRaw.bundle_e_sqlite3" Version="2.1.11" />` in a project file. */
function nugetReferences(file: SourceFile, patterns: PackagePatterns): Found[] {
  return nugetMatches(file, patterns, 'reference', 'references');
}

/** packages.lock.json: `"SQLitePCLRaw.lib.e_sqlite3": { "type": "Transitive", "resolved": "2.1.11" }`. */
function nugetLock(file: SourceFile, patterns: PackagePatterns): Found[] {
  return nugetMatches(file, patterns, 'lock', 'locks');
}

function nugetMatches(file: SourceFile, patterns: PackagePatterns, which: 'reference' | 'lock', verb: string): Found[] {
  const found: Found[] = [];
  for (const known of patterns.nuget) {
    for (const match of file.text.matchAll(known[which])) {
      const version = match[2];
      const start = (match.index ?? 0) + (version ? match[0].lastIndexOf(version) : match[0].indexOf(match[1]));
      found.push({
        file: file.path,
        range: rangeOf(file, start, version ? version.length : match[1].length),
        description: `${verb} ${match[1]}${version ? ` ${version}` : ''}`,
        kind: 'driver',
        consumer: known.entry.consumer,
        driver: known.entry.driver,
        version,
      });
    }
  }
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

function goMod(file: SourceFile, patterns: PackagePatterns): Found[] {
  const found: Found[] = [];
  const direct = new Set<string>();
  const lines: { module: string; entry: PackageEntry; match: RegExpMatchArray; indirect: boolean }[] = [];
  for (const { module, entry, require } of patterns.go) {
    for (const match of file.text.matchAll(require)) {
      const end = (match.index ?? 0) + match[0].length;
      const lineEnd = file.text.indexOf('\n', end);
      const indirect = /\/\/\s*indirect\b/.test(file.text.slice(end, lineEnd === -1 ? undefined : lineEnd));
      if (!indirect) direct.add(module);
      lines.push({ module, entry, match, indirect });
    }
  }
  for (const { module, entry, match, indirect } of lines) {
    // `// indirect`: a dependency of a dependency, which says nothing about what the binary imports,
    // unless it is the SQLite module of a driver required directly (ncruces/go-sqlite3-wasm).
    if (indirect && !(entry.sqliteModuleOf && direct.has(entry.sqliteModuleOf))) continue;
    const start = (match.index ?? 0) + match[0].lastIndexOf(match[3]);
    found.push({
      file: file.path,
      range: rangeOf(file, start, match[3].length),
      description: `requires ${module} ${match[3]}`,
      kind: 'driver',
      consumer: entry.consumer,
      driver: entry.driver,
      version: match[3],
    });
  }
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

/** Cargo.toml dependencies on the crates that bring SQLite, and whether they build it in. */
function cargoSqliteDependencies(file: SourceFile, patterns: PackagePatterns): { name: string; entry: CrateEntry; start: number; bundled: boolean }[] {
  const deps: { name: string; entry: CrateEntry; start: number; bundled: boolean }[] = [];
  const text = file.text;
  for (const { name, entry, inline, table } of patterns.crates) {
    for (const match of text.matchAll(inline)) {
      deps.push({ name, entry, start: match.index ?? 0, bundled: bundlesSqlite(entry, match[2]) });
    }
    for (const match of text.matchAll(table)) {
      deps.push({ name, entry, start: (match.index ?? 0) + 1 + match[0].slice(1).indexOf(name), bundled: bundlesSqlite(entry, match[2]) });
    }
  }
  // `[features]` entries such as `default = ["rusqlite/bundled"]` or `bundled = ["libsqlite3-sys/bundled"]`.
  const features = featureEntries(text);
  for (const dep of deps) {
    if (!dep.bundled) dep.bundled = bundlesSqlite(dep.entry, `features = [${features.filter((f) => f.crate === dep.name).map((f) => `"${f.feature}"`).join(', ')}]`);
  }
  return deps.sort((a, b) => a.start - b.start);
}

/** The `crate/feature` (and `crate?/feature`) strings of Cargo.toml's `[features]` table. */
function featureEntries(text: string): { crate: string; feature: string }[] {
  const table = /^\[features\][ \t]*\r?\n([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(text);
  if (!table) return [];
  return [...table[1].matchAll(/"([\w-]+)\??\/([\w-]+)"/g)].map((match) => ({ crate: match[1], feature: match[2] }));
}

function bundlesSqlite(crate: CrateEntry, spec: string): boolean {
  const features = /features\s*=\s*\[([^\]]*)\]/.exec(spec)?.[1] ?? '';
  const list = [...features.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  return list.some((feature) => crate.bundledFeatures.some((bundling) => (bundling.endsWith('*') ? feature.startsWith(bundling.slice(0, -1)) : feature === bundling)));
}

function cargoToml(file: SourceFile, patterns: PackagePatterns): Found[] {
  return cargoSqliteDependencies(file, patterns)
    .filter((dep) => dep.bundled || dep.entry.systemConsumer !== undefined)
    .map((dep) => ({
      file: file.path,
      range: rangeOf(file, dep.start, dep.name.length),
      description: `depends on ${dep.name}${dep.bundled ? ' with bundled SQLite' : ' (system SQLite)'}`,
      kind: 'driver' as const,
      consumer: dep.bundled ? dep.entry.consumer : dep.entry.systemConsumer,
    }));
}

function cargoLock(file: SourceFile, project: ProjectFiles, path: string, patterns: PackagePatterns): Found[] {
  const manifest = projectTextFile(project, path.replace(/Cargo\.lock$/, 'Cargo.toml'));
  const bundled = manifest ? cargoSqliteDependencies(manifest, patterns).some((dep) => dep.bundled) : undefined;
  const found: Found[] = [];
  for (const entry of lockPackages(file)) {
    // Only crates with a driver entry say, by their release, which SQLite they bundle.
    const crate = patterns.crates.find((known) => known.name === entry.name && known.entry.driver !== undefined)?.entry;
    if (!crate) continue;
    if (entry.versionStart === undefined || entry.version === undefined) continue;
    found.push({
      file: file.path,
      range: rangeOf(file, entry.versionStart, entry.version.length),
      description: `locks ${entry.name} ${entry.version}`,
      kind: 'driver',
      consumer: bundled === false ? crate.systemConsumer : bundled ? crate.consumer : undefined,
      // Only a bundled build carries the driver's own SQLite; without Cargo.toml litelint cannot tell.
      driver: bundled ? crate.driver : undefined,
      version: entry.version,
    });
  }
  return found;
}

import { sqliteKnowledge } from '../knowledge/data';
import type { SqliteKnowledge } from '../knowledge/types';
import type { Project } from '../project';
import type { SourceFile } from '../source';
import { databaseYmlEvidence } from './database-yml';
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
  'Gemfile',
  'Gemfile.lock',
  'composer.json',
  'go.mod',
  'Cargo.toml',
  'Cargo.lock',
  'config/database.yml',
] as const;

/** True for names litelint reads: the list above plus `requirements*.txt` variants. */
export function isDependencyFileName(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/^requirements.*\.txt$/i.test(base)) return true;
  if (path.endsWith('config/database.yml') || base === 'database.yml') return true;
  return (DEPENDENCY_FILE_NAMES as readonly string[]).includes(base);
}

type Found = Omit<SqliteEvidence, 'scope' | 'stageIndex'>;

/** Evidence in one dependency file of the project (empty when the file does not exist). */
export function dependencyFileEvidence(project: Project, path: string): Found[] {
  const file = projectTextFile(project, path);
  if (!file) return [];
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/^requirements.*\.txt$/i.test(base)) return requirementsTxt(file);
  switch (base) {
    case 'pyproject.toml':
      return pyproject(file);
    case 'uv.lock':
    case 'poetry.lock':
      return tomlLock(file, driverPatterns().python, 'pypi');
    case 'package.json':
      return packageJson(file);
    case 'package-lock.json':
      return packageLock(file);
    case 'Gemfile':
      return gemfile(file);
    case 'Gemfile.lock':
      return gemfileLock(file);
    case 'composer.json':
      return composerJson(file);
    case 'go.mod':
      return goMod(file);
    case 'Cargo.toml':
      return cargoToml(file);
    case 'Cargo.lock':
      return cargoLock(file, project, path);
    case 'database.yml':
      return databaseYmlEvidence(file);
    default:
      return [];
  }
}

function normalisePythonName(name: string): string {
  return name.toLowerCase().replace(/[._]+/g, '-');
}

/** The driver tables of the knowledge base and the patterns that find them, built once per knowledge base. */
interface DriverPatterns {
  /** PyPI name -> how it reaches SQLite (`stdlib`, `distro`, `bundled`). */
  python: Map<string, string>;
  pyproject: { name: string; how: string; quoted: RegExp; key: RegExp }[];
  npm: { name: string; consumer: string; driver?: string; dependency: RegExp; lockEntry: RegExp }[];
  go: { module: string; driver: string; require: RegExp }[];
}

const patternsByKnowledge = new WeakMap<SqliteKnowledge, DriverPatterns>();

function driverPatterns(): DriverPatterns {
  const knowledge = sqliteKnowledge();
  let patterns = patternsByKnowledge.get(knowledge);
  if (!patterns) {
    patterns = buildDriverPatterns(knowledge);
    patternsByKnowledge.set(knowledge, patterns);
  }
  return patterns;
}

function buildDriverPatterns(knowledge: SqliteKnowledge): DriverPatterns {
  const python = new Map(Object.entries(knowledge.pythonDrivers).filter(([name]) => !name.startsWith('$')));
  const pyproject = [...python].map(([name, how]) => {
    const spelled = name.replace(/-/g, '[-_.]');
    return {
      name,
      how,
      quoted: new RegExp(`["'](${spelled})\\s*(?:\\[[^\\]]*\\])?\\s*(?=[<>=!~;,"'])`, 'gi'),
      key: new RegExp(`^(\\s*)(${spelled})\\s*=`, 'gim'),
    };
  });
  const npm = Object.entries(knowledge.nodeDrivers).map(([name, consumer]) => ({
    name,
    consumer,
    driver: Object.entries(knowledge.drivers).find(([, entry]) => entry.ecosystem === 'npm' && entry.package === name)?.[0],
    dependency: new RegExp(`"(${escapeRegExp(name)})"\\s*:\\s*"`, 'g'),
    lockEntry: new RegExp(`"((?:[^"]*/)?node_modules/${escapeRegExp(name)}|${escapeRegExp(name)})"\\s*:\\s*\\{`, 'g'),
  }));
  const go = Object.entries(knowledge.goDrivers).map(([module, driver]) => ({
    module,
    driver,
    require: new RegExp(`^(\\s*(?:require\\s+)?)(${escapeRegExp(module)})\\s+(v[^\\s/]+)`, 'gm'),
  }));
  return { python, pyproject, npm, go };
}

function pythonConsumer(name: string, how: string): string {
  if (how === 'stdlib') return 'python-stdlib';
  if (how === 'bundled') return name === 'pysqlite3-binary' ? 'pysqlite3-binary' : 'python-bundled';
  return 'cpython';
}

function* lines(file: SourceFile): Generator<{ text: string; offset: number; index: number }> {
  let offset = 0;
  const all = file.text.split('\n');
  for (let index = 0; index < all.length; index++) {
    yield { text: all[index].replace(/\r$/, ''), offset, index };
    offset += all[index].length + 1;
  }
}

function requirementsTxt(file: SourceFile): Found[] {
  const drivers = driverPatterns().python;
  const found: Found[] = [];
  for (const line of lines(file)) {
    const match = /^(\s*)([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(?:==\s*([^\s;#]+))?/.exec(line.text);
    if (!match) continue;
    const name = normalisePythonName(match[2]);
    const how = drivers.get(name);
    if (!how) continue;
    found.push({
      file: file.path,
      range: rangeOf(file, line.offset + match[1].length, match[2].length),
      description: `requires ${match[2]}`,
      kind: 'driver',
      consumer: pythonConsumer(name, how),
      driver: sqliteKnowledge().drivers[name] ? name : undefined,
      version: match[4],
    });
  }
  return found;
}

function pyproject(file: SourceFile): Found[] {
  const found: Found[] = [];
  for (const { name, how, quoted, key } of driverPatterns().pyproject) {
    for (const pattern of [quoted, key]) {
      for (const match of file.text.matchAll(pattern)) {
        const start = (match.index ?? 0) + match[0].indexOf(match[pattern === key ? 2 : 1]);
        found.push({
          file: file.path,
          range: rangeOf(file, start, match[pattern === key ? 2 : 1].length),
          description: `depends on ${name}`,
          kind: 'driver',
          consumer: pythonConsumer(name, how),
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

function tomlLock(file: SourceFile, drivers: Map<string, string>, ecosystem: 'pypi'): Found[] {
  const found: Found[] = [];
  for (const entry of lockPackages(file)) {
    const name = normalisePythonName(entry.name);
    const how = drivers.get(name);
    if (!how || ecosystem !== 'pypi') continue;
    const at = entry.versionStart ?? entry.nameStart;
    found.push({
      file: file.path,
      range: rangeOf(file, at, entry.versionStart !== undefined ? entry.version!.length : entry.name.length),
      description: `locks ${entry.name}${entry.version ? ` ${entry.version}` : ''}`,
      kind: 'driver',
      consumer: pythonConsumer(name, how),
      driver: sqliteKnowledge().drivers[name] ? name : undefined,
      version: entry.version,
    });
  }
  return found;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function packageJson(file: SourceFile): Found[] {
  const found: Found[] = [];
  for (const known of driverPatterns().npm) {
    const name = known.name;
    for (const match of file.text.matchAll(known.dependency)) {
      found.push({
        file: file.path,
        range: rangeOf(file, (match.index ?? 0) + 1, name.length),
        description: `depends on ${name}`,
        kind: 'driver',
        consumer: known.consumer,
      });
    }
  }
  if (/["'`]node:sqlite["'`]|--experimental-sqlite/.test(file.text)) {
    const match = /node:sqlite|--experimental-sqlite/.exec(file.text)!;
    found.push({
      file: file.path,
      range: rangeOf(file, match.index, match[0].length),
      description: `uses ${match[0]}`,
      kind: 'runtime-api',
      consumer: 'node',
    });
  }
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

function packageLock(file: SourceFile): Found[] {
  const found: Found[] = [];
  const seen = new Set<number>();
  for (const known of driverPatterns().npm) {
    const name = known.name;
    for (const match of file.text.matchAll(known.lockEntry)) {
      const from = (match.index ?? 0) + match[0].length;
      const close = file.text.indexOf('}', from);
      const body = file.text.slice(from, close === -1 ? undefined : close);
      const version = /"version"\s*:\s*"([^"]+)"/.exec(body);
      if (!version) continue;
      const start = from + (version.index ?? 0) + version[0].lastIndexOf(version[1]);
      if (seen.has(start)) continue;
      seen.add(start);
      found.push({
        file: file.path,
        range: rangeOf(file, start, version[1].length),
        description: `locks ${name} ${version[1]}`,
        kind: 'driver',
        consumer: known.consumer,
        driver: known.driver,
        version: version[1],
      });
    }
  }
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

function gemfile(file: SourceFile): Found[] {
  const found: Found[] = [];
  for (const match of file.text.matchAll(/^\s*gem\s+(["'])(sqlite3)\1/gm)) {
    found.push({
      file: file.path,
      range: rangeOf(file, (match.index ?? 0) + match[0].lastIndexOf('sqlite3'), 'sqlite3'.length),
      description: `requires the sqlite3 gem`,
      kind: 'driver',
      consumer: 'ruby-gem',
    });
  }
  return found;
}

function gemfileLock(file: SourceFile): Found[] {
  // Spec lines are indented four spaces; a gem can appear once per platform, the first is enough.
  const match = /^ {4}sqlite3 \(([^)]+)\)\s*$/m.exec(file.text);
  if (!match) return [];
  const version = match[1];
  return [
    {
      file: file.path,
      range: rangeOf(file, match.index + match[0].indexOf('(') + 1, version.length),
      description: `locks the sqlite3 gem ${version}`,
      kind: 'driver',
      consumer: 'ruby-gem',
      driver: 'sqlite3-gem',
      version: version.replace(/-[a-z].*$/i, ''),
    },
  ];
}

function composerJson(file: SourceFile): Found[] {
  const found: Found[] = [];
  for (const match of file.text.matchAll(/"(ext-(?:pdo_sqlite|sqlite3))"\s*:/g)) {
    found.push({
      file: file.path,
      range: rangeOf(file, (match.index ?? 0) + 1, match[1].length),
      description: `requires ${match[1]}`,
      kind: 'php-extension',
      consumer: 'php',
    });
  }
  return found;
}

function goMod(file: SourceFile): Found[] {
  const found: Found[] = [];
  for (const { module, driver, require } of driverPatterns().go) {
    for (const match of file.text.matchAll(require)) {
      const start = (match.index ?? 0) + match[0].lastIndexOf(match[3]);
      found.push({
        file: file.path,
        range: rangeOf(file, start, match[3].length),
        description: `requires ${module} ${match[3]}`,
        kind: 'driver',
        consumer: 'go-bundled',
        driver,
        version: match[3],
      });
    }
  }
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

/** The crates that bring SQLite, as `name = ...` lines and as `[dependencies.name]` tables. */
const CARGO_DEPENDENCIES = ['rusqlite', 'libsqlite3-sys', 'sqlx'].map((name) => ({
  name,
  inline: new RegExp(`^(${escapeRegExp(name)})\\s*=\\s*(.*)$`, 'gm'),
  table: new RegExp(`^\\[(?:[\\w.-]*\\.)?dependencies\\.(${escapeRegExp(name)})\\]\\s*\\n([\\s\\S]*?)(?=^\\[|(?![\\s\\S]))`, 'gm'),
}));

/** Cargo.toml dependencies on rusqlite / libsqlite3-sys / sqlx, and whether they bundle SQLite. */
export function cargoSqliteDependencies(file: SourceFile): { name: string; start: number; bundled: boolean }[] {
  const deps: { name: string; start: number; bundled: boolean }[] = [];
  const text = file.text;
  for (const { name, inline, table } of CARGO_DEPENDENCIES) {
    for (const match of text.matchAll(inline)) {
      deps.push({ name, start: match.index ?? 0, bundled: bundlesSqlite(name, match[2]) });
    }
    for (const match of text.matchAll(table)) {
      deps.push({ name, start: (match.index ?? 0) + 1 + match[0].slice(1).indexOf(name), bundled: bundlesSqlite(name, match[2]) });
    }
  }
  return deps.sort((a, b) => a.start - b.start);
}

function bundlesSqlite(name: string, spec: string): boolean {
  const features = /features\s*=\s*\[([^\]]*)\]/.exec(spec)?.[1] ?? '';
  const list = [...features.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  // sqlx's `sqlite` feature builds libsqlite3-sys with `bundled`; `sqlite-unbundled` does not.
  if (name === 'sqlx') return list.includes('sqlite') || list.includes('runtime-tokio-sqlite');
  return list.some((feature) => feature.startsWith('bundled'));
}

function cargoToml(file: SourceFile): Found[] {
  return cargoSqliteDependencies(file)
    .filter((dep) => dep.name !== 'sqlx' || dep.bundled)
    .map((dep) => ({
      file: file.path,
      range: rangeOf(file, dep.start, dep.name.length),
      description: `depends on ${dep.name}${dep.bundled ? ' with bundled SQLite' : ' (system SQLite)'}`,
      kind: 'driver' as const,
      consumer: dep.bundled ? 'rust-bundled' : 'rusqlite-system',
    }));
}

function cargoLock(file: SourceFile, project: Project, path: string): Found[] {
  const manifest = projectTextFile(project, path.replace(/Cargo\.lock$/, 'Cargo.toml'));
  const bundled = manifest ? cargoSqliteDependencies(manifest).some((dep) => dep.bundled) : undefined;
  const found: Found[] = [];
  for (const entry of lockPackages(file)) {
    if (entry.name !== 'rusqlite' && entry.name !== 'libsqlite3-sys') continue;
    if (entry.versionStart === undefined || entry.version === undefined) continue;
    found.push({
      file: file.path,
      range: rangeOf(file, entry.versionStart, entry.version.length),
      description: `locks ${entry.name} ${entry.version}`,
      kind: 'driver',
      consumer: bundled === false ? 'rusqlite-system' : bundled ? 'rust-bundled' : undefined,
      // Only a bundled build carries the driver's own SQLite; without Cargo.toml litelint cannot tell.
      driver: bundled ? entry.name : undefined,
      version: entry.version,
    });
  }
  return found;
}

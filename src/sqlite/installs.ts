import type { Knowledge } from '../knowledge/knowledge';
import type { SystemPackageEntry } from '../knowledge/types';
import { commandHead, type ShellCommand, type ShellWord } from './shell';
import { evidenceData } from './evidence-data';
import type { EvidenceKind } from './evidence-types';
import { pipRequirementName } from './pip-names';

/** A package a RUN command installs that shows SQLite use, at the word that names it. */
export interface InstallHit {
  word: ShellWord;
  kind: EvidenceKind;
  description: string;
  consumer?: string;
  driver?: string;
  version?: string;
}

type OsManager = 'apt' | 'apk' | 'rpm';

const OS_MANAGERS: Record<string, { manager: OsManager; subcommands: string[] }> = {
  'apt-get': { manager: 'apt', subcommands: ['install'] },
  apt: { manager: 'apt', subcommands: ['install'] },
  aptitude: { manager: 'apt', subcommands: ['install'] },
  apk: { manager: 'apk', subcommands: ['add'] },
  dnf: { manager: 'rpm', subcommands: ['install'] },
  microdnf: { manager: 'rpm', subcommands: ['install'] },
  yum: { manager: 'rpm', subcommands: ['install'] },
  tdnf: { manager: 'rpm', subcommands: ['install'] },
};

/** Options whose value is the next word, so that the value is not read as a package name. */
const OPTIONS_WITH_VALUE = new Set(['-o', '-t', '--target-release', '--repository', '-X', '--virtual', '--setopt', '-v', '--version', '-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-e', '--editable', '--prefix', '--root', '--platform', '--python', '-p']);

function packageWords(args: ShellWord[], from: number): ShellWord[] {
  const words: ShellWord[] = [];
  for (let i = from; i < args.length; i++) {
    const value = args[i].value;
    if (value === '--') break;
    if (value.startsWith('-')) {
      if (OPTIONS_WITH_VALUE.has(value)) i++;
      continue;
    }
    words.push(args[i]);
  }
  return words;
}

/** Package name without a version pin: `sqlite3=3.40.1-2`, `sqlite-libs>3.50`, `aiosqlite==0.20`. */
function bareName(word: string): string {
  return word.split(/[=<>~!@:]/)[0].toLowerCase();
}

/** The distribution-package table of the knowledge, compiled once per run. */
function systemPackagePatterns(knowledge: Knowledge): Record<OsManager, { pattern: RegExp; entry: SystemPackageEntry }[]> {
  const compiled = (manager: OsManager) => knowledge.data.systemPackages[manager].map((entry) => ({ pattern: new RegExp(entry.name), entry }));
  return { apt: compiled('apt'), apk: compiled('apk'), rpm: compiled('rpm') };
}

function osPackageHit(manager: OsManager, word: ShellWord, tool: string, knowledge: Knowledge): InstallHit | undefined {
  const name = bareName(word.value);
  const data = evidenceData();
  const known = knowledge.derived(systemPackagePatterns)[manager].find(({ pattern }) => pattern.test(name))?.entry
    ?? data.systemPackages[manager].find(({ pattern }) => pattern.test(name))?.entry;
  if (!known) return undefined;
  const installs = `${tool} installs ${word.value}`;
  // The runtime library named on purpose (not its -dev package) is loaded by something in the image.
  const consumer = known.consumer ?? (known.kind === 'system-library' && data.runtimeLibraries.test(name) ? 'distro-library' : undefined);
  return { word, kind: known.kind, description: known.shows ? `${installs} (${known.shows})` : installs, consumer };
}

function pythonHit(word: ShellWord, tool: string, knowledge: Knowledge): InstallHit | undefined {
  // `git+https://.../datasette.git`, `./wheels/aiosqlite-0.21.0-py3-none-any.whl`, `pkg @ URL`: the name they show.
  const name = pipRequirementName(word.value) ?? bareName(word.value.replace(/\[[^\]]*\]/, '')).replace(/[._]+/g, '-');
  const known = knowledge.package('pypi', name);
  if (!known) return undefined;
  const version = /==\s*([^\s;]+)/.exec(word.value)?.[1];
  return { word, kind: 'driver', description: `${tool} installs ${word.value}`, consumer: known.consumer, version };
}

function npmHit(word: ShellWord, tool: string, knowledge: Knowledge): InstallHit | undefined {
  const at = word.value.lastIndexOf('@');
  const name = at > 0 ? word.value.slice(0, at) : word.value;
  const known = knowledge.package('npm', name);
  if (!known) return undefined;
  return { word, kind: 'driver', description: `${tool} installs ${word.value}`, consumer: known.consumer, version: at > 0 ? word.value.slice(at + 1) : undefined };
}

/**
 * SQLite-related packages a command installs (the package names of the run's knowledge), and
 * switches that make a driver use the system library.
 */
export function installHits(command: ShellCommand, knowledge: Knowledge): InstallHit[] {
  const { name, args } = commandHead(command);
  const values = args.map((word) => word.value);
  const hits: InstallHit[] = [];
  const os = OS_MANAGERS[name];
  if (os) {
    const sub = values.findIndex((value) => os.subcommands.includes(value));
    if (sub === -1) return hits;
    for (const word of packageWords(args, sub + 1)) {
      const hit = osPackageHit(os.manager, word, name, knowledge);
      if (hit) hits.push(hit);
    }
    return hits;
  }
  if (name === 'docker-php-ext-install' || name === 'docker-php-ext-enable') {
    for (const word of packageWords(args, 0)) {
      const extension = knowledge.package('php-extension', word.value);
      if (extension) hits.push({ word, kind: 'php-extension', description: `${name} ${word.value}`, consumer: extension.consumer });
    }
    return hits;
  }
  if (name === 'uv' && values[0] === 'python' && values[1] === 'install') {
    // A request pinned to a python-build-standalone release (`3.12.13+20260510`): the release date, not
    // the Python version, says which SQLite it bundles.
    const pinned = args.slice(2).find((word) => /\+\d{8}\b/.test(word.value));
    const build = pinned ? /\+(\d{8})\b/.exec(pinned.value)?.[1] : undefined;
    const interpreter: InstallHit = { word: args[1], kind: 'interpreter', description: 'uv python install (a uv-managed Python with its own SQLite)', consumer: 'uv-python' };
    if (pinned && build) {
      return [interpreter, { word: pinned, kind: 'driver', description: `uv python install ${pinned.value} (python-build-standalone ${build})`, consumer: 'uv-python', driver: 'python-build-standalone', version: build }];
    }
    return [interpreter];
  }
  const pip = pipInstallStart(name, values);
  if (pip !== undefined) {
    for (const word of packageWords(args, pip)) {
      const hit = pythonHit(word, pipToolName(name, values), knowledge);
      if (hit) hits.push(hit);
    }
    return hits;
  }
  if (['npm', 'yarn', 'pnpm', 'bun'].includes(name)) {
    const sub = values.findIndex((value) => ['install', 'i', 'add'].includes(value));
    if (sub !== -1) {
      for (const word of packageWords(args, sub + 1)) {
        const hit = npmHit(word, `${name} ${values[sub]}`, knowledge);
        if (hit) hits.push(hit);
      }
      const system = args.find((word) => /^--sqlite=/.test(word.value));
      if (system) hits.push({ word: system, kind: 'system-build', description: `${name} builds the sqlite3 package against the system SQLite (${system.value})`, consumer: 'node-sqlite3-system' });
    }
    return hits;
  }
  if (name === 'gem' && values[0] === 'install') {
    for (const word of packageWords(args, 1)) {
      const gem = knowledge.package('gem', word.value);
      if (gem) hits.push({ word, kind: 'driver', description: `gem installs ${word.value}`, consumer: gem.consumer });
    }
  }
  const added = name === 'bundle' && values[0] === 'add' && values[1] !== undefined ? knowledge.package('gem', values[1]) : undefined;
  if (added) hits.push({ word: args[1], kind: 'driver', description: `bundle adds ${values[1]}`, consumer: added.consumer });
  if (name === 'gem' || name === 'bundle') {
    const system = args.find((word) => word.value === '--enable-system-libraries');
    if (system) hits.push({ word: system, kind: 'system-build', description: `${name} builds the sqlite3 gem against the system SQLite`, consumer: 'ruby-system' });
    return hits;
  }
  if (name === 'go' && (values[0] === 'build' || values[0] === 'install')) {
    for (let i = 0; i < args.length; i++) {
      const tags = /^-?-tags(?:=(.*))?$/.exec(args[i].value);
      if (!tags) continue;
      const list = tags[1] ?? args[i + 1]?.value ?? '';
      if (/(^|[,\s])libsqlite3($|[,\s])/.test(list)) {
        hits.push({ word: tags[1] !== undefined ? args[i] : args[i + 1], kind: 'system-build', description: 'go build -tags libsqlite3 links mattn/go-sqlite3 against the system SQLite', consumer: 'go-libsqlite3' });
      }
    }
  }
  return hits;
}

function pipToolName(name: string, values: string[]): string {
  if (name === 'uv') return values[0] === 'pip' ? 'uv pip' : 'uv';
  if (name === 'poetry') return 'poetry';
  if (/^python/.test(name)) return 'pip';
  return name;
}

/** Index of the first argument after the install subcommand of pip, uv or poetry; undefined otherwise. */
function pipInstallStart(name: string, values: string[]): number | undefined {
  if (/^pip[\d.]*$/.test(name) || name === 'pipx') return values[0] === 'install' ? 1 : undefined;
  if (/^python[\d.]*$/.test(name) && values[0] === '-m' && /^pip/.test(values[1] ?? '')) return values[2] === 'install' ? 3 : undefined;
  if (name === 'uv') {
    if (values[0] === 'pip' && values[1] === 'install') return 2;
    if (values[0] === 'add') return 1;
    return undefined;
  }
  if (name === 'poetry' && values[0] === 'add') return 1;
  return undefined;
}

/**
 * Evidence of SQLite use in the files an image copies (framework and ORM configuration, scripts that
 * run the sqlite3 shell), in engine-selector variables, and in the command an image runs (a known
 * SQLite application, the sqlite3 shell on a database). What counts is data: data/sqlite-evidence.json.
 */
import { posix } from 'path';
import type { CopyInstruction, DockerfileModel, Stage } from '../dockerfile/model';
import type { ProjectFiles } from '../facts/files';
import type { SourceFile } from '../source';
import type { Range } from '../types';
import { evidenceData } from './evidence-data';
import type { SqliteEvidence } from './evidence-types';
import { projectTextFile } from './text-ranges';

type Found = Omit<SqliteEvidence, 'scope' | 'stageIndex'>;

/** Scripts and crontabs whose lines are read for the sqlite3 shell. */
const SCRIPT_FILE = /\.(?:sh|bash|ash)$|(?:^|\/)(?:crontab|[\w.-]*\.cron|cron[\w.-]*|[\w-]*entrypoint[\w.-]*|backup[\w.-]*|restore[\w.-]*)$/i;
/** Env files: descriptions name the file and the key, never the value. */
const ENV_FILE = /(?:^|\/)\.env(?:\.[\w-]+)?$|(?:^|\/)[\w-]*\.env$|(?:^|\/)env\.example$/i;
/** Longest excerpt of a matched line a description quotes. */
const EXCERPT = 60;

/**
 * Evidence in one copied file of the project, by the framework markers whose `files` match its
 * path and, for scripts, by the sqlite3 shell run on a database. Test, development and
 * documentation files, and files over the size limit, are not read. Callers get their own array.
 */
export function copiedFileEvidence(project: ProjectFiles, path: string): Found[] {
  // A file is read once per run, whichever Dockerfile or service copies it.
  const found: readonly Found[] = project.once('copied-file-evidence', project, path, () => readCopiedFile(project, path));
  return found.map((item) => ({ ...item }));
}

/** True when litelint reads the file at `path` for framework markers or the sqlite3 shell. */
export function isEvidenceFile(path: string): boolean {
  const data = evidenceData();
  if (data.skipPaths.test(path)) return false;
  return SCRIPT_FILE.test(path) || data.markers.some(({ files }) => files.test(path));
}

/** A path that names a file outside the project root: never read (the reader would record a refusal). */
export function outsideProject(path: string): boolean {
  return path === '..' || path.startsWith('../') || path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}

function readCopiedFile(project: ProjectFiles, path: string): Found[] {
  if (outsideProject(path) || !isEvidenceFile(path)) return [];
  const data = evidenceData();
  // The size is checked before a SourceFile (and its line index) is built.
  const text = project.readFile(path);
  if (text === undefined || text.length > data.maxBytes || text.includes('\u0000')) return [];
  const file = projectTextFile(project, path);
  if (!file) return [];
  const found: Found[] = [];
  for (const { marker, files, pattern } of data.markers) {
    if (!files.test(path)) continue;
    pattern.lastIndex = 0;
    for (const match of file.text.matchAll(pattern)) {
      const index = match.index ?? 0;
      if (commentedOut(file.text, index)) continue;
      found.push({
        file: path,
        range: trimmedRange(file, index, match[0]),
        description: markerDescription(path, marker.framework, match[0]),
        kind: marker.kind ?? 'database-config',
        consumer: marker.consumer,
        ...(match.groups?.variable ? { defaultOf: match.groups.variable } : {}),
      });
      // One place per marker and file is enough to cite.
      break;
    }
  }
  if (SCRIPT_FILE.test(path)) {
    for (const hit of shellWorkloads(file.text)) {
      found.push({ file: path, range: file.range(hit.index, hit.index + hit.length), description: `${path} runs the sqlite3 shell on ${hit.database}`, kind: 'shell-workload', consumer: 'sqlite-shell' });
      break;
    }
  }
  return found.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

function markerDescription(path: string, framework: string, matched: string): string {
  if (ENV_FILE.test(path)) {
    // Only the key: a value of an env file is never printed.
    const key = /^\s*["']?([A-Za-z_][\w]*)/.exec(matched)?.[1] ?? 'a key';
    return `${path} selects SQLite (${key})`;
  }
  const excerpt = matched.trim().replace(/\s+/g, ' ');
  return `${framework}: ${excerpt.length > EXCERPT ? `${excerpt.slice(0, EXCERPT - 3)}...` : excerpt}`;
}

/** The range of `matched` at `index`, without the blanks a pattern anchored at a line start took. */
function trimmedRange(file: SourceFile, index: number, matched: string): Range {
  const lead = matched.length - matched.trimStart().length;
  const trail = matched.length - matched.trimEnd().length;
  return file.range(index + lead, index + matched.length - trail);
}

/** A `#`, `//`, `--`, `;` comment or a block-comment line before `index` on its line. */
function commentedOut(text: string, index: number): boolean {
  const before = text.slice(text.lastIndexOf('\n', index - 1) + 1, index);
  if (/^\s*(?:#|\/\/|\*|\/\*|<!--|--|;|rem\b)/i.test(before)) return true;
  // A trailing comment marker outside quotes (`x = 1  # sqlite:///...`).
  return /(?:^|\s)(?:#|\/\/)[^'"]*$/.test(before) && !/["'][^"']*$/.test(before);
}

/** The folders' well-known configuration files (and the Django settings module manage.py names). */
export function folderEvidencePaths(project: ProjectFiles, folder: string): string[] {
  if (outsideProject(folder)) return [];
  const join = (name: string) => (folder === '' ? name : posix.join(folder, name));
  const paths = evidenceData().configFiles.map(join);
  const managePy = project.readFile(join('manage.py'));
  const settings = managePy ? /DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']/.exec(managePy)?.[1] : undefined;
  if (settings) {
    const base = settings.replace(/\./g, '/');
    for (const name of [`${base}.py`, `${base}/__init__.py`, `${base}/base.py`, `${base}/production.py`, `${base}/prod.py`]) paths.push(join(name));
  }
  return paths;
}

/** True when `NAME=value` selects SQLite as the database engine (`DB_TYPE=sqlite`, `${DB:-sqlite3}`). */
export function selectsSqlite(name: string, value: string): boolean {
  const data = evidenceData();
  if (!data.selectorNames.has(name.toUpperCase())) return false;
  const fallback = /^\$\{[A-Za-z_]\w*:?-([^}]*)\}$/.exec(value.trim());
  return data.selectorValue.test((fallback ? fallback[1] : value).trim().replace(/^["']|["']$/g, ''));
}

export interface ShellWorkload {
  index: number;
  length: number;
  /** The database argument as written. */
  database: string;
}

const SQLITE3_CALL = /(?:^|[\s;&|(`'"])((?:\/[\w.-]+)*\/?sqlite3)[ \t]+((?:-[\w-]+[ \t]+)*)([^\s;&|<>'")]+|'[^']*'|"[^"]*")([^\n]*)/g;

/**
 * The sqlite3 shell run on a database in shell text: `sqlite3 /data/app.db ".backup /b/app.db"`,
 * `sqlite3 "$DB" "VACUUM INTO '/b/x.db'"`, or a heredoc of such operations. Comment lines do not count.
 */
export function shellWorkloads(text: string): ShellWorkload[] {
  if (!text.includes('sqlite3')) return [];
  const operations = evidenceData().shellOperations;
  const hits: ShellWorkload[] = [];
  SQLITE3_CALL.lastIndex = 0;
  for (const match of text.matchAll(SQLITE3_CALL)) {
    const index = (match.index ?? 0) + match[0].indexOf(match[1]);
    if (commentedOut(text, index)) continue;
    const database = match[3].replace(/^["']|["']$/g, '');
    // The database is a path or a variable, not a package name next to `sqlite3` in an install line.
    if (!/[/$.]/.test(database) || database.startsWith('.') && !database.includes('/')) continue;
    const lineStart = text.lastIndexOf('\n', index - 1) + 1;
    const before = text.slice(lineStart, index);
    if (/\b(?:install|add)\b/.test(before)) continue;
    const rest = match[4];
    const following = rest.includes('<<') || /(?:^|\s)<\s*\S/.test(rest) ? text.slice(index, index + 400) : rest;
    if (!operations.test(following) && !operations.test(before)) continue;
    hits.push({ index, length: match[1].length, database });
  }
  return hits;
}

/** The known SQLite application a command runs (`datasette serve`, `python -m sqlite_web`, `litestream replicate`). */
export function knownAppIn(words: readonly string[]): { index: number; app: string; consumer: string } | undefined {
  const apps = evidenceData().apps;
  let i = 0;
  while (i < words.length && (/^[A-Za-z_]\w*=/.test(words[i]) || ['exec', 'env', 'sudo', 'tini', '--', 'dumb-init', 'gosu', 'su-exec'].includes(words[i]))) i++;
  const head = words[i];
  if (head === undefined) return undefined;
  let name = head.slice(head.lastIndexOf('/') + 1);
  if (/^python[\d.]*$/.test(name) && words[i + 1] === '-m' && words[i + 2] !== undefined) {
    i += 2;
    name = words[i];
  } else if (['uvx', 'pipx'].includes(name) && words[i + 1] !== undefined) {
    i += name === 'pipx' && words[i + 1] === 'run' ? 2 : 1;
    name = words[i] ?? '';
  }
  const consumer = apps.get(name);
  return consumer ? { index: i, app: name, consumer } : undefined;
}

/**
 * A COPY --from of a stage that compiles a SQLite extension (`gcc -shared ... ext/icu/icu.c`): the
 * extension loads into the image's libsqlite3.
 */
export function copiedExtensionEvidence(model: DockerfileModel, instruction: CopyInstruction): Found | undefined {
  if (instruction.fromStage === undefined) return undefined;
  const stage: Stage | undefined = model.stages[instruction.fromStage];
  if (!stage) return undefined;
  const pattern = evidenceData().extensionBuilds;
  for (const run of stage.instructions) {
    if (run.keyword !== 'RUN') continue;
    const text = model.file.text.slice(run.argsRange.start.offset, run.range.end.offset);
    if (!pattern.test(text)) continue;
    const source = instruction.sources[0] ?? instruction.from!;
    return {
      file: model.file.path,
      range: source.range,
      description: `COPY --from=${instruction.from?.value ?? stage.index} brings a SQLite extension built at line ${run.range.start.line}`,
      kind: 'system-library',
      consumer: 'distro-library',
    };
  }
  return undefined;
}

/**
 * Drops the evidence that is only the default of an environment variable (`os.getenv("DB", "sqlite3")`)
 * which `env` sets to something else: the service or role running the image chose another engine.
 */
export function withoutOverriddenDefaults<T extends Pick<SqliteEvidence, 'defaultOf'>>(evidence: T[], env: ReadonlyMap<string, string>): T[] {
  return evidence.filter((item) => {
    if (!item.defaultOf) return true;
    const value = env.get(item.defaultOf);
    return value === undefined || value.includes('$') || selectsSqlite(item.defaultOf, value) || /sqlite/i.test(value);
  });
}

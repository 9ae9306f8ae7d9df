import { readdirSync, readlinkSync, statSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { childPath, relativePosix } from './paths';
import type IgnoreFactory from 'ignore';
import type { Ignore } from 'ignore';
import { isNeverLinted, kindFromName } from './kinds';
import { readEvidenceFile, type DirectoryListings } from './read-file';
import type { FileKind } from './types';
import { realPathOf, type ProjectBoundary } from './project-root';
import { refusedMessage } from './refused-file';

export interface DiscoveredFile {
  /** Path relative to the working directory, posix separators. */
  path: string;
  /** Set when the user named the file explicitly and its name says nothing about its kind. */
  explicit: boolean;
  kind?: FileKind;
}

export interface DiscoveryOptions {
  cwd: string;
  useGitignore: boolean;
  /** gitignore-style patterns from the config, relative to the working directory (when `configIgnore` is not given). */
  ignore: string[];
  /**
   * The `ignore:` patterns that apply to the entries of a directory (absolute), each relative to its
   * `base` (the directory of the config they come from), the same array for directories that share
   * a config; it replaces `ignore`. The CLI answers with each directory's nearest `.litelint.yaml`.
   */
  configIgnore?: (dir: string) => ConfigIgnore | undefined;
  /** Filled with the listing of every directory walked (and consulted before reading `.gitignore`). */
  listings?: DirectoryListings;
  /**
   * The project root(s): a symlink met in the walk whose target is outside is not followed (as git
   * does not), a `.gitignore` outside is not read. Each path given adds its own root.
   */
  boundary?: ProjectBoundary;
  /** More gitignore-style files, each anchored at its base: `.git/info/exclude`, git's global excludes (src/git-excludes.ts). */
  excludes?: readonly { base: string; patterns: string }[];
}

export interface ConfigIgnore {
  base: string;
  patterns: readonly string[];
}

/** Something the walk could not read or would not follow, reported as a finding on `path`. */
export interface DiscoveryProblem {
  path: string;
  rule: 'parse-error' | 'outside-project';
  message: string;
}

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

function displayPath(cwd: string, absolute: string): string {
  const rel = relativePosix(cwd, absolute);
  return rel === '' ? '.' : rel;
}

// Loaded when the first .gitignore or ignore pattern is met: a run over one file reads none.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const createIgnore = (): Ignore => (require('ignore') as typeof IgnoreFactory)();

interface IgnoreLayer {
  /** Directory the patterns are relative to. */
  base: string;
  matcher: Ignore;
}

/** A `.gitignore` larger than this is not read (nor one that is a FIFO or a device). */
const MAX_GITIGNORE_BYTES = 10 * 1024 * 1024;

function readGitignore(dir: string, listings: DirectoryListings | undefined, boundary?: ProjectBoundary, refused?: (path: string, reason: string) => void): Ignore | undefined {
  const path = join(dir, '.gitignore');
  if (listings && !listings.mayExist(path)) return undefined;
  const place = boundary?.check(path);
  if (place && 'refused' in place) {
    refused?.(path, place.refused);
    return undefined;
  }
  const text = readEvidenceFile(place?.real ?? path, MAX_GITIGNORE_BYTES);
  return text === undefined ? undefined : createIgnore().add(text);
}

function isIgnored(layers: IgnoreLayer[], absolute: string, isDirectory: boolean): boolean {
  for (const layer of layers) {
    const rel = relativePosix(layer.base, absolute);
    if (rel === '' || rel.startsWith('..')) continue;
    if (layer.matcher.ignores(isDirectory ? `${rel}/` : rel)) return true;
  }
  return false;
}

/**
 * Finds the files litelint reads under the given paths. Directories are walked (skipping `.git`,
 * `node_modules` and what `.gitignore` files exclude), symlinked directories are followed once
 * (a loop ends at the first repeat), and a file named explicitly is kept whatever its name (a
 * template too, read by its content), except a `.dockerignore` file, which is never linted.
 */
export function discoverFiles(
  paths: string[],
  options: DiscoveryOptions,
): { files: DiscoveredFile[]; missing: string[]; problems: DiscoveryProblem[] } {
  const files: DiscoveredFile[] = [];
  const missing: string[] = [];
  const problems: DiscoveryProblem[] = [];
  const boundary = options.boundary;
  const problem = (absolute: string, rule: DiscoveryProblem['rule'], message: string) =>
    problems.push({ path: displayPath(options.cwd, absolute), rule, message });
  const refusedGitignore = (absolute: string, reason: string) =>
    problem(absolute, 'outside-project', refusedMessage(displayPath(options.cwd, absolute), reason));
  const seenFiles = new Set<string>();
  const visitedDirs = new Set<string>();
  const configLayer: IgnoreLayer | undefined = options.ignore.length && !options.configIgnore
    ? { base: options.cwd, matcher: createIgnore().add(options.ignore) }
    : undefined;
  // One matcher per config, however many directories it applies in.
  const configLayers = new Map<readonly string[], IgnoreLayer>();
  const configLayerIn = (dir: string): IgnoreLayer | undefined => {
    const found = options.configIgnore?.(dir);
    if (!found || found.patterns.length === 0) return undefined;
    let layer = configLayers.get(found.patterns);
    if (!layer) {
      layer = { base: found.base, matcher: createIgnore().add([...found.patterns]) };
      configLayers.set(found.patterns, layer);
    }
    return layer;
  };

  // `knownReal`: the real path when the caller knows it (an entry that is no symlink, in a
  // directory whose real path is known), which saves a realpath per file.
  const addFile = (absolute: string, path: string, kind: FileKind | undefined, explicit: boolean, knownReal?: string): void => {
    const real = knownReal ?? realPathOf(absolute) ?? absolute;
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push({ path, explicit: explicit && kind === undefined, kind });
  };
  const addNamedFile = (absolute: string): void => {
    const path = displayPath(options.cwd, absolute);
    if (isNeverLinted(path)) return;
    addFile(absolute, path, kindFromName(path), true);
  };

  const walk = (dir: string, layers: IgnoreLayer[], knownReal?: string): void => {
    const real = knownReal ?? realPathOf(dir);
    if (real === undefined) return;
    if (visitedDirs.has(real)) return;
    visitedDirs.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      // An unreadable directory hides every file in it: say so rather than lint less in silence.
      problem(dir, 'parse-error', `cannot list directory (${(error as NodeJS.ErrnoException).code ?? 'read failed'}); the files in it were not linted`);
      return;
    }
    options.listings?.record(dir, entries.map((entry) => entry.name));
    const gitignore = options.useGitignore ? readGitignore(dir, options.listings, boundary, refusedGitignore) : undefined;
    const here = gitignore ? [...layers, { base: dir, matcher: gitignore }] : layers;
    // The config of this directory decides its entries (a nearer config replaces one above it).
    const ownConfig = configLayerIn(dir);
    const checked = ownConfig ? [...here, ownConfig] : here;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      const absolute = childPath(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      const isLink = entry.isSymbolicLink();
      if (isLink) {
        try {
          const target = statSync(absolute);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          // A dangling link or a loop names nothing to lint; a target inside the project that
          // cannot be reached (a directory on the way without search permission) hides a file.
          const code = (error as NodeJS.ErrnoException).code ?? 'read failed';
          if (code !== 'ENOENT' && code !== 'ELOOP' && linkStaysInside(absolute, boundary)) {
            problem(absolute, 'parse-error', `cannot read the target of this symlink (${code}); it was not linted`);
          }
          continue;
        }
        // A link out of the project (`rootlink -> /`) is not followed, like git: silently.
        const target = realPathOf(absolute);
        if (boundary && (target === undefined || !boundary.contains(target))) continue;
      }
      if (isIgnored(checked, absolute, isDirectory)) continue;
      const entryReal = isLink ? undefined : childPath(real, entry.name);
      if (isDirectory) walk(absolute, here, entryReal);
      else if (isFile) {
        const path = displayPath(options.cwd, absolute);
        const kind = kindFromName(path);
        if (kind) addFile(absolute, path, kind, false, entryReal);
      }
    }
  };

  const rootLayers = [
    ...(options.useGitignore ? (options.excludes ?? []).map((file) => ({ base: file.base, matcher: createIgnore().add(file.patterns) })) : []),
    ...(configLayer ? [configLayer] : []),
  ];
  const named: { given: string; absolute: string; stats?: ReturnType<typeof statSync> }[] = [];
  for (const given of paths) {
    const absolute = resolve(options.cwd, given);
    try {
      const stats = statSync(absolute);
      named.push({ given, absolute, stats });
      boundary?.addNamed(absolute, stats?.isDirectory() === true);
    } catch (error) {
      // Only a path that does not exist is a usage error. One that exists but cannot be reached
      // (a symlink loop, a directory on the way that cannot be searched) is read, and reported
      // like any unreadable file, so that the other files are still linted.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') missing.push(given);
      else named.push({ given, absolute });
    }
  }
  for (const { absolute, stats } of named) {
    if (stats?.isDirectory()) {
      const parentLayers = options.useGitignore ? gitignoreLayersAbove(options.cwd, absolute, boundary, refusedGitignore) : [];
      walk(absolute, [...rootLayers, ...parentLayers]);
    } else {
      addNamedFile(absolute);
    }
  }
  return { files, missing, problems };
}

/** The symlink's target, as written, is inside the project (true without a boundary to check). */
function linkStaysInside(link: string, boundary: ProjectBoundary | undefined): boolean {
  if (!boundary) return true;
  try {
    return !('refused' in boundary.check(resolve(dirname(link), readlinkSync(link))));
  } catch {
    return false;
  }
}

/** `.gitignore` files of the working directory and the directories between it and `dir`. */
function gitignoreLayersAbove(cwd: string, dir: string, boundary?: ProjectBoundary, refused?: (path: string, reason: string) => void): IgnoreLayer[] {
  const rel = relative(cwd, dir);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return [];
  const layers: IgnoreLayer[] = [];
  let current = cwd;
  for (const part of rel.split(sep)) {
    const matcher = readGitignore(current, undefined, boundary, refused);
    if (matcher) layers.push({ base: current, matcher });
    current = join(current, part);
  }
  return layers;
}

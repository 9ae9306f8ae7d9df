import type { Settings } from '../config';
import { parseImageRef, type ImageRef } from './image-ref';
import { tagHistoryOf, type TagHistoryAnswer, type TagHistoryData } from './tag-history';
import type { DistroEntry, RepositoryEntry, SqliteKnowledge } from './types';

/** What a lookup needs besides the knowledge base: the tag history (read on first use) and the fix verdict. */
export interface LookupHelpers {
  tagHistory(): TagHistoryData;
  isFixed(version: string): boolean | undefined;
}

/** What litelint knows about one base image, and from where. */
export interface ImageKnowledge {
  reference: string;
  parsed?: ImageRef;
  /** False when the distro and runtime could not be told; `unknownReason` says why. */
  known: boolean;
  unknownReason?: string;
  repositoryKey?: string;
  repository?: RepositoryEntry;
  distroId?: string;
  distro?: DistroEntry;
  /** Version of the system libsqlite3 (from the distro or `.litelint.yaml`). */
  systemSqlite?: string;
  /** False when the image has no system libsqlite3 at all (distroless static, cc, base). */
  hasSystemSqlite?: boolean;
  /** Runtime id the image brings (`cpython`, `php`, `node`, ...); `none` for a bare OS image. */
  runtime?: string;
  /** Release of a runtime whose tag carries it (`node:22.22.1` -> `22.22.1`, `oven/bun:1.3` -> `1.3`). */
  runtimeVersion?: string;
  /** The `.litelint.yaml` `images:` key that taught litelint this image. */
  settingsKey?: string;
  sources: { what: string; source: string; asOf: string; status?: string }[];
  notes: string[];
}

const VERSION_TOKEN = /^v?\d+(?:\.\d+){0,2}$/;

/**
 * Looks an image reference up in `.litelint.yaml` `images:` first, then in the knowledge base
 * `data`. The Knowledge object of a run remembers the answers.
 */
export function findImage(data: SqliteKnowledge, reference: string, images: Settings['images'], helpers?: LookupHelpers): ImageKnowledge {
  const parsed = parseImageRef(reference);
  const result: ImageKnowledge = { reference, parsed, known: false, sources: [], notes: [] };
  if (!parsed) {
    result.unknownReason = reference.includes('$')
      ? 'the reference is built from a build argument litelint could not resolve'
      : 'it is not a valid image reference';
    return result;
  }
  const fromSettings = settingsEntry(parsed, images);
  if (fromSettings) return applySettings(data, result, fromSettings.key, fromSettings.entry);
  if (parsed.name === 'scratch') {
    result.known = true;
    result.runtime = 'none';
    result.hasSystemSqlite = false;
    return result;
  }
  const repo = findRepository(data, parsed.name);
  if (!repo) {
    result.unknownReason = `${parsed.name} is not in litelint's knowledge base; teach it in .litelint.yaml under images:`;
    return result;
  }
  result.repositoryKey = repo.key;
  result.repository = repo.entry;
  result.sources.push({ what: `image ${repo.key}`, source: repo.entry.source, asOf: repo.entry.asOf, status: repo.entry.status });
  if (repo.entry.note) result.notes.push(repo.entry.note);
  result.runtime = runtimeOf(parsed.name, repo.entry);
  result.runtimeVersion = versionToken(parsed.tag);
  if (repo.entry.noSystemSqlite && result.runtime !== 'cpython') result.hasSystemSqlite = false;

  const history = helpers && parsed.tag !== undefined && /^\d/.test(parsed.tag) ? tagHistoryOf(helpers.tagHistory(), repo.key, parsed.tag) : undefined;
  if (parsed.digest) {
    const everyBase = history && helpers ? unfixedEveryBase(data, history, helpers) : undefined;
    if (everyBase) {
      result.notes.push(`Pinned by digest: every base ${parsed.name}:${parsed.tag} has had (${everyBase.join(', ')}) carries an SQLite without the fix, so whichever build the digest names has the bug.`);
      pushHistorySource(result, repo.key, history!);
      return withDistro(data, result, everyBase[everyBase.length - 1]);
    }
    result.unknownReason = `it is pinned by digest (@${parsed.digest.slice(0, 19)}…), and litelint cannot tell which build of ${parsed.name}${parsed.tag ? `:${parsed.tag}` : ''} the digest names`;
    const guess = distroOfTag(data, parsed, repo.entry);
    if (guess) result.notes.push(`The tag suggests ${data.distros[guess]?.name ?? guess}, but the digest may name an older build.`);
    return result;
  }
  const explicit = history ? explicitBase(data, parsed.tag!) : undefined;
  const unknownWord = history && !explicit ? unknownTagWord(data, parsed.tag!) : undefined;
  if (unknownWord) {
    result.unknownReason = `the tag suffix -${unknownWord} names a base litelint does not know`;
    return result;
  }
  if (history?.lastSeen && !explicit) {
    const last = history.bases[history.bases.length - 1];
    result.notes.push(`${parsed.name}:${parsed.tag} was last published ${history.lastSeen}, on ${data.distros[last]?.name ?? last} (bases it had: ${history.bases.join(', ')}).`);
    pushHistorySource(result, repo.key, history);
    return withDistro(data, result, last);
  }
  const distroId = distroOfTag(data, parsed, repo.entry);
  if (!distroId) {
    const unknown = tagPatternOf(parsed, repo.entry)?.unknown;
    if (unknown) {
      result.unknownReason = unknown;
      return result;
    }
    if (result.hasSystemSqlite === false || result.runtime === 'deno') {
      result.known = true;
      return result;
    }
    result.unknownReason = `litelint does not know which distribution ${reference} is based on`;
    return result;
  }
  return withDistro(data, result, distroId);
}

function pushHistorySource(result: ImageKnowledge, key: string, history: TagHistoryAnswer): void {
  result.sources.push({ what: `tag history of ${key}`, source: history.repository.source, asOf: history.repository.asOf, status: history.repository.status });
}

/** Every base the tag's history lists, when each is a distribution the data has and none has the fix. */
function unfixedEveryBase(data: SqliteKnowledge, history: TagHistoryAnswer, helpers: LookupHelpers): string[] | undefined {
  const unfixed = history.bases.every((id) => {
    const sqlite = data.distros[id]?.sqlite;
    return sqlite !== undefined && helpers.isFixed(sqlite) === false;
  });
  return unfixed ? history.bases : undefined;
}

/** The distribution a codename or `alpineX.Y` in the tag names. */
function explicitBase(data: SqliteKnowledge, tag: string): string | undefined {
  for (const token of tag.toLowerCase().split('-')) {
    if (Object.hasOwn(data.codenames, token)) return data.codenames[token];
    const alpine = /^alpine(\d+\.\d+)$/.exec(token);
    if (alpine) return `alpine-${alpine[1]}`;
  }
  return undefined;
}

/**
 * A word in an official image's tag that is neither a variant the data lists (`slim`, `fpm`) nor a
 * codename: an old base litelint does not know, which must not fall back to today's default.
 */
function unknownTagWord(data: SqliteKnowledge, tag: string): string | undefined {
  const words = new Set(data.tagWords ?? []);
  return tag.toLowerCase().split('-').slice(1).find((token) => /^[a-z]+$/.test(token) && !words.has(token) && !Object.hasOwn(data.codenames, token));
}

function withDistro(data: SqliteKnowledge, result: ImageKnowledge, distroId: string): ImageKnowledge {
  const distro = data.distros[distroId];
  result.distroId = distroId;
  if (!distro) {
    result.unknownReason = `litelint has no SQLite version for ${distroId}`;
    return result;
  }
  result.known = true;
  result.distro = distro;
  if (result.hasSystemSqlite !== false) result.systemSqlite = distro.sqlite;
  result.sources.push({ what: `${distro.name} ${distro.package}`, source: distro.source, asOf: distro.asOf, status: distro.status });
  if (distro.note) result.notes.push(distro.note);
  return result;
}

function applySettings(data: SqliteKnowledge, result: ImageKnowledge, key: string, entry: { distro?: string; sqlite?: string }): ImageKnowledge {
  result.settingsKey = key;
  const where = { what: `.litelint.yaml images: ${key}`, source: '.litelint.yaml', asOf: 'project setting' };
  if (entry.sqlite) {
    result.known = true;
    result.systemSqlite = entry.sqlite;
    result.sources.push(where);
    return result;
  }
  if (entry.distro) {
    result.sources.push(where);
    return withDistro(data, result, normaliseDistroId(data, entry.distro));
  }
  result.unknownReason = `.litelint.yaml images: ${key} gives neither distro nor sqlite`;
  return result;
}

/** True when `.litelint.yaml` `images: {distro: VALUE}` names a distro the knowledge base has. */
export function isKnownDistro(data: SqliteKnowledge, value: string): boolean {
  return data.distros[normaliseDistroId(data, value)] !== undefined;
}

/** Accepts `debian-13`, `trixie`, `debian:13`, `alpine3.24`, `ubuntu-24.04`. */
export function normaliseDistroId(data: SqliteKnowledge, value: string): string {
  const lower = value.trim().toLowerCase().replace(':', '-');
  if (data.distros[lower]) return lower;
  if (data.codenames[lower]) return data.codenames[lower];
  const alpine = /^alpine-?(\d+\.\d+)/.exec(lower);
  if (alpine) return `alpine-${alpine[1]}`;
  return lower;
}

function settingsEntry(parsed: ImageRef, images: Settings['images']): { key: string; entry: { distro?: string; sqlite?: string } } | undefined {
  const spellings = new Set([parsed.original, canonical(parsed)]);
  for (const [key, entry] of Object.entries(images)) {
    if (spellings.has(key)) return { key, entry };
  }
  for (const [key, entry] of Object.entries(images)) {
    if (!key.endsWith('*')) continue;
    const prefix = key.slice(0, -1);
    for (const spelling of spellings) if (spelling.startsWith(prefix)) return { key, entry };
  }
  return undefined;
}

function canonical(parsed: ImageRef): string {
  return `${parsed.name}${parsed.tag !== undefined ? `:${parsed.tag}` : ''}${parsed.digest ? `@${parsed.digest}` : ''}`;
}

function findRepository(data: SqliteKnowledge, name: string): { key: string; entry: RepositoryEntry } | undefined {
  const repositories = data.repositories;
  const bare = name.replace(/-debian\d+$/, '');
  for (const candidate of [name, bare]) {
    if (repositories[candidate]) return { key: candidate, entry: repositories[candidate] };
  }
  for (const [key, entry] of Object.entries(repositories)) {
    if (entry.aliases?.some((alias) => matchesPattern(alias, name))) return { key, entry };
  }
  // Longest wildcard first, so `gcr.io/distroless/python3` wins over `gcr.io/distroless/*`.
  const wildcards = Object.entries(repositories)
    .filter(([key]) => key.endsWith('*'))
    .sort(([a], [b]) => b.length - a.length);
  for (const [key, entry] of wildcards) if (matchesPattern(key, name)) return { key, entry };
  return undefined;
}

function matchesPattern(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

function runtimeOf(name: string, repo: RepositoryEntry): string {
  const last = name.slice(name.lastIndexOf('/') + 1);
  if (repo.pythonPrefix && last.startsWith(repo.pythonPrefix)) return 'cpython';
  return repo.runtime;
}

function versionToken(tag: string | undefined): string | undefined {
  if (tag === undefined) return undefined;
  return tag.split('-').find((token) => VERSION_TOKEN.test(token))?.replace(/^v/, '');
}

/** The distro behind a tag: codename or alpine suffix first, then the repository's defaults. */
export function distroOfTag(data: SqliteKnowledge, parsed: ImageRef, repo: RepositoryEntry): string | undefined {
  const tag = (parsed.tag ?? 'latest').toLowerCase();
  const suffix = /-debian(\d+)$/.exec(parsed.name);
  if (repo.distroSuffix && suffix) return `debian-${suffix[1]}`;
  const tokens = tag.split('-');
  const pattern = tagPatternOf(parsed, repo);
  if (pattern) return pattern.distro;
  if (repo.versionedTags === 'alpine') {
    const release = /^(\d+\.\d+)/.exec(tokens[0]);
    if (release) return `alpine-${release[1]}`;
  }
  if (repo.tags) {
    const whole = repo.tags[tag] ?? repo.tags[tokens[0]] ?? repo.tags[tokens[0].split('.')[0]];
    if (whole) return whole;
  }
  for (const [index, token] of tokens.entries()) {
    if (data.codenames[token]) return data.codenames[token];
    const alpine = /^alpine(\d+\.\d+)$/.exec(token);
    if (alpine) return `alpine-${alpine[1]}`;
    // eclipse-temurin spells the release as its own word: `21-jdk-alpine-3.24`; hexpm/elixir with
    // its point release: `1.18.4-erlang-27.3.4-alpine-3.21.3`.
    const release = token === 'alpine' ? /^(\d+\.\d+)(?:\.\d+)?$/.exec(tokens[index + 1] ?? '') : null;
    if (release) return `alpine-${release[1]}`;
    if (token === 'alpine') return repo.alpineDefault;
    if (/^(windowsservercore|nanoserver)/.test(token)) return undefined;
  }
  if (repo.defaultDistroByVersion) {
    const first = tokens[0];
    const byVersion = repo.defaultDistroByVersion[first] ?? repo.defaultDistroByVersion[first.split('.')[0]];
    if (byVersion) return byVersion;
    if (!repo.defaultDistro) return undefined;
  }
  return repo.defaultDistro;
}

/** The first of the repository's `tagPatterns` (regular expressions from the data) that matches the tag. */
function tagPatternOf(parsed: ImageRef, repo: RepositoryEntry): NonNullable<RepositoryEntry['tagPatterns']>[number] | undefined {
  const tag = (parsed.tag ?? 'latest').toLowerCase();
  return repo.tagPatterns?.find((pattern) => new RegExp(pattern.match).test(tag));
}

import { DataFile } from '../data-file';

/** The bases one version tag of an official image has had, oldest first (`data/sqlite-tag-history.json`). */
export interface TagBases {
  debian?: string[];
  alpine?: string[];
  /** The date the tag was last published; absent when it still was at the snapshot. */
  lastSeen?: string;
}

export interface TagHistoryRepository {
  source: string;
  asOf: string;
  status?: string;
  /** Version token of the tag (`3.12.3`, `3.7`, `22`) -> its bases, for Debian and Alpine tags. */
  versions: Record<string, TagBases>;
}

export interface TagHistoryData {
  repositories: Record<string, TagHistoryRepository>;
}

const historyFile = new DataFile<TagHistoryData>('sqlite-tag-history.json');

/** The tag history, from the package's `data/` folder (read on first use: only a version tag asks for it). */
export function tagHistoryData(): TagHistoryData {
  return historyFile.get();
}

/** Lets an embedder without a file system hand the data in. */
export function setTagHistoryData(data: TagHistoryData): void {
  historyFile.set(data);
}

/** What the history says about one tag: the bases of its family, and whether it is retired. */
export interface TagHistoryAnswer {
  repository: TagHistoryRepository;
  version: string;
  family: 'debian' | 'alpine';
  bases: string[];
  lastSeen?: string;
}

/** The history of `tag` of `repository` (`python`, `3.12.3-alpine`), if the data has one. */
export function tagHistoryOf(data: TagHistoryData, repository: string, tag: string): TagHistoryAnswer | undefined {
  if (!Object.hasOwn(data.repositories, repository)) return undefined;
  const entry = data.repositories[repository];
  const tokens = tag.toLowerCase().split('-');
  const version = tokens[0];
  // Windows tags have no Linux distribution; the history holds only Linux bases.
  if (tokens.some((token) => /^(windowsservercore|nanoserver)/.test(token))) return undefined;
  if (!/^\d+(\.\d+){0,2}$/.test(version) || !Object.hasOwn(entry.versions, version)) return undefined;
  const family = tokens.includes('alpine') ? 'alpine' : 'debian';
  const bases = entry.versions[version][family];
  if (!bases || bases.length === 0) return undefined;
  return { repository: entry, version, family, bases, lastSeen: entry.versions[version].lastSeen };
}

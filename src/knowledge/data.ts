import { readDataFile } from '../data-file';
import type { SqliteKnowledge } from './types';

const DATA_FILE = 'sqlite-knowledge.json';

let cached: SqliteKnowledge | undefined;

/**
 * The knowledge base, read on first use so that runs whose rules never ask for it do not pay for
 * parsing it. The file lives in the package's `data/` folder.
 */
export function sqliteKnowledge(): SqliteKnowledge {
  if (cached) return cached;
  cached = readDataFile<SqliteKnowledge>(DATA_FILE);
  return cached;
}

/** Lets an embedder without a file system (a browser playground) hand the data in. */
export function setSqliteKnowledge(data: SqliteKnowledge): void {
  cached = data;
  for (const listener of onReplaced) listener();
}

const onReplaced: (() => void)[] = [];

/** Registers what must be forgotten when the knowledge base is replaced (answers derived from it). */
export function onKnowledgeReplaced(listener: () => void): void {
  onReplaced.push(listener);
}

import { DataFile } from '../data-file';
import type { SqliteKnowledge } from './types';

const knowledgeFile = new DataFile<SqliteKnowledge>('sqlite-knowledge.json');

/** The knowledge base, from the package's `data/` folder (read on first use). */
export function sqliteKnowledge(): SqliteKnowledge {
  return knowledgeFile.get();
}

/** Lets an embedder without a file system (a browser playground) hand the data in. */
export function setSqliteKnowledge(data: SqliteKnowledge): void {
  knowledgeFile.set(data);
}

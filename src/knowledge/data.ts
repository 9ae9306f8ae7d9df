import * as fs from 'fs';
import * as path from 'path';
import type { SqliteKnowledge } from './types';

const DATA_FILE = 'sqlite-knowledge.json';

let cached: SqliteKnowledge | undefined;

/**
 * The knowledge base, read on first use so that runs whose rules never ask for it do not pay for
 * parsing it. The file lives in the package's `data/` folder, two levels above this module in the
 * sources and three in `dist/`.
 */
export function sqliteKnowledge(): SqliteKnowledge {
  if (cached) return cached;
  for (const up of ['../..', '../../..']) {
    const candidate = path.join(__dirname, up, 'data', DATA_FILE);
    if (fs.existsSync(candidate)) {
      cached = JSON.parse(fs.readFileSync(candidate, 'utf8')) as SqliteKnowledge;
      return cached;
    }
  }
  throw new Error(`litelint: data/${DATA_FILE} is missing from the installation`);
}

/** Lets an embedder without a file system (a browser playground) hand the data in. */
export function setSqliteKnowledge(data: SqliteKnowledge): void {
  cached = data;
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Reads a JSON file from the package's `data/` folder. The code runs from `src/` (tests), from
 * `dist/src/` (the API) and from the bundle in `dist/`, so the folder is looked for upwards.
 */
export function readDataFile<T>(name: string): T {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'data', name);
    if (existsSync(candidate)) return JSON.parse(readFileSync(candidate, 'utf8')) as T;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`litelint: data/${name} is missing from the installation`);
}

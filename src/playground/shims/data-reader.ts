/**
 * src/data-reader.ts for the browser bundle: the package's data/*.json are bundled in (there is no
 * data/ folder to read), keyed by file name as the rules ask for them.
 */
import nonSqliteImages from '../../../data/non-sqlite-images.json';
import sqliteEvidence from '../../../data/sqlite-evidence.json';
import sqliteFiles from '../../../data/sqlite-files.json';
import sqliteImagePaths from '../../../data/sqlite-image-paths.json';
import sqliteKnowledge from '../../../data/sqlite-knowledge.json';
import sqliteTagHistory from '../../../data/sqlite-tag-history.json';
import volumeDrivers from '../../../data/volume-drivers.json';

const bundled: Record<string, unknown> = {
  'non-sqlite-images.json': nonSqliteImages,
  'sqlite-evidence.json': sqliteEvidence,
  'sqlite-files.json': sqliteFiles,
  'sqlite-image-paths.json': sqliteImagePaths,
  'sqlite-knowledge.json': sqliteKnowledge,
  'sqlite-tag-history.json': sqliteTagHistory,
  'volume-drivers.json': volumeDrivers,
};

export function readDataFile<T>(name: string): T {
  if (!(name in bundled)) throw new Error(`litelint: data/${name} is not bundled into the playground (scripts/build-playground.js)`);
  return bundled[name] as T;
}

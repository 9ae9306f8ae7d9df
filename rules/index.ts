import type { Rule } from '../src/types';
import { bundledSqlite } from './bundled-sqlite';
import { distroSqlite } from './distro-sqlite';
import { sharedVolumeOverlap } from './shared-volume-overlap';
import { sqliteVersionAssert } from './sqlite-version-assert';
import { volumeSourceFallback } from './volume-source-fallback';

/** Every rule litelint ships, in id order. One file per rule. */
export const rules: readonly Rule[] = [bundledSqlite, distroSqlite, sharedVolumeOverlap, sqliteVersionAssert, volumeSourceFallback];

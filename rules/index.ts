import type { Rule } from '../src/rule-api';
import { createRegistry } from '../src/registry';
import { bundledSqlite } from './bundled-sqlite';
import { distroSqlite } from './distro-sqlite';
import { litestreamSingleReplicator } from './litestream-single-replicator';
import { sharedVolumeOverlap } from './shared-volume-overlap';
import { sqliteAutoUpdate } from './sqlite-auto-update';
import { sqliteEphemeralStorage } from './sqlite-ephemeral-storage';
import { sqliteLiveCopyBackup } from './sqlite-live-copy-backup';
import { sqliteFileBindMount } from './sqlite-file-bind-mount';
import { sqliteNetworkFilesystem } from './sqlite-network-filesystem';
import { sqliteVersionAssert } from './sqlite-version-assert';
import { volumeSourceFallback } from './volume-source-fallback';

/** Every rule litelint ships, in id order. One file per rule; adding one means adding it here. */
export const rules: readonly Rule[] = [bundledSqlite, distroSqlite, litestreamSingleReplicator, sharedVolumeOverlap, sqliteAutoUpdate, sqliteEphemeralStorage, sqliteFileBindMount, sqliteLiveCopyBackup, sqliteNetworkFilesystem, sqliteVersionAssert, volumeSourceFallback];

/** The one registry: these rules and the core findings, which the CLI and the package entry hand on. */
export const registry = createRegistry(rules);

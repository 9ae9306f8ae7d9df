import type { Level } from './types';

/** What `.litelint.yaml` (or `-c FILE`) and `--rule` set, validated. */
export interface Settings {
  /** Per-rule level and options; rules not named keep their default level. */
  rules: Record<string, { level?: Level; options?: Record<string, unknown> }>;
  /** gitignore-style patterns of paths not to lint. */
  ignore: string[];
  /** Private base images: reference (or prefix ending in `*`) -> distro release or SQLite version. */
  images: Record<string, { distro?: string; sqlite?: string }>;
  /** semver range of SQLite versions that carry the WAL-reset fix; overrides the knowledge base. */
  sqliteFixedRange?: string;
  /** Report info-level "unknown image" findings (`--strict`). */
  strict: boolean;
}

export function defaultSettings(): Settings {
  return { rules: {}, ignore: [], images: {}, strict: false };
}

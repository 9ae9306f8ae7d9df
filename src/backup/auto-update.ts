/**
 * Automatic updaters (Watchtower and its forks), floating tags, images that migrate on start and
 * signs of a backup before an update (`data/auto-updaters.json`).
 */
import { DataFile } from '../data-file';

interface Sourced {
  source: string;
  asOf: string;
}

export interface Updater extends Sourced {
  name: string;
  labelEnableEnv: string;
  labelEnableFlag: string;
  enableLabel: string;
}

interface AutoUpdateData {
  compiled: string;
  updaters: Record<string, Updater>;
  floatingTags: Sourced & { values: string[]; majorOnly: string };
  migratesOnStart: Record<string, Sourced & { app: string; what: string }>;
  migrationCommands: (Sourced & { pattern: string })[];
  backupMarkers: (Sourced & { pattern: string })[];
  preUpdateLabel: Sourced & { name: string };
  valueFlags: Sourced & { values: string[] };
}

const autoUpdaters = new DataFile<AutoUpdateData>('auto-updaters.json');

export function updaterFor(imageName: string | undefined): Updater | undefined {
  const updaters = autoUpdaters.get().updaters;
  return imageName !== undefined && Object.hasOwn(updaters, imageName) ? updaters[imageName] : undefined;
}

/** Every updater's opt-in label (they share one today; the data may add others). */
export function enableLabels(): string[] {
  return [...new Set(Object.values(autoUpdaters.get().updaters).map((updater) => updater.enableLabel))];
}

/** How a tag floats ("latest", "no tag", "major-only 3"), or undefined for a pinned one (a digest, 3.2, 3.2.1). */
export function floatingTag(tag: string | undefined, digest: string | undefined): string | undefined {
  if (digest) return undefined;
  if (tag === undefined) return 'no tag';
  const data = autoUpdaters.get().floatingTags;
  if (data.values.includes(tag.toLowerCase())) return tag;
  if (new RegExp(data.majorOnly).test(tag)) return `major-only ${tag}`;
  return undefined;
}

export function migratesOnStart(imageName: string | undefined): { app: string; what: string } | undefined {
  const images = autoUpdaters.get().migratesOnStart;
  return imageName !== undefined && Object.hasOwn(images, imageName) ? images[imageName] : undefined;
}

/** The first migration command (of `migrationCommands`, in data order) in a text, with its 0-based index there. */
export function migrationMatch(text: string): { command: string; index: number } | undefined {
  for (const entry of autoUpdaters.get().migrationCommands) {
    const match = new RegExp(entry.pattern).exec(text);
    if (match) return { command: match[0], index: match.index };
  }
  return undefined;
}

/** The migration command in a command line, as written. */
export function migrationIn(text: string): string | undefined {
  return migrationMatch(text)?.command;
}

export function backsUp(text: string): boolean {
  return autoUpdaters.get().backupMarkers.some((entry) => new RegExp(entry.pattern, 'i').test(text));
}

export function preUpdateLabel(): string {
  return autoUpdaters.get().preUpdateLabel.name;
}

/** Whether a Watchtower flag takes the next word as its value (`--interval 300`). */
export function takesValue(flag: string): boolean {
  return !flag.includes('=') && autoUpdaters.get().valueFlags.values.includes(flag);
}

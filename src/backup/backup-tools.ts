/**
 * Which shell commands copy files byte for byte (`cp`, `rsync`, `tar`, `rclone copy`, ...), which
 * text shows a SQLite-aware backup, and which images archive volumes (`data/backup-tools.json`).
 */
import { DataFile } from '../data-file';

interface Sourced {
  source: string;
  asOf: string;
}

interface BackupToolData {
  compiled: string;
  copyCommands: (Sourced & { words: string[] })[];
  sqliteAware: (Sourced & { pattern: string; name: string })[];
  volumeBackupImages: Record<string, Sourced & { stopLabel: string }>;
  databaseFileSuffixes: Sourced & { values: string[] };
}

const backupTools = new DataFile<BackupToolData>('backup-tools.json');

/** One copy found in a command: the tool as the message names it and the paths it is given. */
export interface FileCopy {
  tool: string;
  paths: string[];
}

/** Words that run the next word as the command (`exec cp`, `sudo rsync`, `nice -n 10 tar`). */
const PREFIXES = new Set(['exec', 'sudo', 'nice', 'ionice', 'nohup', 'time', 'command', 'env']);

/** Shell words, quotes dropped; `;`, `&&`, `||`, `|` and newlines end a command. */
function commandsOf(text: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  for (const part of text.split(/(\s*(?:&&|\|\||[;|\n])\s*)/)) {
    if (/^\s*(?:&&|\|\||[;|\n])\s*$/.test(part)) {
      if (words.length > 0) commands.push(words);
      words = [];
      continue;
    }
    words.push(...part.split(/\s+/).map((word) => word.replace(/^["']+|["']+$/g, '')).filter(Boolean));
  }
  if (words.length > 0) commands.push(words);
  return commands;
}

function withoutPrefixes(words: string[]): string[] {
  let index = 0;
  while (index < words.length && (PREFIXES.has(words[index]) || /^-/.test(words[index]) || /^\d+$/.test(words[index]) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[index]))) index++;
  // `sh -c "..."` keeps its script in one word; the split above already opened it into words.
  return words.slice(index);
}

/**
 * The byte-for-byte copies a command runs and their absolute path operands, or [] when the command
 * also shows a SQLite-aware backup (`.backup`, `VACUUM INTO`, Litestream, `sqlite3_rsync`): then
 * the copy is taken of that snapshot, not of the live file.
 */
export function fileCopies(text: string): FileCopy[] {
  const data = backupTools.get();
  if (data.sqliteAware.some((entry) => new RegExp(entry.pattern, 'i').test(text))) return [];
  const copies: FileCopy[] = [];
  for (const raw of commandsOf(text)) {
    for (let start = 0; start < raw.length; start++) {
      const words = withoutPrefixes(raw.slice(start));
      const tool = data.copyCommands.find((entry) => entry.words.every((word, index) => basename(words[index]) === word));
      if (!tool) continue;
      const paths = words.slice(tool.words.length).filter((word) => word.startsWith('/') && !word.includes('$'));
      if (paths.length > 0) copies.push({ tool: tool.words.join(' '), paths });
      break;
    }
  }
  return copies;
}

function basename(word: string | undefined): string | undefined {
  return word?.slice(word.lastIndexOf('/') + 1);
}

/** The stop label of a volume-backup image (`offen/docker-volume-backup:v2`), or undefined for another image. */
export function volumeBackupStopLabel(imageName: string): string | undefined {
  const images = backupTools.get().volumeBackupImages;
  return Object.hasOwn(images, imageName) ? images[imageName].stopLabel : undefined;
}

export function isDatabaseFileName(path: string): boolean {
  const lower = path.toLowerCase();
  return backupTools.get().databaseFileSuffixes.values.some((suffix) => lower.endsWith(suffix));
}

import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { descriptorReader, readAtMost } from './read-file';

/**
 * The ignore files git reads besides `.gitignore`: the repository's `.git/info/exclude` and the
 * user's global excludes file (`core.excludesFile`, by default `$XDG_CONFIG_HOME/git/ignore` or
 * `~/.config/git/ignore`). Read statically: git is never run.
 *
 * `core.excludesFile` is taken from the user's own git config files only (`~/.gitconfig`,
 * `$XDG_CONFIG_HOME/git/config`), never from the repository's `.git/config`: a hostile checkout
 * must not make litelint read a file of its choosing outside the project. The patterns only decide
 * which files are linted; nothing read here is printed.
 */

/** An ignore file's patterns, anchored at `base` (the directory they are relative to). */
export interface ExcludeLayer {
  base: string;
  patterns: string;
}

const MAX_BYTES = 1024 * 1024;

/** The text of a regular file of at most MAX_BYTES, else undefined (missing, a FIFO, a device, too large). */
function readSmallFile(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(fd).isFile()) return undefined;
    const bytes = readAtMost(descriptorReader(fd), MAX_BYTES + 1);
    return bytes.length > MAX_BYTES ? undefined : bytes.toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * `core.excludesFile` as a git config file sets it (the last assignment wins, as in git), with `~/`
 * expanded. Handles `[core]` sections, comments, quoted values; not `include.path` (documented).
 */
export function excludesFileSetting(configText: string, home: string): string | undefined {
  let section = '';
  let value: string | undefined;
  for (const raw of configText.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"[^"]*")?\s*\]\s*(.*)$/.exec(line);
    if (header) {
      section = header[1].toLowerCase();
      continue;
    }
    if (section !== 'core') continue;
    const entry = /^excludesfile\s*=\s*(.*)$/i.exec(line);
    if (!entry) continue;
    let text = entry[1];
    text = text.startsWith('"') ? (/^"((?:[^"\\]|\\.)*)"/.exec(text)?.[1] ?? '').replace(/\\(.)/g, '$1') : text.replace(/\s*[#;].*$/, '').trim();
    value = text;
  }
  if (value === undefined || value === '') return undefined;
  return value.startsWith('~/') ? join(home, value.slice(2)) : value;
}

/**
 * The exclude layers for the repository whose work tree is `root` (the directory holding `.git`).
 * The user's files are found through `env` (HOME, XDG_CONFIG_HOME) as git finds them; without HOME
 * only `.git/info/exclude` is read.
 */
export function gitExcludeLayers(root: string, env: NodeJS.ProcessEnv): ExcludeLayer[] {
  const layers: ExcludeLayer[] = [];
  const info = readSmallFile(join(root, '.git', 'info', 'exclude'));
  if (info) layers.push({ base: root, patterns: info });
  const home = env.HOME;
  if (!home) return layers;
  const xdg = env.XDG_CONFIG_HOME ? resolve(env.XDG_CONFIG_HOME) : join(home, '.config');
  let excludesFile: string | undefined;
  // git reads the XDG file first and ~/.gitconfig after it, so the latter wins.
  for (const config of [join(xdg, 'git', 'config'), join(home, '.gitconfig')]) {
    const text = readSmallFile(config);
    const setting = text === undefined ? undefined : excludesFileSetting(text, home);
    if (setting) excludesFile = resolve(home, setting);
  }
  const global = readSmallFile(excludesFile ?? join(xdg, 'git', 'ignore'));
  if (global) layers.push({ base: root, patterns: global });
  return layers;
}

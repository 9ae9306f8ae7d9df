/**
 * The playground's project: the tabs (path + text) and the `.litelint.yaml` text. This module turns
 * it into what the engine takes: the files litelint lints (by name, as discovery would pick them)
 * and a readFile that answers every other tab (evidence, `.env`, lockfiles) from memory.
 */
import { kindFromName } from '../kinds';
import type { InputFile } from '../types';

export interface PlaygroundFile {
  path: string;
  text: string;
}

export interface PlaygroundProject {
  files: PlaygroundFile[];
  /** The text of `.litelint.yaml`. */
  settings: string;
}

export interface AssembledProject {
  /** The tabs litelint lints (Dockerfiles, compose files, Kamal configs), in tab order. */
  inputs: InputFile[];
  /** Every tab by its normalised project path; the engine reads the non-linted ones through it. */
  readFile: (path: string) => string | undefined;
  /** The tabs directly in a folder (`.`: the root), by name: the sources of a Go package. */
  listDirectory: (path: string) => string[] | undefined;
  /** Tab paths that cannot be a project path (absolute, `..`, empty), with why. */
  rejected: { path: string; reason: string }[];
}

/**
 * A tab's name as a project path: `./a//b` is `a/b`. A path outside the project (absolute, with
 * `..`) or empty is refused, since the CLI never reads outside the project root either.
 */
export function normaliseTabPath(path: string): string | { reason: string } {
  const slashed = path.trim().replace(/\\/g, '/');
  if (slashed === '') return { reason: 'empty file name' };
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) return { reason: 'absolute path; name files relative to the project root' };
  const parts = slashed.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) return { reason: "'..' leaves the project root" };
  if (parts.length === 0) return { reason: 'empty file name' };
  return parts.join('/');
}

export function assembleProject(project: PlaygroundProject): AssembledProject {
  const byPath = new Map<string, string>();
  const inputs: InputFile[] = [];
  const rejected: AssembledProject['rejected'] = [];
  for (const file of project.files) {
    const path = normaliseTabPath(file.path);
    if (typeof path !== 'string') {
      rejected.push({ path: file.path, reason: path.reason });
      continue;
    }
    if (byPath.has(path)) {
      rejected.push({ path: file.path, reason: `a second tab named ${path}` });
      continue;
    }
    byPath.set(path, file.text);
    if (kindFromName(path) !== undefined) inputs.push({ path, text: file.text });
  }
  // The engine asks by normalised project path; a leading './' is tolerated like the CLI's reader does.
  const readFile = (path: string): string | undefined => byPath.get(path.replace(/^\.\//, ''));
  const listDirectory = (path: string): string[] | undefined => {
    const folder = path === '.' ? '' : path.replace(/^\.\//, '').replace(/\/+$/, '');
    const prefix = folder === '' ? '' : `${folder}/`;
    const names = [...byPath.keys()].filter((tab) => tab.startsWith(prefix) && !tab.slice(prefix.length).includes('/')).map((tab) => tab.slice(prefix.length));
    return names.length > 0 ? names : undefined;
  };
  return { inputs, readFile, listDirectory, rejected };
}

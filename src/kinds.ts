import type { FileKind } from './types';

const DOCKERFILE_NAME = /^(?:(?:Dockerfile|Containerfile)(?:\..+)?|.+\.[Dd]ockerfile)$/;
const COMPOSE_NAME = /^(?:(?:docker-)?compose(?:\..+)?|docker-stack.*)\.ya?ml$/;
const KAMAL_PATH = /(?:^|\/)config\/deploy(?:\.[^/]+)?\.yml$/;

/** The kind discovery gives a path from its name alone; undefined for every other file. */
export function kindFromName(path: string): FileKind | undefined {
  const normalised = path.replace(/\\/g, '/');
  const base = normalised.slice(normalised.lastIndexOf('/') + 1);
  if (DOCKERFILE_NAME.test(base)) return 'dockerfile';
  if (COMPOSE_NAME.test(base)) return 'compose';
  if (KAMAL_PATH.test(normalised)) return 'kamal';
  return undefined;
}

const YAML_EXTENSION = /\.ya?ml$/i;

/**
 * The kind of a file the user named explicitly whose name says nothing: YAML with a top-level
 * `services:` is compose, YAML with `servers:` is Kamal, anything else is read as a Dockerfile.
 */
export function kindFromContent(path: string, text: string): FileKind {
  const looksYaml = YAML_EXTENSION.test(path);
  if (/^services\s*:/m.test(text) || (looksYaml && /^(?:volumes|include)\s*:/m.test(text))) return 'compose';
  if (/^servers\s*:/m.test(text) || (looksYaml && /^service\s*:/m.test(text))) return 'kamal';
  return looksYaml ? 'compose' : 'dockerfile';
}

export const FILE_KINDS: readonly FileKind[] = ['dockerfile', 'compose', 'kamal'];



import type { FileKind } from './types';

const DOCKERFILE_NAME = /^(?:(?:Dockerfile|Containerfile|dockerfile)(?:[.-].+)?|.+\.[Dd]ockerfile)$/;
const COMPOSE_NAME = /^(?:(?:docker-)?compose(?:[.-].+)?|docker-stack.*)\.ya?ml$/;
// Kamal reads `config/deploy.yml` and, with `-d <destination>`, `config/deploy.<destination>.yml` over it.
const KAMAL_PATH = /(?:^|\/)config\/deploy(?:\.[^/]+)?\.yml$/;
/**
 * Names that are never what they look like: `Dockerfile.web.dockerignore` is the ignore file of
 * `Dockerfile.web` (BuildKit reads `<Dockerfile>.dockerignore`), and a template (`compose.yaml.j2`,
 * `Dockerfile.erb`, `deploy.yml.tt`) is rendered by another tool before it is a file of its kind.
 */
const IGNORE_FILE = /\.dockerignore$/;
const TEMPLATE = /\.(?:tt|erb|j2|jinja2?|tmpl|tpl|template)$/;

/** Never linted, even when named explicitly: a Docker ignore file. */
export function isNeverLinted(path: string): boolean {
  return IGNORE_FILE.test(path);
}

/** The kind discovery gives a path from its name alone; undefined for every other file (and for templates). */
export function kindFromName(path: string): FileKind | undefined {
  const normalised = path.replace(/\\/g, '/');
  const base = normalised.slice(normalised.lastIndexOf('/') + 1);
  if (IGNORE_FILE.test(base) || TEMPLATE.test(base)) return undefined;
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

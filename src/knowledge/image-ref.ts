/** A Docker image reference split the way the Docker CLI reads it. */
export interface ImageRef {
  /** As written. */
  original: string;
  /** Registry host (with port) when the reference names one; undefined means Docker Hub. */
  registry?: string;
  /**
   * Repository as litelint looks it up: Docker Hub names without `docker.io/` and `library/`
   * (`python`, `oven/bun`), other registries with their host (`gcr.io/distroless/python3`).
   */
  name: string;
  tag?: string;
  digest?: string;
}

const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * Splits `[registry[:port]/]path[:tag][@digest]`. Returns undefined for references that still hold a
 * variable (`python:${PY}`) or are not image references at all (`scratch` is one, and is kept).
 */
export function parseImageRef(reference: string): ImageRef | undefined {
  const original = reference.trim();
  if (original === '' || original.includes('$') || /\s/.test(original)) return undefined;
  let rest = original;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    // Docker treats the first component as a host only when it looks like one.
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first.toLowerCase();
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon !== -1) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (rest === '' || tag === '') return undefined;
  let name = rest.toLowerCase();
  if (registry && DOCKER_HUB_HOSTS.has(registry)) registry = undefined;
  if (!registry && name.startsWith('library/')) name = name.slice('library/'.length);
  if (registry) name = `${registry}/${name}`;
  return { original, registry, name, tag, digest };
}

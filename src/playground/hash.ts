/**
 * Share links: the playground's project lives in the URL hash, compressed, so a link reproduces a
 * case and nothing is stored anywhere else. deflate-raw through the platform's CompressionStream
 * (browsers and Node 18+ both have it), so no compression library is bundled.
 */
import type { PlaygroundProject } from './project';

/** Bumped when the payload's shape changes; an unknown version is refused, not misread. */
const FORMAT = 1;
const PREFIX = `#p${FORMAT}=`;
/** A hostile link could inflate to gigabytes; a real project is a few kilobytes. */
export const MAX_DECODED_CHARS = 2_000_000;

interface Payload {
  f: [string, string][];
  s: string;
}

async function pipe(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes).catch(() => undefined);
  void writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new Error('share link too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The hash (with its leading '#') that reproduces the project. */
export async function encodeProject(project: PlaygroundProject): Promise<string> {
  const payload: Payload = { f: project.files.map((file) => [file.path, file.text]), s: project.settings };
  const compressed = await pipe(new TextEncoder().encode(JSON.stringify(payload)), new CompressionStream('deflate-raw'));
  return PREFIX + toBase64Url(compressed);
}

/** The project a hash holds, or undefined for a hash that is not a (readable) share link. */
export async function decodeProject(hash: string): Promise<PlaygroundProject | undefined> {
  if (!hash.startsWith(PREFIX)) return undefined;
  try {
    const bytes = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw'), MAX_DECODED_CHARS * 4);
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    return projectFromPayload(payload);
  } catch {
    return undefined;
  }
}

/** A decoded payload is untrusted text: only the expected shape is taken from it. */
function projectFromPayload(payload: unknown): PlaygroundProject | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { f, s } = payload as Partial<Payload>;
  if (!Array.isArray(f) || typeof s !== 'string') return undefined;
  const files = [];
  for (const entry of f) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') return undefined;
    files.push({ path: entry[0], text: entry[1] });
  }
  return { files, settings: s };
}

import { describe, expect, it } from 'vitest';
import { decodeProject, encodeProject } from '../../src/playground/hash';
import type { PlaygroundProject } from '../../src/playground/project';

const project: PlaygroundProject = {
  files: [
    { path: 'compose.yaml', text: 'services:\n  memory-hall:\n    image: ghcr.io/example/memory-hall:1.4\n    volumes:\n      - ${MEMHALL_DATA_DIR:-./mh-data}:/data\n' },
    { path: 'config/deploy.yml', text: 'service: memory-hall\nimage: example/memory-hall\n' },
    { path: '.env', text: 'MEMHALL_DATA_DIR=\n' },
    { path: 'notes/ünïcode 🚀.txt', text: 'emoji 🚀 and a NUL \u0000 survive' },
  ],
  settings: 'rules:\n  sqlite-version-assert: off\n',
};

describe('share-link hash', () => {
  it('round-trips every file, its path and the settings text', async () => {
    const hash = await encodeProject(project);
    expect(hash).toMatch(/^#p1=[A-Za-z0-9_-]+$/);
    expect(await decodeProject(hash)).toEqual(project);
  });

  it('compresses: a repetitive compose file makes a much shorter hash than its text', async () => {
    const text = Array.from({ length: 200 }, (_, i) => `  app${i}:\n    image: ghcr.io/example/app:1.0\n`).join('');
    const hash = await encodeProject({ files: [{ path: 'compose.yaml', text: `services:\n${text}` }], settings: '' });
    expect(hash.length).toBeLessThan(text.length / 5);
  });

  it('reads a hash that is not a share link, or a damaged one, as no project', async () => {
    const hash = await encodeProject(project);
    expect(await decodeProject('')).toBeUndefined();
    expect(await decodeProject('#section-2')).toBeUndefined();
    expect(await decodeProject('#p1=!!!not-base64')).toBeUndefined();
    expect(await decodeProject(hash.slice(0, hash.length / 2))).toBeUndefined();
    expect(await decodeProject(hash.replace('#p1=', '#p9='))).toBeUndefined();
  });

  it('takes only the expected shape from a decoded payload', async () => {
    const encode = async (payload: unknown): Promise<string> => {
      const stream = new Blob([JSON.stringify(payload)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
      const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      return `#p1=${Buffer.from(bytes).toString('base64url')}`;
    };
    expect(await decodeProject(await encode({ f: [['a', 1]], s: '' }))).toBeUndefined();
    expect(await decodeProject(await encode({ f: 'compose.yaml', s: '' }))).toBeUndefined();
    expect(await decodeProject(await encode({ f: [['compose.yaml', 'services: {}\n']] }))).toBeUndefined();
    expect(await decodeProject(await encode({ f: [['compose.yaml', 'services: {}\n']], s: '' }))).toEqual({ files: [{ path: 'compose.yaml', text: 'services: {}\n' }], settings: '' });
  });

  it('refuses a link that inflates past the size limit (a deflate bomb)', async () => {
    const hash = await encodeProject({ files: [{ path: 'compose.yaml', text: 'a'.repeat(9_000_000) }], settings: '' });
    expect(hash.length).toBeLessThan(50_000);
    expect(await decodeProject(hash)).toBeUndefined();
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasRule, lacksRule, LspClient, makeProject } from './client';
import { DOCKERFILE, WITH_SQLITE, WITHOUT_SQLITE } from './python-api';

const WATCHING = { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } };

let client: LspClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

describe('litelint --lsp and files changed on disk', () => {
  it('asks a watching client to watch the deploy files, the evidence and its config', async () => {
    client = new LspClient(makeProject({ 'api/Dockerfile': DOCKERFILE, 'api/requirements.txt': WITH_SQLITE }));
    await client.initialize(WATCHING);
    await client.diagnostics('api/Dockerfile', hasRule('distro-sqlite'));
    const [registration] = client.registrations;
    expect(client.registrations.map((r) => r.method)).toEqual(['workspace/didChangeWatchedFiles']);
    const globs = (registration.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    for (const glob of ['**/Dockerfile*', '**/compose*.{yml,yaml}', '**/docker-compose*.{yml,yaml}', '**/config/deploy*.yml', '**/package-lock.json', '**/requirements*.txt', '**/pyproject.toml', '**/go.mod', '**/Cargo.*', '**/Gemfile.lock', '**/config/database.yml', '**/.env*', '**/.litelint.{yaml,yml}']) {
      expect(globs).toContain(glob);
    }
    expect(await client.stop()).toBe(0);
  });

  it('does not register watchers with a client that cannot take them', async () => {
    client = new LspClient(makeProject({ 'api/Dockerfile': DOCKERFILE, 'api/requirements.txt': WITH_SQLITE }));
    await client.initialize();
    await client.diagnostics('api/Dockerfile', hasRule('distro-sqlite'));
    expect(client.registrations).toEqual([]);
    expect(await client.stop()).toBe(0);
  });

  it('an evidence file rewritten on disk re-lints the Dockerfile that copies it once the client reports the change', async () => {
    const root = makeProject({ 'api/Dockerfile': DOCKERFILE, 'api/requirements.txt': WITH_SQLITE });
    client = new LspClient(root);
    await client.initialize(WATCHING);
    await client.diagnostics('api/Dockerfile', hasRule('distro-sqlite'));
    writeFileSync(join(root, 'api/requirements.txt'), WITHOUT_SQLITE);
    await client.watched('api/requirements.txt');
    await client.diagnostics('api/Dockerfile', lacksRule('distro-sqlite'));
    writeFileSync(join(root, 'api/requirements.txt'), WITH_SQLITE);
    await client.watched('api/requirements.txt');
    const { diagnostics } = await client.diagnostics('api/Dockerfile', hasRule('distro-sqlite'));
    expect(diagnostics.find((d) => d.code === 'distro-sqlite')?.range.start).toEqual({ line: 0, character: 5 });
    expect(await client.stop()).toBe(0);
  });

  it('an open buffer still wins over the disk that changed under it', async () => {
    const root = makeProject({ 'api/Dockerfile': DOCKERFILE, 'api/requirements.txt': WITHOUT_SQLITE });
    client = new LspClient(root);
    await client.initialize(WATCHING);
    await client.open('api/requirements.txt', WITH_SQLITE, 'pip-requirements');
    await client.diagnostics('api/Dockerfile', hasRule('distro-sqlite'));
    client.forget();
    writeFileSync(join(root, 'api/requirements.txt'), WITHOUT_SQLITE);
    await client.watched('api/requirements.txt');
    // The next diagnostics the Dockerfile gets, after the event, still come from the buffer.
    const { diagnostics } = await client.diagnostics('api/Dockerfile');
    expect(diagnostics.map((d) => d.code)).toContain('distro-sqlite');
    expect(await client.stop()).toBe(0);
  });

  it('a Dockerfile created on disk is linted once the client reports it', async () => {
    const root = makeProject({ 'api/requirements.txt': WITH_SQLITE });
    client = new LspClient(root);
    await client.initialize(WATCHING);
    await client.open('api/requirements.txt', WITH_SQLITE, 'pip-requirements');
    writeFileSync(join(root, 'api/Dockerfile'), DOCKERFILE);
    await client.watched('api/Dockerfile', 1);
    const { diagnostics } = await client.diagnostics('api/Dockerfile', hasRule('distro-sqlite'));
    expect(diagnostics.find((d) => d.code === 'distro-sqlite')?.range.start).toEqual({ line: 0, character: 5 });
    expect(await client.stop()).toBe(0);
  });
});

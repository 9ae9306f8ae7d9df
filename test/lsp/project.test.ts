import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../rules';
import { ProjectState } from '../../src/lsp/project';
import { makeProject } from './client';

const DOCKERFILE = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "-m", "app"]\n';
const COMPOSE = 'services:\n  web:\n    build: .\n    volumes:\n      - ${DATA_DIR:-./data}:/data\n';
const KAMAL = 'service: app\nimage: example/app\nservers:\n  - 192.0.2.10\nvolumes:\n  - /srv/app:/data\n';

const project = (): ProjectState =>
  new ProjectState(
    makeProject({
      Dockerfile: DOCKERFILE,
      'config/deploy.yml': KAMAL,
      'config/database.yml': 'production:\n  adapter: sqlite3\n  database: /data/production.sqlite3\n',
      'api/Dockerfile': DOCKERFILE,
      'api/compose.yaml': COMPOSE,
      'api/requirements.txt': 'flask==3.0.0\n',
      'docs/notes.txt': 'nothing to lint here\n',
    }),
    registry,
  );

describe('the language server project: what an edit lints first', () => {
  const state = project();
  it.each([
    ['api/compose.yaml', ['api/compose.yaml', 'api/Dockerfile']],
    ['api/Dockerfile', ['api/Dockerfile', 'api/compose.yaml']],
    ['api/requirements.txt', ['api/Dockerfile', 'api/compose.yaml']],
    ['Dockerfile', ['Dockerfile', 'config/deploy.yml']],
    ['config/deploy.yml', ['config/deploy.yml', 'Dockerfile']],
    ['config/database.yml', ['config/deploy.yml', 'Dockerfile']],
    ['docs/notes.txt', []],
  ])('%s -> %j', (path, linked) => {
    expect(state.linkedSet(path).sort()).toEqual([...linked].sort());
  });

  it('lintOnly reports the findings of the files it was given and no others', () => {
    const { findings } = state.lintOnly(['api/compose.yaml']);
    expect([...findings.keys()]).toEqual(['api/compose.yaml']);
    expect(findings.get('api/compose.yaml')?.map((f) => [f.rule, f.line, f.column])).toContainEqual(['volume-source-fallback', 5, 9]);
  });
});

describe('the language server project: the disk as last read', () => {
  it('keeps a file read from disk until it is invalidated, and an open buffer wins over either', () => {
    const state = project();
    const fallbacks = (): number[] => (state.lint().findings.get('api/compose.yaml') ?? []).filter((f) => f.rule === 'volume-source-fallback').map((f) => f.line);
    expect(fallbacks()).toEqual([5]);
    writeFileSync(join(state.root, 'api/compose.yaml'), COMPOSE.replace('${DATA_DIR:-./data}', '${DATA_DIR:?set it}'));
    expect(fallbacks()).toEqual([5]);
    state.invalidate(['api/compose.yaml']);
    expect(fallbacks()).toEqual([]);
    state.setOpen('api/compose.yaml', `# edited\n${COMPOSE}`);
    expect(fallbacks()).toEqual([6]);
  });

  it('sees a file created on disk once the walk is invalidated', () => {
    const state = project();
    expect(state.lint().findings.has('docs/compose.yaml')).toBe(false);
    writeFileSync(join(state.root, 'docs/compose.yaml'), COMPOSE);
    expect(state.lint().findings.has('docs/compose.yaml')).toBe(false);
    state.invalidate(['docs/compose.yaml']);
    expect(state.lint().findings.get('docs/compose.yaml')?.map((f) => f.rule)).toContain('volume-source-fallback');
  });
});

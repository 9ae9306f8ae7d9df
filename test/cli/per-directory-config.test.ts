/**
 * Each file's nearest `.litelint.yaml` decides everything about it (issue 17), in a run over the
 * whole project: whether it is ignored, what its private base images are, its rules' options and
 * levels. Shaped like a monorepo: a service at the root and one in `worker/` with its own config.
 */
import { describe, expect, it } from 'vitest';
import { jsonFindings, runCli, tempProject } from '../helpers';

/** A Python app on a private base; pip's aiosqlite loads the base image's system SQLite. */
const PRIVATE_BASE_APP = 'FROM registry.example.com/base:3\nRUN pip install aiosqlite\n';
/** Debian 12's SQLite (3.40.1) lacks the WAL-reset fix: distro-sqlite warns. */
const ROOT_CONFIG = 'images:\n  registry.example.com/base:*: { distro: debian-12 }\n';
/** The worker team's base carries a fixed SQLite. */
const WORKER_CONFIG = 'images:\n  registry.example.com/base:*: { sqlite: 3.51.3 }\n';
/** An error: the volume source falls back to ./data when DATA_DIR is unset. */
const FALLBACK = 'services:\n  app:\n    image: app\n    volumes:\n      - ${DATA_DIR:-./data}:/data\n';
/** web and a backup sidecar share the database volume: shared-volume-overlap reports the sidecar (info) unless `sidecars` names it. */
const BACKUP_SIDECAR = [
  'services:',
  '  web:',
  '    image: shop:1',
  '    environment:',
  '      DATABASE_URL: sqlite:////data/app.db',
  '    volumes:',
  '      - appdata:/data',
  '  backup:',
  '    image: registry.example.com/ops/sqlite-backup:3',
  '    volumes: [appdata:/data]',
  'volumes: {appdata: {}}',
  '',
].join('\n');
const SIDECAR_OPTION = 'rules:\n  shared-volume-overlap: { options: { sidecars: [registry.example.com/ops/sqlite-backup] } }\n';

const rows = (args: string[], cwd: string): string[] =>
  jsonFindings(runCli(['-f', 'json', ...args], { cwd })).map((finding) => `${finding.file}:${finding.line}:${finding.column}:${finding.rule}:${finding.severity}`);

/** The image verdicts alone: sqlite-version-assert reports these Dockerfiles whatever their base. */
const images = (args: string[], cwd: string): string[] => rows(['--rule', 'sqlite-version-assert=off', ...args], cwd);

describe('per-directory configuration', () => {
  it('images: the config nearest each Dockerfile decides its verdict', () => {
    const cwd = tempProject({ '.litelint.yaml': ROOT_CONFIG, Dockerfile: PRIVATE_BASE_APP, 'worker/.litelint.yaml': WORKER_CONFIG, 'worker/Dockerfile': PRIVATE_BASE_APP });
    expect(images([], cwd)).toEqual(['Dockerfile:1:6:distro-sqlite:warning']);
    expect(images(['worker/'], cwd)).toEqual([]);
    expect(images(['Dockerfile', 'worker/Dockerfile'], cwd)).toEqual(['Dockerfile:1:6:distro-sqlite:warning']);
    // Without the worker's config, the root's images apply to worker/Dockerfile too.
    const shared = tempProject({ '.litelint.yaml': ROOT_CONFIG, Dockerfile: PRIVATE_BASE_APP, 'worker/Dockerfile': PRIVATE_BASE_APP });
    expect(images([], shared)).toEqual(['Dockerfile:1:6:distro-sqlite:warning', 'worker/Dockerfile:1:6:distro-sqlite:warning']);
  });

  it('a root compose file still links the Dockerfile it builds in worker/; each finding takes the config of its own file', () => {
    // The service's database path comes from worker/config/database.yml under the Dockerfile's WORKDIR.
    const files = {
      'compose.yaml': 'services:\n  worker:\n    build: ./worker\n',
      'worker/Dockerfile': 'FROM ruby:3.3-slim\nWORKDIR /srv/app\nCOPY . .\n',
      'worker/config/database.yml': 'production:\n  adapter: sqlite3\n  database: storage/production.sqlite3\n',
    };
    const linked = ['compose.yaml:2:3:sqlite-ephemeral-storage:warning', 'worker/Dockerfile:1:6:sqlite-version-assert:warning'];
    expect(rows([], tempProject(files))).toEqual(linked);
    // The finding is on compose.yaml: worker/.litelint.yaml turning the rule off does not drop it.
    expect(rows([], tempProject({ ...files, 'worker/.litelint.yaml': 'rules:\n  sqlite-ephemeral-storage: off\n' }))).toEqual(linked);
    expect(rows([], tempProject({ ...files, '.litelint.yaml': 'rules:\n  sqlite-ephemeral-storage: off\n' }))).toEqual(['worker/Dockerfile:1:6:sqlite-version-assert:warning']);
    // The Dockerfile's own config judges its base image, though the run's config is the root's.
    const privateBase = { ...files, 'worker/Dockerfile': `${PRIVATE_BASE_APP}ENV DATABASE_URL=sqlite:////srv/app/storage/production.sqlite3\n` };
    expect(images(['compose.yaml', 'worker/Dockerfile'], tempProject({ ...privateBase, '.litelint.yaml': WORKER_CONFIG, 'worker/.litelint.yaml': ROOT_CONFIG }))).toContain('worker/Dockerfile:1:6:distro-sqlite:warning');
    expect(images(['compose.yaml', 'worker/Dockerfile'], tempProject({ ...privateBase, '.litelint.yaml': ROOT_CONFIG, 'worker/.litelint.yaml': WORKER_CONFIG }))).not.toContain('worker/Dockerfile:1:6:distro-sqlite:warning');
  });

  it('ignore: patterns of worker/.litelint.yaml, relative to worker/, exclude its files from a run at the root', () => {
    const cwd = tempProject({
      'compose.yaml': FALLBACK,
      'legacy/compose.yaml': FALLBACK,
      'worker/.litelint.yaml': 'ignore:\n  - legacy/\n',
      'worker/compose.yaml': FALLBACK,
      'worker/legacy/compose.yaml': FALLBACK,
    });
    const expected = ['compose.yaml:5:9:volume-source-fallback:error', 'legacy/compose.yaml:5:9:volume-source-fallback:error', 'worker/compose.yaml:5:9:volume-source-fallback:error'];
    expect(rows([], cwd)).toEqual(expected);
    expect(rows(['worker/'], cwd)).toEqual(['worker/compose.yaml:5:9:volume-source-fallback:error']);
    // A file named on the command line is linted whatever the patterns say, as before.
    expect(rows(['worker/legacy/compose.yaml'], cwd)).toEqual(['worker/legacy/compose.yaml:5:9:volume-source-fallback:error']);
    // -c FILE: its patterns are relative to the working directory, for every file.
    expect(rows(['-c', 'worker/.litelint.yaml'], cwd)).toEqual(['compose.yaml:5:9:volume-source-fallback:error', 'worker/compose.yaml:5:9:volume-source-fallback:error']);
  });

  it('rules.<id>.options: each compose file reads the options of its own config', () => {
    const cwd = tempProject({ 'compose.yaml': BACKUP_SIDECAR, 'worker/.litelint.yaml': SIDECAR_OPTION, 'worker/compose.yaml': BACKUP_SIDECAR });
    expect(rows([], cwd)).toEqual(['compose.yaml:10:15:shared-volume-overlap:info']);
    const reversed = tempProject({ '.litelint.yaml': SIDECAR_OPTION, 'compose.yaml': BACKUP_SIDECAR, 'worker/.litelint.yaml': 'rules: {}\n', 'worker/compose.yaml': BACKUP_SIDECAR });
    expect(rows([], reversed)).toEqual(['worker/compose.yaml:10:15:shared-volume-overlap:info']);
  });

  it('-c FILE overrides every nearer config', () => {
    const cwd = tempProject({ '.litelint.yaml': ROOT_CONFIG, Dockerfile: PRIVATE_BASE_APP, 'worker/.litelint.yaml': WORKER_CONFIG, 'worker/Dockerfile': PRIVATE_BASE_APP, 'ci.yaml': ROOT_CONFIG });
    expect(images(['-c', 'ci.yaml'], cwd)).toEqual(['Dockerfile:1:6:distro-sqlite:warning', 'worker/Dockerfile:1:6:distro-sqlite:warning']);
    expect(images(['-c', 'worker/.litelint.yaml'], cwd)).toEqual([]);
  });

  it('--print-config FILE prints the settings of each file and the config they came from', () => {
    const cwd = tempProject({
      '.litelint.yaml': `${ROOT_CONFIG}ignore: [legacy/]\n`,
      Dockerfile: PRIVATE_BASE_APP,
      'worker/.litelint.yaml': `${WORKER_CONFIG}${SIDECAR_OPTION}sqlite-fixed-range: '>=3.51.3'\n`,
      'worker/Dockerfile': PRIVATE_BASE_APP,
    });
    const printed = (args: string[]): unknown => JSON.parse(runCli(['--print-config', ...args], { cwd }).stdout);
    expect(printed(['Dockerfile'])).toEqual({
      file: 'Dockerfile',
      config: '.litelint.yaml',
      rules: {},
      ignore: ['legacy/'],
      'ignore-base': '.',
      images: { 'registry.example.com/base:*': { distro: 'debian-12' } },
      'sqlite-fixed-range': null,
      strict: false,
    });
    expect(printed(['worker/Dockerfile'])).toEqual({
      file: 'worker/Dockerfile',
      config: 'worker/.litelint.yaml',
      rules: { 'shared-volume-overlap': { options: { sidecars: ['registry.example.com/ops/sqlite-backup'] } } },
      ignore: [],
      'ignore-base': 'worker',
      images: { 'registry.example.com/base:*': { sqlite: '3.51.3' } },
      'sqlite-fixed-range': '>=3.51.3',
      strict: false,
    });
    expect(printed(['worker/Dockerfile', '-c', '.litelint.yaml'])).toMatchObject({ config: '.litelint.yaml', 'ignore-base': '.', images: { 'registry.example.com/base:*': { distro: 'debian-12' } } });
  });
});

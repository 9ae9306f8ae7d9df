import { describe, expect, it } from 'vitest';
import { assembleProject, normaliseTabPath } from '../../src/playground/project';
import { lintProject } from '../../src/playground/lint-project';

const compose = 'services:\n  memory-hall:\n    image: ghcr.io/example/memory-hall:1.4\n    volumes:\n      - ${MEMHALL_DATA_DIR:-./mh-data}:/data\n';

describe('project assembly from tabs', () => {
  it('lints the tabs discovery would pick and answers the others through readFile', () => {
    const assembled = assembleProject({
      files: [
        { path: 'compose.yaml', text: compose },
        { path: './Dockerfile', text: 'FROM python:3.12-slim\n' },
        { path: 'config/deploy.yml', text: 'service: memory-hall\n' },
        { path: 'config/database.yml', text: 'production:\n  adapter: sqlite3\n' },
        { path: 'requirements.txt', text: 'flask==3.1.0\n' },
        { path: '.env', text: 'MEMHALL_DATA_DIR=\n' },
      ],
      settings: '',
    });
    expect(assembled.inputs.map((file) => file.path)).toEqual(['compose.yaml', 'Dockerfile', 'config/deploy.yml']);
    expect(assembled.readFile('config/database.yml')).toBe('production:\n  adapter: sqlite3\n');
    expect(assembled.readFile('./requirements.txt')).toBe('flask==3.1.0\n');
    expect(assembled.readFile('.env')).toBe('MEMHALL_DATA_DIR=\n');
    expect(assembled.readFile('missing.txt')).toBeUndefined();
    expect(assembled.listDirectory('.')).toEqual(['compose.yaml', 'Dockerfile', 'requirements.txt', '.env']);
    expect(assembled.listDirectory('config')).toEqual(['deploy.yml', 'database.yml']);
    expect(assembled.listDirectory('cmd')).toBeUndefined();
    expect(assembled.rejected).toEqual([]);
  });

  it('refuses tab names outside the project and a second tab of the same name', () => {
    const assembled = assembleProject({
      files: [
        { path: 'compose.yaml', text: compose },
        { path: 'a/./compose.yaml', text: 'services: {}\n' },
        { path: './compose.yaml', text: 'services: {}\n' },
        { path: '../secrets/.env', text: 'TOKEN=x\n' },
        { path: '/etc/passwd', text: 'root:x\n' },
        { path: '  ', text: '' },
      ],
      settings: '',
    });
    expect(assembled.inputs.map((file) => file.path)).toEqual(['compose.yaml', 'a/compose.yaml']);
    expect(assembled.rejected.map((entry) => entry.path)).toEqual(['./compose.yaml', '../secrets/.env', '/etc/passwd', '  ']);
    expect(assembled.readFile('../secrets/.env')).toBeUndefined();
  });

  it('normalises a tab name to a project path', () => {
    expect(normaliseTabPath(' ./config//deploy.yml ')).toBe('config/deploy.yml');
    expect(normaliseTabPath('config\\deploy.yml')).toBe('config/deploy.yml');
    expect(normaliseTabPath('C:/x/compose.yaml')).toEqual({ reason: expect.stringContaining('absolute') });
    expect(normaliseTabPath('a/../../b')).toEqual({ reason: expect.stringContaining('..') });
  });
});

describe('a playground run', () => {
  it('finds the memory-hall fallback through the same engine, with its fix', () => {
    const result = lintProject({ files: [{ path: 'compose.yaml', text: compose }, { path: '.env', text: 'MEMHALL_DATA_DIR=\n' }], settings: '' });
    const finding = result.findings.find((entry) => entry.rule === 'volume-source-fallback');
    expect(finding).toMatchObject({ file: 'compose.yaml', line: 5, column: 9, severity: 'error' });
    expect(finding?.fix?.[0]).toMatchObject({ replaces: '${MEMHALL_DATA_DIR:-./mh-data}' });
    expect(result.settingsError).toBeUndefined();
  });

  it('applies the settings text (a rule turned off) and reports settings it cannot use', () => {
    const off = lintProject({ files: [{ path: 'compose.yaml', text: compose }], settings: 'rules:\n  volume-source-fallback: off\n' });
    expect(off.findings.filter((entry) => entry.rule === 'volume-source-fallback')).toEqual([]);
    const bad = lintProject({ files: [{ path: 'compose.yaml', text: compose }], settings: 'rules:\n  no-such-rule: error\n' });
    expect(bad.settingsError).toContain("unknown rule 'no-such-rule'");
    expect(bad.findings.some((entry) => entry.rule === 'volume-source-fallback')).toBe(true);
    const broken = lintProject({ files: [{ path: 'compose.yaml', text: compose }], settings: 'rules: [\n' });
    expect(broken.settingsError).toMatch(/^\.litelint\.yaml:\d+:\d+: invalid YAML/);
  });
});

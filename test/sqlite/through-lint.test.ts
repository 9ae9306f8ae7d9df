import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index';
import { exampleFiles } from './harness';

/** Runs the shipped rules the way the CLI does: linted files plus a readFile for the rest. */
function lintExample(folder: string, strict = false): string[] {
  const files = exampleFiles(folder);
  const linted = Object.entries(files)
    .filter(([path]) => path.endsWith('Dockerfile'))
    .map(([path, text]) => ({ path, text }));
  const result = lint(linted, { readFile: (path) => files[path], settings: { rules: {}, ignore: [], images: {}, strict } });
  return result.findings.map((finding) => `${finding.rule}@${finding.file}:${finding.line}:${finding.column}:${finding.severity}`);
}

describe('the SQLite rules through lint()', () => {
  it('report the bad examples at exact positions', () => {
    expect(lintExample('distro-sqlite/bad')).toEqual(['distro-sqlite@Dockerfile:2:6:warning', 'sqlite-version-assert@Dockerfile:2:6:warning']);
    expect(lintExample('sqlite-version-assert/bad')).toEqual(['sqlite-version-assert@Dockerfile:5:1:warning']);
    expect(lintExample('bundled-sqlite/bad')).toEqual(['bundled-sqlite@package-lock.json:15:19:warning']);
  });

  it('report nothing on the good examples', () => {
    for (const folder of ['distro-sqlite/good', 'sqlite-version-assert/good', 'bundled-sqlite/good']) {
      expect(lintExample(folder, true), folder).toEqual([]);
    }
  });

  it('honour a suppression comment above the FROM', () => {
    const requirements = 'aiosqlite==0.21.0\n';
    const run = (text: string): string[] =>
      lint([{ path: 'Dockerfile', text }], { readFile: (path) => (path === 'requirements.txt' ? requirements : undefined) }).findings.map((finding) => finding.rule);
    expect(run('FROM python:3.12-slim\nCOPY requirements.txt .\n')).toEqual(['distro-sqlite', 'sqlite-version-assert']);
    expect(run('# litelint-ignore distro-sqlite -- replaced by the platform image in prod\nFROM python:3.12-slim\nCOPY requirements.txt .\n')).toEqual(['sqlite-version-assert']);
  });

  it('honour a suppression comment at the end of a compose image: line', () => {
    const compose = (comment: string): string => `services:\n  api:\n    image: python:3.12-slim${comment}\n    environment:\n      DATABASE_URL: sqlite:////data/app.db\n`;
    const run = (text: string): string[] => lint([{ path: 'compose.yaml', text }]).findings.map((finding) => `${finding.rule}@${finding.line}:${finding.column}`);
    expect(run(compose(''))).toEqual(['distro-sqlite@3:12']);
    expect(run(compose(' # litelint-ignore distro-sqlite -- read-only demo'))).toEqual([]);
  });
});

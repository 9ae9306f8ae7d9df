import { describe, expect, it } from 'vitest';
import { knowledgeAgeNotice, sqliteKnowledge, type SqliteKnowledge } from '../../src/knowledge';
import { runCli, tempProject } from '../helpers';

const APP = { Dockerfile: 'FROM python:3.12-slim\nRUN pip install aiosqlite\n' };

function withFamilies(asOfByFamily: Record<string, string>): SqliteKnowledge {
  return { ...sqliteKnowledge(), asOfByFamily };
}

describe('knowledge age', () => {
  it('is quiet up to 180 days after the oldest fact family, and says which one after', () => {
    const data = withFamilies({ $comment: 'x', distros: '2026-12-01', tagHistory: '2026-08-21' });
    expect(knowledgeAgeNotice(data, new Date('2027-02-17T00:00:00Z'))).toBeUndefined();
    expect(knowledgeAgeNotice(data, new Date('2027-02-18T12:00:00Z'))).toBe(
      'litelint: its SQLite knowledge is 181 days old (tagHistory as of 2026-08-21); update litelint, or check a verdict with --explain-image',
    );
    expect(knowledgeAgeNotice(withFamilies({}), new Date('2030-01-01'))).toBeUndefined();
  });

  it('prints one stderr line per run, never in the report', () => {
    const cwd = tempProject(APP);
    const stale = runCli(['-f', 'json'], { cwd, now: new Date('2031-01-01T00:00:00Z') });
    expect(stale.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(stale.stderr).toMatch(/^litelint: its SQLite knowledge is \d+ days old/);
    expect(stale.stdout).not.toContain('days old');
    const fresh = runCli(['-f', 'json'], { cwd, now: new Date(Date.parse(sqliteKnowledge().compiled)) });
    expect(fresh.stderr).toBe('');
    expect(fresh.stdout).toBe(stale.stdout);
  });
});

describe('--explain-image -f json', () => {
  it('answers with the distribution id, SQLite, the verdict, sources and as-of dates', () => {
    const cwd = tempProject({});
    const { stdout, code } = runCli(['--explain-image', 'python:3.12.3-alpine', '-f', 'json'], { cwd });
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ image: 'python:3.12.3-alpine', known: true, distribution: 'alpine-3.20', sqlite: '3.45.3', fixed: false, runtime: 'cpython' });
    expect(answer.sources.map((source: { what: string }) => source.what)).toEqual(['image python', 'tag history of python', 'Alpine 3.20 sqlite-libs']);
    expect(answer.asOf).toBe('2026-08-13');
    expect(answer.knowledgeAsOf).toMatchObject({ tagHistory: '2026-08-21', distros: '2026-12-01' });
  });

  it('says fixed: null where there is no SQLite version to judge', () => {
    const cwd = tempProject({});
    const answer = JSON.parse(runCli(['--explain-image', 'python:3.12-alpine@sha256:0123456789abcdef0123456789abcdef', '-f', 'json'], { cwd }).stdout);
    expect(answer).toMatchObject({ known: false, fixed: null });
    expect(answer.unknownReason).toMatch(/pinned by digest/);
  });

  it('prints the as-of dates in the text too', () => {
    const cwd = tempProject({});
    expect(runCli(['--explain-image', 'python:3.12-slim'], { cwd }).stdout).toContain('Knowledge as of: fix 2026-12-01, distros 2026-12-01');
  });
});

import { describe, expect, it } from 'vitest';
import { createKnowledge, imagePathData, sqliteKnowledge, type KnowledgeSources } from '../../src/knowledge';

const packageData: KnowledgeSources = { sqlite: sqliteKnowledge, imagePaths: imagePathData };

describe('remembered lookups', () => {
  it('answers an image once per run, and a run with another images: table gets its own answer', () => {
    const run = createKnowledge();
    const first = run.lookupImage('python:3.12-slim');
    expect(run.lookupImage('python:3.12-slim')).toBe(first);
    const taught = createKnowledge({ images: { 'python:3.12-slim': { sqlite: '3.51.3' } } }).lookupImage('python:3.12-slim');
    expect(taught).toMatchObject({ known: true, systemSqlite: '3.51.3' });
    expect(first.systemSqlite).not.toBe('3.51.3');
    expect(run.lookupImage('python:3.12-slim')).toBe(first);
  });

  it('answers image lookups from the data the run was given', () => {
    const original = sqliteKnowledge();
    const before = createKnowledge();
    expect(before.lookupImage('python:3.12-slim').known).toBe(true);
    const replaced = createKnowledge({}, { ...packageData, sqlite: () => ({ ...original, repositories: {} }) });
    expect(replaced.lookupImage('python:3.12-slim')).toMatchObject({ known: false });
    expect(before.lookupImage('python:3.12-slim').known).toBe(true);
  });

  it('answers stock-image lookups from the image table the run was given', () => {
    const original = imagePathData();
    const [key] = Object.keys(original.images).filter((name) => !name.startsWith('$'));
    const before = createKnowledge();
    expect(before.stockImage(`${key}:latest`)?.key).toBe(key);
    const replaced = createKnowledge({}, { ...packageData, imagePaths: () => ({ ...original, images: {} }) });
    expect(replaced.stockImage(`${key}:latest`)).toBeUndefined();
    expect(before.stockImage(`${key}:latest`)?.key).toBe(key);
  });
});

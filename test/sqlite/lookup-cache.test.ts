import { describe, expect, it } from 'vitest';
import { lookupImage, setSqliteKnowledge, sqliteKnowledge } from '../../src/knowledge';
import { imagePathData, lookupStockImage, setImagePathData } from '../../src/overlap/image-paths';

describe('remembered lookups', () => {
  it('answers an image once per settings, and a different images: table gets its own answer', () => {
    const first = lookupImage('python:3.12-slim');
    expect(lookupImage('python:3.12-slim')).toBe(first);
    const taught = lookupImage('python:3.12-slim', { images: { 'python:3.12-slim': { sqlite: '3.51.3' } } });
    expect(taught).toMatchObject({ known: true, systemSqlite: '3.51.3' });
    expect(first.systemSqlite).not.toBe('3.51.3');
  });

  it('forgets image answers when the knowledge base is replaced', () => {
    const original = sqliteKnowledge();
    expect(lookupImage('python:3.12-slim').known).toBe(true);
    setSqliteKnowledge({ ...original, repositories: {} });
    try {
      expect(lookupImage('python:3.12-slim')).toMatchObject({ known: false });
    } finally {
      setSqliteKnowledge(original);
    }
    expect(lookupImage('python:3.12-slim').known).toBe(true);
  });

  it('forgets stock-image answers when the image table is replaced', () => {
    const original = imagePathData();
    const [key] = Object.keys(original.images).filter((name) => !name.startsWith('$'));
    expect(lookupStockImage(`${key}:latest`)?.key).toBe(key);
    setImagePathData({ ...original, images: {} });
    try {
      expect(lookupStockImage(`${key}:latest`)).toBeUndefined();
    } finally {
      setImagePathData(original);
    }
    expect(lookupStockImage(`${key}:latest`)?.key).toBe(key);
  });
});

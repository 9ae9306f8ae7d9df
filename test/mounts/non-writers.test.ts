import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nonSqliteImage, serverDatabaseVariable, type NonSqliteData } from '../../src/mounts/non-writers';

const data = JSON.parse(readFileSync(join(__dirname, '../../data/non-sqlite-images.json'), 'utf8')) as NonSqliteData;

describe('data/non-sqlite-images.json', () => {
  it('gives every image and the server-database values a source and an as-of date', () => {
    for (const [key, entry] of Object.entries(data.images)) {
      expect(entry.source, key).toMatch(/^https:\/\//);
      expect(entry.asOf, key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.what, key).not.toBe('');
    }
    expect(data.serverDatabase.source).toMatch(/^https:\/\//);
    expect(data.serverDatabase.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('names stock images by repository, through tags, digests, registries and aliases', () => {
    expect(['nginx:1.27-alpine', 'docker.io/library/postgres:16', 'postgres@sha256:0123', 'bitnami/postgresql:16', 'redis', 'caddy:2'].map((image) => nonSqliteImage(image)?.key)).toEqual([
      'nginx', 'postgres', 'postgres', 'postgres', 'redis', 'caddy',
    ]);
    expect(['acme/nginx-app', 'louislam/uptime-kuma:2', 'alpine:3.20', 'ghcr.io/acme/postgres-backup'].map((image) => nonSqliteImage(image))).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('finds the variable that points a service at a server database, never a SQLite one', () => {
    const env = (entries: Record<string, string | undefined>) => new Map(Object.entries(entries));
    expect(serverDatabaseVariable(env({ DATABASE_URL: 'postgres://u:secret@db/app' }))).toBe('DATABASE_URL');
    expect(serverDatabaseVariable(env({ REPORTS_DATABASE_URL: 'postgresql+psycopg://db/reports' }))).toBe('REPORTS_DATABASE_URL');
    expect(serverDatabaseVariable(env({ DB_URI: 'mongodb+srv://cluster0.example.net/app' }))).toBe('DB_URI');
    expect(serverDatabaseVariable(env({ DB_CONNECTION: 'pgsql' }))).toBe('DB_CONNECTION');
    expect(serverDatabaseVariable(env({ DB_ENGINE: 'django.db.backends.postgresql' }))).toBe('DB_ENGINE');
    expect(serverDatabaseVariable(env({ DATABASE_URL: 'sqlite:////data/app.db', DB_CONNECTION: 'sqlite', DB_TYPE: 'sqlite3' }))).toBeUndefined();
    expect(serverDatabaseVariable(env({ REDIS_URL: 'redis://cache:6379', UPSTREAM: 'postgres://db/app', DATABASE_URL: undefined }))).toBeUndefined();
  });
});

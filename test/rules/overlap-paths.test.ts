import { describe, expect, it } from 'vitest';
import { databaseContainerPaths } from '../../src/mounts/paths';

describe('databaseContainerPaths', () => {
  it.each([
    ['sqlite:///data/app.db', '/app', ['/data/app.db', '/app/data/app.db']],
    ['sqlite:////data/app.db', '/app', ['/data/app.db']],
    ['file:/data/app.db?mode=rwc', undefined, ['/data/app.db']],
    ['FILE:db/x.sqlite3?a=1?b=2', '/srv', ['/srv/db/x.sqlite3']],
    ['jdbc:sqlite:/var/lib/app.db', undefined, ['/var/lib/app.db']],
    ['storage/production.sqlite3', undefined, []],
    [' :memory: ', '/app', []],
    ['sqlite://?mode=memory', '/app', []],
  ])('%s (workdir %s)', (reference, workdir, expected) => {
    expect(databaseContainerPaths(reference, workdir)).toEqual(expected);
  });
});

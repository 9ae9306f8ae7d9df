import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDatabaseReferences } from '../../src/sqlite/patterns';

describe('findDatabaseReferences', () => {
  it.each([
    ['DATABASE_URL=sqlite:////data/app.db', [['database-url', 'sqlite:////data/app.db', 13]]],
    ['jdbc:SQLite:/data/x.DB and /var/lib/app/state.sqlite3', [['database-url', 'jdbc:SQLite:/data/x.DB', 0], ['database-path', '/var/lib/app/state.sqlite3', 27]]],
    ['python -m app --db ./data/app.Db', [['database-path', './data/app.Db', 19]]],
    ['apt-get install -y curl', []],
  ])('%s', (text, expected) => {
    expect(findDatabaseReferences(text).map((match) => [match.kind, match.value, match.index])).toEqual(expected);
  });

  it('finds in any text what the patterns alone find (the quick pre-check never hides a match)', () => {
    const url = /(?:jdbc:)?\bsqlite3?(?:\+[a-z0-9_]+)?:(?:\/\/)?[^\s'",;)\]}]*/gi;
    const file = /(?<![\w.$-])(?:[\w.~@%+-]*\/)*[\w.@%+-]*[\w-]\.(?:sqlite3|sqlite|db)(?![\w.-])/gi;
    const fragment = fc.constantFrom('sqlite', 'SQLite3', '.db', '.DB', '.sqlite', 'jdbc:', ':', '//', '/data/', 'app', ' ', '=', '+aiosqlite', '"', 'x.d', 'b');
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        const found = new Set(findDatabaseReferences(text).map((match) => match.value));
        for (const match of [...text.matchAll(url), ...text.matchAll(file)]) {
          expect([...found].some((value) => value.includes(match[0]) || match[0].includes(value))).toBe(true);
        }
        if (found.size > 0) expect(/sqlite|\.db/i.test(text)).toBe(true);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { isEvidenceFile, knownAppIn, selectsSqlite, shellWorkloads } from '../../src/sqlite/app-evidence';
import { pipRequirementName } from '../../src/sqlite/pip-names';

describe('pipRequirementName', () => {
  it.each([
    ['git+https://github.com/omnilib/aiosqlite.git@v0.21.0', 'aiosqlite'],
    ['git+https://github.com/simonw/sqlite-utils', 'sqlite-utils'],
    ['https://files.example/aiosqlite-0.21.0.tar.gz', 'aiosqlite'],
    ['./wheels/sqlite_utils-3.38-py3-none-any.whl', 'sqlite-utils'],
    ['datasette @ git+https://github.com/simonw/datasette.git', 'datasette'],
    ['git+https://example.com/repo.git#egg=sqlite_vec', 'sqlite-vec'],
    ['./vendor/datasette', 'datasette'],
  ])('%s -> %s', (requirement, name) => expect(pipRequirementName(requirement)).toBe(name));

  it.each(['aiosqlite', 'aiosqlite==0.21.0', 'https://example.com/'])('%s has no name from a URL or path', (requirement) => expect(pipRequirementName(requirement)).toBeUndefined());
});

describe('shellWorkloads', () => {
  it('finds the shell on a database with an operation, at the sqlite3 word', () => {
    const text = 'set -e\nsqlite3 -bail "$DB" "VACUUM INTO \'/b/x.db\'"\n';
    expect(shellWorkloads(text)).toEqual([{ index: 7, length: 7, database: '$DB' }]);
  });
  it('reads a heredoc of dot-commands', () => {
    expect(shellWorkloads('sqlite3 /data/app.db <<EOF\n.backup /b/app.db\nEOF\n').map((hit) => hit.database)).toEqual(['/data/app.db']);
  });
  it.each([
    ['an install line', 'apt-get install -y sqlite3 curl && echo pragma'],
    ['a comment', '# sqlite3 /data/app.db .backup /b.db'],
    ['the shell without an operation', 'sqlite3 /data/app.db'],
    ['a package name after sqlite3', 'apk add sqlite3 pragma-tools'],
  ])('ignores %s', (_name, text) => expect(shellWorkloads(text)).toEqual([]));
});

describe('selectsSqlite', () => {
  it.each([['DB_TYPE', 'sqlite'], ['DB_CONNECTION', 'sqlite'], ['DB_ENGINE', 'sqlite3'], ['db_driver', '"sqlite"'], ['DB', '${DB:-sqlite3}']])('%s=%s selects SQLite', (name, value) => expect(selectsSqlite(name, value)).toBe(true));
  it.each([['DB_TYPE', 'postgres'], ['DATABASE', 'sqlite'], ['DB_CONNECTION', 'sqlite-proxy'], ['DB_TYPE', '${DB_TYPE:-mysql}']])('%s=%s does not', (name, value) => expect(selectsSqlite(name, value)).toBe(false));
});

describe('knownAppIn', () => {
  it.each([
    [['datasette', 'serve', '/data/x.db'], 'datasette'],
    [['python', '-m', 'sqlite_web', '/data/x.db'], 'sqlite_web'],
    [['exec', '/usr/local/bin/litestream', 'replicate'], 'litestream'],
    [['uvx', 'datasette', 'serve'], 'datasette'],
  ])('%j runs %s', (words, app) => expect(knownAppIn(words)?.app).toBe(app));
  it('is undefined for other commands', () => expect(knownAppIn(['gunicorn', 'datasette_plugin:app'])).toBeUndefined());
});

describe('isEvidenceFile', () => {
  it.each(['mysite/settings.py', 'prisma/schema.prisma', '.env.example', 'backup.sh', 'knexfile.js', 'Notes/Notes.csproj'])('reads %s', (path) => expect(isEvidenceFile(path)).toBe(true));
  it.each(['tests/conftest.py', 'docs/conf.py', 'mysite/settings_dev.py', 'src/db.test.ts', 'node_modules/knex/knexfile.js', 'README.md'])('skips %s', (path) => expect(isEvidenceFile(path)).toBe(false));
});

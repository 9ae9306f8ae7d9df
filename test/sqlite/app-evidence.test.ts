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

describe('the evidence readers never ask for a file outside the project', () => {
  it('COPY ../shared, COPY /etc/x and env_file: ../secret.env are not read', async () => {
    const { lint, registry } = await import('../../src/index');
    const files = {
      Dockerfile: 'FROM python:3.12-slim\nCOPY ../shared /app/shared\nCOPY /etc/app.conf /app/\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
      'compose.yaml': 'services:\n  app:\n    build: .\n    env_file:\n      - ../secret.env\n      - /etc/app.env\n',
    };
    const asked: string[] = [];
    const readFile = (path: string): string | undefined => {
      asked.push(path);
      return undefined;
    };
    lint(Object.entries(files).map(([path, text]) => ({ path, text })), { registry, readFile });
    // `COPY . /app` makes the readers look inside the project root; nothing they ask for is outside it,
    // and `../shared` is not read as the project's own `shared/`. (`/etc/app.conf` is a path in the
    // build context, as Docker reads COPY sources: `etc/app.conf` of the project is fine.)
    expect(asked).toContain('manage.py');
    expect(asked.filter((path) => path.startsWith('../') || path.startsWith('/') || path.startsWith('shared') || path.includes('secret.env') || path.endsWith('app.env'))).toEqual([]);
  });
});

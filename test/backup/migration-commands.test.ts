/** The migration commands of data/auto-updaters.json, as the auto-update and overlap rules match them. */
import { describe, expect, it } from 'vitest';
import { migrationMatch } from '../../src/backup/auto-update';

describe('migrationMatch', () => {
  it.each([
    ['./bin/rails db:prepare && exec "$@"', 'db:prepare', 12],
    ['bundle exec rails db:migrate', 'db:migrate', 18],
    ['php artisan migrate --force', 'artisan migrate', 4],
    ['python manage.py migrate --noinput && gunicorn app.wsgi', 'manage.py migrate', 7],
    ['npx prisma migrate deploy', 'prisma migrate deploy', 4],
  ])('%s migrates (%s at offset %i)', (text, command, index) => {
    expect(migrationMatch(text)).toEqual({ command, index });
  });

  it.each([
    'bundle exec rails db:migrate:status',
    'php artisan migrate:status',
    'python manage.py showmigrations',
    'bundle exec rails server',
  ])('%s does not migrate', (text) => {
    expect(migrationMatch(text)).toBeUndefined();
  });
});

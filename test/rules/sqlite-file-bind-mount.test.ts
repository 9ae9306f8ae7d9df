import { sqliteFileBindMount } from '../../rules/sqlite-file-bind-mount';
import { exampleFiles } from '../support/rule-docs';
import { ruleTable } from '../support/rule-table';
import { yaml } from '../support/yaml-lines';

const RAILS_DATABASE_YML = yaml('production:', '  adapter: sqlite3', '  database: storage/production.sqlite3');

ruleTable(sqliteFileBindMount, {
  valid: [
    { name: 'examples/sqlite-file-bind-mount/good', files: exampleFiles('sqlite-file-bind-mount/good') },
    {
      name: 'the directory that holds the database, with the URL naming a file inside it',
      files: { 'compose.yaml': yaml('services:', '  web:', '    image: shop:1', '    environment:', '      DATABASE_URL: sqlite:////data/app.db', '    volumes:', '      - ./data:/data') },
    },
    {
      name: 'a read-only database file (a seed or reference database), short and long syntax',
      files: {
        'compose.yaml': yaml(
          'services:',
          '  geo:',
          '    image: ghcr.io/example/geo:1',
          '    volumes:',
          '      - ./seed/cities.sqlite:/app/cities.sqlite:ro',
          '      - type: bind',
          '        source: ./seed/countries.db',
          '        target: /app/countries.db',
          '        read_only: true',
        ),
      },
    },
    {
      name: 'a named volume at a file-like path (docker creates a directory there), and tmpfs',
      files: { 'compose.yaml': yaml('services:', '  app:', '    image: app:1', '    volumes:', '      - appdb:/var/lib/app/app.db', '      - type: tmpfs', '        target: /tmp/cache.db', 'volumes:', '  appdb: {}') },
    },
    {
      name: 'names that only look like SQLite files: pg-wal, a compressed backup, .dbx',
      files: {
        'compose.yaml': yaml('services:', '  app:', '    image: app:1', '    volumes:', '      - ./pg-wal:/var/lib/wal', '      - ./backups/app.db.gz:/backups/app.db.gz', '      - ./data/app.dbx:/app/app.dbx', '      - ./notes-shm:/app/notes-shm'),
      },
    },
    {
      name: 'Kamal: the storage directory of a Rails app',
      files: {
        'config/deploy.yml': yaml('service: shop', 'image: example/shop', 'servers:', '  web:', '    - 192.0.2.10', 'volumes:', '  - "/srv/shop/storage:/rails/storage"'),
        'config/database.yml': RAILS_DATABASE_YML,
      },
    },
  ],
  invalid: [
    {
      name: 'examples/sqlite-file-bind-mount/bad',
      files: exampleFiles('sqlite-file-bind-mount/bad'),
      errors: [
        { file: 'compose.yaml', line: 8, column: 9, endLine: 8, endColumn: 38, severity: 'error', messageId: 'databaseFile', data: { who: "service 'api'", file: '/app/notes.db' } },
        { file: 'compose.yaml', line: 13, column: 17, endLine: 13, endColumn: 32, severity: 'error', messageId: 'databaseFile', data: { who: "service 'worker'", file: '/srv/notes.db' } },
        { file: 'compose.yaml', line: 15, column: 9, endLine: 15, endColumn: 46, severity: 'error', messageId: 'sidecarFile', data: { who: "service 'worker'", suffix: '-wal', file: '/srv/notes.db-wal' } },
        {
          file: 'config/deploy.yml', line: 7, column: 5, endLine: 7, endColumn: 69, severity: 'error', messageId: 'databaseFile',
          data: { who: 'the app', file: '/rails/storage/production.sqlite3' },
          help: 'Mount the directory that holds the database (for example ./data:/app/data, or a named volume) and point the app at the file inside it, so that -wal and -shm stay beside it.',
        },
      ],
    },
    {
      name: 'a database file named only by its sqlite: URL, with the URL as related evidence',
      files: {
        'compose.yaml': yaml('services:', '  hc:', '    image: example/checks:3', '    environment:', '      DATABASE_URL: sqlite:////var/lib/checks/state', '    volumes:', '      - /srv/checks/state:/var/lib/checks/state'),
      },
      errors: [
        {
          file: 'compose.yaml', line: 7, column: 9, endLine: 7, endColumn: 48, severity: 'error', messageId: 'databaseFile',
          data: { who: "service 'hc'", file: '/var/lib/checks/state' },
          related: ['compose.yaml:5:21 the database: service hc sets DATABASE_URL to a SQLite database'],
        },
      ],
    },
    {
      name: 'the host side names the database file, the container side does not',
      files: { 'compose.yaml': yaml('services:', '  app:', '    image: app:1', '    volumes:', '      - "./backup/app.sqlite3:/data/current"') },
      errors: [{ file: 'compose.yaml', line: 5, column: 9, endLine: 5, endColumn: 45, severity: 'error', messageId: 'databaseFile', data: { who: "service 'app'", file: '/data/current' } }],
    },
    {
      name: 'a swarm stack mounting the database and its -shm and -journal separately (long syntax, .db3)',
      files: {
        'docker-stack.yml': yaml(
          'services:',
          '  ledger:',
          '    image: example/ledger:5',
          '    volumes:',
          '      - type: bind',
          '        source: /srv/ledger/ledger.db3',
          '        target: /ledger/ledger.db3',
          '      - /srv/ledger/ledger.db3-shm:/ledger/ledger.db3-shm',
          '      - /srv/ledger/ledger.db3-journal:/ledger/ledger.db3-journal',
          '    deploy:',
          '      replicas: 1',
        ),
      },
      errors: [
        { file: 'docker-stack.yml', line: 6, column: 17, endLine: 6, endColumn: 39, severity: 'error', messageId: 'databaseFile', data: { who: "service 'ledger'", file: '/ledger/ledger.db3' } },
        { file: 'docker-stack.yml', line: 8, column: 9, endLine: 8, endColumn: 58, severity: 'error', messageId: 'sidecarFile', data: { who: "service 'ledger'", suffix: '-shm', file: '/ledger/ledger.db3-shm' } },
        { file: 'docker-stack.yml', line: 9, column: 9, endLine: 9, endColumn: 66, severity: 'error', messageId: 'sidecarFile', data: { who: "service 'ledger'", suffix: '-journal', file: '/ledger/ledger.db3-journal' } },
      ],
    },
    {
      name: 'Kamal: an accessory mounting the database file, upper-case ending',
      files: {
        'config/deploy.yml': yaml(
          'service: shop',
          'image: example/shop',
          'servers:',
          '  web:',
          '    - 192.0.2.10',
          'accessories:',
          '  reports:',
          '    image: example/reports:1',
          '    host: 192.0.2.10',
          '    volumes:',
          '      - /srv/shop/Production.SQLITE3:/data/production.SQLITE3',
        ),
      },
      errors: [{ file: 'config/deploy.yml', line: 11, column: 9, endLine: 11, endColumn: 62, severity: 'error', messageId: 'databaseFile', data: { who: "accessory 'reports'", file: '/data/production.SQLITE3' } }],
    },
  ],
});

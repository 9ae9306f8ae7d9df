import { sqliteEphemeralStorage } from '../../rules/sqlite-ephemeral-storage';
import { exampleFiles } from '../support/rule-docs';
import { ruleTable } from '../support/rule-table';
import { yaml } from '../support/yaml-lines';

const RAILS_DATABASE_YML = yaml('production:', '  adapter: sqlite3', '  database: storage/production.sqlite3');
const KAMAL_HEAD = ['service: shop', 'image: example/shop', 'servers:', '  web:', '    - 192.0.2.10'];
const HELP_VOLUME = 'Mount a named volume or a host directory on the directory that holds the database (for example appdata:/data), and keep the database file inside it.';

ruleTable(sqliteEphemeralStorage, {
  valid: [
    { name: 'examples/sqlite-ephemeral-storage/good', files: exampleFiles('sqlite-ephemeral-storage/good') },
    {
      name: 'a bind mount of a parent directory covers the database; a Dockerfile VOLUME covers another',
      files: {
        'compose.yaml': yaml(
          'services:',
          '  app:',
          '    image: app:1',
          '    environment:',
          '      DATABASE_URL: sqlite:////srv/app/state/app.db',
          '    volumes:',
          '      - ./srv:/srv/app',
          '  api:',
          '    build: .',
          '    command: ["api", "--db", "/var/lib/api/api.sqlite3"]',
        ),
        Dockerfile: yaml('FROM debian:trixie-slim', 'VOLUME /var/lib/api', 'CMD ["api"]'),
      },
    },
    {
      name: 'a database path named only in the Dockerfile (a seed built at build time)',
      files: {
        'compose.yaml': yaml('services:', '  app:', '    build: .'),
        Dockerfile: yaml('FROM python:3.13-slim', 'WORKDIR /app', 'RUN python -c "import sqlite3; sqlite3.connect(\'/app/seed.db\')"', 'CMD ["python", "-m", "app"]'),
      },
    },
    {
      name: 'an in-memory database and a relative path with no known working directory',
      files: { 'compose.yaml': yaml('services:', '  tests:', '    image: app:1', '    environment:', '      DATABASE_URL: "sqlite://:memory:"', '      CACHE_DB: cache/local.db') },
    },
    {
      name: 'the sqlite:/// reading under WORKDIR is covered',
      files: {
        'compose.yaml': yaml('services:', '  app:', '    build: .', '    environment:', '      DATABASE_URL: sqlite:///data/app.db', '    volumes:', '      - appdata:/app/data', 'volumes:', '  appdata: {}'),
        Dockerfile: yaml('FROM python:3.13-slim', 'WORKDIR /app', 'CMD ["python", "-m", "app"]'),
      },
    },
    {
      name: 'a stock image switched to PostgreSQL by its environment',
      files: { 'compose.yaml': yaml('services:', '  vault:', '    image: vaultwarden/server:1.32.7', '    environment:', '      DATABASE_URL: postgresql://vault@db/vault') },
    },
    {
      name: 'volumes_from: the mounts come from another container',
      files: {
        'compose.yaml': yaml('services:', '  app:', '    image: app:1', '    volumes: [appdata:/data]', '  admin:', '    image: sqlite-web:1', '    command: sqlite_web /data/app.db', '    volumes_from: [app]', 'volumes:', '  appdata: {}'),
      },
    },
    {
      name: 'tmpfs for scratch files beside a database on a volume',
      files: { 'compose.yaml': yaml('services:', '  app:', '    image: app:1', '    command: serve --db /data/app.db', '    volumes:', '      - appdata:/data', '      - type: tmpfs', '        target: /data/tmp', 'volumes:', '  appdata: {}') },
    },
    {
      name: 'Kamal: a Rails app with a volume for storage/, an accessory with a directory for its database',
      files: {
        'config/deploy.yml': yaml(
          ...KAMAL_HEAD,
          'volumes:',
          '  - "shop_storage:/rails/storage"',
          'accessories:',
          '  metrics:',
          '    image: example/metrics:2',
          '    host: 192.0.2.10',
          '    env:',
          '      clear:',
          '        METRICS_DB: /var/lib/metrics/metrics.sqlite3',
          '    directories:',
          '      - metrics:/var/lib/metrics',
        ),
        'config/database.yml': RAILS_DATABASE_YML,
      },
    },
  ],
  invalid: [
    {
      name: 'examples/sqlite-ephemeral-storage/bad',
      files: exampleFiles('sqlite-ephemeral-storage/bad'),
      errors: [
        { file: 'compose.yaml', line: 6, column: 21, endLine: 6, endColumn: 49, severity: 'warning', messageId: 'noVolume', data: { who: "service 'notes'", path: '/app/data/notes.db' }, related: [], help: HELP_VOLUME },
        {
          file: 'compose.yaml', line: 11, column: 9, endLine: 11, endColumn: 22, severity: 'error', messageId: 'onTmpfs',
          data: { who: "service 'sessions'", path: '/run/sessions/sessions.sqlite3', mount: '/run/sessions' },
          related: ['compose.yaml:9:33 the database: service sessions runs with /run/sessions/sessions.sqlite3'],
          help: 'Put the database directory on a named volume or a host directory instead of tmpfs; keep tmpfs for caches and scratch files.',
        },
        { file: 'compose.yaml', line: 13, column: 12, endLine: 13, endColumn: 37, severity: 'warning', messageId: 'noVolumeStock', data: { who: "service 'vault'", path: '/data', app: 'Vaultwarden' }, related: ['compose.yaml:13:12 the database: image vaultwarden/server (Vaultwarden) keeps its SQLite database in /data (source: https://github.com/dani-garcia/vaultwarden/wiki/Backing-up-your-vault)'] },
        {
          file: 'config/deploy.yml', line: 2, column: 10, endLine: 2, endColumn: 14, severity: 'warning', messageId: 'noVolume',
          data: { who: 'the app', path: '/rails/storage/production.sqlite3' },
          related: ['config/database.yml:3:13'],
        },
      ],
    },
    {
      name: 'a tmpfs volume in long syntax over the database directory',
      files: {
        'compose.yaml': yaml('services:', '  app:', '    image: app:1', '    environment:', '      DB_PATH: /state/app.db', '    volumes:', '      - type: tmpfs', '        target: /state', '        tmpfs: {size: 67108864}'),
      },
      errors: [
        { file: 'compose.yaml', line: 8, column: 17, endLine: 8, endColumn: 23, severity: 'error', messageId: 'onTmpfs', data: { who: "service 'app'", path: '/state/app.db', mount: '/state' }, related: ['compose.yaml:5:16'] },
      ],
    },
    {
      name: 'a Rails app built from its Dockerfile with no volume: the database of database.yml under WORKDIR, reported on the service',
      files: {
        'compose.yaml': yaml('services:', '  web:', '    build: .', '    volumes:', '      - ./log:/srv/app/log'),
        Dockerfile: yaml('FROM ruby:3.3-slim', 'WORKDIR /srv/app', 'COPY . .'),
        'config/database.yml': RAILS_DATABASE_YML,
      },
      errors: [
        { file: 'compose.yaml', line: 2, column: 3, endLine: 2, endColumn: 6, severity: 'warning', messageId: 'noVolume', data: { who: "service 'web'", path: '/srv/app/storage/production.sqlite3' }, related: ['config/database.yml:3:13'] },
      ],
    },
    {
      name: 'Kamal: an accessory whose database directory has no volume',
      files: {
        'config/deploy.yml': yaml(
          ...KAMAL_HEAD,
          'accessories:',
          '  metrics:',
          '    image: example/metrics:2',
          '    host: 192.0.2.10',
          '    env:',
          '      clear:',
          '        METRICS_DB: /var/lib/metrics/metrics.sqlite3',
        ),
      },
      errors: [
        { file: 'config/deploy.yml', line: 12, column: 21, endLine: 12, endColumn: 53, severity: 'warning', messageId: 'noVolume', data: { who: "accessory 'metrics'", path: '/var/lib/metrics/metrics.sqlite3' }, related: [] },
      ],
    },
  ],
});

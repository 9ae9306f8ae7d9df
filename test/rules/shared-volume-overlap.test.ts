import { sharedVolumeOverlap } from '../../rules/shared-volume-overlap';
import { exampleFiles } from '../support/rule-docs';
import { ruleTable } from '../support/rule-table';
import { yaml } from '../support/yaml-lines';

function compose(...lines: string[]): { 'compose.yaml': string } {
  return { 'compose.yaml': yaml(...lines) };
}

const DATABASE_URL_WEB = [
  'services:', //                                1
  '  web:', //                                   2
  '    image: shop:1', //                        3
  '    environment:', //                         4
  '      DATABASE_URL: sqlite:////data/app.db', // 5
  '    volumes:', //                             6
  '      - "appdata:/data"', //                  7
];

const SHARED_HOST_DIRECTORY = yaml(
  'services:', //                                     1
  '  a:', //                                          2
  '    image: a', //                                  3
  '    command: ["serve", "--db", "/state/app.db"]', // 4
  '    volumes:', //                                  5
  '      - ./state:/state', //                        6
  '  b:', //                                          7
  '    image: b', //                                  8
  '    volumes:', //                                  9
  '      - ./state/:/srv/state', //                   10
  '  c:', //                                          11
  '    image: c', //                                  12
  '    volumes:', //                                  13
  '      - type: bind', //                            14
  '        source: ${PWD}/state', //                  15
  '        target: /state', //                        16
  '  d:', //                                          17
  '    image: d', //                                  18
  '    volumes:', //                                  19
  "      - '../deploy/state:/state'", //              20
);

const RAILS_DATABASE_YML = yaml('default: &default', '  adapter: sqlite3', '', 'production:', '  primary:', '    <<: *default', '    database: storage/production.sqlite3');

const STOCK_IMAGES = [
  ['vaultwarden/server:1.32', '/data', ''],
  ['docker.n8n.io/n8nio/n8n', '/home/node/.n8n', ''],
  ['grafana/grafana-oss:11.0.0', '/var/lib/grafana', ''],
  ['ghcr.io/home-assistant/home-assistant:stable', '/config', ''],
  ['neosmemo/memos:stable', '/var/opt/memos', ''],
  ['sissbruecker/linkding:latest', '/etc/linkding/data', ''],
  ['ghcr.io/advplyr/audiobookshelf', '/config', ''],
  ['ghcr.io/mealie-recipes/mealie:v2', '/app/data', ''],
  ['deluan/navidrome:0.53.3', '/data', ''],
  ['ghcr.io/muchobien/pocketbase:0.22', '/pb/pb_data', ''],
  ['healthchecks/healthchecks:v3.9', '/data', '    environment: {DB: sqlite}'],
];

const STOCK_IMAGES_ELSEWHERE = [
  ['n8n on Postgres (DB_TYPE=postgresdb)', 'n8nio/n8n', '/home/node/.n8n', '    environment: {DB_TYPE: postgresdb}'],
  ['Healthchecks without DB=sqlite', 'healthchecks/healthchecks', '/data', ''],
  ['Healthchecks on Postgres', 'healthchecks/healthchecks', '/data', '    environment: [DB=postgres]'],
  ['Grafana on MySQL', 'grafana/grafana', '/var/lib/grafana', '    environment: {GF_DATABASE_TYPE: mysql}'],
  ['Uptime Kuma with a mount elsewhere', 'louislam/uptime-kuma', '/app/data/upload', ''],
];

/** One service of a stock image with two containers on a volume at `target`. */
function scaledStockImage(image: string, target: string, extra: string): { 'compose.yaml': string } {
  return compose('services:', '  app:', `    image: ${image}`, ...(extra ? [extra] : []), `    volumes: ["appdata:${target}"]`, '    scale: 2', 'volumes: {appdata: {}}');
}

const BACKUP_SIDECAR = compose(...DATABASE_URL_WEB, '  backup:', '    image: registry.example.com/ops/sqlite-backup:3', '    volumes: [appdata:/data]', 'volumes: {appdata: {}}');

const UT_DEPLOY = [
  'service: shop', //                                 1
  'image: ultrathink/shop', //                        2
  'servers:', //                                      3
  '  web:', //                                        4
  '    - 192.0.2.10', //                              5
  'proxy:', //                                        6
  '  host: shop.example.com', //                      7
  'volumes:', //                                      8
  '  - "ultrathink_storage:/rails/storage"', //       9
];

const UT_DATABASE_YML = yaml(
  'default: &default', //                                         1
  '  adapter: sqlite3', //                                        2
  '  timeout: 5000', //                                           3
  '', //                                                          4
  'production:', //                                               5
  '  primary:  { <<: *default, database: storage/production.sqlite3 }', // 6
  '  cache:    { <<: *default, database: storage/production_cache.sqlite3 }', // 7
  '  queue:    { <<: *default, database: storage/production_queue.sqlite3 }', // 8
  '  cable:    { <<: *default, database: storage/production_cable.sqlite3 }', // 9
);

const LARAVEL_DEPLOY = [
  'service: blog', //                                                  1
  'image: acme/blog', //                                               2
  'servers:', //                                                       3
  '  web:', //                                                         4
  '    - 192.0.2.10', //                                               5
  'proxy:', //                                                         6
  '  host: blog.example.com', //                                       7
  'volumes:', //                                                       8
  '  - "blog_database:/var/www/html/database"', //                     9
  'env:', //                                                           10
  '  clear:', //                                                       11
  '    DATABASE_URL: sqlite:///var/www/html/database/database.sqlite', // 12
];

/** A Laravel image whose entrypoint script (copied out of the working directory) migrates before php-fpm starts. */
const LARAVEL_IMAGE = {
  Dockerfile: 'FROM php:8.3-fpm\nWORKDIR /var/www/html\nCOPY . .\nCOPY docker/entrypoint.sh /usr/local/bin/entrypoint.sh\nENTRYPOINT ["/usr/local/bin/entrypoint.sh"]\nCMD ["php-fpm"]\n',
  'docker/entrypoint.sh': '#!/bin/sh\nset -e\nphp artisan config:cache\nphp artisan migrate --force\nexec "$@"\n',
};

/** A Kamal project: config/deploy.yml of these lines, with the Rails database.yml unless told otherwise. */
function kamal(lines: string[], extra: Record<string, string> = { 'config/database.yml': UT_DATABASE_YML }): Record<string, string> {
  return { 'config/deploy.yml': yaml(...lines), ...extra };
}

ruleTable(sharedVolumeOverlap, {
  valid: [
    { name: 'examples/shared-volume-overlap/good', files: exampleFiles('shared-volume-overlap/good') },
    { name: 'a different host directory is not the same', files: compose(...DATABASE_URL_WEB.slice(0, 6), '      - ./data:/data', '  worker:', '    image: w', '    volumes:', '      - ./data2:/data') },
    {
      name: 'database.yml databases of other environments',
      files: {
        ...compose('services:', '  web:', '    build: .', '    volumes: [storage:/rails/storage]', '  jobs:', '    build: .', '    volumes: [storage:/rails/storage]', 'volumes: {storage: {}}'),
        'config/database.yml': yaml('development:', '  adapter: sqlite3', '  database: storage/development.sqlite3', 'production:', '  adapter: postgresql', '  database: shop_production'),
        Dockerfile: 'FROM ruby:3.4-slim\nWORKDIR /rails\n',
      },
    },
    {
      name: 'no guess of the data directory when the evidence names another path',
      files: {
        ...compose('services:', '  api:', '    build: .', '    volumes: [data:/data]', '    deploy: {replicas: 2}', 'volumes: {data: {}}'),
        Dockerfile: 'FROM node:22-slim\nRUN npm install better-sqlite3@12.8.0\nENV DB_FILE=/var/lib/app/app.db\n',
      },
    },
    ...STOCK_IMAGES_ELSEWHERE.map(([name, image, target, extra]) => ({ name: `no stock-image table for ${name}`, files: scaledStockImage(image, target, extra) })),
    {
      name: 'a suppression comment above the volume entry',
      files: compose(...DATABASE_URL_WEB, '  green:', '    image: shop:2', '    volumes:', '      # litelint-ignore shared-volume-overlap -- green only runs during a maintenance window', '      - appdata:/data', 'volumes:', '  appdata: {}'),
    },
    {
      name: 'a suppression comment above a long-syntax entry whose source is on a later line',
      files: compose(...DATABASE_URL_WEB, '  green:', '    image: shop:2', '    volumes:', '      # litelint-ignore shared-volume-overlap -- reason', '      - type: volume', '        source: appdata', '        target: /data', 'volumes:', '  appdata: {}'),
    },
    ...[
      ['a :ro mount', '      - appdata:/data:ro'],
      ['a long-syntax read_only: true mount', '      - {type: volume, source: appdata, target: /data, read_only: true}'],
    ].map(([name, line]) => ({ name: `quiet on ${name} on the other side`, files: compose(...DATABASE_URL_WEB, '  reader:', '    image: shop:1', '    volumes:', line, 'volumes:', '  appdata: {}') })),
    {
      name: 'a volume with no SQLite evidence (uploads shared by two services)',
      files: compose('services:', '  web:', '    image: web', '    volumes: [uploads:/app/uploads]', '  thumbs:', '    image: thumbs', '    volumes: [uploads:/app/uploads]', 'volumes: {uploads: {}}'),
    },
    {
      name: 'a Postgres data directory mounted by one Postgres, even with replicas elsewhere',
      files: compose('services:', '  db:', '    image: postgres:17', '    volumes: [pg:/var/lib/postgresql/data]', '  web:', '    image: web', '    scale: 3', 'volumes: {pg: {}}'),
    },
    {
      name: 'a one-shot service the writer waits for (service_completed_successfully)',
      files: compose(...DATABASE_URL_WEB, '    depends_on:', '      migrate:', '        condition: service_completed_successfully', '  migrate:', '    image: shop:1', '    command: bin/rails db:migrate', '    volumes: [appdata:/data]', 'volumes: {appdata: {}}'),
    },
    {
      name: 'a one-shot service that completes before a service the writer depends on',
      files: compose(...DATABASE_URL_WEB, '    depends_on: [cache]', '  cache:', '    image: redis', '    depends_on: {seed: {condition: service_completed_successfully}}', '  seed:', '    image: seed', '    volumes: [appdata:/data]', 'volumes: {appdata: {}}'),
    },
    ...['litestream/litestream:0.3', 'flyio/litefs:0.5'].map((image) => ({
      name: `a ${image} sidecar built to share the file`,
      files: compose(...DATABASE_URL_WEB, '  replicate:', `    image: ${image}`, '    volumes: [appdata:/data]', 'volumes: {appdata: {}}'),
    })),
    { name: 'an image named in the sidecars option', files: BACKUP_SIDECAR, options: { sidecars: ['registry.example.com/ops/sqlite-backup'] } },
    {
      name: 'one service with one replica, scale: 1 or stop-first',
      files: compose(...DATABASE_URL_WEB, '    scale: 1', '    deploy:', '      replicas: 1', '      update_config: {order: stop-first}', 'volumes: {appdata: {}}'),
    },
    {
      name: 'a database path outside the shared volume',
      files: compose('services:', '  web:', '    image: web', '    environment: [DB=/var/lib/web/app.db]', '    volumes: [shared:/data]', '  worker:', '    image: worker', '    volumes: [shared:/data]', 'volumes: {shared: {}}'),
    },
    { name: 'deploy.mode: global outside a stack', files: compose(...DATABASE_URL_WEB, '    deploy: {mode: global}', 'volumes: {appdata: {}}') },
    {
      name: 'swarm: the default single replica, a :ro reader and a Litestream sidecar',
      files: { 'docker-stack.yml': yaml(...DATABASE_URL_WEB, '  reader:', '    image: shop:1', '    volumes: ["appdata:/data:ro"]', '  litestream:', '    image: litestream/litestream', '    volumes: [appdata:/data]', 'volumes: {appdata: {}}') },
    },
    {
      name: "Kamal: a stock image's data path belongs to its own mount: another accessory on the volume with no SQLite of its own is no writer",
      files: kamal(['service: ops', 'image: ops/app', 'servers: [192.0.2.10]', 'accessories:', '  kuma:', '    image: louislam/uptime-kuma:2', '    host: 192.0.2.10', '    volumes: [kuma:/app/data]', '  kuma-tools:', '    image: ops/kuma-tools', '    host: 192.0.2.10', '    volumes: [kuma:/app/data]'], {}),
    },
    {
      name: 'an nginx serving the uploads of the host directory that holds the SQLite file is no writer',
      files: {
        ...compose(
          'services:',
          '  app:',
          '    build: .',
          '    environment:',
          '      DATABASE_URL: sqlite:////app/data/app.db',
          '    volumes:',
          '      - ./data:/app/data',
          '  nginx:',
          '    image: nginx:1.27-alpine',
          '    ports: ["80:80"]',
          '    volumes:',
          '      - ./data:/usr/share/nginx/html/media',
          '      - ./nginx.conf:/etc/nginx/conf.d/default.conf:ro',
        ),
        Dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install flask==3.1.0\nCMD ["flask", "run", "--host=0.0.0.0"]\n',
      },
    },
    {
      name: 'caddy, traefik, postgres and redis under the same host directory as a SQLite app are no writers',
      files: compose(
        'services:',
        '  app:',
        '    image: ghcr.io/acme/notes:1',
        '    environment: [DB_PATH=/srv/state/notes.sqlite3]',
        '    volumes: [./state:/srv/state]',
        '  caddy:',
        '    image: caddy:2',
        '    volumes: [./state:/data]',
        '  traefik:',
        '    image: traefik:v3.1',
        '    volumes: [./state:/letsencrypt]',
        '  db:',
        '    image: docker.io/library/postgres:16',
        '    volumes: [./state:/var/lib/postgresql/data]',
        '  cache:',
        '    image: redis:7-alpine',
        '    volumes: [./state:/data]',
      ),
    },
    {
      name: 'a service whose own DATABASE_URL points at Postgres, or whose DB_CONNECTION is pgsql, does not write SQLite',
      files: compose(
        'services:',
        '  api:',
        '    image: acme/api:2',
        '    environment:',
        '      DATABASE_URL: sqlite:////data/api.db',
        '    volumes: [shared:/data]',
        '  reporting:',
        '    image: acme/reporting:5',
        '    environment:',
        '      DATABASE_URL: postgresql+psycopg://report@db:5432/reports',
        '    volumes: [shared:/data]',
        '  admin:',
        '    image: acme/admin:1',
        '    environment: [DB_CONNECTION=pgsql]',
        '    volumes: [shared:/data]',
        'volumes: {shared: {}}',
      ),
    },
    {
      name: 'two variants of one app in different profiles never run together',
      files: {
        ...compose(
          'services:',
          '  app:',
          '    build: .',
          '    profiles: [prod]',
          '    environment: [DATABASE_URL=sqlite:////data/app.db]',
          '    volumes: [./data:/data]',
          '  app-dev:',
          '    build: .',
          '    profiles: [dev]',
          '    command: npm run dev',
          '    environment: [DATABASE_URL=sqlite:////data/app.db]',
          '    volumes: [./data:/data, ./src:/app/src]',
        ),
        Dockerfile: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
      },
    },
    {
      name: 'two services that publish the same host port cannot run together',
      files: compose(
        'services:',
        '  web:',
        '    image: acme/shop:3',
        '    ports: ["3000:3000"]',
        '    environment: [DATABASE_URL=sqlite:////data/shop.db]',
        '    volumes: [shopdata:/data]',
        '  web-debug:',
        '    image: acme/shop:3',
        '    ports:',
        '      - target: 3000',
        '        published: "3000"',
        '    environment: [DATABASE_URL=sqlite:////data/shop.db, DEBUG=1]',
        '    volumes: [shopdata:/data]',
        'volumes: {shopdata: {}}',
      ),
    },
    {
      name: "a stock image's data path belongs to its own mount: a file browser on the same host directory is no writer",
      files: compose(
        'services:',
        '  vaultwarden:',
        '    image: vaultwarden/server:1.32.0',
        '    volumes: [./vw-data:/data]',
        '  files:',
        '    image: filebrowser/filebrowser:v2',
        '    volumes: [./vw-data:/srv]',
        '  backup:',
        '    image: alpine:3.20',
        '    command: crond -f',
        '    volumes: [./vw-data:/backup/vw-data]',
      ),
    },
    {
      name: "a Dockerfile VOLUME with a SQLite driver belongs to that service's mount only",
      files: {
        ...compose('services:', '  api:', '    build: .', '    volumes: [appdata:/var/lib/api]', '  sync:', '    image: rclone/rclone:1.68', '    command: sync /var/lib/api remote:api', '    volumes: [appdata:/var/lib/api]', 'volumes: {appdata: {}}'),
        Dockerfile: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm install better-sqlite3@12.8.0\nVOLUME /var/lib/api\nCMD ["node", "server.js"]\n',
      },
    },
    {
      name: 'a SQLite driver in the image and the conventional /data do not outweigh the DATABASE_URL that points at Postgres',
      files: {
        ...compose('services:', '  api:', '    build: .', '    environment: [DATABASE_URL=postgres://api@db:5432/api]', '    volumes: [data:/data]', '    deploy: {replicas: 2}', 'volumes: {data: {}}'),
        Dockerfile: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm install better-sqlite3@12.8.0 pg@8.13.1\nCMD ["node", "server.js"]\n',
      },
    },
    { name: 'Kamal without SQLite evidence (a Postgres app keeps uploads in storage/)', files: kamal(UT_DEPLOY, { 'config/database.yml': yaml('production:', '  adapter: postgresql', '  database: shop_production') }) },
    { name: 'Kamal without any database.yml', files: kamal(UT_DEPLOY, {}) },
    { name: 'Kamal: a read-only global volume', files: kamal([...UT_DEPLOY.slice(0, 8), '  - "ultrathink_storage:/rails/storage:ro"']) },
    { name: 'Kamal: a suppression comment above the volume', files: kamal([...UT_DEPLOY.slice(0, 8), '  # litelint-ignore shared-volume-overlap -- deploys are serialised and spaced out', UT_DEPLOY[8]]) },
  ],
  invalid: [
    {
      name: 'examples/shared-volume-overlap/bad',
      files: exampleFiles('shared-volume-overlap/bad'),
      errors: [
        {
          file: 'compose.yaml', line: 15, column: 9, endLine: 15, endColumn: 23, severity: 'error', messageId: 'blueGreenPair',
          data: { first: 'blue', second: 'green', made: 'image', volume: "volume 'shopdata'" },
          help: 'Stop the old container before the new one starts (stop-first), keep a single writer service, serialise deploys, or use a server database when several hosts must write.',
        },
        {
          file: 'compose.yaml', line: 19, column: 12, endLine: 19, endColumn: 13, severity: 'warning', messageId: 'containers',
          data: { service: 'worker', count: 2, setting: 'scale: 2', volume: "volume 'shopdata'" },
          help: 'Run one container (a single writer), stop the old one before the new one starts, serialise deploys, or use a server database when several hosts must write.',
        },
        {
          file: 'compose.yaml', line: 22, column: 17, endLine: 22, endColumn: 25, severity: 'info', messageId: 'servicesShare',
          data: { first: 'blue', second: 'worker', volume: "volume 'shopdata'" },
        },
        {
          file: 'config/deploy.yml', line: 9, column: 7, endLine: 9, endColumn: 17, severity: 'error', messageId: 'copyPerHost',
          data: { who: "role 'web'", firstHost: '192.0.2.10', host: '192.0.2.11', volume: "volume 'shop_storage'" },
          help: 'Run every role that writes the database on one host, or use a server database when several hosts must write.',
        },
        {
          file: 'config/deploy.yml', line: 16, column: 5, endLine: 16, endColumn: 34, severity: 'warning', messageId: 'kamalOverlap',
          data: { roles: "role 'web'", volume: "volume 'shop_storage'" },
        },
        {
          file: 'docker-stack.yml', line: 9, column: 17, endLine: 9, endColumn: 18, severity: 'error', messageId: 'swarmReplicas',
          data: { service: 'kuma', count: 2, setting: 'deploy.replicas: 2', volume: "volume 'kuma'" },
        },
        {
          file: 'docker-stack.yml', line: 11, column: 16, endLine: 11, endColumn: 27, severity: 'error', messageId: 'startFirst',
          data: { service: 'kuma', setting: 'update_config', volume: "volume 'kuma'" },
        },
      ],
    },
    {
      name: 'the second writer of a named volume (long syntax: at its source), the first writer and the evidence as related',
      files: compose(...DATABASE_URL_WEB, '  worker:', '    image: worker:1', '    volumes:', '      - type: volume', '        source: appdata', '        target: /data', 'volumes:', '  appdata: {}'),
      errors: [
        {
          file: 'compose.yaml', line: 12, column: 17, endLine: 12, endColumn: 24, severity: 'info', messageId: 'servicesShare',
          data: { first: 'web', second: 'worker', volume: "volume 'appdata'" },
          help: 'On one host this works while one service owns the schema and every writer waits its turn (busy timeout); across deploys or hosts, keep a single writer or use a server database when several hosts must write.',
          related: ["compose.yaml:7:9 also mounted by service 'web'", 'compose.yaml:5:21 SQLite data in the volume: service web sets DATABASE_URL to a SQLite database'],
        },
      ],
    },
    {
      name: 'an error for two services of the same image (hand-made blue/green), at the whole short-syntax scalar',
      files: compose(...DATABASE_URL_WEB, '  green:', '    image: shop:2', '    volumes:', '      - appdata:/data', 'volumes:', '  appdata: {}'),
      errors: [
        {
          file: 'compose.yaml', line: 11, column: 9, endLine: 11, endColumn: 22, severity: 'error', messageId: 'blueGreenPair',
          data: { first: 'web', second: 'green', made: 'image', volume: "volume 'appdata'" },
        },
      ],
    },
    {
      name: 'an error for two services of the same build',
      files: {
        ...compose(
          'services:',
          '  blue:',
          '    build: .',
          '    environment: [DB_PATH=/data/app.sqlite3]',
          '    volumes: [appdata:/data]',
          '  green:',
          '    build: {context: .}',
          '    environment: [DB_PATH=/data/app.sqlite3]',
          '    volumes: [appdata:/data]',
          'volumes: {appdata: {}}',
        ),
        Dockerfile: 'FROM node:22-slim\n',
      },
      errors: [
        {
          file: 'compose.yaml', line: 9, column: 15, endLine: 9, endColumn: 28, severity: 'error', messageId: 'blueGreenPair',
          data: { first: 'blue', second: 'green', made: 'build', volume: "volume 'appdata'" },
        },
      ],
    },
    {
      name: './state, ./state/, ${PWD}/state and a path through .. are one host directory, relative to the compose file',
      files: { 'deploy/compose.yaml': SHARED_HOST_DIRECTORY },
      errors: [
        {
          file: 'deploy/compose.yaml', line: 10, column: 9, endLine: 10, endColumn: 28, severity: 'info', messageId: 'servicesShare',
          data: { first: 'a', second: 'b', volume: 'host directory ./state/' },
          related: ["deploy/compose.yaml:6:9 also mounted by service 'a'", 'deploy/compose.yaml:4:33 SQLite data in the volume: service a runs with /state/app.db'],
        },
        {
          file: 'deploy/compose.yaml', line: 15, column: 17, endLine: 15, endColumn: 29, severity: 'info', messageId: 'servicesShare',
          data: { first: 'a', second: 'c', volume: 'host directory ${PWD}/state' },
          related: ["deploy/compose.yaml:6:9 also mounted by service 'a'", 'deploy/compose.yaml:4:33 SQLite data in the volume: service a runs with /state/app.db'],
        },
        {
          file: 'deploy/compose.yaml', line: 20, column: 9, endLine: 20, endColumn: 33, severity: 'info', messageId: 'servicesShare',
          data: { first: 'a', second: 'd', volume: 'host directory ../deploy/state' },
          related: ["deploy/compose.yaml:6:9 also mounted by service 'a'", 'deploy/compose.yaml:4:33 SQLite data in the volume: service a runs with /state/app.db'],
        },
      ],
    },
    {
      name: 'config/database.yml of a Rails build (storage/ under WORKDIR /rails); web and jobs run other commands: several writers on one host, not a blue/green pair',
      files: {
        ...compose('services:', '  web:', '    build: .', '    volumes: [storage:/rails/storage]', '  jobs:', '    build: .', '    command: bin/jobs', '    volumes: [storage:/rails/storage]', 'volumes: {storage: {}}'),
        Dockerfile: 'FROM ruby:3.4-slim\nWORKDIR /rails\nCOPY . .\nCMD ["./bin/thrust", "./bin/rails", "server"]\n',
        'config/database.yml': RAILS_DATABASE_YML,
      },
      errors: [
        {
          file: 'compose.yaml', line: 8, column: 15, endLine: 8, endColumn: 37, severity: 'info', messageId: 'servicesShare',
          data: { first: 'web', second: 'jobs', volume: "volume 'storage'" },
          related: [
            "compose.yaml:4:15 also mounted by service 'web'",
            'config/database.yml:7:15 SQLite data in the volume: keeps a production database in storage/production.sqlite3 (adapter: sqlite3)',
          ],
        },
      ],
    },
    {
      name: "the service's Dockerfile evidence: a database path in ENV",
      files: {
        ...compose('services:', '  api:', '    build: .', '    volumes: [data:/var/lib/app]', '  cron:', '    image: alpine', '    volumes: [data:/var/lib/app]', 'volumes: {data: {}}'),
        Dockerfile: 'FROM node:22-slim\nENV DB_FILE=/var/lib/app/app.db\nCMD ["node", "server.js"]\n',
      },
      errors: [
        {
          file: 'compose.yaml', line: 7, column: 15, endLine: 7, endColumn: 32, severity: 'info', messageId: 'servicesShare',
          data: { first: 'api', second: 'cron', volume: "volume 'data'" },
          related: ["compose.yaml:4:15 also mounted by service 'api'", 'Dockerfile:2:13 SQLite data in the volume: ENV DB_FILE=/var/lib/app/app.db'],
        },
      ],
    },
    {
      name: "the service's Dockerfile evidence: a SQLite driver with the conventional /data directory",
      files: {
        ...compose('services:', '  api:', '    build: .', '    volumes: [data:/data]', '    deploy:', '      replicas: 2', 'volumes: {data: {}}'),
        Dockerfile: 'FROM node:22-slim\nRUN npm install better-sqlite3@12.8.0\nCMD ["node", "server.js"]\n',
      },
      errors: [
        {
          file: 'compose.yaml', line: 6, column: 17, endLine: 6, endColumn: 18, severity: 'warning', messageId: 'containers',
          data: { service: 'api', count: 2, setting: 'deploy.replicas: 2', volume: "volume 'data'" },
          related: [
            "compose.yaml:4:15 service 'api' mounts volume 'data' here",
            'Dockerfile:2:17 SQLite data in the volume: the image uses SQLite (npm install installs better-sqlite3@12.8.0) and /data is its conventional data directory',
          ],
        },
      ],
    },
    {
      name: 'a stock image: uptime-kuma keeps SQLite in /app/data',
      files: compose('services:', '  kuma:', '    image: louislam/uptime-kuma:2', '    volumes:', '      - kuma:/app/data', '  kuma2:', '    image: louislam/uptime-kuma:2', '    volumes:', '      - kuma:/app/data', 'volumes:', '  kuma: {}'),
      errors: [
        {
          file: 'compose.yaml', line: 9, column: 9, endLine: 9, endColumn: 23, severity: 'error', messageId: 'blueGreenPair',
          data: { first: 'kuma', second: 'kuma2', made: 'image', volume: "volume 'kuma'" },
          related: [
            "compose.yaml:5:9 also mounted by service 'kuma'",
            'compose.yaml:3:12 SQLite data in the volume: image louislam/uptime-kuma (Uptime Kuma) keeps its SQLite database in /app/data (source: https://github.com/louislam/uptime-kuma/wiki/%F0%9F%94%A7-How-to-Install)',
          ],
        },
      ],
    },
    ...STOCK_IMAGES.map(([image, target, extra]) => {
      const line = extra ? 6 : 5; // the scale: line
      return {
        name: `a stock image: ${image} (${target})`,
        files: scaledStockImage(image, target, extra),
        errors: [
          {
            file: 'compose.yaml', line, column: 12, endLine: line, endColumn: 13, severity: 'warning' as const, messageId: 'containers',
            data: { service: 'app', count: 2, setting: 'scale: 2', volume: "volume 'appdata'" },
          },
        ],
      };
    }),
    {
      name: 'a sidecar image the sidecars option does not name',
      files: BACKUP_SIDECAR,
      errors: [
        {
          file: 'compose.yaml', line: 10, column: 15, endLine: 10, endColumn: 28, severity: 'info', messageId: 'servicesShare',
          data: { first: 'web', second: 'backup', volume: "volume 'appdata'" },
        },
      ],
    },
    {
      name: 'a service that only waits for the other to start or be healthy',
      files: compose(...DATABASE_URL_WEB, '    depends_on: {worker: {condition: service_healthy}}', '  worker:', '    image: worker', '    volumes: [appdata:/data]', 'volumes: {appdata: {}}'),
      errors: [
        {
          file: 'compose.yaml', line: 11, column: 15, endLine: 11, endColumn: 28, severity: 'info', messageId: 'servicesShare',
          data: { first: 'web', second: 'worker', volume: "volume 'appdata'" },
        },
      ],
    },
    {
      name: 'deploy.replicas > 1, at the value, the mount and the evidence as related',
      files: compose(...DATABASE_URL_WEB, '    deploy:', '      replicas: 3', 'volumes: {appdata: {}}'),
      errors: [
        {
          file: 'compose.yaml', line: 9, column: 17, endLine: 9, endColumn: 18, severity: 'warning', messageId: 'containers',
          data: { service: 'web', count: 3, setting: 'deploy.replicas: 3', volume: "volume 'appdata'" },
          related: [
            "compose.yaml:7:9 service 'web' mounts volume 'appdata' here",
            'compose.yaml:5:21 SQLite data in the volume: service web sets DATABASE_URL to a SQLite database',
          ],
        },
      ],
    },
    {
      name: 'scale > 1',
      files: compose(...DATABASE_URL_WEB, '    scale: 2', 'volumes: {appdata: {}}'),
      errors: [
        {
          file: 'compose.yaml', line: 8, column: 12, endLine: 8, endColumn: 13, severity: 'warning', messageId: 'containers',
          data: { service: 'web', count: 2, setting: 'scale: 2', volume: "volume 'appdata'" },
        },
      ],
    },
    {
      name: 'an error on update_config.order: start-first and on rollback_config.order: start-first',
      files: compose(...DATABASE_URL_WEB, '    deploy:', '      update_config:', '        order: start-first', '      rollback_config:', '        order: "start-first"', 'volumes: {appdata: {}}'),
      errors: [
        {
          file: 'compose.yaml', line: 10, column: 16, endLine: 10, endColumn: 27, severity: 'error', messageId: 'startFirst',
          data: { service: 'web', setting: 'update_config', volume: "volume 'appdata'" },
          help: 'Use order: stop-first, keep a single writer service, serialise deploys, or use a server database when several hosts must write.',
        },
        {
          file: 'compose.yaml', line: 12, column: 16, endLine: 12, endColumn: 29, severity: 'error', messageId: 'startFirst',
          data: { service: 'web', setting: 'rollback_config', volume: "volume 'appdata'" },
        },
      ],
    },
    {
      name: 'the deploy settings of a service that shares the SQLite volume without evidence of its own',
      files: compose(...DATABASE_URL_WEB, '  worker:', '    image: worker', '    volumes: [appdata:/data]', '    deploy: {replicas: 2}', 'volumes: {appdata: {}}'),
      errors: [
        {
          file: 'compose.yaml', line: 10, column: 15, endLine: 10, endColumn: 28, severity: 'info', messageId: 'servicesShare',
          data: { first: 'web', second: 'worker', volume: "volume 'appdata'" },
        },
        {
          file: 'compose.yaml', line: 11, column: 24, endLine: 11, endColumn: 25, severity: 'warning', messageId: 'containers',
          data: { service: 'worker', count: 2, setting: 'deploy.replicas: 2', volume: "volume 'appdata'" },
        },
      ],
    },
    {
      name: 'swarm: an error on replicas > 1',
      files: { 'docker-stack.yml': yaml(...DATABASE_URL_WEB, '    deploy:', '      replicas: 2', 'volumes: {appdata: {}}') },
      errors: [
        {
          file: 'docker-stack.yml', line: 9, column: 17, endLine: 9, endColumn: 18, severity: 'error', messageId: 'swarmReplicas',
          data: { service: 'web', count: 2, setting: 'deploy.replicas: 2', volume: "volume 'appdata'" },
          help: 'Run one replica, keep a single writer service, or use a server database when several hosts must write.',
        },
      ],
    },
    {
      name: 'swarm: an error on deploy.mode: global',
      files: { 'docker-stack.prod.yml': yaml(...DATABASE_URL_WEB, '    deploy:', '      mode: global', 'volumes: {appdata: {}}') },
      errors: [
        {
          file: 'docker-stack.prod.yml', line: 9, column: 13, endLine: 9, endColumn: 19, severity: 'error', messageId: 'globalMode',
          data: { service: 'web', volume: "volume 'appdata'" }, help: 'Run one replica with a placement constraint, or use a server database when several hosts must write.',
        },
      ],
    },
    {
      name: 'swarm: an error on start-first with the default single replica',
      files: { 'docker-stack.yml': yaml(...DATABASE_URL_WEB, '    deploy:', '      update_config:', '        order: start-first', 'volumes: {appdata: {}}') },
      errors: [
        {
          file: 'docker-stack.yml', line: 10, column: 16, endLine: 10, endColumn: 27, severity: 'error', messageId: 'startFirst',
          data: { service: 'web', setting: 'update_config', volume: "volume 'appdata'" },
        },
      ],
    },
    {
      name: 'swarm: a warning on two different services sharing the volume (they may land on different nodes)',
      files: { 'docker-stack.yml': yaml(...DATABASE_URL_WEB, '  worker:', '    image: worker', '    volumes: [appdata:/data]', 'volumes: {appdata: {}}') },
      errors: [
        {
          file: 'docker-stack.yml', line: 10, column: 15, endLine: 10, endColumn: 28, severity: 'warning', messageId: 'swarmServicesShare',
          data: { first: 'web', second: 'worker', volume: "volume 'appdata'" },
          help: 'Keep a single writer service, or constrain both to one node (one service owning the schema), or use a server database when several hosts must write.',
        },
      ],
    },
    {
      name: 'swarm: an error on two services of the same image',
      files: { 'docker-stack.yml': yaml(...DATABASE_URL_WEB, '  green:', '    image: shop:2', '    volumes: [appdata:/data]', 'volumes: {appdata: {}}') },
      errors: [
        {
          file: 'docker-stack.yml', line: 10, column: 15, endLine: 10, endColumn: 28, severity: 'error', messageId: 'blueGreenPair',
          data: { first: 'web', second: 'green', made: 'image', volume: "volume 'appdata'" },
        },
      ],
    },
    {
      name: "Kamal: the incident's config, one web role on one host, storage/ in a volume",
      files: kamal(UT_DEPLOY),
      errors: [
        {
          file: 'config/deploy.yml', line: 9, column: 5, endLine: 9, endColumn: 40, severity: 'warning', messageId: 'kamalOverlap',
          data: { roles: "role 'web'", volume: "volume 'ultrathink_storage'" },
          help: 'Serialise and space out deploys, stop the old container before the new one writes where a short downtime is acceptable, keep a single writer, or use a server database when several hosts must write.',
          related: ['config/database.yml:6:39 SQLite data in the volume: keeps a production database in storage/production.sqlite3 (adapter: sqlite3)'],
        },
      ],
    },
    {
      name: 'Kamal: a database path from the env instead of database.yml',
      files: kamal([...UT_DEPLOY, 'env:', '  clear:', '    DATABASE_URL: sqlite3:///rails/storage/production.sqlite3'], {}),
      errors: [
        {
          file: 'config/deploy.yml', line: 9, column: 5, endLine: 9, endColumn: 40, severity: 'warning', messageId: 'kamalOverlap',
          data: { roles: "role 'web'", volume: "volume 'ultrathink_storage'" },
          related: ['config/deploy.yml:12:19 SQLite data in the volume: config/deploy.yml env sets DATABASE_URL to a SQLite database'],
        },
      ],
    },
    {
      name: 'Kamal: an error when the new container migrates on boot (Rails bin/docker-entrypoint runs db:prepare)',
      files: kamal(UT_DEPLOY, {
        'config/database.yml': UT_DATABASE_YML,
        Dockerfile: 'FROM ruby:3.4-slim\nWORKDIR /rails\nCOPY . .\nENTRYPOINT ["/rails/bin/docker-entrypoint"]\nCMD ["./bin/thrust", "./bin/rails", "server"]\n',
        'bin/docker-entrypoint': '#!/bin/bash -e\n# db:prepare in a comment does not count\nif [ "${@: -2:1}" == "./bin/rails" ] && [ "${@: -1:1}" == "server" ]; then\n  ./bin/rails db:prepare\nfi\nexec "${@}"\n',
      }),
      errors: [
        {
          file: 'config/deploy.yml', line: 9, column: 5, endLine: 9, endColumn: 40, severity: 'error', messageId: 'kamalOverlapMigrates',
          data: { roles: "role 'web'", volume: "volume 'ultrathink_storage'" },
          related: [
            'config/database.yml:6:39 SQLite data in the volume: keeps a production database in storage/production.sqlite3 (adapter: sqlite3)',
            'bin/docker-entrypoint:4:15 the container migrates on boot: db:prepare',
          ],
        },
      ],
    },
    {
      name: 'Kamal: an error when a Laravel entrypoint runs php artisan migrate --force (a migration command of the data)',
      files: kamal(LARAVEL_DEPLOY, LARAVEL_IMAGE),
      errors: [
        {
          file: 'config/deploy.yml', line: 9, column: 5, endLine: 9, endColumn: 43, severity: 'error', messageId: 'kamalOverlapMigrates',
          data: { roles: "role 'web'", volume: "volume 'blog_database'" },
          related: [
            'config/deploy.yml:12:19 SQLite data in the volume: config/deploy.yml env sets DATABASE_URL to a SQLite database',
            'docker/entrypoint.sh:4:5 the container migrates on boot: artisan migrate',
          ],
        },
      ],
    },
    {
      name: 'Kamal: a warning only when the migrating script is in the project but never copied into the image',
      files: kamal(LARAVEL_DEPLOY, { ...LARAVEL_IMAGE, Dockerfile: LARAVEL_IMAGE.Dockerfile.replace('COPY docker/entrypoint.sh /usr/local/bin/entrypoint.sh\n', '') }),
      errors: [
        {
          file: 'config/deploy.yml', line: 9, column: 5, endLine: 9, endColumn: 43, severity: 'warning', messageId: 'kamalOverlap',
          data: { roles: "role 'web'", volume: "volume 'blog_database'" },
          related: ['config/deploy.yml:12:19 SQLite data in the volume: config/deploy.yml env sets DATABASE_URL to a SQLite database'],
        },
      ],
    },
    {
      name: 'Kamal: an error at the second host of a role with several hosts',
      files: kamal([...UT_DEPLOY.slice(0, 5), '    - 192.0.2.11', ...UT_DEPLOY.slice(5)]),
      errors: [
        {
          file: 'config/deploy.yml', line: 6, column: 7, endLine: 6, endColumn: 17, severity: 'error', messageId: 'copyPerHost',
          data: { who: "role 'web'", firstHost: '192.0.2.10', host: '192.0.2.11', volume: "volume 'ultrathink_storage'" },
          related: [
            "config/deploy.yml:5:7 also mounted by role 'web' on 192.0.2.10",
            "config/deploy.yml:10:5 every role mounts volume 'ultrathink_storage' here",
            'config/database.yml:6:39 SQLite data in the volume: keeps a production database in storage/production.sqlite3 (adapter: sqlite3)',
          ],
        },
        {
          file: 'config/deploy.yml', line: 10, column: 5, endLine: 10, endColumn: 40, severity: 'warning', messageId: 'kamalOverlap',
          data: { roles: "role 'web'", volume: "volume 'ultrathink_storage'" },
          related: ['config/database.yml:6:39 SQLite data in the volume: keeps a production database in storage/production.sqlite3 (adapter: sqlite3)'],
        },
      ],
    },
    {
      name: 'Kamal: an error when another role on the same host mounts the volume',
      files: kamal([...UT_DEPLOY.slice(0, 5), '  job:', '    hosts:', '      - 192.0.2.10', '    cmd: bin/jobs', ...UT_DEPLOY.slice(5)]),
      errors: [
        {
          file: 'config/deploy.yml', line: 8, column: 9, endLine: 8, endColumn: 19, severity: 'error', messageId: 'hostShared',
          data: { who: "role 'job'", host: '192.0.2.10', other: "role 'web'", volume: "volume 'ultrathink_storage'" },
          help: 'Keep a single writer role (let the others reach the data through it), serialise deploys, or use a server database.',
        },
        {
          file: 'config/deploy.yml', line: 13, column: 5, endLine: 13, endColumn: 40, severity: 'warning', messageId: 'kamalOverlap',
          data: { roles: "roles 'web', 'job'", volume: "volume 'ultrathink_storage'" },
        },
      ],
    },
    {
      name: 'Kamal: an error when another role runs on another host (the data splits)',
      files: kamal([...UT_DEPLOY.slice(0, 5), '  job:', '    hosts: [192.0.2.20]', ...UT_DEPLOY.slice(5)]),
      errors: [
        {
          file: 'config/deploy.yml', line: 7, column: 13, endLine: 7, endColumn: 23, severity: 'error', messageId: 'writersOnHosts',
          data: { who: "role 'job'", volume: "volume 'ultrathink_storage'", host: '192.0.2.20', other: "role 'web'", otherHost: '192.0.2.10' },
        },
        {
          file: 'config/deploy.yml', line: 11, column: 5, endLine: 11, endColumn: 40, severity: 'warning', messageId: 'kamalOverlap',
          data: { roles: "roles 'web', 'job'", volume: "volume 'ultrathink_storage'" },
        },
      ],
    },
    {
      name: 'Kamal: an error when an accessory on the same host mounts the volume read-write',
      files: kamal([...UT_DEPLOY, 'accessories:', '  reports:', '    image: metabase/metabase', '    host: 192.0.2.10', '    volumes:', '      - ultrathink_storage:/rails/storage']),
      errors: [
        {
          file: 'config/deploy.yml', line: 9, column: 5, endLine: 9, endColumn: 40, severity: 'warning', messageId: 'kamalOverlap',
          data: { roles: "role 'web'", volume: "volume 'ultrathink_storage'" },
          related: ['config/database.yml:6:39 SQLite data in the volume: keeps a production database in storage/production.sqlite3 (adapter: sqlite3)'],
        },
        {
          file: 'config/deploy.yml', line: 15, column: 9, endLine: 15, endColumn: 42, severity: 'error', messageId: 'accessoryWrites',
          data: { who: "accessory 'reports'", volume: "volume 'ultrathink_storage'", host: '192.0.2.10', other: "role 'web'" },
          help: 'Mount it read-only in the accessory (:ro), keep a single writer, or use a server database.',
          related: [
            "config/deploy.yml:5:7 also mounted by role 'web' on 192.0.2.10",
            'config/database.yml:6:39 SQLite data in the volume: keeps a production database in storage/production.sqlite3 (adapter: sqlite3)',
          ],
        },
      ],
    },
    {
      name: 'Kamal: accessories on roles: run on those hosts',
      files: kamal([...UT_DEPLOY, 'accessories:', '  reports:', '    image: metabase/metabase', '    roles: [web]', '    volumes: [ultrathink_storage:/rails/storage]']),
      errors: [
        {
          file: 'config/deploy.yml', line: 9, column: 5, endLine: 9, endColumn: 40, severity: 'warning', messageId: 'kamalOverlap',
          data: { roles: "role 'web'", volume: "volume 'ultrathink_storage'" },
        },
        {
          file: 'config/deploy.yml', line: 14, column: 15, endLine: 14, endColumn: 48, severity: 'error', messageId: 'accessoryWrites',
          data: { who: "accessory 'reports'", volume: "volume 'ultrathink_storage'", host: '192.0.2.10', other: "role 'web'" },
        },
      ],
    },
    {
      name: 'Kamal: only the role, not a read-only accessory, an accessory on another host or a Litestream accessory',
      files: kamal([
        ...UT_DEPLOY,
        'accessories:',
        '  reports:',
        '    image: metabase/metabase',
        '    host: 192.0.2.10',
        '    volumes: ["ultrathink_storage:/rails/storage:ro"]',
        '  elsewhere:',
        '    image: metabase/metabase',
        '    host: 192.0.2.99',
        '    volumes: [ultrathink_storage:/rails/storage]',
        '  litestream:',
        '    image: litestream/litestream:0.3',
        '    host: 192.0.2.10',
        '    volumes: [ultrathink_storage:/rails/storage]',
      ]),
      errors: [
        {
          file: 'config/deploy.yml', line: 9, column: 5, endLine: 9, endColumn: 40, severity: 'warning', messageId: 'kamalOverlap',
          data: { roles: "role 'web'", volume: "volume 'ultrathink_storage'" },
          related: ['config/database.yml:6:39 SQLite data in the volume: keeps a production database in storage/production.sqlite3 (adapter: sqlite3)'],
        },
      ],
    },
    {
      name: 'Kamal: database.yml next to a config/deploy.yml in a subdirectory',
      files: { 'apps/shop/config/deploy.yml': yaml(...UT_DEPLOY), 'apps/shop/config/database.yml': UT_DATABASE_YML },
      errors: [
        {
          file: 'apps/shop/config/deploy.yml', line: 9, column: 5, endLine: 9, endColumn: 40, severity: 'warning', messageId: 'kamalOverlap',
          data: { roles: "role 'web'", volume: "volume 'ultrathink_storage'" },
        },
      ],
    },
    {
      name: 'a read-only first mount is skipped: the first writer is the related location',
      files: compose(
        'services:',
        '  reader:',
        '    image: shop:1',
        '    environment: [DATABASE_URL=sqlite:////data/app.db]',
        '    volumes: ["appdata:/data:ro"]',
        '  web:',
        '    image: web',
        '    volumes: [appdata:/data]',
        '  worker:',
        '    image: worker',
        '    volumes: [appdata:/data]',
        'volumes: {appdata: {}}',
      ),
      errors: [
        {
          file: 'compose.yaml', line: 11, column: 15, endLine: 11, endColumn: 28, severity: 'info', messageId: 'servicesShare',
          data: { first: 'web', second: 'worker', volume: "volume 'appdata'" },
          related: ["compose.yaml:8:15 also mounted by service 'web'", 'compose.yaml:4:32 SQLite data in the volume: service reader sets DATABASE_URL to a SQLite database'],
        },
      ],
    },
    {
      name: 'deploy settings written in compose.override.yaml are reported in that file',
      files: { ...compose(...DATABASE_URL_WEB, 'volumes: {appdata: {}}'), 'compose.override.yaml': yaml('services:', '  web:', '    deploy:', '      replicas: 2') },
      errors: [
        {
          file: 'compose.override.yaml', line: 4, column: 17, endLine: 4, endColumn: 18, severity: 'warning', messageId: 'containers',
          data: { service: 'web', count: 2, setting: 'deploy.replicas: 2', volume: "volume 'appdata'" },
        },
      ],
    },
    {
      name: 'Kamal: a tools accessory that runs sqlite3 on the database of a stock image, on the same host',
      files: kamal(
        [
          'service: ops', //                          1
          'image: ops/app', //                        2
          'servers: [192.0.2.10]', //                 3
          'accessories:', //                          4
          '  kuma:', //                               5
          '    image: louislam/uptime-kuma:2', //     6
          '    host: 192.0.2.10', //                  7
          '    volumes: [kuma:/app/data]', //         8
          '  kuma-tools:', //                         9
          '    image: ops/kuma-tools', //             10
          '    host: 192.0.2.10', //                  11
          '    cmd: sqlite3 /app/data/kuma.db "VACUUM"', // 12
          '    volumes: [kuma:/app/data]', //         13
        ],
        {},
      ),
      errors: [
        {
          file: 'config/deploy.yml', line: 13, column: 15, endLine: 13, endColumn: 29, severity: 'error', messageId: 'accessoryWrites',
          data: { who: "accessory 'kuma-tools'", volume: "volume 'kuma'", host: '192.0.2.10', other: "accessory 'kuma'" },
          related: [
            "config/deploy.yml:7:11 also mounted by accessory 'kuma' on 192.0.2.10",
            'config/deploy.yml:6:12 SQLite data in the volume: image louislam/uptime-kuma (Uptime Kuma) keeps its SQLite database in /app/data (source: https://github.com/louislam/uptime-kuma/wiki/%F0%9F%94%A7-How-to-Install)',
          ],
        },
      ],
    },
    {
      name: 'one image, two commands (web and worker): several writers on one host, an info, not a blue/green pair',
      files: compose(
        'services:', //                                     1
        '  web:', //                                        2
        '    image: ghcr.io/acme/inbox:2.4', //             3
        '    command: ["node", "dist/server.js"]', //       4
        '    ports: ["8080:8080"]', //                      5
        '    environment: [DATABASE_URL=file:/data/inbox.db]', // 6
        '    volumes: [inbox:/data]', //                    7
        '  worker:', //                                     8
        '    image: ghcr.io/acme/inbox:2.4', //             9
        '    command: ["node", "dist/worker.js"]', //       10
        '    volumes: [inbox:/data]', //                    11
        'volumes: {inbox: {}}', //                          12
      ),
      errors: [
        {
          file: 'compose.yaml', line: 11, column: 15, endLine: 11, endColumn: 26, severity: 'info', messageId: 'servicesShare',
          data: { first: 'web', second: 'worker', volume: "volume 'inbox'" },
          related: ["compose.yaml:7:15 also mounted by service 'web'", 'compose.yaml:6:37 SQLite data in the volume: service web sets DATABASE_URL to a SQLite database'],
        },
      ],
    },
    {
      name: 'one image with the same command twice (a hand-made blue/green pair), on different host ports, one in a profile shared with the other',
      files: compose(
        'services:', //                                     1
        '  blue:', //                                       2
        '    image: ghcr.io/acme/inbox:2.4', //             3
        '    command: node dist/server.js', //              4
        '    profiles: [live]', //                          5
        '    ports: ["8080:8080"]', //                      6
        '    environment: [DATABASE_URL=file:/data/inbox.db]', // 7
        '    volumes: [inbox:/data]', //                    8
        '  green:', //                                      9
        '    image: ghcr.io/acme/inbox:2.5', //             10
        '    command: ["node", "dist/server.js"]', //       11
        '    profiles: [live, canary]', //                  12
        '    ports: ["127.0.0.1:8081:8080"]', //            13
        '    environment: [DATABASE_URL=file:/data/inbox.db]', // 14
        '    volumes: [inbox:/data]', //                    15
        'volumes: {inbox: {}}', //                          16
      ),
      errors: [
        {
          file: 'compose.yaml', line: 15, column: 15, endLine: 15, endColumn: 26, severity: 'error', messageId: 'blueGreenPair',
          data: { first: 'blue', second: 'green', made: 'image', volume: "volume 'inbox'" },
        },
      ],
    },
    {
      name: 'a worker in a profile runs beside a service without profiles; a service on Postgres in the same file is left out',
      files: compose(
        'services:', //                                     1
        '  app:', //                                        2
        '    image: acme/app:1', //                         3
        '    environment: [DB_FILE=/data/app.sqlite]', //   4
        '    volumes: [./data:/data]', //                   5
        '  jobs:', //                                       6
        '    image: acme/jobs:1', //                        7
        '    profiles: [jobs]', //                          8
        '    volumes: [./data:/data]', //                   9
        '  metabase:', //                                   10
        '    image: metabase/metabase:v0.50.0', //          11
        '    environment: {MB_DB_TYPE: postgres, DB_TYPE: postgres}', // 12
        '    volumes: [./data:/data]', //                   13
      ),
      errors: [
        {
          file: 'compose.yaml', line: 9, column: 15, endLine: 9, endColumn: 27, severity: 'info', messageId: 'servicesShare',
          data: { first: 'app', second: 'jobs', volume: 'host directory ./data' },
        },
      ],
    },
    {
      name: 'Kamal: a postgres accessory under the same host directory is no writer; the app role still overlaps across deploys',
      files: kamal([
        ...UT_DEPLOY.slice(0, 8), //                        1-8
        '  - "/srv/shop:/rails/storage"', //                9
        'accessories:', //                                  10
        '  db:', //                                         11
        '    image: postgres:16', //                        12
        '    host: 192.0.2.10', //                          13
        '    volumes: ["/srv/shop:/var/lib/postgresql/data"]', // 14
      ]),
      errors: [
        {
          file: 'config/deploy.yml', line: 9, column: 5, endLine: 9, endColumn: 31, severity: 'warning', messageId: 'kamalOverlap',
          data: { roles: "role 'web'", volume: 'host directory /srv/shop' },
        },
      ],
    },
    {
      name: 'Kamal: a destination file (config/deploy.production.yml) with two hosts, merged over config/deploy.yml as kamal -d production does',
      files: kamal(UT_DEPLOY, {
        'config/database.yml': UT_DATABASE_YML,
        'config/deploy.production.yml': yaml(
          'servers:', //                  1
          '  web:', //                    2
          '    - 198.51.100.10', //       3
          '    - 198.51.100.11', //       4
          'env:', //                      5
          '  clear:', //                  6
          '    RAILS_LOG_LEVEL: info', // 7
        ),
        'config/deploy.staging.yml': yaml('env:', '  clear:', '    RAILS_LOG_LEVEL: debug'),
      }),
      errors: [
        {
          file: 'config/deploy.production.yml', line: 4, column: 7, endLine: 4, endColumn: 20, severity: 'error', messageId: 'copyPerHost',
          data: { who: "role 'web'", firstHost: '198.51.100.10', host: '198.51.100.11', volume: "volume 'ultrathink_storage'" },
          related: [
            "config/deploy.production.yml:3:7 also mounted by role 'web' on 198.51.100.10",
            "config/deploy.yml:9:5 every role mounts volume 'ultrathink_storage' here",
            'config/database.yml:6:39 SQLite data in the volume: keeps a production database in storage/production.sqlite3 (adapter: sqlite3)',
          ],
        },
        {
          file: 'config/deploy.yml', line: 9, column: 5, endLine: 9, endColumn: 40, severity: 'warning', messageId: 'kamalOverlap',
          data: { roles: "role 'web'", volume: "volume 'ultrathink_storage'" },
        },
      ],
    },
    {
      name: 'Kamal: a base config/deploy.yml without servers (every destination names its own): the destination reports the overlap at the base volume',
      files: kamal(['service: shop', 'image: ultrathink/shop', 'volumes:', '  - "ultrathink_storage:/rails/storage"'], {
        'config/database.yml': UT_DATABASE_YML,
        'config/deploy.staging.yml': yaml('servers:', '  - 203.0.113.5'),
      }),
      errors: [
        {
          file: 'config/deploy.yml', line: 4, column: 5, endLine: 4, endColumn: 40, severity: 'warning', messageId: 'kamalOverlap',
          data: { roles: "role 'web'", volume: "volume 'ultrathink_storage'" },
        },
      ],
    },
    {
      name: 'a service on Postgres that also names a SQLite file in the mount (a cache database) still writes it',
      files: compose(
        'services:', //                                        1
        '  api:', //                                           2
        '    image: acme/api:4', //                            3
        '    environment:', //                                 4
        '      DATABASE_URL: postgres://api@db:5432/api', //   5
        '      CACHE_DB: /data/cache.sqlite3', //              6
        '    volumes: [data:/data]', //                        7
        '    scale: 2', //                                     8
        'volumes: {data: {}}', //                              9
      ),
      errors: [
        {
          file: 'compose.yaml', line: 8, column: 12, endLine: 8, endColumn: 13, severity: 'warning', messageId: 'containers',
          data: { service: 'api', count: 2, setting: 'scale: 2', volume: "volume 'data'" },
        },
      ],
    },
    {
      name: 'start-first in a flow mapping, at its value',
      files: compose(...DATABASE_URL_WEB, '    deploy: {update_config: {order: start-first}}', 'volumes: {appdata: {}}'),
      errors: [
        {
          file: 'compose.yaml', line: 8, column: 37, endLine: 8, endColumn: 48, severity: 'error', messageId: 'startFirst',
          data: { service: 'web', setting: 'update_config', volume: "volume 'appdata'" },
          related: [
            "compose.yaml:7:9 service 'web' mounts volume 'appdata' here",
            'compose.yaml:5:21 SQLite data in the volume: service web sets DATABASE_URL to a SQLite database',
          ],
        },
      ],
    },
  ],
});

import { sqliteAutoUpdate } from '../../rules/sqlite-auto-update';
import { exampleFiles } from '../support/rule-docs';
import { ruleTable } from '../support/rule-table';
import { yaml } from '../support/yaml-lines';

/**
 * Healthchecks on SQLite (image on line 3, labels from line 7) and a Watchtower (image on line 10,
 * its command on line 11), the given lines inserted as the Healthchecks service's labels.
 */
function healthchecks(image: string, watchtowerCommand: string, ...labelLines: string[]): { 'compose.yaml': string } {
  return {
    'compose.yaml': yaml(
      'services:', //                                          1
      '  hc:', //                                              2
      `    image: ${image}`, //                                3
      '    environment: {DB: sqlite, DB_NAME: /data/hc.sqlite}', // 4
      '    volumes: [hcdata:/data]', //                        5
      '    labels:', //                                        6
      ...(labelLines.length > 0 ? labelLines : ['      app: healthchecks']), // 7
      '  watchtower:', //                                      8
      '    environment: {TZ: UTC}', //                         9
      '    image: containrrr/watchtower:1.7.1', //             10
      `    command: ${watchtowerCommand}`, //                  11
      'volumes: {hcdata: {}}',
    ),
  };
}

/** Rails' bin/docker-entrypoint template: it prepares the database when the server starts (line 4). */
const RAILS_ENTRYPOINT = ['#!/bin/bash -e', '', 'if [ "${@: -2:1}" == "./bin/thrust" ] && [ "${@: -1:1}" == "./bin/rails" ]; then', '  ./bin/rails db:prepare', 'fi', '', 'exec "${@}"', ''].join('\n');
const PLAIN_ENTRYPOINT = ['#!/bin/sh', 'set -e', 'exec "$@"', ''].join('\n');
const RAILS_DOCKERFILE = ['FROM ruby:3.3-slim', 'WORKDIR /rails', 'COPY . .', 'COPY bin/docker-entrypoint /rails/bin/', 'ENTRYPOINT ["/rails/bin/docker-entrypoint"]', 'CMD ["./bin/thrust", "./bin/rails", "server"]', ''].join('\n');

/**
 * A Rails app the project builds and CI pushes as `latest` (image line 4), on SQLite (line 7),
 * with a Watchtower (image line 10); `extra` lines go into the app service after its volumes.
 */
function railsApp(entrypoint: string, ...extra: string[]): Record<string, string> {
  return {
    'compose.yaml': yaml(
      'services:', //                                                    1
      '  web:', //                                                       2
      '    build: .', //                                                 3
      '    image: ghcr.io/example/shop:latest', //                       4
      '    volumes: [storage:/rails/storage]', //                        5
      '    environment:', //                                             6
      '      DATABASE_URL: sqlite3:/rails/storage/production.sqlite3', // 7
      ...extra,
      '  watchtower:', //                                                8 + extra
      '    image: containrrr/watchtower:1.7.1', //                       9 + extra
      '    volumes: [/var/run/docker.sock:/var/run/docker.sock]',
      'volumes: {storage: {}}',
    ),
    Dockerfile: RAILS_DOCKERFILE,
    'bin/docker-entrypoint': entrypoint,
  };
}

const HC_EVIDENCE = 'compose.yaml:4:40 SQLite data: service hc sets DB_NAME to a SQLite database';
const HC_MIGRATES = 'compose.yaml:3:12 Healthchecks runs manage.py migrate in its uWSGI start';
const WATCHTOWER = 'compose.yaml:10:12 Watchtower runs here';

ruleTable(sqliteAutoUpdate, {
  valid: [
    { name: 'examples/sqlite-auto-update/good', files: exampleFiles('sqlite-auto-update/good') },
    { name: 'a pinned full version', files: healthchecks('healthchecks/healthchecks:v3.6.1', '--cleanup') },
    { name: 'a digest-pinned image', files: healthchecks('healthchecks/healthchecks@sha256:0f4b2c6e0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d', '--cleanup') },
    { name: 'label-enable mode and the service not labelled', files: healthchecks('healthchecks/healthchecks:latest', '--label-enable --cleanup') },
    { name: 'opted out with the enable label false', files: healthchecks('healthchecks/healthchecks:latest', '--cleanup', '      com.centurylinklabs.watchtower.enable: "false"') },
    { name: 'Watchtower watches only another container by name', files: healthchecks('healthchecks/healthchecks:latest', '--cleanup grafana') },
    {
      name: 'a pre-update hook backs the database up with sqlite3 .backup',
      files: healthchecks('healthchecks/healthchecks:latest', '--enable-lifecycle-hooks', '      com.centurylinklabs.watchtower.lifecycle.pre-update: "sqlite3 /data/hc.sqlite \'.backup /data/pre-update.sqlite\'"'),
    },
    {
      name: 'a Litestream sidecar replicates the volume',
      files: {
        'compose.yaml': yaml(
          'services:',
          '  hc:',
          '    image: healthchecks/healthchecks:latest',
          '    environment: {DB: sqlite, DB_NAME: /data/hc.sqlite}',
          '    volumes: [hcdata:/data]',
          '  litestream:',
          '    image: litestream/litestream:0.3.13',
          '    command: replicate',
          '    volumes: [hcdata:/data]',
          '  watchtower:',
          '    image: containrrr/watchtower:1.7.1',
          'volumes: {hcdata: {}}',
        ),
      },
    },
    {
      name: 'an auto-updated image on latest that does not migrate on start (nginx, no SQLite)',
      files: { 'compose.yaml': yaml('services:', '  web:', '    image: nginx:latest', '  watchtower:', '    image: containrrr/watchtower:1.7.1') },
    },
    { name: "a built image whose entrypoint script only exec's its command", files: railsApp(PLAIN_ENTRYPOINT) },
    { name: "a compose entrypoint: replaces the image's migrating entrypoint script", files: railsApp(RAILS_ENTRYPOINT, '    entrypoint: ["./bin/rails", "server"]') },
    { name: 'the built image migrates on start but is pinned to a full version', files: { ...railsApp(RAILS_ENTRYPOINT), 'compose.yaml': railsApp(RAILS_ENTRYPOINT)['compose.yaml'].replace('shop:latest', 'shop:1.4.2') } },
    {
      // Kamal runs the image under its version tag (the git commit), which never moves: a Watchtower
      // accessory finds nothing newer, and kamal deploy is an explicit deploy. The rule reads no Kamal file.
      name: 'Kamal: a Rails app whose entrypoint runs db:prepare, beside a Watchtower accessory',
      files: {
        'config/deploy.yml': yaml(
          'service: shop',
          'image: example/shop',
          'servers:',
          '  - 192.0.2.10',
          'volumes:',
          '  - "/srv/shop/storage:/rails/storage"',
          'accessories:',
          '  watchtower:',
          '    image: containrrr/watchtower:1.7.1',
          '    host: 192.0.2.10',
          '    volumes:',
          '      - "/var/run/docker.sock:/var/run/docker.sock"',
        ),
        Dockerfile: RAILS_DOCKERFILE,
        'bin/docker-entrypoint': RAILS_ENTRYPOINT,
      },
    },
    {
      name: 'Healthchecks on PostgreSQL',
      files: {
        'compose.yaml': yaml('services:', '  hc:', '    image: healthchecks/healthchecks:latest', '    environment: {DB: postgres, DB_HOST: db}', '  watchtower:', '    image: containrrr/watchtower:1.7.1'),
      },
    },
  ],
  invalid: [
    {
      name: 'examples/sqlite-auto-update/bad',
      files: exampleFiles('sqlite-auto-update/bad'),
      errors: [
        {
          file: 'compose.yaml', line: 3, column: 12, endLine: 3, endColumn: 44, severity: 'warning', messageId: 'autoUpdate',
          data: { updater: 'Watchtower', who: "service 'healthchecks'", tag: 'latest' },
          related: ['compose.yaml:11:12 Watchtower runs here', 'compose.yaml:3:12', 'compose.yaml:6:16'],
        },
      ],
    },
    {
      name: 'no tag at all, Watchtower in label-enable mode and the service opted in',
      files: healthchecks('healthchecks/healthchecks', '--label-enable', '      com.centurylinklabs.watchtower.enable: "true"'),
      errors: [{ file: 'compose.yaml', line: 3, column: 12, endLine: 3, endColumn: 37, severity: 'warning', messageId: 'autoUpdate', data: { updater: 'Watchtower', who: "service 'hc'", tag: 'no tag' }, related: [WATCHTOWER, HC_MIGRATES, HC_EVIDENCE] }],
    },
    {
      name: "a major-only tag, the service's container named on Watchtower's command line",
      files: healthchecks('healthchecks/healthchecks:v3', '--cleanup myproject-hc-1'),
      errors: [{ file: 'compose.yaml', line: 3, column: 12, endLine: 3, endColumn: 40, severity: 'warning', messageId: 'autoUpdate', data: { updater: 'Watchtower', who: "service 'hc'", tag: 'major-only v3' }, related: [WATCHTOWER, HC_MIGRATES, HC_EVIDENCE] }],
    },
    {
      name: 'a Django app that migrates in its command, opted in for a Watchtower that runs elsewhere on the host',
      files: {
        'compose.yaml': yaml(
          'services:',
          '  web:',
          '    image: ghcr.io/example/notes:2',
          '    command: sh -c "python manage.py migrate && gunicorn notes.wsgi"',
          '    environment:',
          '      DATABASE_URL: sqlite:////data/notes.db',
          '    labels: ["com.centurylinklabs.watchtower.enable=true"]',
          '    volumes: [notes:/data]',
          'volumes: {notes: {}}',
        ),
      },
      errors: [
        {
          file: 'compose.yaml', line: 3, column: 12, endLine: 3, endColumn: 35, severity: 'warning', messageId: 'autoUpdate',
          data: { updater: 'a Watchtower on the host', who: "service 'web'", tag: 'major-only 2' },
          related: ['compose.yaml:4:14 the start runs manage.py migrate', 'compose.yaml:6:21'],
        },
      ],
    },
    {
      name: "a built image pushed as latest whose copied bin/docker-entrypoint runs db:prepare",
      files: railsApp(RAILS_ENTRYPOINT),
      errors: [
        {
          file: 'compose.yaml', line: 4, column: 12, endLine: 4, endColumn: 39, severity: 'warning', messageId: 'autoUpdate',
          data: { updater: 'Watchtower', who: "service 'web'", tag: 'latest' },
          related: ['compose.yaml:9:12 Watchtower runs here', 'bin/docker-entrypoint:4:3 the start runs db:prepare', 'compose.yaml:7:21'],
        },
      ],
    },
    {
      name: "a compose command: replaces the CMD but the image's entrypoint script still migrates",
      files: railsApp(RAILS_ENTRYPOINT, '    command: ["./bin/thrust", "./bin/rails", "server", "-b", "0.0.0.0"]'),
      errors: [
        {
          file: 'compose.yaml', line: 4, column: 12, endLine: 4, endColumn: 39, severity: 'warning', messageId: 'autoUpdate',
          data: { updater: 'Watchtower', who: "service 'web'", tag: 'latest' },
          related: ['compose.yaml:10:12 Watchtower runs here', 'bin/docker-entrypoint:4:3 the start runs db:prepare', 'compose.yaml:7:21'],
        },
      ],
    },
    {
      name: 'a built Laravel image whose CMD runs php artisan migrate --force, on a floating major tag',
      files: {
        'compose.yaml': yaml(
          'services:',
          '  app:',
          '    build: {context: ., dockerfile: docker/Dockerfile}',
          '    image: registry.example.com/blog:3',
          '    environment: {DB_CONNECTION: sqlite, DB_DATABASE: /var/www/database/database.sqlite}',
          '    volumes: [db:/var/www/database]',
          '    labels: [com.centurylinklabs.watchtower.enable=true]',
          'volumes: {db: {}}',
        ),
        'docker/Dockerfile': ['FROM php:8.3-fpm', 'WORKDIR /var/www', 'COPY . .', 'CMD ["sh", "-c", "php artisan migrate --force && php-fpm"]', ''].join('\n'),
      },
      errors: [
        {
          file: 'compose.yaml', line: 4, column: 12, endLine: 4, endColumn: 39, severity: 'warning', messageId: 'autoUpdate',
          data: { updater: 'a Watchtower on the host', who: "service 'app'", tag: 'major-only 3' },
          related: ['docker/Dockerfile:4:1 the start runs artisan migrate', 'compose.yaml:5:55'],
        },
      ],
    },
  ],
});

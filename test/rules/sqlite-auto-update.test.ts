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
  ],
});

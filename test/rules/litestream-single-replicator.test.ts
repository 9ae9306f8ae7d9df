import { litestreamSingleReplicator } from '../../rules/litestream-single-replicator';
import { exampleFiles } from '../support/rule-docs';
import { ruleTable } from '../support/rule-table';
import { yaml } from '../support/yaml-lines';

const LITESTREAM_YML = yaml('dbs:', '  - path: /data/app.db', '    replicas:', '      - url: s3://example-backups/app');
/** An app image whose CMD wraps the app in `litestream replicate -exec`. */
const EXEC_DOCKERFILE = 'FROM debian:bookworm-slim\nCOPY --from=litestream/litestream:0.3.13 /usr/local/bin/litestream /usr/local/bin/\nCMD ["litestream", "replicate", "-exec", "/usr/local/bin/app"]\n';
const PLAIN_DOCKERFILE = 'FROM debian:bookworm-slim\nCOPY app /usr/local/bin/app\nCMD ["/usr/local/bin/app"]\n';

/** Rails' entrypoint template with Litestream wrapping the server (line 5). */
const ENTRYPOINT_SCRIPT = ['#!/bin/bash -e', '# Restore the database if it does not exist yet', 'litestream restore -if-db-not-exists -if-replica-exists /rails/storage/production.sqlite3', '', 'exec litestream replicate -exec "$*"', ''].join('\n');
/** The same script without replication: it restores, then runs the command it is given. */
const RESTORE_ONLY_SCRIPT = ['#!/bin/bash -e', 'litestream restore -if-db-not-exists -if-replica-exists /rails/storage/production.sqlite3', 'exec "${@}"', ''].join('\n');
/** A Rails image that copies bin/docker-entrypoint and starts through it. */
const RAILS_DOCKERFILE = [
  'FROM ruby:3.3-slim', //                                     1
  'WORKDIR /rails', //                                         2
  'COPY --from=litestream/litestream:0.3.13 /usr/local/bin/litestream /usr/local/bin/', // 3
  'COPY . .', //                                               4
  'COPY bin/docker-entrypoint /rails/bin/', //                 5
  'ENTRYPOINT ["/rails/bin/docker-entrypoint"]', //            6
  'CMD ["./bin/rails", "server"]', //                          7
  '',
].join('\n');

/** A Kamal web role on 192.0.2.10 with the storage volume, and a Litestream accessory on `accessoryHost` replicating that path. */
function kamalWithAccessory(accessoryHost: string, dockerfile: string): Record<string, string> {
  return {
    'config/deploy.yml': yaml(
      'service: shop',
      'image: example/shop',
      'servers:',
      '  web:',
      '    - 192.0.2.10',
      'volumes:',
      '  - "/srv/shop/storage:/rails/storage"',
      'accessories:',
      '  litestream:',
      '    image: litestream/litestream:0.3.13',
      `    host: ${accessoryHost}`,
      '    cmd: replicate',
      '    volumes:',
      '      - "/srv/shop/storage:/rails/storage"',
    ),
    Dockerfile: dockerfile,
  };
}

/** A Kamal app whose only role is the implicit web role (`servers:` as a list, line 3), the storage volume global. */
function kamalWeb(script: string, ...extra: string[]): Record<string, string> {
  return {
    'config/deploy.yml': yaml('service: shop', 'image: example/shop', 'servers:', '  - 192.0.2.10', 'volumes:', '  - "/srv/shop/storage:/rails/storage"', ...extra),
    Dockerfile: RAILS_DOCKERFILE,
    'bin/docker-entrypoint': script,
  };
}

/** A Kamal app with two roles on the given hosts (lines 3-10), the storage volume global. */
function kamalRoles(webHost: string, jobsHost: string, jobsCmd: string, dockerfile = EXEC_DOCKERFILE): Record<string, string> {
  return {
    'config/deploy.yml': yaml(
      'service: shop', //                               1
      'image: example/shop', //                         2
      'servers:', //                                    3
      '  web:', //                                      4
      '    hosts:', //                                  5
      `      - ${webHost}`, //                          6
      '  jobs:', //                                     7
      '    hosts:', //                                  8
      `      - ${jobsHost}`, //                         9
      `    cmd: ${jobsCmd}`, //                         10
      'volumes:', //                                    11
      '  - "/srv/shop/storage:/rails/storage"', //      12
    ),
    Dockerfile: dockerfile,
  };
}

ruleTable(litestreamSingleReplicator, {
  valid: [
    { name: 'examples/litestream-single-replicator/good', files: exampleFiles('litestream-single-replicator/good') },
    {
      name: 'one Litestream sidecar beside an app that does not run it',
      files: {
        'compose.yaml': yaml(
          'services:',
          '  app:',
          '    build: .',
          '    volumes: [appdata:/data]',
          '  litestream:',
          '    image: litestream/litestream:0.3.13',
          '    command: replicate',
          '    volumes: [appdata:/data, ./litestream.yml:/etc/litestream.yml:ro]',
          'volumes: {appdata: {}}',
        ),
        Dockerfile: PLAIN_DOCKERFILE,
        'litestream.yml': LITESTREAM_YML,
      },
    },
    {
      name: 'a Litestream container that restores, not replicates, beside the -exec app',
      files: {
        'compose.yaml': yaml(
          'services:',
          '  app:',
          '    build: .',
          '    volumes: [appdata:/data]',
          '  restore:',
          '    image: litestream/litestream:0.3.13',
          '    command: restore -if-replica-exists /data/app.db',
          '    volumes: [appdata:/data]',
          'volumes: {appdata: {}}',
        ),
        Dockerfile: EXEC_DOCKERFILE,
      },
    },
    {
      name: 'replicas: 1, and a global service (one per node, each with its own local volume)',
      files: {
        'compose.yaml': yaml(
          'services:',
          '  app:',
          '    build: .',
          '    deploy: {replicas: 1}',
          '    volumes: [appdata:/data]',
          '  edge:',
          '    image: litestream/litestream:0.3.13',
          '    command: replicate',
          '    deploy: {mode: global, replicas: 3}',
          '    volumes: [edgedata:/data]',
          'volumes: {appdata: {}, edgedata: {}}',
        ),
        Dockerfile: EXEC_DOCKERFILE,
      },
    },
    {
      name: 'two replicating services on different volumes (two databases)',
      files: {
        'compose.yaml': yaml(
          'services:',
          '  blog:',
          '    image: litestream/litestream:0.3.13',
          '    command: ["replicate", "/data/blog.db", "s3://b/blog"]',
          '    volumes: [blogdata:/data]',
          '  wiki:',
          '    image: litestream/litestream:0.3.13',
          '    command: ["replicate", "/data/wiki.db", "s3://b/wiki"]',
          '    volumes: [wikidata:/data]',
          'volumes: {blogdata: {}, wikidata: {}}',
        ),
      },
    },
    { name: 'Kamal: neither role runs Litestream (plain image, jobs cmd without it)', files: kamalRoles('192.0.2.10', '192.0.2.10', 'bin/jobs', PLAIN_DOCKERFILE) },
    { name: 'Kamal: the entrypoint script only restores, then runs the server', files: kamalWeb(RESTORE_ONLY_SCRIPT) },
    {
      name: 'Kamal: Litestream only in an accessory on the storage directory; the app role does not replicate',
      files: kamalWithAccessory('192.0.2.10', PLAIN_DOCKERFILE),
    },
    {
      name: 'Kamal: a -exec image with no volumes (each container has its own database; sqlite-ephemeral-storage reports that)',
      files: { 'config/deploy.yml': yaml('service: shop', 'image: example/shop', 'servers:', '  - 192.0.2.10'), Dockerfile: EXEC_DOCKERFILE },
    },
  ],
  invalid: [
    {
      name: 'examples/litestream-single-replicator/bad',
      files: exampleFiles('litestream-single-replicator/bad'),
      errors: [
        {
          file: 'compose.yaml', line: 12, column: 9, endLine: 12, endColumn: 22, severity: 'error', messageId: 'twoReplicators',
          data: { who: "service 'litestream'", other: "service 'app'", volume: 'appdata' },
          related: ["Dockerfile:5:1 service 'app' runs litestream replicate here", "compose.yaml:10:14 service 'litestream' runs it here"],
        },
      ],
    },
    {
      name: 'the -exec app scaled to 2 replicas',
      files: {
        'compose.yaml': yaml('services:', '  app:', '    build: .', '    deploy:', '      replicas: 2', '    volumes: [appdata:/data]', 'volumes: {appdata: {}}'),
        Dockerfile: EXEC_DOCKERFILE,
      },
      errors: [
        {
          file: 'compose.yaml', line: 5, column: 17, endLine: 5, endColumn: 18, severity: 'error', messageId: 'replicas',
          data: { who: "service 'app'", count: '2' },
          related: ['Dockerfile:3:1 litestream replicate starts here'],
        },
      ],
    },
    {
      name: 'a replicating sidecar with scale: 3',
      files: {
        'compose.yaml': yaml('services:', '  litestream:', '    image: litestream/litestream:0.3.13', '    command: replicate', '    scale: 3', '    volumes: [appdata:/data]', 'volumes: {appdata: {}}'),
      },
      errors: [{ file: 'compose.yaml', line: 5, column: 12, endLine: 5, endColumn: 13, severity: 'error', messageId: 'replicas', data: { who: "service 'litestream'", count: '3' }, related: ['compose.yaml:4:14'] }],
    },
    {
      name: 'the same host directory replicated by a command override and a sidecar',
      files: {
        'compose.yaml': yaml(
          'services:',
          '  app:',
          '    image: ghcr.io/example/app:2',
          '    command: ["litestream", "replicate", "-exec", "app serve"]',
          '    volumes: ["./data:/var/lib/app"]',
          '  backup:',
          '    image: litestream/litestream:0.3.13',
          '    command: ["replicate", "/var/lib/app/app.db", "s3://b/app"]',
          '    volumes: ["./data/:/var/lib/app"]',
        ),
      },
      errors: [
        {
          file: 'compose.yaml', line: 9, column: 15, endLine: 9, endColumn: 37, severity: 'error', messageId: 'twoReplicators',
          data: { who: "service 'backup'", other: "service 'app'", volume: './data/' },
          related: ['compose.yaml:4:15', 'compose.yaml:8:15'],
        },
      ],
    },
    {
      name: 'Kamal: the web role starts through a copied bin/docker-entrypoint that runs litestream replicate -exec',
      files: kamalWeb(ENTRYPOINT_SCRIPT),
      errors: [
        {
          file: 'config/deploy.yml', line: 3, column: 1, endLine: 3, endColumn: 8, severity: 'error', messageId: 'deployOverlap',
          data: { who: "role 'web'" },
          related: ['bin/docker-entrypoint:5:1 litestream replicate starts here'],
        },
      ],
    },
    {
      name: "Kamal: a role's cmd runs litestream replicate -exec; deploy_timeout and readiness_delay do not stop the old container first",
      files: {
        'config/deploy.yml': yaml(
          'service: shop', //                                              1
          'image: example/shop', //                                        2
          'servers:', //                                                   3
          '  web:', //                                                     4
          '    hosts:', //                                                 5
          '      - 192.0.2.10', //                                         6
          '    cmd: litestream replicate -exec "bin/rails server"', //     7
          'volumes:', //                                                   8
          '  - "shop_storage:/rails/storage"', //                          9
          'deploy_timeout: 60', //                                         10
          'readiness_delay: 0', //                                         11
        ),
        Dockerfile: PLAIN_DOCKERFILE,
      },
      errors: [
        {
          file: 'config/deploy.yml', line: 4, column: 3, endLine: 4, endColumn: 6, severity: 'error', messageId: 'deployOverlap',
          data: { who: "role 'web'" },
          related: ['config/deploy.yml:7:10 litestream replicate starts here'],
        },
      ],
    },
    {
      name: 'Kamal: the replicating roles run on different hosts: each overlaps itself during a deploy',
      files: kamalRoles('192.0.2.10', '192.0.2.11', 'litestream replicate -exec "bin/jobs"'),
      errors: [
        { file: 'config/deploy.yml', line: 4, column: 3, endLine: 4, endColumn: 6, severity: 'error', messageId: 'deployOverlap', data: { who: "role 'web'" }, related: ['Dockerfile:3:1 litestream replicate starts here'] },
        { file: 'config/deploy.yml', line: 7, column: 3, endLine: 7, endColumn: 7, severity: 'error', messageId: 'deployOverlap', data: { who: "role 'jobs'" }, related: ['config/deploy.yml:10:10 litestream replicate starts here'] },
      ],
    },
    {
      name: 'Kamal: the jobs role overrides cmd without Litestream; the web role still runs the -exec image',
      files: kamalRoles('192.0.2.10', '192.0.2.10', 'bin/jobs'),
      errors: [{ file: 'config/deploy.yml', line: 4, column: 3, endLine: 4, endColumn: 6, severity: 'error', messageId: 'deployOverlap', data: { who: "role 'web'" }, related: ['Dockerfile:3:1 litestream replicate starts here'] }],
    },
    {
      name: 'Kamal: two roles run the -exec image on one host with the global storage volume',
      files: kamalRoles('192.0.2.10', '192.0.2.10', 'litestream replicate -exec "bin/jobs"'),
      errors: [
        { file: 'config/deploy.yml', line: 4, column: 3, endLine: 4, endColumn: 6, severity: 'error', messageId: 'deployOverlap', data: { who: "role 'web'" }, related: ['Dockerfile:3:1 litestream replicate starts here'] },
        {
          file: 'config/deploy.yml', line: 7, column: 3, endLine: 7, endColumn: 7, severity: 'error', messageId: 'overlappingRoles',
          data: { who: "role 'jobs'", other: "role 'web'", host: '192.0.2.10' },
          related: ["config/deploy.yml:4:3 role 'web' runs litestream replicate on the same host"],
        },
      ],
    },
    {
      name: 'Kamal: a Litestream accessory on the storage directory of an app that runs -exec',
      files: kamalWithAccessory('192.0.2.10', EXEC_DOCKERFILE),
      errors: [
        { file: 'config/deploy.yml', line: 4, column: 3, endLine: 4, endColumn: 6, severity: 'error', messageId: 'deployOverlap', data: { who: "role 'web'" }, related: ['Dockerfile:3:1 litestream replicate starts here'] },
        {
          file: 'config/deploy.yml', line: 14, column: 9, endLine: 14, endColumn: 43, severity: 'error', messageId: 'twoReplicators',
          data: { who: "accessory 'litestream'", other: "role 'web'", volume: '/srv/shop/storage' },
          related: ['config/deploy.yml:4:3'],
        },
      ],
    },
    {
      name: 'Kamal: a Litestream accessory on another host than the replicating role (same path, another disk): only the deploy overlap',
      files: kamalWithAccessory('192.0.2.20', EXEC_DOCKERFILE),
      errors: [{ file: 'config/deploy.yml', line: 4, column: 3, endLine: 4, endColumn: 6, severity: 'error', messageId: 'deployOverlap', data: { who: "role 'web'" }, related: ['Dockerfile:3:1 litestream replicate starts here'] }],
    },
  ],
});

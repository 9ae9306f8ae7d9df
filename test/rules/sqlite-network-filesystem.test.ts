import { sqliteNetworkFilesystem } from '../../rules/sqlite-network-filesystem';
import { exampleFiles } from '../support/rule-docs';
import { ruleTable } from '../support/rule-table';
import { yaml } from '../support/yaml-lines';

/** A compose file: one service `app` writing SQLite at /data/app.db, its volume `appdata` declared by the given lines (from line 9). */
function appWithVolume(...volumeLines: string[]): { 'compose.yaml': string } {
  return {
    'compose.yaml': yaml(
      'services:', //                                  1
      '  app:', //                                     2
      '    image: ghcr.io/example/app:3', //           3
      '    environment:', //                           4
      '      DATABASE_URL: sqlite:////data/app.db', // 5
      '    volumes:', //                               6
      '      - appdata:/data', //                      7
      'volumes:', //                                   8
      '  appdata:', //                                 9
      ...volumeLines,
    ),
  };
}

const APP_MOUNT = { file: 'compose.yaml', line: 7, column: 9, endLine: 7, endColumn: 22, severity: 'error' as const, messageId: 'networkVolume' };
const APP_EVIDENCE = 'compose.yaml:5:21 SQLite data in the volume: service app sets DATABASE_URL to a SQLite database';
const RAILS_DATABASE_YML = yaml('production:', '  adapter: sqlite3', '  database: storage/production.sqlite3');

ruleTable(sqliteNetworkFilesystem, {
  valid: [
    { name: 'examples/sqlite-network-filesystem/good', files: exampleFiles('sqlite-network-filesystem/good') },
    {
      name: 'an NFS volume holding only media, the database on a local volume',
      files: {
        'compose.yaml': yaml(
          'services:',
          '  blog:',
          '    image: ghcr.io/example/blog:1',
          '    environment:',
          '      DATABASE_URL: sqlite:////var/lib/blog/blog.db',
          '    volumes:',
          '      - blogdb:/var/lib/blog',
          '      - media:/srv/media',
          'volumes:',
          '  blogdb: {}',
          '  media:',
          '    driver_opts: {type: nfs, o: "addr=nas.lan,ro", device: ":/media"}',
        ),
      },
    },
    {
      name: 'an NFS volume mounted by a service with no sign of SQLite (nginx serving files)',
      files: { 'compose.yaml': yaml('services:', '  web:', '    image: nginx:1.27', '    volumes:', '      - site:/usr/share/nginx/html:ro', 'volumes:', '  site:', '    driver_opts: {type: nfs4, o: addr=10.0.0.5, device: ":/site"}') },
    },
    { name: 'a local bind volume (type none, o: bind)', files: appWithVolume('    driver: local', '    driver_opts:', '      type: none', '      o: bind', '      device: /srv/app/data') },
    { name: 'an external volume: its driver is not in the file', files: appWithVolume('    external: true') },
    { name: 'a tmpfs volume', files: appWithVolume('    driver_opts: {type: tmpfs, device: tmpfs, o: "size=64m"}') },
    { name: 'a volume plugin the data does not list', files: appWithVolume('    driver: local-persist', '    driver_opts: {mountpoint: /srv/app}') },
    { name: 'cloudstor:aws with EBS backing (block storage, one host at a time)', files: appWithVolume('    driver: "cloudstor:aws"', '    driver_opts: {backing: relocatable, size: 25}') },
    {
      name: 'host directories that are not under a network mount prefix (/mnt/data, /srv/nfs-notes)',
      files: {
        'compose.yaml': yaml('services:', '  app:', '    image: app:1', '    command: ["serve", "--db", "/data/app.db"]', '    volumes:', '      - /mnt/data/app:/data', '      - /srv/nfs-notes:/notes'),
      },
    },
    {
      name: 'Kamal: the storage directory on a local path',
      files: {
        'config/deploy.yml': yaml('service: shop', 'image: example/shop', 'servers:', '  web:', '    - 192.0.2.10', 'volumes:', '  - "/srv/shop/storage:/rails/storage"'),
        'config/database.yml': RAILS_DATABASE_YML,
      },
    },
  ],
  invalid: [
    {
      name: 'examples/sqlite-network-filesystem/bad',
      files: exampleFiles('sqlite-network-filesystem/bad'),
      errors: [
        {
          file: 'compose.yaml', line: 8, column: 9, endLine: 8, endColumn: 23, severity: 'error', messageId: 'networkVolume',
          data: { who: "service 'wiki'", target: '/data', volume: 'wikidata', filesystem: 'NFS', setting: 'driver_opts.type: nfs4' },
          related: ["compose.yaml:20:13 volume 'wikidata' is on NFS here", 'compose.yaml:6:21'],
        },
        {
          file: 'compose.yaml', line: 14, column: 9, endLine: 14, endColumn: 24, severity: 'error', messageId: 'networkVolume',
          data: { who: "service 'vault'", target: '/data', volume: 'vaultdata', filesystem: 'an rclone remote', setting: 'driver: rclone' },
          related: ['compose.yaml:30:13', 'compose.yaml:12:12'],
        },
        {
          file: 'config/deploy.yml', line: 7, column: 5, endLine: 7, endColumn: 43, severity: 'info', messageId: 'networkHostPath',
          data: { who: 'the app', target: '/rails/storage', source: '/mnt/nfs/shop/storage', prefix: '/mnt/nfs' },
          related: ['config/database.yml:3:13'],
          help: 'Keep the database on a local disk of the host that runs it (a local volume or directory); replicate it with Litestream or LiteFS, or use a server database.',
        },
      ],
    },
    {
      name: 'CIFS by o: addr= alone, credentials in the options never printed',
      files: appWithVolume('    driver_opts:', '      o: "addr=nas.lan,username=app,password=hunter2,vers=3.0"', '      device: "//nas.lan/apps"'),
      errors: [
        {
          ...APP_MOUNT,
          data: { who: "service 'app'", target: '/data', volume: 'appdata', filesystem: 'a network filesystem', setting: 'driver_opts.o: addr=...' },
          related: ["compose.yaml:11:10 volume 'appdata' is on a network filesystem here", APP_EVIDENCE],
        },
      ],
    },
    {
      name: 'an SMB share as the device, upper-case type CIFS',
      files: appWithVolume('    driver_opts:', '      type: CIFS', '      device: //fileserver/apps'),
      errors: [{ ...APP_MOUNT, data: { who: "service 'app'", target: '/data', volume: 'appdata', filesystem: 'SMB/CIFS', setting: 'driver_opts.type: cifs' }, related: ['compose.yaml:11:13', APP_EVIDENCE] }],
    },
    {
      name: 'an NFS export as the device alone (":/export" and host:/export)',
      files: appWithVolume('    driver_opts:', '      device: "nas.lan:/exports/app"'),
      errors: [{ ...APP_MOUNT, data: { who: "service 'app'", target: '/data', volume: 'appdata', filesystem: 'an NFS export', setting: 'driver_opts.device' }, related: ['compose.yaml:11:15', APP_EVIDENCE] }],
    },
    {
      name: 'a tagged plugin reference (rclone/docker-volume-rclone:amd64)',
      files: appWithVolume('    driver: rclone/docker-volume-rclone:amd64', '    driver_opts: {remote: "b2:bucket"}'),
      errors: [{ ...APP_MOUNT, data: { who: "service 'app'", target: '/data', volume: 'appdata', filesystem: 'an rclone remote', setting: 'driver: rclone/docker-volume-rclone' }, related: ['compose.yaml:10:13', APP_EVIDENCE] }],
    },
    {
      name: 'a swarm stack on cloudstor:aws shared backing (EFS), long syntax, Rails database.yml under the target',
      files: {
        'docker-stack.yml': yaml(
          'services:',
          '  web:',
          '    image: example/shop:7',
          '    build: .',
          '    volumes:',
          '      - type: volume',
          '        source: storage',
          '        target: /rails/storage',
          'volumes:',
          '  storage:',
          '    driver: "cloudstor:aws"',
          '    driver_opts: {backing: shared}',
        ),
        Dockerfile: yaml('FROM ruby:3.3-slim', 'WORKDIR /rails', 'COPY . .'),
        'config/database.yml': RAILS_DATABASE_YML,
      },
      errors: [
        {
          file: 'docker-stack.yml', line: 7, column: 17, endLine: 7, endColumn: 24, severity: 'error', messageId: 'networkVolume',
          data: { who: "service 'web'", target: '/rails/storage', volume: 'storage', filesystem: 'Amazon EFS (NFS)', setting: 'driver: cloudstor:aws' },
          related: ['docker-stack.yml:11:13', 'config/database.yml:3:13'],
        },
      ],
    },
    {
      name: 'a compose bind mount under /mnt/efs: info',
      files: { 'compose.yaml': yaml('services:', '  app:', '    image: app:1', '    command: ["serve", "--db", "/data/app.db"]', '    volumes:', '      - /mnt/efs/app:/data') },
      errors: [
        {
          file: 'compose.yaml', line: 6, column: 9, endLine: 6, endColumn: 27, severity: 'info', messageId: 'networkHostPath',
          data: { who: "service 'app'", target: '/data', source: '/mnt/efs/app', prefix: '/mnt/efs' },
          related: ['compose.yaml:4:33 SQLite data in the volume: service app runs with /data/app.db'],
        },
      ],
    },
    {
      name: 'Kamal: an accessory directory under /mnt/nas with its database path in env: info',
      files: {
        'config/deploy.yml': yaml(
          'service: shop',
          'image: example/shop',
          'servers:',
          '  web:',
          '    - 192.0.2.10',
          'accessories:',
          '  metrics:',
          '    image: example/metrics:2',
          '    host: 192.0.2.10',
          '    env:',
          '      clear:',
          '        METRICS_DB: /var/lib/metrics/metrics.sqlite3',
          '    volumes:',
          '      - /mnt/nas/metrics:/var/lib/metrics',
        ),
      },
      errors: [
        {
          file: 'config/deploy.yml', line: 14, column: 9, endLine: 14, endColumn: 42, severity: 'info', messageId: 'networkHostPath',
          data: { who: "accessory 'metrics'", target: '/var/lib/metrics', source: '/mnt/nas/metrics', prefix: '/mnt/nas' },
          related: ['config/deploy.yml:12:21'],
        },
      ],
    },
  ],
});

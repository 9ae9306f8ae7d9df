import { sqliteLiveCopyBackup } from '../../rules/sqlite-live-copy-backup';
import { exampleFiles } from '../support/rule-docs';
import { ruleTable } from '../support/rule-table';
import { yaml } from '../support/yaml-lines';

/** A compose file: service `app` writing SQLite at /data/app.db in volume `appdata` (lines 1-7), then the backup service's lines (from line 8) and the top-level volume. */
function appWith(...backupLines: string[]): { 'compose.yaml': string } {
  return {
    'compose.yaml': yaml(
      'services:', //                                  1
      '  app:', //                                     2
      '    image: ghcr.io/example/app:3', //           3
      '    environment:', //                           4
      '      DATABASE_URL: sqlite:////data/app.db', // 5
      '    volumes:', //                               6
      '      - appdata:/data', //                      7
      ...backupLines,
      'volumes:',
      '  appdata: {}',
    ),
  };
}

const APP_EVIDENCE = "compose.yaml:5:21 SQLite data of service 'app': service app sets DATABASE_URL to a SQLite database";
/** An ofelia scheduler reading the labels (it mounts only the Docker socket). */
const OFELIA = ['  ofelia:', '    image: mcuadros/ofelia:0.3.13', '    command: daemon --docker', '    volumes: [/var/run/docker.sock:/var/run/docker.sock:ro]'];

const BACKUP = { file: 'compose.yaml', severity: 'warning' as const, messageId: 'liveCopy' };

ruleTable(sqliteLiveCopyBackup, {
  valid: [
    { name: 'examples/sqlite-live-copy-backup/good', files: exampleFiles('sqlite-live-copy-backup/good') },
    {
      name: 'sqlite3 .backup, then the snapshot is copied with rclone',
      files: appWith('  backup:', '    image: example/backup:1', '    command: sh -c "sqlite3 /data/app.db \'.backup /tmp/app.db\' && rclone copy /tmp/app.db remote:b"', '    volumes:', '      - appdata:/data'),
    },
    {
      name: 'VACUUM INTO a snapshot, then tar of the snapshot',
      files: appWith('  backup:', '    image: example/backup:1', '    command: sh -c "sqlite3 /data/app.db \\"VACUUM INTO \'/out/app.db\'\\" && tar czf /out/app.tgz /out/app.db"', '    volumes:', '      - appdata:/data'),
    },
    {
      name: 'Litestream replicating the volume',
      files: appWith('  litestream:', '    image: litestream/litestream:0.3.13', '    command: replicate /data/app.db s3://bucket/app', '    volumes:', '      - appdata:/data'),
    },
    {
      name: 'a volume-backup image with the writer labelled to stop during the backup',
      files: {
        'compose.yaml': yaml(
          'services:',
          '  app:',
          '    image: ghcr.io/example/app:3',
          '    environment: {DATABASE_URL: "sqlite:////data/app.db"}',
          '    labels: {docker-volume-backup.stop-during-backup: "true"}',
          '    volumes: [appdata:/data]',
          '  backup:',
          '    image: offen/docker-volume-backup:v2.43.0',
          '    volumes: ["appdata:/backup/appdata:ro"]',
          'volumes: {appdata: {}}',
        ),
      },
    },
    {
      name: 'the app mounts the volume read-only: nothing writes it while it is copied',
      files: {
        'compose.yaml': yaml(
          'services:',
          '  viewer:',
          '    image: ghcr.io/example/viewer:3',
          '    environment: {DATABASE_URL: "sqlite:////data/app.db"}',
          '    volumes: ["appdata:/data:ro"]',
          '  backup:',
          '    image: alpine:3.20',
          '    command: ["sh", "-c", "cp /data/app.db /backup/app.db"]',
          '    volumes: [appdata:/data, ./backup:/backup]',
          'volumes: {appdata: {}}',
        ),
      },
    },
    {
      name: 'rsync of an uploads volume that holds no database',
      files: {
        'compose.yaml': yaml(
          'services:',
          '  app:',
          '    image: ghcr.io/example/app:3',
          '    environment: {DATABASE_URL: "sqlite:////data/app.db"}',
          '    volumes: [appdata:/data, uploads:/srv/uploads]',
          '  sync:',
          '    image: instrumentisto/rsync-ssh:alpine',
          '    command: rsync -a /srv/uploads/ backup.lan:/uploads/',
          '    volumes: [uploads:/srv/uploads:ro]',
          'volumes: {appdata: {}, uploads: {}}',
        ),
      },
    },
    {
      name: 'a copy of a log file beside the database',
      files: appWith('  logs:', '    image: alpine:3.20', '    command: sh -c "cp /data/app.log /out/app.log"', '    volumes:', '      - appdata:/data'),
    },
    {
      name: 'ofelia job-exec on the app runs sqlite3 .backup',
      files: appWith('    labels:', '      ofelia.enabled: "true"', '      ofelia.job-exec.dbbackup.schedule: "@daily"', '      ofelia.job-exec.dbbackup.command: "sqlite3 /data/app.db \'.backup /data/backup/app.db\'"', ...OFELIA),
    },
    {
      name: 'ofelia job-exec labels without ofelia.enabled=true (ofelia never lists the container)',
      files: appWith('    labels:', '      ofelia.job-exec.dbbackup.schedule: "@daily"', '      ofelia.job-exec.dbbackup.command: "cp /data/app.db /data/app.db.bak"', ...OFELIA),
    },
    {
      name: "ofelia job-run labels on the app's container (read only from the scheduler's)",
      files: appWith('    labels:', '      ofelia.enabled: "true"', '      ofelia.job-run.nightly.image: alpine:3.20', '      ofelia.job-run.nightly.volume: appdata:/data', '      ofelia.job-run.nightly.command: tar czf /data/app.tgz /data', ...OFELIA),
    },
    {
      name: 'ofelia job-exec copies a log file next to the database',
      files: appWith('    labels:', '      ofelia.enabled: "true"', '      ofelia.job-exec.logs.command: "cp /data/app.log /var/log/archive/"', ...OFELIA),
    },
    {
      name: "ofelia job-run tars another volume of the project (uploads), not the app's database volume",
      files: appWith(
        '  ofelia:',
        '    image: mcuadros/ofelia:0.3.13',
        '    command: daemon --docker',
        '    labels:',
        '      ofelia.job-run.nightly.image: alpine:3.20',
        '      ofelia.job-run.nightly.volume: shop_uploads:/data:ro',
        '      ofelia.job-run.nightly.command: tar czf /backup/uploads.tgz /data',
      ),
    },
  ],
  invalid: [
    {
      name: 'examples/sqlite-live-copy-backup/bad',
      files: exampleFiles('sqlite-live-copy-backup/bad'),
      errors: [
        {
          ...BACKUP, line: 10, column: 15, endLine: 10, endColumn: 95,
          data: { who: "service 'nightly'", path: '/data/wiki.db', tool: 'cp', writer: "service 'wiki'" },
          related: ["compose.yaml:5:21 SQLite data of service 'wiki': service wiki sets DATABASE_URL to a SQLite database"],
        },
        {
          file: 'compose.yaml', line: 17, column: 9, endLine: 17, endColumn: 37, severity: 'warning', messageId: 'liveArchive',
          data: { who: "service 'archive'", volume: 'wikidata', writer: "service 'wiki'" },
          related: ['compose.yaml:5:21'],
        },
      ],
    },
    {
      name: 'rclone sync of the data directory from a cron-style loop',
      files: appWith('  offsite:', '    image: rclone/rclone:1.68', '    entrypoint: ["sh", "-c", "while sleep 3600; do rclone sync /data remote:app; done"]', '    volumes:', '      - appdata:/data:ro'),
      errors: [{ ...BACKUP, line: 10, column: 18, endLine: 10, endColumn: 87, data: { who: "service 'offsite'", path: '/data', tool: 'rclone sync', writer: "service 'app'" }, related: [APP_EVIDENCE] }],
    },
    {
      name: 'restic backup of the volume mounted elsewhere in the backup container',
      files: appWith('  restic:', '    image: restic/restic:0.17.1', '    command: backup /mnt/appdata', '    entrypoint: restic', '    volumes:', '      - appdata:/mnt/appdata'),
      errors: [{ ...BACKUP, line: 10, column: 14, endLine: 11, endColumn: 23, data: { who: "service 'restic'", path: '/mnt/appdata', tool: 'restic backup', writer: "service 'app'" }, related: [APP_EVIDENCE] }],
    },
    {
      name: 'aws s3 cp of the database file, the entrypoint written after the command',
      files: appWith('  s3:', '    image: amazon/aws-cli:2.17.0', '    command: ["s3", "cp", "/data/app.db", "s3://bucket/app.db"]', '    entrypoint: ["aws"]', '    volumes:', '      - appdata:/data'),
      errors: [{ ...BACKUP, line: 10, column: 15, endLine: 11, endColumn: 23, data: { who: "service 's3'", path: '/data/app.db', tool: 'aws s3 cp', writer: "service 'app'" }, related: [APP_EVIDENCE] }],
    },
    {
      name: 'the same host directory bind-mounted into the app and a tar sidecar',
      files: {
        'compose.yaml': yaml(
          'services:',
          '  app:',
          '    build: .',
          '    command: ["app", "--db", "/var/lib/app/app.sqlite3"]',
          '    volumes: ["./state:/var/lib/app"]',
          '  tarball:',
          '    image: alpine:3.20',
          '    command: tar czf /out/state.tgz /state',
          '    volumes: ["./state/:/state:ro", "./out:/out"]',
        ),
        Dockerfile: 'FROM debian:bookworm-slim\nCOPY app /usr/local/bin/app\n',
      },
      errors: [{ ...BACKUP, line: 8, column: 14, endLine: 8, endColumn: 43, data: { who: "service 'tarball'", path: '/state', tool: 'tar', writer: "service 'app'" }, related: ['compose.yaml:4:31'] }],
    },
    {
      name: 'Kamal: an accessory rsyncs the storage directory the app writes',
      files: {
        'config/deploy.yml': yaml(
          'service: shop',
          'image: example/shop',
          'servers:',
          '  web:',
          '    - 192.0.2.10',
          'volumes:',
          '  - "/srv/shop/storage:/rails/storage"',
          'accessories:',
          '  backup:',
          '    image: instrumentisto/rsync-ssh:alpine',
          '    host: 192.0.2.10',
          '    cmd: sh -c "while sleep 3600; do rsync -a /storage/ nas.lan:/shop/; done"',
          '    volumes:',
          '      - "/srv/shop/storage:/storage"',
        ),
        'config/database.yml': yaml('production:', '  adapter: sqlite3', '  database: storage/production.sqlite3'),
      },
      errors: [
        {
          file: 'config/deploy.yml', line: 12, column: 10, endLine: 12, endColumn: 78, severity: 'warning', messageId: 'liveCopy',
          data: { who: "accessory 'backup'", path: '/storage/', tool: 'rsync', writer: 'the app' },
          related: ['config/database.yml:3:13'],
        },
      ],
    },
    {
      name: 'ofelia job-exec on the app copies the database file it writes',
      files: appWith('    labels:', '      ofelia.enabled: "true"', '      ofelia.job-exec.dbbackup.schedule: "@daily"', '      ofelia.job-exec.dbbackup.command: "cp /data/app.db /data/backup/app-latest.db"', ...OFELIA),
      errors: [{ ...BACKUP, line: 11, column: 41, endLine: 11, endColumn: 85, data: { who: "ofelia job-exec 'dbbackup' in service 'app'", path: '/data/app.db', tool: 'cp', writer: "service 'app'" }, related: [APP_EVIDENCE] }],
    },
    {
      name: "ofelia job-run on the scheduler's container tars the project's volume (a JSON array of volumes)",
      files: appWith(
        '  ofelia:',
        '    image: mcuadros/ofelia:0.3.13',
        '    command: daemon --docker',
        '    volumes: [/var/run/docker.sock:/var/run/docker.sock:ro]',
        '    labels:',
        '      ofelia.job-run.nightly.schedule: "0 0 3 * * *"',
        '      ofelia.job-run.nightly.image: alpine:3.20',
        '      ofelia.job-run.nightly.volume: \'["shop_appdata:/data:ro", "/srv/backups:/backup"]\'',
        '      ofelia.job-run.nightly.command: tar czf /backup/app.tgz /data',
      ),
      errors: [{ ...BACKUP, line: 16, column: 39, endLine: 16, endColumn: 68, data: { who: "ofelia job-run 'nightly'", path: '/data', tool: 'tar', writer: "service 'app'" }, related: [APP_EVIDENCE] }],
    },
    {
      name: 'chadburn (an ofelia fork) job-exec in list-form labels rsyncs the data directory',
      files: appWith('    labels:', '      - chadburn.enabled=true', '      - chadburn.job-exec.sync.command=rsync -a /data/ /mnt/backup/'),
      errors: [{ ...BACKUP, line: 10, column: 40, endLine: 10, endColumn: 68, data: { who: "chadburn job-exec 'sync' in service 'app'", path: '/data/', tool: 'rsync', writer: "service 'app'" }, related: [APP_EVIDENCE] }],
    },
    {
      name: "ofelia job-local copies the database from the scheduler's own mount of the volume",
      files: appWith('  ofelia:', '    image: mcuadros/ofelia:0.3.13', '    command: daemon --docker', '    volumes: [appdata:/data, ./backups:/backups]', '    labels:', '      ofelia.job-local.copy.command: cp /data/app.db /backups/'),
      errors: [{ ...BACKUP, line: 13, column: 38, endLine: 13, endColumn: 63, data: { who: "ofelia job-local 'copy' in service 'ofelia'", path: '/data/app.db', tool: 'cp', writer: "service 'app'" }, related: [APP_EVIDENCE] }],
    },
  ],
});

import { volumeSourceFallback } from '../../rules/volume-source-fallback';
import { exampleFiles } from '../support/rule-docs';
import { ruleTable } from '../support/rule-table';

/** A compose file with one service whose `volumes:` list is the given lines. */
function withVolumes(...lines: string[]): { 'compose.yaml': string } {
  return { 'compose.yaml': `services:\n  a:\n    image: x\n    volumes:\n${lines.map((line) => `      - ${line}\n`).join('')}` };
}

ruleTable(volumeSourceFallback, {
  valid: [
    { name: 'examples/volume-source-fallback/good', files: exampleFiles('volume-source-fallback/good') },
    ...[
      ['the required form', '      - ${DATA:?set DATA}:/data\n'],
      ['a fallback in the target', '      - ./data:${TARGET:-/data}\n'],
      ['a $$ escape', '      - ./$${NOT_A_VAR:-x}:/data\n'],
      ['a named volume', '      - appdata:/data\n'],
      ['a fixed path', '      - /srv/app/data:/data\n'],
    ].map(([name, volumeLine]) => ({ name: `quiet on ${name}`, files: { 'compose.yaml': `services:\n  a:\n    image: x\n    volumes:\n${volumeLine}volumes:\n  appdata: {}\n` } })),
    {
      name: 'quiet on environment, command and labels',
      files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    environment:\n      DB: ${DB:-sqlite:///app.db}\n    command: run --dir ${DIR:-/x}\n    labels:\n      x: ${L:-y}\n' },
    },
    {
      name: 'quiet on a device of a volume that is not a local bind',
      files: { 'compose.yaml': 'services:\n  a:\n    image: x\nvolumes:\n  nfs:\n    driver_opts:\n      type: nfs\n      o: addr=10.0.0.1\n      device: ${NFS_PATH:-:/export}\n' },
    },
    { name: '--fix leaves a file without findings byte for byte', files: withVolumes('${A:?x}:/a') },
  ],
  invalid: [
    {
      name: 'examples/volume-source-fallback/bad',
      files: exampleFiles('volume-source-fallback/bad'),
      errors: [
        {
          file: 'compose.yaml', line: 6, column: 9, endLine: 6, endColumn: 39, severity: 'error', messageId: 'fallsBack',
          data: { where: "/data of service 'memory-hall'", fallback: './mh-data', variable: 'MEMHALL_DATA_DIR', when: 'unset or empty' },
        },
        {
          file: 'compose.yaml', line: 8, column: 17, endLine: 8, endColumn: 40, severity: 'error', messageId: 'fallsBack',
          data: { where: "/backups of service 'memory-hall'", fallback: './backups', variable: 'BACKUP_DIR', when: 'unset' },
        },
        {
          file: 'compose.yaml', line: 10, column: 9, endLine: 10, endColumn: 21, severity: 'warning', messageId: 'noDefault',
          data: { where: "/var/cache/app of service 'memory-hall'", variable: 'CACHE_DIR' },
        },
        {
          file: 'compose.yaml', line: 18, column: 15, endLine: 18, endColumn: 39, severity: 'error', messageId: 'fallsBack',
          data: { where: "volume 'exports' driver_opts.device", fallback: './exports', variable: 'EXPORT_DIR', when: 'unset or empty' },
        },
      ],
      output: { 'compose.yaml': '# Over a non-interactive SSH shell MEMHALL_DATA_DIR is unset, and compose mounts an empty ./mh-data.\nservices:\n  memory-hall:\n    image: ghcr.io/example/memory-hall:1.4\n    volumes:\n      - ${MEMHALL_DATA_DIR:?MEMHALL_DATA_DIR must point at the data directory}:/data\n      - type: bind\n        source: ${BACKUP_DIR:?BACKUP_DIR must point at the data directory}\n        target: /backups\n      - ${CACHE_DIR:?CACHE_DIR must point at the data directory}/cache:/var/cache/app\n\nvolumes:\n  exports:\n    driver: local\n    driver_opts:\n      type: none\n      o: bind\n      device: ${EXPORT_DIR:?EXPORT_DIR must point at the data directory}\n' },
    },
    {
      name: 'the incident: ${VAR:-./dir} in a short-syntax source, at the ${',
      files: { 'compose.yaml': 'services:\n  memory-hall:\n    image: mh\n    volumes:\n      - ${MEMHALL_DATA_DIR:-./mh-data}:/data\n' },
      errors: [
        {
          file: 'compose.yaml', line: 5, column: 9, endLine: 5, endColumn: 39, severity: 'error', messageId: 'fallsBack',
          data: { where: "/data of service 'memory-hall'", fallback: './mh-data', variable: 'MEMHALL_DATA_DIR', when: 'unset or empty' },
          help: 'Write ${MEMHALL_DATA_DIR:?MEMHALL_DATA_DIR must point at the data directory} so that compose refuses to start instead of mounting an empty data directory.',
        },
      ],
      output: { 'compose.yaml': 'services:\n  memory-hall:\n    image: mh\n    volumes:\n      - ${MEMHALL_DATA_DIR:?MEMHALL_DATA_DIR must point at the data directory}:/data\n' },
    },
    {
      name: '${VAR-x} falls back; a source that is only ${VAR:-} is refused by compose: an info',
      files: withVolumes('"${A-./a}:/a"', '${B:-}:/b'),
      errors: [
        {
          file: 'compose.yaml', line: 5, column: 10, endLine: 5, endColumn: 18, severity: 'error', messageId: 'fallsBack',
          data: { where: "/a of service 'a'", fallback: './a', variable: 'A', when: 'unset' },
        },
        {
          file: 'compose.yaml', line: 6, column: 9, endLine: 6, endColumn: 15, severity: 'info', messageId: 'composeRefuses',
          data: { where: "/b of service 'a'", variable: 'B', when: 'unset or empty', error: 'empty section between colons' },
          help: 'Write ${B:?B must point at the data directory} so that compose names the missing variable when it refuses to start.',
        },
      ],
      output: { 'compose.yaml': 'services:\n  a:\n    image: x\n    volumes:\n      - "${A:?A must point at the data directory}:/a"\n      - ${B:?B must point at the data directory}:/b\n' },
    },
    {
      name: 'a long-syntax source',
      files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    volumes:\n      - type: bind\n        source: ${DATA:-./data}\n        target: /data\n' },
      errors: [
        {
          file: 'compose.yaml', line: 6, column: 17, endLine: 6, endColumn: 32, severity: 'error', messageId: 'fallsBack',
          data: { where: "/data of service 'a'", fallback: './data', variable: 'DATA', when: 'unset or empty' },
        },
      ],
      output: { 'compose.yaml': 'services:\n  a:\n    image: x\n    volumes:\n      - type: bind\n        source: ${DATA:?DATA must point at the data directory}\n        target: /data\n' },
    },
    {
      name: 'a nested fallback, once, at the outer ${',
      files: withVolumes('${A:-${B:-./x}}:/data'),
      errors: [
        {
          file: 'compose.yaml', line: 5, column: 9, endLine: 5, endColumn: 24, severity: 'error', messageId: 'fallsBack',
          data: { where: "/data of service 'a'", fallback: '${B:-./x}', variable: 'A', when: 'unset or empty' },
        },
      ],
      output: { 'compose.yaml': 'services:\n  a:\n    image: x\n    volumes:\n      - ${A:?A must point at the data directory}:/data\n' },
    },
    {
      name: "a local bind volume's driver_opts.device",
      files: { 'compose.yaml': 'services:\n  a:\n    image: x\n    volumes: [data:/data]\nvolumes:\n  data:\n    driver: local\n    driver_opts:\n      type: none\n      o: bind\n      device: ${DATA_DIR:-./data}\n' },
      errors: [
        {
          file: 'compose.yaml', line: 11, column: 15, endLine: 11, endColumn: 34, severity: 'error', messageId: 'fallsBack',
          data: { where: "volume 'data' driver_opts.device", fallback: './data', variable: 'DATA_DIR', when: 'unset or empty' },
        },
      ],
      output: { 'compose.yaml': 'services:\n  a:\n    image: x\n    volumes: [data:/data]\nvolumes:\n  data:\n    driver: local\n    driver_opts:\n      type: none\n      o: bind\n      device: ${DATA_DIR:?DATA_DIR must point at the data directory}\n' },
    },
    {
      name: 'a warning on $VAR/sub without a default; a source that is only ${VAR} is refused by compose: an info',
      files: withVolumes('${DATA}:/data', '$CACHE/c:/cache'),
      errors: [
        { file: 'compose.yaml', line: 5, column: 9, endLine: 5, endColumn: 16, severity: 'info', messageId: 'composeRefuses', data: { where: "/data of service 'a'", variable: 'DATA', when: 'unset or empty', error: 'empty section between colons' } },
        { file: 'compose.yaml', line: 6, column: 9, endLine: 6, endColumn: 15, severity: 'warning', messageId: 'noDefault', data: { where: "/cache of service 'a'", variable: 'CACHE' } },
      ],
      output: { 'compose.yaml': 'services:\n  a:\n    image: x\n    volumes:\n      - ${DATA:?DATA must point at the data directory}:/data\n      - ${CACHE:?CACHE must point at the data directory}/c:/cache\n' },
    },
    {
      name: 'through an anchor: reported where the text is written',
      files: { 'compose.yaml': 'x-data: &data ${DATA:-./d}:/data\nservices:\n  a:\n    image: x\n    volumes:\n      - *data\n' },
      errors: [
        {
          file: 'compose.yaml', line: 1, column: 15, endLine: 1, endColumn: 27, severity: 'error', messageId: 'fallsBack',
          data: { where: "/data of service 'a'", fallback: './d', variable: 'DATA', when: 'unset or empty' },
        },
      ],
      output: { 'compose.yaml': 'x-data: &data ${DATA:?DATA must point at the data directory}:/data\nservices:\n  a:\n    image: x\n    volumes:\n      - *data\n' },
    },
    {
      name: 'in flow style',
      files: { 'compose.yaml': 'services:\n  a: {image: x, volumes: ["${D:-./d}:/d", "./ok:/ok"]}\n' },
      errors: [
        {
          file: 'compose.yaml', line: 2, column: 28, endLine: 2, endColumn: 37, severity: 'error', messageId: 'fallsBack',
          data: { where: "/d of service 'a'", fallback: './d', variable: 'D', when: 'unset or empty' },
        },
      ],
      output: { 'compose.yaml': 'services:\n  a: {image: x, volumes: ["${D:?D must point at the data directory}:/d", "./ok:/ok"]}\n' },
    },
    {
      name: 'through CRLF line ends and a BOM',
      files: { 'compose.yaml': '\uFEFFservices:\r\n  a:\r\n    image: x\r\n    volumes:\r\n      - ${D:-./d}:/d\r\n' },
      errors: [
        {
          file: 'compose.yaml', line: 5, column: 9, endLine: 5, endColumn: 18, severity: 'error', messageId: 'fallsBack',
          data: { where: "/d of service 'a'", fallback: './d', variable: 'D', when: 'unset or empty' },
        },
      ],
      output: { 'compose.yaml': '\uFEFFservices:\r\n  a:\r\n    image: x\r\n    volumes:\r\n      - ${D:?D must point at the data directory}:/d\r\n' },
    },
    {
      name: '--fix rewrites exactly the expression bytes to the :? form',
      files: { 'compose.yaml': 'services:\r\n  a:\r\n    image: x # keep\r\n    volumes:\r\n      - ${DATA:-./d}:/data   # trailing\r\n' },
      errors: [
        {
          file: 'compose.yaml', line: 5, column: 9, endLine: 5, endColumn: 21, severity: 'error', messageId: 'fallsBack',
          data: { where: "/data of service 'a'", fallback: './d', variable: 'DATA', when: 'unset or empty' },
        },
      ],
      output: { 'compose.yaml': 'services:\r\n  a:\r\n    image: x # keep\r\n    volumes:\r\n      - ${DATA:?DATA must point at the data directory}:/data   # trailing\r\n' },
    },
    {
      name: '--fix keeps a BOM and fixes several expressions in one file',
      files: { 'compose.yaml': '\uFEFFservices:\n  a:\n    image: x\n    volumes:\n      - ${A-./a}:/a\n      - "${B}:/b"\n' },
      errors: [
        {
          file: 'compose.yaml', line: 5, column: 9, endLine: 5, endColumn: 17, severity: 'error', messageId: 'fallsBack',
          data: { where: "/a of service 'a'", fallback: './a', variable: 'A', when: 'unset' },
        },
        { file: 'compose.yaml', line: 6, column: 10, endLine: 6, endColumn: 14, severity: 'info', messageId: 'composeRefuses', data: { where: "/b of service 'a'", variable: 'B', when: 'unset or empty', error: 'empty section between colons' } },
      ],
      output: { 'compose.yaml': '\uFEFFservices:\n  a:\n    image: x\n    volumes:\n      - ${A:?A must point at the data directory}:/a\n      - "${B:?B must point at the data directory}:/b"\n' },
    },
    {
      name: 'a Rails app: only ${VAR} as a short or long bind source is an info (compose refuses); ${VAR}/storage and a type: volume ${VAR} stay findings',
      files: {
        'compose.yaml': 'services:\n  web:\n    build: .\n    volumes:\n      - ${RAILS_DATA}:/rails/data\n      - ${RAILS_ROOT}/storage:/rails/storage\n      - type: bind\n        source: ${RAILS_DB}\n        target: /rails/db\n      - type: volume\n        source: ${RAILS_CACHE}\n        target: /rails/tmp/cache\n',
        Dockerfile: 'FROM ruby:3.3-slim\nWORKDIR /rails\nCOPY . .\nCMD ["bin/rails", "server"]\n',
      },
      errors: [
        {
          file: 'compose.yaml', line: 5, column: 9, endLine: 5, endColumn: 22, severity: 'info', messageId: 'composeRefuses',
          data: { where: "/rails/data of service 'web'", variable: 'RAILS_DATA', when: 'unset or empty', error: 'empty section between colons' },
          help: 'Write ${RAILS_DATA:?RAILS_DATA must point at the data directory} so that compose names the missing variable when it refuses to start.',
        },
        { file: 'compose.yaml', line: 6, column: 9, endLine: 6, endColumn: 22, severity: 'warning', messageId: 'noDefault', data: { where: "/rails/storage of service 'web'", variable: 'RAILS_ROOT' } },
        {
          file: 'compose.yaml', line: 8, column: 17, endLine: 8, endColumn: 28, severity: 'info', messageId: 'composeRefuses',
          data: { where: "/rails/db of service 'web'", variable: 'RAILS_DB', when: 'unset or empty', error: 'field Source must not be empty' },
        },
        { file: 'compose.yaml', line: 11, column: 17, endLine: 11, endColumn: 31, severity: 'warning', messageId: 'noDefault', data: { where: "/rails/tmp/cache of service 'web'", variable: 'RAILS_CACHE' } },
      ],
      output: {
        'compose.yaml': 'services:\n  web:\n    build: .\n    volumes:\n      - ${RAILS_DATA:?RAILS_DATA must point at the data directory}:/rails/data\n      - ${RAILS_ROOT:?RAILS_ROOT must point at the data directory}/storage:/rails/storage\n      - type: bind\n        source: ${RAILS_DB:?RAILS_DB must point at the data directory}\n        target: /rails/db\n      - type: volume\n        source: ${RAILS_CACHE:?RAILS_CACHE must point at the data directory}\n        target: /rails/tmp/cache\n',
      },
    },
    {
      name: 'only ${VAR-}, $VAR and ${VAR:+x} as the source: infos; ${A}${B} and ${A:-${B}} can mount another path: findings',
      files: withVolumes('${A-}:/a:ro', '$B:/b', '${C:+/srv/c}:/c', '${D}${E}:/de', '${F:-${G}}:/fg'),
      errors: [
        { file: 'compose.yaml', line: 5, column: 9, endLine: 5, endColumn: 14, severity: 'info', messageId: 'composeRefuses', data: { where: "/a of service 'a'", variable: 'A', when: 'unset or empty', error: 'empty section between colons' } },
        { file: 'compose.yaml', line: 6, column: 9, endLine: 6, endColumn: 11, severity: 'info', messageId: 'composeRefuses', data: { where: "/b of service 'a'", variable: 'B', when: 'unset or empty', error: 'empty section between colons' } },
        { file: 'compose.yaml', line: 7, column: 9, endLine: 7, endColumn: 21, severity: 'info', messageId: 'composeRefuses', data: { where: "/c of service 'a'", variable: 'C', when: 'unset or empty', error: 'empty section between colons' } },
        { file: 'compose.yaml', line: 8, column: 9, endLine: 8, endColumn: 13, severity: 'warning', messageId: 'noDefault', data: { where: "/de of service 'a'", variable: 'D' } },
        { file: 'compose.yaml', line: 8, column: 13, endLine: 8, endColumn: 17, severity: 'warning', messageId: 'noDefault', data: { where: "/de of service 'a'", variable: 'E' } },
        { file: 'compose.yaml', line: 9, column: 9, endLine: 9, endColumn: 19, severity: 'error', messageId: 'fallsBack', data: { where: "/fg of service 'a'", fallback: '${G}', variable: 'F', when: 'unset or empty' } },
      ],
      output: {
        'compose.yaml': 'services:\n  a:\n    image: x\n    volumes:\n      - ${A:?A must point at the data directory}:/a:ro\n      - ${B:?B must point at the data directory}:/b\n      - ${C:?C must point at the data directory}:/c\n      - ${D:?D must point at the data directory}${E:?E must point at the data directory}:/de\n      - ${F:?F must point at the data directory}:/fg\n',
      },
    },
    {
      name: "a local bind volume's driver_opts.device that is only ${VAR}: still a finding (no colon for compose to refuse)",
      files: { 'compose.yaml': 'services:\n  app:\n    image: x\n    volumes: [db:/var/lib/app]\nvolumes:\n  db:\n    driver_opts:\n      type: none\n      o: bind\n      device: ${DB_DIR}\n' },
      errors: [
        { file: 'compose.yaml', line: 10, column: 15, endLine: 10, endColumn: 24, severity: 'warning', messageId: 'noDefault', data: { where: "volume 'db' driver_opts.device", variable: 'DB_DIR' } },
      ],
      output: { 'compose.yaml': 'services:\n  app:\n    image: x\n    volumes: [db:/var/lib/app]\nvolumes:\n  db:\n    driver_opts:\n      type: none\n      o: bind\n      device: ${DB_DIR:?DB_DIR must point at the data directory}\n' },
    },
  ],
});

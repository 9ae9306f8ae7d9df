import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index';
import type { InputFile } from '../../src/types';
import { jsonFindings, positions, runCli, tempProject } from '../helpers';

const RULE = 'shared-volume-overlap';

function lintOverlap(files: InputFile[] | string, path = 'compose.yaml') {
  const input = typeof files === 'string' ? [{ path, text: files }] : files;
  return lint(input).findings.filter((finding) => finding.rule === RULE);
}

/** Lines joined with `\n`, so that line numbers in the tests are the array index + 1. */
function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

function at(findings: { line: number; column: number; severity: string }[]): string[] {
  return findings.map((finding) => `${finding.severity}@${finding.line}:${finding.column}`);
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

describe('shared-volume-overlap, Compose: two services on one volume', () => {
  it('reports the second writer of a named volume (long syntax: at its source) with the first writer and the evidence as related', () => {
    const text = yaml(...DATABASE_URL_WEB, '  worker:', '    image: worker:1', '    volumes:', '      - type: volume', '        source: appdata', '        target: /data', 'volumes:', '  appdata: {}');
    const findings = lintOverlap(text);
    expect(positions(findings)).toEqual([`${RULE}@12:17`]);
    expect(findings[0]).toMatchObject({ severity: 'info', endLine: 12, endColumn: 24 });
    expect(findings[0].related).toEqual([
      { file: 'compose.yaml', line: 7, column: 9, message: "also mounted by service 'web'" },
      { file: 'compose.yaml', line: 5, column: 21, message: 'SQLite data in the volume: service web sets DATABASE_URL to a SQLite database' },
    ]);
    expect(findings[0].message).toBe("services 'web' and 'worker' both write volume 'appdata' (SQLite data)");
    const help = findings[0].help ?? '';
    expect(help).not.toMatch(/WAL (does not|doesn't) work/i);
    expect(help).toContain('busy timeout');
    expect(help).toContain('single writer');
    expect(help).toContain('server database when several hosts must write');
  });

  it('is an error for two services of the same image (hand-made blue/green), at the whole short-syntax scalar', () => {
    const text = yaml(...DATABASE_URL_WEB, '  green:', '    image: shop:2', '    volumes:', '      - appdata:/data', 'volumes:', '  appdata: {}');
    const findings = lintOverlap(text);
    expect(at(findings)).toEqual(['error@11:9']);
    expect(findings[0]).toMatchObject({ endLine: 11, endColumn: 22 });
    expect(findings[0].message).toContain('blue/green');
  });

  it('is an error for two services of the same build', () => {
    const text = yaml(
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
    );
    expect(at(lintOverlap(text))).toEqual(['error@9:15']);
  });

  it('treats ./state, ./state/, ${PWD}/state and a path through .. as one host directory, relative to the compose file', () => {
    const text = yaml(
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
    const findings = lintOverlap(text, 'deploy/compose.yaml');
    expect(at(findings)).toEqual(['info@10:9', 'info@15:17', 'info@20:9']);
    for (const finding of findings) expect(finding.related?.[0]).toMatchObject({ file: 'deploy/compose.yaml', line: 6, column: 9, message: "also mounted by service 'a'" });
    expect(findings[0].message).toContain('host directory ./state/');
    expect(findings[0].related?.[1]).toMatchObject({ line: 4, column: 33, message: 'SQLite data in the volume: service a runs with /state/app.db' });
  });

  it('does not treat a different host directory as the same', () => {
    const text = yaml(...DATABASE_URL_WEB.slice(0, 6), '      - ./data:/data', '  worker:', '    image: w', '    volumes:', '      - ./data2:/data');
    expect(lintOverlap(text)).toEqual([]);
  });

  it('reads config/database.yml of a Rails build (storage/ under WORKDIR /rails)', () => {
    const files: InputFile[] = [
      {
        path: 'compose.yaml',
        text: yaml('services:', '  web:', '    build: .', '    volumes: [storage:/rails/storage]', '  jobs:', '    build: .', '    command: bin/jobs', '    volumes: [storage:/rails/storage]', 'volumes: {storage: {}}'),
      },
      { path: 'Dockerfile', text: 'FROM ruby:3.4-slim\nWORKDIR /rails\nCOPY . .\nCMD ["./bin/thrust", "./bin/rails", "server"]\n' },
      { path: 'config/database.yml', text: yaml('default: &default', '  adapter: sqlite3', '', 'production:', '  primary:', '    <<: *default', '    database: storage/production.sqlite3') },
    ];
    const findings = lintOverlap(files);
    expect(at(findings)).toEqual(['error@8:15']);
    expect(findings[0].related?.[1]).toEqual({ file: 'config/database.yml', line: 7, column: 15, message: 'SQLite data in the volume: keeps a production database in storage/production.sqlite3 (adapter: sqlite3)' });
  });

  it('ignores database.yml databases of other environments', () => {
    const files: InputFile[] = [
      { path: 'compose.yaml', text: yaml('services:', '  web:', '    build: .', '    volumes: [storage:/rails/storage]', '  jobs:', '    build: .', '    volumes: [storage:/rails/storage]', 'volumes: {storage: {}}') },
      { path: 'config/database.yml', text: yaml('development:', '  adapter: sqlite3', '  database: storage/development.sqlite3', 'production:', '  adapter: postgresql', '  database: shop_production') },
    ];
    expect(lintOverlap(files)).toEqual([]);
  });

  it("uses the service's Dockerfile evidence: a database path in ENV", () => {
    const files: InputFile[] = [
      { path: 'compose.yaml', text: yaml('services:', '  api:', '    build: .', '    volumes: [data:/var/lib/app]', '  cron:', '    image: alpine', '    volumes: [data:/var/lib/app]', 'volumes: {data: {}}') },
      { path: 'Dockerfile', text: 'FROM node:22-slim\nENV DB_FILE=/var/lib/app/app.db\nCMD ["node", "server.js"]\n' },
    ];
    const findings = lintOverlap(files);
    expect(at(findings)).toEqual(['info@7:15']);
    expect(findings[0].related?.[1]).toMatchObject({ file: 'Dockerfile', line: 2 });
  });

  it("uses the service's Dockerfile evidence: a SQLite driver with the conventional /data directory", () => {
    const files: InputFile[] = [
      { path: 'compose.yaml', text: yaml('services:', '  api:', '    build: .', '    volumes: [data:/data]', '    deploy:', '      replicas: 2', 'volumes: {data: {}}') },
      { path: 'Dockerfile', text: 'FROM node:22-slim\nRUN npm install better-sqlite3@12.8.0\nCMD ["node", "server.js"]\n' },
    ];
    const findings = lintOverlap(files);
    expect(at(findings)).toEqual(['warning@6:17']);
    expect(findings[0].related?.[1].message).toContain('/data is its conventional data directory');
  });

  it('does not guess the data directory when the evidence names another path', () => {
    const files: InputFile[] = [
      { path: 'compose.yaml', text: yaml('services:', '  api:', '    build: .', '    volumes: [data:/data]', '    deploy: {replicas: 2}', 'volumes: {data: {}}') },
      { path: 'Dockerfile', text: 'FROM node:22-slim\nRUN npm install better-sqlite3@12.8.0\nENV DB_FILE=/var/lib/app/app.db\n' },
    ];
    expect(lintOverlap(files)).toEqual([]);
  });

  it('knows stock images: uptime-kuma keeps SQLite in /app/data (cited with its source)', () => {
    const text = yaml('services:', '  kuma:', '    image: louislam/uptime-kuma:2', '    volumes:', '      - kuma:/app/data', '  kuma2:', '    image: louislam/uptime-kuma:2', '    volumes:', '      - kuma:/app/data', 'volumes:', '  kuma: {}');
    const findings = lintOverlap(text);
    expect(at(findings)).toEqual(['error@9:9']);
    expect(findings[0].related?.[1]).toMatchObject({ line: 3, column: 12 });
    expect(findings[0].related?.[1].message).toContain('image louislam/uptime-kuma (Uptime Kuma) keeps its SQLite database in /app/data (source: https://github.com/louislam/uptime-kuma/wiki/');
  });

  it.each([
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
  ])('knows %s (%s)', (image, target, extra) => {
    const lines = ['services:', '  app:', `    image: ${image}`, ...(extra ? [extra] : []), `    volumes: ["appdata:${target}"]`, '    scale: 2', 'volumes: {appdata: {}}'];
    const findings = lintOverlap(yaml(...lines));
    expect(at(findings)).toEqual([`warning@${extra ? 6 : 5}:12`]);
  });

  it.each([
    ['n8n on Postgres (DB_TYPE=postgresdb)', 'n8nio/n8n', '/home/node/.n8n', '    environment: {DB_TYPE: postgresdb}'],
    ['Healthchecks without DB=sqlite', 'healthchecks/healthchecks', '/data', ''],
    ['Healthchecks on Postgres', 'healthchecks/healthchecks', '/data', '    environment: [DB=postgres]'],
    ['Grafana on MySQL', 'grafana/grafana', '/var/lib/grafana', '    environment: {GF_DATABASE_TYPE: mysql}'],
    ['Uptime Kuma with a mount elsewhere', 'louislam/uptime-kuma', '/app/data/upload', ''],
  ])('does not use the stock-image table for %s', (_name, image, target, extra) => {
    const lines = ['services:', '  app:', `    image: ${image}`, ...(extra ? [extra] : []), `    volumes: ["appdata:${target}"]`, '    scale: 2', 'volumes: {appdata: {}}'];
    expect(lintOverlap(yaml(...lines))).toEqual([]);
  });

  it('honours a suppression comment above the volume entry', () => {
    const text = yaml(...DATABASE_URL_WEB, '  green:', '    image: shop:2', '    volumes:', '      # litelint-ignore shared-volume-overlap -- green only runs during a maintenance window', '      - appdata:/data', 'volumes:', '  appdata: {}');
    expect(lintOverlap(text)).toEqual([]);
  });

  it('honours a suppression comment above a long-syntax entry whose source is on a later line', () => {
    const text = yaml(...DATABASE_URL_WEB, '  green:', '    image: shop:2', '    volumes:', '      # litelint-ignore shared-volume-overlap -- reason', '      - type: volume', '        source: appdata', '        target: /data', 'volumes:', '  appdata: {}');
    expect(lintOverlap(text)).toEqual([]);
  });
});

describe('shared-volume-overlap, Compose: stays quiet', () => {
  it.each([
    ['a :ro mount', '      - appdata:/data:ro'],
    ['a long-syntax read_only: true mount', '      - {type: volume, source: appdata, target: /data, read_only: true}'],
  ])('on %s on the other side', (_name, line) => {
    const text = yaml(...DATABASE_URL_WEB, '  reader:', '    image: shop:1', '    volumes:', line, 'volumes:', '  appdata: {}');
    expect(lintOverlap(text)).toEqual([]);
  });

  it('on a volume with no SQLite evidence (uploads shared by two services)', () => {
    const text = yaml('services:', '  web:', '    image: web', '    volumes: [uploads:/app/uploads]', '  thumbs:', '    image: thumbs', '    volumes: [uploads:/app/uploads]', 'volumes: {uploads: {}}');
    expect(lintOverlap(text)).toEqual([]);
  });

  it('on a Postgres data directory mounted by one Postgres, even with replicas elsewhere', () => {
    const text = yaml('services:', '  db:', '    image: postgres:17', '    volumes: [pg:/var/lib/postgresql/data]', '  web:', '    image: web', '    scale: 3', 'volumes: {pg: {}}');
    expect(lintOverlap(text)).toEqual([]);
  });

  it('on a one-shot service the writer waits for (service_completed_successfully)', () => {
    const text = yaml(
      ...DATABASE_URL_WEB,
      '    depends_on:',
      '      migrate:',
      '        condition: service_completed_successfully',
      '  migrate:',
      '    image: shop:1',
      '    command: bin/rails db:migrate',
      '    volumes: [appdata:/data]',
      'volumes: {appdata: {}}',
    );
    expect(lintOverlap(text)).toEqual([]);
  });

  it('on a one-shot service that completes before a service the writer depends on', () => {
    const text = yaml(
      ...DATABASE_URL_WEB,
      '    depends_on: [cache]',
      '  cache:',
      '    image: redis',
      '    depends_on: {seed: {condition: service_completed_successfully}}',
      '  seed:',
      '    image: seed',
      '    volumes: [appdata:/data]',
      'volumes: {appdata: {}}',
    );
    expect(lintOverlap(text)).toEqual([]);
  });

  it('but still on a service that only waits for the other to start or be healthy', () => {
    const text = yaml(...DATABASE_URL_WEB, '    depends_on: {worker: {condition: service_healthy}}', '  worker:', '    image: worker', '    volumes: [appdata:/data]', 'volumes: {appdata: {}}');
    expect(at(lintOverlap(text))).toEqual(['info@11:15']);
  });

  it.each([
    ['litestream/litestream:0.3', 'litestream'],
    ['flyio/litefs:0.5', 'litefs'],
  ])('on a %s sidecar built to share the file', (image) => {
    const text = yaml(...DATABASE_URL_WEB, '  replicate:', `    image: ${image}`, '    volumes: [appdata:/data]', 'volumes: {appdata: {}}');
    expect(lintOverlap(text)).toEqual([]);
  });

  it('on an image named in the sidecars option', () => {
    const text = yaml(...DATABASE_URL_WEB, '  backup:', '    image: registry.example.com/ops/sqlite-backup:3', '    volumes: [appdata:/data]', 'volumes: {appdata: {}}');
    const settings = { rules: { [RULE]: { options: { sidecars: ['registry.example.com/ops/sqlite-backup'] } } }, ignore: [], images: {}, strict: false };
    expect(lint([{ path: 'compose.yaml', text }], { settings }).findings.filter((finding) => finding.rule === RULE)).toEqual([]);
    expect(lintOverlap(text)).toHaveLength(1);
  });

  it('on one service with one replica, scale: 1 or stop-first', () => {
    const text = yaml(...DATABASE_URL_WEB, '    scale: 1', '    deploy:', '      replicas: 1', '      update_config: {order: stop-first}', 'volumes: {appdata: {}}');
    expect(lintOverlap(text)).toEqual([]);
  });

  it('on a database path outside the shared volume', () => {
    const text = yaml('services:', '  web:', '    image: web', '    environment: [DB=/var/lib/web/app.db]', '    volumes: [shared:/data]', '  worker:', '    image: worker', '    volumes: [shared:/data]', 'volumes: {shared: {}}');
    expect(lintOverlap(text)).toEqual([]);
  });
});

describe('shared-volume-overlap, Compose: deploy settings', () => {
  it('warns on deploy.replicas > 1, at the value, with the mount and the evidence as related', () => {
    const text = yaml(...DATABASE_URL_WEB, '    deploy:', '      replicas: 3', 'volumes: {appdata: {}}');
    const findings = lintOverlap(text);
    expect(at(findings)).toEqual(['warning@9:17']);
    expect(findings[0]).toMatchObject({ endLine: 9, endColumn: 18 });
    expect(findings[0].related).toEqual([
      { file: 'compose.yaml', line: 7, column: 9, message: "service 'web' mounts volume 'appdata' here" },
      { file: 'compose.yaml', line: 5, column: 21, message: 'SQLite data in the volume: service web sets DATABASE_URL to a SQLite database' },
    ]);
    expect(findings[0].message).toContain("service 'web' runs 3 containers (deploy.replicas: 3)");
  });

  it('warns on scale > 1', () => {
    const text = yaml(...DATABASE_URL_WEB, '    scale: 2', 'volumes: {appdata: {}}');
    expect(at(lintOverlap(text))).toEqual(['warning@8:12']);
  });

  it('is an error on update_config.order: start-first and on rollback_config.order: start-first', () => {
    const text = yaml(...DATABASE_URL_WEB, '    deploy:', '      update_config:', '        order: start-first', '      rollback_config:', '        order: "start-first"', 'volumes: {appdata: {}}');
    const findings = lintOverlap(text);
    expect(at(findings)).toEqual(['error@10:16', 'error@12:16']);
    expect(findings[0].message).toContain('deploy.update_config.order: start-first');
    expect(findings[0].help).toContain('Use order: stop-first');
    expect(findings[1].message).toContain('deploy.rollback_config.order: start-first');
  });

  it('reports the deploy settings of a service that shares the SQLite volume without evidence of its own', () => {
    const text = yaml(...DATABASE_URL_WEB, '  worker:', '    image: worker', '    volumes: [appdata:/data]', '    deploy: {replicas: 2}', 'volumes: {appdata: {}}');
    expect(at(lintOverlap(text))).toEqual(['info@10:15', 'warning@11:24']);
  });

  it('ignores deploy.mode: global outside a stack', () => {
    const text = yaml(...DATABASE_URL_WEB, '    deploy: {mode: global}', 'volumes: {appdata: {}}');
    expect(lintOverlap(text)).toEqual([]);
  });
});

describe('shared-volume-overlap, Swarm stacks (docker-stack*.yml)', () => {
  it('is an error on replicas > 1 (a swarm places replicas on different nodes)', () => {
    const text = yaml(...DATABASE_URL_WEB, '    deploy:', '      replicas: 2', 'volumes: {appdata: {}}');
    const findings = lintOverlap(text, 'docker-stack.yml');
    expect(at(findings)).toEqual(['error@9:17']);
    expect(findings[0].message).toContain("runs 2 swarm replicas (deploy.replicas: 2) that write volume 'appdata'");
    expect(findings[0].help).toContain('Run one replica');
  });

  it('is an error on deploy.mode: global', () => {
    const text = yaml(...DATABASE_URL_WEB, '    deploy:', '      mode: global', 'volumes: {appdata: {}}');
    expect(at(lintOverlap(text, 'docker-stack.prod.yml'))).toEqual(['error@9:13']);
  });

  it('is an error on start-first with the default single replica', () => {
    const text = yaml(...DATABASE_URL_WEB, '    deploy:', '      update_config:', '        order: start-first', 'volumes: {appdata: {}}');
    expect(at(lintOverlap(text, 'docker-stack.yml'))).toEqual(['error@10:16']);
  });

  it('warns on two different services sharing the volume (they may land on different nodes)', () => {
    const text = yaml(...DATABASE_URL_WEB, '  worker:', '    image: worker', '    volumes: [appdata:/data]', 'volumes: {appdata: {}}');
    const findings = lintOverlap(text, 'docker-stack.yml');
    expect(at(findings)).toEqual(['warning@10:15']);
    expect(findings[0].message).toContain('different nodes');
  });

  it('is an error on two services of the same image', () => {
    const text = yaml(...DATABASE_URL_WEB, '  green:', '    image: shop:2', '    volumes: [appdata:/data]', 'volumes: {appdata: {}}');
    expect(at(lintOverlap(text, 'docker-stack.yml'))).toEqual(['error@10:15']);
  });

  it('stays quiet on the default single replica, a :ro reader and a Litestream sidecar', () => {
    const text = yaml(...DATABASE_URL_WEB, '  reader:', '    image: shop:1', '    volumes: ["appdata:/data:ro"]', '  litestream:', '    image: litestream/litestream', '    volumes: [appdata:/data]', 'volumes: {appdata: {}}');
    expect(lintOverlap(text, 'docker-stack.yml')).toEqual([]);
  });
});

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

const UT_DATABASE_YML: InputFile = {
  path: 'config/database.yml',
  text: yaml(
    'default: &default', //                                         1
    '  adapter: sqlite3', //                                        2
    '  timeout: 5000', //                                           3
    '', //                                                          4
    'production:', //                                               5
    '  primary:  { <<: *default, database: storage/production.sqlite3 }', // 6
    '  cache:    { <<: *default, database: storage/production_cache.sqlite3 }', // 7
    '  queue:    { <<: *default, database: storage/production_queue.sqlite3 }', // 8
    '  cable:    { <<: *default, database: storage/production_cable.sqlite3 }', // 9
  ),
};

function kamal(lines: string[], extra: InputFile[] = [UT_DATABASE_YML]) {
  return lintOverlap([{ path: 'config/deploy.yml', text: yaml(...lines) }, ...extra]);
}

describe('shared-volume-overlap, Kamal', () => {
  it("warns on the incident's config: one web role on one host, storage/ in a volume (every deploy overlaps old and new)", () => {
    const findings = kamal(UT_DEPLOY);
    expect(at(findings)).toEqual(['warning@9:5']);
    expect(findings[0]).toMatchObject({ endLine: 9, endColumn: 40 });
    expect(findings[0].related).toEqual([
      { file: 'config/database.yml', line: 6, column: 39, message: 'SQLite data in the volume: keeps a production database in storage/production.sqlite3 (adapter: sqlite3)' },
    ]);
    expect(findings[0].message).toBe("kamal deploys overlap old and new containers of role 'web', which write volume 'ultrathink_storage' (SQLite data)");
    expect(findings[0].help).toContain('Serialise');
    expect(findings[0].help).toContain('server database when several hosts must write');
  });

  it('reads a database path from the env instead of database.yml', () => {
    const lines = [...UT_DEPLOY, 'env:', '  clear:', '    DATABASE_URL: sqlite3:///rails/storage/production.sqlite3'];
    const findings = kamal(lines, []);
    expect(at(findings)).toEqual(['warning@9:5']);
    expect(findings[0].related?.[0]).toMatchObject({ file: 'config/deploy.yml', line: 12, column: 19 });
  });

  it('is an error when the new container migrates on boot (Rails bin/docker-entrypoint runs db:prepare)', () => {
    const findings = kamal(UT_DEPLOY, [
      UT_DATABASE_YML,
      { path: 'Dockerfile', text: 'FROM ruby:3.4-slim\nWORKDIR /rails\nCOPY . .\nENTRYPOINT ["/rails/bin/docker-entrypoint"]\nCMD ["./bin/thrust", "./bin/rails", "server"]\n' },
      { path: 'bin/docker-entrypoint', text: '#!/bin/bash -e\n# db:prepare in a comment does not count\nif [ "${@: -2:1}" == "./bin/rails" ] && [ "${@: -1:1}" == "server" ]; then\n  ./bin/rails db:prepare\nfi\nexec "${@}"\n' },
    ]);
    expect(at(findings)).toEqual(['error@9:5']);
    expect(findings[0].related?.[1]).toEqual({ file: 'bin/docker-entrypoint', line: 4, column: 15, message: 'the container migrates on boot: db:prepare' });
    expect(findings[0].message).toContain('and the new one migrates on boot');
  });

  it('is an error at the second host of a role with several hosts (each host gets its own database)', () => {
    const lines = [...UT_DEPLOY.slice(0, 5), '    - 192.0.2.11', ...UT_DEPLOY.slice(5)];
    const findings = kamal(lines);
    expect(at(findings)).toEqual(['error@6:7', 'warning@10:5']);
    expect(findings[0]).toMatchObject({ endLine: 6, endColumn: 17 });
    expect(findings[0].message).toBe("role 'web' on 192.0.2.10 and 192.0.2.11 mounts volume 'ultrathink_storage' (SQLite data): one copy per host");
    expect(findings[0].related?.[0]).toEqual({ file: 'config/deploy.yml', line: 5, column: 7, message: "also mounted by role 'web' on 192.0.2.10" });
  });

  it('is an error when another role on the same host mounts the volume', () => {
    const lines = [...UT_DEPLOY.slice(0, 5), '  job:', '    hosts:', '      - 192.0.2.10', '    cmd: bin/jobs', ...UT_DEPLOY.slice(5)];
    const findings = kamal(lines);
    expect(at(findings)).toEqual(['error@8:9', 'warning@13:5']);
    expect(findings[0].message).toContain("role 'job' runs on 192.0.2.10 too, where role 'web' already writes volume 'ultrathink_storage'");
    expect(findings[1].message).toContain("roles 'web', 'job'");
  });

  it('is an error when another role runs on another host (the data splits)', () => {
    const lines = [...UT_DEPLOY.slice(0, 5), '  job:', '    hosts: [192.0.2.20]', ...UT_DEPLOY.slice(5)];
    const findings = kamal(lines);
    expect(at(findings)).toEqual(['error@7:13', 'warning@11:5']);
    expect(findings[0].message).toContain("but role 'web' writes it on 192.0.2.10");
  });

  it('is an error when an accessory on the same host mounts the volume read-write', () => {
    const lines = [...UT_DEPLOY, 'accessories:', '  reports:', '    image: metabase/metabase', '    host: 192.0.2.10', '    volumes:', '      - ultrathink_storage:/rails/storage'];
    const findings = kamal(lines);
    expect(at(findings)).toEqual(['warning@9:5', 'error@15:9']);
    expect(findings[1].message).toContain("accessory 'reports' mounts volume 'ultrathink_storage' read-write on 192.0.2.10, where role 'web' writes its SQLite data too");
    expect(findings[1].related?.[0]).toEqual({ file: 'config/deploy.yml', line: 5, column: 7, message: "also mounted by role 'web' on 192.0.2.10" });
  });

  it('reads accessories on roles: as on those hosts', () => {
    const lines = [...UT_DEPLOY, 'accessories:', '  reports:', '    image: metabase/metabase', '    roles: [web]', '    volumes: [ultrathink_storage:/rails/storage]'];
    expect(at(kamal(lines))).toEqual(['warning@9:5', 'error@14:15']);
  });

  it('stays quiet on a read-only accessory, an accessory on another host and a Litestream accessory', () => {
    const lines = [
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
    ];
    expect(at(kamal(lines))).toEqual(['warning@9:5']);
  });

  it('stays quiet without SQLite evidence (a Postgres app keeps uploads in storage/)', () => {
    const database: InputFile = { path: 'config/database.yml', text: yaml('production:', '  adapter: postgresql', '  database: shop_production') };
    expect(kamal(UT_DEPLOY, [database])).toEqual([]);
    expect(kamal(UT_DEPLOY, [])).toEqual([]);
  });

  it('stays quiet on a read-only global volume', () => {
    const lines = [...UT_DEPLOY.slice(0, 8), '  - "ultrathink_storage:/rails/storage:ro"'];
    expect(kamal(lines)).toEqual([]);
  });

  it('finds database.yml next to a config/deploy.yml in a subdirectory', () => {
    const findings = lintOverlap([
      { path: 'apps/shop/config/deploy.yml', text: yaml(...UT_DEPLOY) },
      { path: 'apps/shop/config/database.yml', text: UT_DATABASE_YML.text },
    ]);
    expect(positions(findings)).toEqual([`${RULE}@9:5`]);
  });

  it('honours a suppression comment above the volume', () => {
    const lines = [...UT_DEPLOY.slice(0, 8), '  # litelint-ignore shared-volume-overlap -- deploys are serialised and spaced out', UT_DEPLOY[8]];
    expect(kamal(lines)).toEqual([]);
  });
});

describe('shared-volume-overlap, more forms', () => {
  it('skips a read-only first mount: the first writer is the related location', () => {
    const text = yaml(
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
    );
    const findings = lintOverlap(text);
    expect(at(findings)).toEqual(['info@11:15']);
    expect(findings[0].related?.[0]).toEqual({ file: 'compose.yaml', line: 8, column: 15, message: "also mounted by service 'web'" });
  });

  it('reports deploy settings written in compose.override.yaml in that file', () => {
    const findings = lintOverlap(
      [
        { path: 'compose.yaml', text: yaml(...DATABASE_URL_WEB, 'volumes: {appdata: {}}') },
        { path: 'compose.override.yaml', text: yaml('services:', '  web:', '    deploy:', '      replicas: 2') },
      ],
    );
    expect(findings.map((finding) => `${finding.file}@${finding.line}:${finding.column}`)).toEqual(['compose.override.yaml@4:17']);
  });

  it('Kamal: two accessories sharing a stock image volume on one host', () => {
    const lines = [
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
      '    volumes: [kuma:/app/data]', //         12
    ];
    const findings = kamal(lines, []);
    expect(at(findings)).toEqual(['error@12:15']);
    expect(findings[0].message).toContain("accessory 'kuma-tools' mounts volume 'kuma' read-write on 192.0.2.10, where accessory 'kuma' writes its SQLite data too");
    expect(findings[0].message).not.toContain("app's deploys");
    expect(findings[0].related?.[1]).toMatchObject({ line: 6, column: 12, message: expect.stringContaining('louislam/uptime-kuma (Uptime Kuma) keeps its SQLite database in /app/data') });
  });

  it('puts related locations in the JSON report and names them in stylish output', () => {
    const cwd = tempProject({ 'compose.yaml': yaml(...DATABASE_URL_WEB, '    deploy: {update_config: {order: start-first}}', 'volumes: {appdata: {}}') });
    const json = jsonFindings(runCli(['-f', 'json', '.'], { cwd })).filter((finding) => finding.rule === RULE);
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ severity: 'error', line: 8, column: 37 });
    expect(json[0].related).toEqual([
      { file: 'compose.yaml', line: 7, column: 9, message: "service 'web' mounts volume 'appdata' here" },
      { file: 'compose.yaml', line: 5, column: 21, message: 'SQLite data in the volume: service web sets DATABASE_URL to a SQLite database' },
    ]);
    const stylish = runCli(['.'], { cwd });
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toContain('compose.yaml:7');
  });
});

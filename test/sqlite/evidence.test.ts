import { describe, expect, it } from 'vitest';
import { parseCompose } from '../../src/compose/parse';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { parseKamal } from '../../src/kamal/parse';
import { projectFiles, type ProjectFiles } from '../../src/facts/files';
import { joinProjectPath, linkProject, type Model } from '../../src/project/model';
import { SourceFile } from '../../src/source';
import { sqliteEvidenceForDockerfile, sqliteEvidenceForKamal, sqliteEvidenceForService, type SqliteEvidence } from '../../src/sqlite/evidence';
import { classifyConsumers } from '../../src/sqlite/consumers';
import { createKnowledge } from '../../src/knowledge/knowledge';

const knowledge = createKnowledge();

/** The finished project over `models` (a built Dockerfile that is not among them parsed from `files`), as the run's facts read it. */
function project(files: Record<string, string>, models: Model[] = []): ProjectFiles {
  const texts = new Map(Object.entries(files).map(([path, text]) => [joinProjectPath(path), text]));
  const dockerfileAt = (path: string) => {
    const linted = models.find((model) => model.kind === 'dockerfile' && joinProjectPath(model.file.path) === joinProjectPath(path));
    if (linted?.kind === 'dockerfile') return linted;
    const text = texts.get(joinProjectPath(path));
    return text === undefined ? undefined : parseDockerfile(new SourceFile(joinProjectPath(path), text, 'dockerfile'));
  };
  return projectFiles(linkProject(models, dockerfileAt), (path) => texts.get(joinProjectPath(path)));
}

function brief(evidence: readonly SqliteEvidence[]): string[] {
  return evidence.map((item) => `${item.file}:${item.range.start.line}:${item.range.start.column}-${item.range.end.column} ${item.kind}${item.consumer ? `/${item.consumer}` : ''}${item.version ? `@${item.version}` : ''} ${item.scope}`);
}

describe('sqliteEvidenceForDockerfile', () => {
  it('finds packages, driver installs, ENV/ARG/CMD values and copied dependency files with exact ranges', () => {
    const dockerfile = [
      'FROM python:3.12-slim',
      'ARG DB_FILE=/data/app.sqlite3',
      'RUN apt-get update && apt-get install -y --no-install-recommends \\',
      '      sqlite3 libsqlite3-0 \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'RUN pip install "aiosqlite==0.21.0" sqlite-utils',
      'COPY requirements.txt pyproject.toml ./',
      'ENV DATABASE_URL="sqlite:////data/app.db" OTHER=1',
      'CMD ["datasette", "serve", "/data/catalog.db"]',
      '',
    ].join('\n');
    const files = {
      Dockerfile: dockerfile,
      'requirements.txt': 'datasette>=0.65\n',
      'pyproject.toml': '[project]\ndependencies = [\n  "sqlite-vec>=0.1",\n]\n',
    };
    const model = parseDockerfile(new SourceFile('Dockerfile', dockerfile, 'dockerfile'));
    const p = project(files, [model]);
    expect(brief(sqliteEvidenceForDockerfile(p, knowledge, model, 0))).toEqual([
      'Dockerfile:2:13-30 database-path image',
      'Dockerfile:4:7-14 cli image',
      'Dockerfile:4:15-27 system-library/distro-library image',
      'Dockerfile:6:17-36 driver/python-stdlib@0.21.0 image',
      'Dockerfile:6:37-49 driver/python-stdlib image',
      'requirements.txt:1:1-10 driver/python-stdlib image',
      'pyproject.toml:3:4-14 driver/python-stdlib image',
      'Dockerfile:8:19-41 database-url image',
      'Dockerfile:9:29-45 database-path image',
      'Dockerfile:9:7-16 sqlite-app/python-stdlib image',
    ]);
  });

  it('reads heredoc RUN bodies and exec-form RUN', () => {
    const dockerfile = 'FROM php:8.4-cli\nRUN <<EOF\nset -e\ndocker-php-ext-install pdo_sqlite\nEOF\nRUN ["pip3", "install", "datasette"]\n';
    const p = project({ Dockerfile: dockerfile });
    const model = parseDockerfile(new SourceFile('Dockerfile', dockerfile, 'dockerfile'));
    expect(brief(sqliteEvidenceForDockerfile(p, knowledge, model, 0))).toEqual([
      'Dockerfile:4:24-34 php-extension/php image',
      'Dockerfile:6:26-35 driver/python-stdlib image',
    ]);
  });

  it('marks evidence from stages the final image copies from as build scope', () => {
    const dockerfile = 'FROM golang:1.27 AS build\nCOPY go.mod ./\nRUN go build -tags libsqlite3 -o /app .\nFROM debian:12-slim\nRUN apt-get update && apt-get install -y libsqlite3-0\nCOPY --from=build /app /app\n';
    const p = project({ Dockerfile: dockerfile, 'go.mod': 'module x\n\nrequire github.com/mattn/go-sqlite3 v1.14.34\n' });
    const model = parseDockerfile(new SourceFile('Dockerfile', dockerfile, 'dockerfile'));
    const evidence = sqliteEvidenceForDockerfile(p, knowledge, model, 1);
    expect(brief(evidence)).toEqual([
      'Dockerfile:5:42-54 system-library/distro-library image',
      'go.mod:3:37-45 driver/go-bundled@v1.14.34 build',
      'Dockerfile:3:20-30 system-build/go-libsqlite3 build',
    ]);
    const verdict = classifyConsumers(evidence, knowledge.lookupImage('debian:12-slim'), knowledge);
    expect(verdict.consumers.map((consumer) => `${consumer.runtime}:${consumer.sqlite}`)).toEqual(['go-libsqlite3:distro']);
  });

  it('adds the compose services that build the Dockerfile and Kamal env with config/database.yml', () => {
    const dockerfile = 'FROM ruby:3.4-slim\nWORKDIR /rails\n';
    const compose = 'services:\n  web:\n    build: .\n    environment:\n      - DATABASE_PATH=/rails/storage/production.sqlite3\n    volumes:\n      - ./db.sqlite3:/rails/db/app.sqlite3\n';
    const deploy = 'service: shop\nimage: shop/web\nservers:\n  web:\n    - 10.0.0.1\nenv:\n  clear:\n    SOLID_QUEUE_DB: storage/queue.sqlite3\n';
    const database = 'production:\n  primary:\n    adapter: sqlite3\n    database: storage/production.sqlite3\n';
    const model = parseDockerfile(new SourceFile('Dockerfile', dockerfile, 'dockerfile'));
    const kamal = parseKamal(new SourceFile('config/deploy.yml', deploy, 'kamal'));
    const composeModel = parseCompose(new SourceFile('compose.yaml', compose, 'compose'), { readFile: () => undefined, env: new Map() });
    const p = project({ Dockerfile: dockerfile, 'compose.yaml': compose, 'config/deploy.yml': deploy, 'config/database.yml': database }, [model, composeModel, kamal]);
    expect(brief(sqliteEvidenceForDockerfile(p, knowledge, model, 0))).toEqual([
      'compose.yaml:5:23-56 database-path deploy',
      'compose.yaml:7:22-43 database-path deploy',
      'config/deploy.yml:8:21-42 database-path deploy',
      'config/database.yml:3:14-21 database-config/ruby-gem deploy',
      'config/database.yml:4:15-41 database-path/ruby-gem deploy',
    ]);
    expect(brief(sqliteEvidenceForKamal(p, knowledge, kamal)).slice(0, 2)).toEqual(['config/deploy.yml:8:21-42 database-path deploy', 'config/database.yml:3:14-21 database-config/ruby-gem deploy']);
  });
});

describe('config/database.yml (one reader for the SQLite rules and shared-volume-overlap)', () => {
  const deploy = 'service: shop\nimage: shop/web\nservers:\n  web:\n    - 10.0.0.1\n';

  function databaseYmlEvidence(database: string): SqliteEvidence[] {
    const kamal = parseKamal(new SourceFile('config/deploy.yml', deploy, 'kamal'));
    const p = project({ 'config/deploy.yml': deploy, 'config/database.yml': database }, [kamal]);
    return sqliteEvidenceForKamal(p, knowledge, kamal).filter((item) => item.file === 'config/database.yml');
  }

  it('reads flow-style entries and ERB defaults', () => {
    const database = [
      'default: &default { adapter: sqlite3, pool: 5 }',
      'production:',
      '  primary: { <<: *default, database: storage/production.sqlite3 }',
      '  cache:',
      '    <<: *default',
      '    database: <%= ENV.fetch("CACHE_DB", "storage/cache.sqlite3") %>',
      '',
    ].join('\n');
    const evidence = databaseYmlEvidence(database);
    expect(brief(evidence)).toEqual([
      'config/database.yml:1:30-37 database-config/ruby-gem deploy',
      'config/database.yml:3:38-64 database-path/ruby-gem deploy',
      'config/database.yml:6:42-63 database-path/ruby-gem deploy',
    ]);
    expect(evidence.map((item) => item.databasePath)).toEqual([undefined, 'storage/production.sqlite3', 'storage/cache.sqlite3']);
  });

  it('keeps only the databases of production:, and skips commented-out lines', () => {
    const database = [
      'development:',
      '  adapter: sqlite3',
      '  database: storage/development.sqlite3',
      'production:',
      '  # database: storage/old.sqlite3',
      '  database: storage/production.sqlite3',
      '',
    ].join('\n');
    expect(databaseYmlEvidence(database).map((item) => item.databasePath ?? item.description)).toEqual(['uses adapter: sqlite3', 'storage/production.sqlite3']);
  });
});

describe('sqliteEvidenceForService', () => {
  it('reads environment, command and volume targets of a stock-image service', () => {
    const compose = [
      'services:',
      '  kuma:',
      '    image: louislam/uptime-kuma:2',
      '    command: ["node", "server/server.js", "--data-dir", "/app/data/kuma.db"]',
      '    environment:',
      '      DB_URL: "sqlite:///app/data/kuma.db"',
      '      PLAIN: value',
      '',
    ].join('\n');
    const model = parseCompose(new SourceFile('compose.yaml', compose, 'compose'), { readFile: () => undefined, env: new Map() });
    const p = project({ 'compose.yaml': compose }, [model]);
    expect(brief(sqliteEvidenceForService(p, knowledge, model, model.services[0]))).toEqual([
      'compose.yaml:6:16-42 database-url deploy',
      'compose.yaml:4:58-75 database-path deploy',
    ]);
  });
});

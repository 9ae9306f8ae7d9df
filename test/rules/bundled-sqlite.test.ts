import { bundledSqlite } from '../../rules/bundled-sqlite';
import { exampleFiles } from '../support/rule-docs';
import { ruleTable } from '../support/rule-table';
import { PHOENIX_POSTGRES, PHOENIX_SQLITE } from '../support/phoenix-projects';
import { GO_BUILD_STAGE, sqliteGoodExamples } from '../support/sqlite-projects';

const GO_DOCKERFILE = [
  ...GO_BUILD_STAGE,
  'FROM gcr.io/distroless/base-debian12',
  'COPY --from=build /out/app /app',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');

function goMod(requirement: string): string {
  return `module example.com/app\n\ngo 1.27\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.2.3\n\t${requirement}\n)\n`;
}

/** The remedy for a pinned driver: its first release that bundles a fixed SQLite. */
function upgradeHelp(driver: string, release: string): string {
  return `Upgrade to ${driver} ${release} or later (first release with SQLite >= 3.51.3) and update the lockfile; the driver brings its own SQLite, so the distro library does not matter.`;
}

const DOTNET_DOCKERFILE = [
  'FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build',
  'WORKDIR /src',
  'COPY Api.csproj packages.lock.json ./',
  'RUN dotnet restore --locked-mode',
  'COPY . .',
  'RUN dotnet publish -c Release -o /out',
  '',
  'FROM mcr.microsoft.com/dotnet/aspnet:9.0',
  'COPY --from=build /out /app',
  'ENV ConnectionStrings__Default="Data Source=/data/app.db"',
  'ENTRYPOINT ["dotnet", "/app/Api.dll"]',
  '',
].join('\n');

const RUST_DOCKERFILE = 'FROM rust:1.91 AS build\nWORKDIR /src\nCOPY Cargo.toml Cargo.lock ./\nCOPY src ./src\nRUN cargo build --release\n\nFROM debian:13-slim\nCOPY --from=build /src/target/release/app /app\nCMD ["/app"]\n';
const RUSQLITE_LOCK = 'version = 4\n\n[[package]]\nname = "libsqlite3-sys"\nversion = "0.36.0"\n\n[[package]]\nname = "rusqlite"\nversion = "0.38.0"\n';

ruleTable(bundledSqlite, {
  valid: [
    ...sqliteGoodExamples(),
    { name: 'examples/distro-sqlite/bad (the distro library, no bundled copy)', files: exampleFiles('distro-sqlite/bad') },
    { name: 'examples/sqlite-version-assert/bad', files: exampleFiles('sqlite-version-assert/bad') },
    {
      name: 'the gem built against the system library',
      files: {
        Dockerfile: 'FROM ruby:3.4-slim\nCOPY Gemfile Gemfile.lock ./\nRUN bundle config build.sqlite3 --enable-system-libraries && bundle install\n',
        'Gemfile.lock': 'GEM\n  specs:\n    sqlite3 (2.9.1)\n',
      },
    },
    { name: 'a fixed Go driver', files: { Dockerfile: GO_DOCKERFILE, 'go.mod': goMod('github.com/mattn/go-sqlite3 v1.14.36') } },
    { name: 'Phoenix release: mix.lock locks exqlite 0.36.0 (bundles 3.51.3)', files: { ...PHOENIX_SQLITE, 'mix.lock': PHOENIX_SQLITE['mix.lock'].replace('"exqlite", "0.27.1"', '"exqlite", "0.36.0"').replace(':exqlite, "0.27.1"', ':exqlite, "0.36.0"') } },
    {
      name: 'Phoenix release: exqlite built with ENV EXQLITE_USE_SYSTEM=1 links the distro library',
      files: { ...PHOENIX_SQLITE, Dockerfile: PHOENIX_SQLITE.Dockerfile.replace('WORKDIR /app\n', 'WORKDIR /app\nENV EXQLITE_USE_SYSTEM=1\n') },
    },
    { name: 'Phoenix on Postgres: postgrex in mix.lock, no exqlite', files: PHOENIX_POSTGRES },
    {
      name: 'mattn built with -tags libsqlite3',
      files: { Dockerfile: GO_DOCKERFILE.replace('go build -o', 'go build -tags libsqlite3 -o'), 'go.mod': goMod('github.com/mattn/go-sqlite3 v1.14.34') },
    },
    { name: 'rusqlite without the bundled feature', files: { Dockerfile: RUST_DOCKERFILE, 'Cargo.toml': '[dependencies]\nrusqlite = "0.38"\n', 'Cargo.lock': RUSQLITE_LOCK } },
    { name: 'a floating Node tag whose line has the fix', files: { Dockerfile: 'FROM node:22-slim\nCMD ["node", "--experimental-sqlite", "server.js"]\n' } },
    { name: 'a fixed Node release', files: { Dockerfile: 'FROM node:24.15.0\nCMD ["node", "--experimental-sqlite", "server.js"]\n' } },
    { name: 'Node 25.8.1 already bundles 3.52.0', files: { Dockerfile: 'FROM node:25.8.1-slim\nCMD ["node", "--experimental-sqlite", "server.js"]\n' } },
    { name: 'ncruces/go-sqlite3 v0.31.0 embeds 3.52.0', files: { Dockerfile: GO_DOCKERFILE, 'go.mod': goMod('github.com/ncruces/go-sqlite3 v0.31.0') } },
    { name: 'ncruces/go-sqlite3 v0.33.2 and its SQLite module pseudo-version', files: { Dockerfile: GO_DOCKERFILE, 'go.mod': goMod('github.com/ncruces/go-sqlite3 v0.33.2\n\tgithub.com/ncruces/go-sqlite3-wasm v1.0.4-0.20260329114232-2491c387476c // indirect') } },
    { name: 'uv python install pinned to python-build-standalone 20260602 (SQLite 3.53.1)', files: { Dockerfile: 'FROM debian:13-slim\nRUN uv python install 3.12.13+20260602\nCMD ["uv", "run", "app.py"]\n' } },
    {
      name: '.NET: SQLitePCLRaw 2.1.12 has the fix on the 2.x line',
      files: { Dockerfile: DOTNET_DOCKERFILE.replace('COPY Api.csproj packages.lock.json ./', 'COPY Api.csproj ./'), 'Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <PackageReference Include="SQLitePCLRaw.bundle_e_sqlite3" Version="2.1.12" />\n  </ItemGroup>\n</Project>\n' },
    },
    { name: 'Node 20 (no node:sqlite)', files: { Dockerfile: 'FROM node:20.19.0\nENV DB_FILE=/data/app.db\n' } },
  ],
  invalid: [
    {
      name: 'examples/bundled-sqlite/bad: the pinned better-sqlite3 in the lockfile',
      files: exampleFiles('bundled-sqlite/bad'),
      errors: [
        {
          file: 'package-lock.json', line: 15, column: 19, endLine: 15, endColumn: 25, severity: 'warning', messageId: 'driverBundlesOld',
          data: { driver: 'better-sqlite3', version: '12.6.2', bundled: '3.51.2', minimum: '3.51.3' },
          help: upgradeHelp('better-sqlite3', '12.8.0'),
        },
      ],
    },
    {
      name: 'the sqlite3 npm package before 6.0.1 (lockfile v1)',
      files: {
        Dockerfile: 'FROM node:22-slim\nCOPY . .\nRUN npm ci\n',
        'package-lock.json': '{\n  "lockfileVersion": 1,\n  "dependencies": {\n    "sqlite3": {\n      "version": "5.1.7",\n      "resolved": "https://registry.npmjs.org/sqlite3/-/sqlite3-5.1.7.tgz"\n    }\n  }\n}\n',
      },
      errors: [
        {
          file: 'package-lock.json', line: 5, column: 19, endLine: 5, endColumn: 24, severity: 'warning', messageId: 'driverBundlesOld',
          data: { driver: 'sqlite3', version: '5.1.7', bundled: '3.44.2', minimum: '3.51.3' },
          help: upgradeHelp('sqlite3', '6.0.1'),
        },
      ],
    },
    {
      name: 'the sqlite3 gem before 2.9.2 in Gemfile.lock, platform suffix and all',
      files: {
        Dockerfile: 'FROM ruby:3.4-slim\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\n',
        Gemfile: 'gem "sqlite3", ">= 2.1"\n',
        'Gemfile.lock': 'GEM\n  remote: https://rubygems.org/\n  specs:\n    rails (8.1.1)\n    sqlite3 (2.9.1-x86_64-linux-gnu)\n    sqlite3 (2.9.1-aarch64-linux-gnu)\n\nDEPENDENCIES\n  sqlite3 (>= 2.1)\n',
      },
      errors: [
        {
          file: 'Gemfile.lock', line: 5, column: 14, endLine: 5, endColumn: 36, severity: 'warning', messageId: 'driverBundlesOld',
          data: { driver: 'sqlite3', version: '2.9.1', bundled: '3.51.2', minimum: '3.51.3' },
          help: upgradeHelp('sqlite3', '2.9.2'),
        },
      ],
    },
    {
      name: 'Phoenix release (mix phx.gen.release --docker): mix.lock locks exqlite 0.27.1 (bundles 3.47.1)',
      files: PHOENIX_SQLITE,
      errors: [
        {
          file: 'mix.lock', line: 5, column: 32, endLine: 5, endColumn: 38, severity: 'warning', messageId: 'driverBundlesOld',
          data: { driver: 'exqlite', version: '0.27.1', bundled: '3.47.1', minimum: '3.51.3' },
          help: upgradeHelp('exqlite', '0.36.0'),
        },
      ],
    },
    {
      name: 'go.mod mattn/go-sqlite3 before the fix, in a stage the final image copies from',
      files: { Dockerfile: GO_DOCKERFILE, 'go.mod': goMod('github.com/mattn/go-sqlite3 v1.14.34') },
      errors: [
        {
          file: 'go.mod', line: 7, column: 30, endLine: 7, endColumn: 38, severity: 'warning', messageId: 'driverBundlesOld',
          data: { driver: 'github.com/mattn/go-sqlite3', version: 'v1.14.34', bundled: '3.51.2', minimum: '3.51.3' },
          help: upgradeHelp('github.com/mattn/go-sqlite3', '1.14.36'),
        },
      ],
    },
    {
      name: 'go.mod modernc.org/sqlite before the fix',
      files: { Dockerfile: GO_DOCKERFILE, 'go.mod': goMod('modernc.org/sqlite v1.44.3') },
      errors: [
        {
          file: 'go.mod', line: 7, column: 21, endLine: 7, endColumn: 28, severity: 'warning', messageId: 'driverBundlesOld',
          data: { driver: 'modernc.org/sqlite', version: 'v1.44.3', bundled: '3.51.2', minimum: '3.51.3' },
          help: upgradeHelp('modernc.org/sqlite', '1.46.2'),
        },
      ],
    },
    {
      name: 'go.mod ncruces/go-sqlite3 before the fix (v0.30.5 embeds 3.51.2)',
      files: { Dockerfile: GO_DOCKERFILE, 'go.mod': goMod('github.com/ncruces/go-sqlite3 v0.30.5') },
      errors: [
        {
          file: 'go.mod', line: 7, column: 32, endLine: 7, endColumn: 39, severity: 'warning', messageId: 'driverBundlesOld',
          data: { driver: 'github.com/ncruces/go-sqlite3', version: 'v0.30.5', bundled: '3.51.2', minimum: '3.51.3' },
          help: upgradeHelp('github.com/ncruces/go-sqlite3', '0.31.0'),
        },
      ],
    },
    {
      name: 'go.mod: ncruces/go-sqlite3 v0.35 with its SQLite module held back to a 3.51.2 build',
      files: { Dockerfile: GO_DOCKERFILE, 'go.mod': goMod('github.com/ncruces/go-sqlite3 v0.35.3\n\tgithub.com/ncruces/go-sqlite3-wasm/v3 v3.0.35102 // indirect') },
      errors: [
        {
          file: 'go.mod', line: 8, column: 40, endLine: 8, endColumn: 50, severity: 'warning', messageId: 'driverBundlesOld',
          data: { driver: 'github.com/ncruces/go-sqlite3-wasm/v3', version: 'v3.0.35102', bundled: '3.51.2', minimum: '3.51.3' },
          help: 'Upgrade github.com/ncruces/go-sqlite3 and drop the pin on github.com/ncruces/go-sqlite3-wasm, so go.mod takes the SQLite module the driver names (SQLite >= 3.51.3).',
        },
      ],
    },
    {
      name: 'requirements.txt pins pysqlite3-binary 0.5.4.post2 (bundles 3.51.1; no fixed release known)',
      files: { Dockerfile: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n', 'requirements.txt': 'flask==3.1.2\npysqlite3-binary==0.5.4.post2\n' },
      errors: [
        {
          file: 'requirements.txt', line: 2, column: 1, endLine: 2, endColumn: 17, severity: 'warning', messageId: 'driverBundlesOld',
          data: { driver: 'pysqlite3-binary', version: '0.5.4.post2', bundled: '3.51.1', minimum: '3.51.3' },
          help: 'No pysqlite3-binary release with SQLite >= 3.51.3 is known (as of 2026-11-22); use a driver that has one, or one that loads a fixed system SQLite.',
        },
      ],
    },
    {
      name: 'requirements.txt pins apsw 3.50.4.0 (its version is the SQLite it bundles)',
      files: { Dockerfile: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n', 'requirements.txt': 'flask==3.1.2\napsw==3.50.4.0\n' },
      errors: [
        {
          file: 'requirements.txt', line: 2, column: 1, endLine: 2, endColumn: 5, severity: 'warning', messageId: 'driverPredatesFix',
          data: { driver: 'apsw', version: '3.50.4.0', minimum: '3.51.3' },
          help: upgradeHelp('apsw', '3.51.3.0'),
        },
      ],
    },
    {
      name: 'uv python install pinned to a python-build-standalone release before 20260602 (SQLite 3.50.4)',
      files: { Dockerfile: 'FROM debian:13-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.11.20 /uv /bin/uv\nRUN uv python install 3.12.13+20260510\nCOPY . .\nCMD ["uv", "run", "app.py"]\n' },
      errors: [
        {
          file: 'Dockerfile', line: 3, column: 23, endLine: 3, endColumn: 39, severity: 'warning', messageId: 'driverBundlesOld',
          data: { driver: 'python-build-standalone', version: '20260510', bundled: '3.50.4', minimum: '3.51.3' },
          help: upgradeHelp('python-build-standalone', '20260602'),
        },
      ],
    },
    {
      name: '.NET: packages.lock.json resolves SQLitePCLRaw.lib.e_sqlite3 2.1.11 (before 2.1.12)',
      files: {
        Dockerfile: DOTNET_DOCKERFILE,
        'Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="9.0.4" />\n  </ItemGroup>\n</Project>\n',
        'packages.lock.json': '{\n  "version": 1,\n  "dependencies": {\n    "net9.0": {\n      "SQLitePCLRaw.lib.e_sqlite3": {\n        "type": "Transitive",\n        "resolved": "2.1.11",\n        "contentHash": "x"\n      }\n    }\n  }\n}\n',
      },
      errors: [
        {
          file: 'packages.lock.json', line: 7, column: 22, endLine: 7, endColumn: 28, severity: 'warning', messageId: 'driverPredatesFix',
          data: { driver: 'SQLitePCLRaw.lib.e_sqlite3', version: '2.1.11', minimum: '3.51.3' },
          help: upgradeHelp('SQLitePCLRaw.lib.e_sqlite3', '3.0.4'),
        },
      ],
    },
    {
      name: '.NET: a .csproj pins SQLitePCLRaw.bundle_e_sqlite3 3.0.3 (before 3.0.4)',
      files: {
        Dockerfile: DOTNET_DOCKERFILE.replace('COPY Api.csproj packages.lock.json ./', 'COPY Api.csproj ./'),
        'Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <PackageReference Include="SQLitePCLRaw.bundle_e_sqlite3" Version="3.0.3" />\n  </ItemGroup>\n</Project>\n',
      },
      errors: [
        {
          file: 'Api.csproj', line: 3, column: 72, endLine: 3, endColumn: 77, severity: 'warning', messageId: 'driverPredatesFix',
          data: { driver: 'SQLitePCLRaw.bundle_e_sqlite3', version: '3.0.3', minimum: '3.51.3' },
          help: upgradeHelp('SQLitePCLRaw.bundle_e_sqlite3', '3.0.4'),
        },
      ],
    },
    {
      name: 'rusqlite with the bundled feature: libsqlite3-sys and rusqlite',
      files: { Dockerfile: RUST_DOCKERFILE, 'Cargo.toml': '[dependencies]\nrusqlite = { version = "0.38", features = ["bundled"] }\n', 'Cargo.lock': RUSQLITE_LOCK },
      errors: [
        {
          file: 'Cargo.lock', line: 5, column: 12, endLine: 5, endColumn: 18, severity: 'warning', messageId: 'driverBundlesOld',
          data: { driver: 'libsqlite3-sys', version: '0.36.0', bundled: '3.51.1', minimum: '3.51.3' },
        },
        {
          file: 'Cargo.lock', line: 9, column: 12, endLine: 9, endColumn: 18, severity: 'warning', messageId: 'driverBundlesOld',
          data: { driver: 'rusqlite', version: '0.38.0', bundled: '3.51.1', minimum: '3.51.3' },
          help: upgradeHelp('rusqlite', '0.39.0'),
        },
      ],
    },
    {
      name: 'at the FROM token: a Node release whose node:sqlite predates the fix',
      files: { Dockerfile: 'FROM node:22.22.2-slim\nCOPY . .\nCMD ["node", "--experimental-sqlite", "server.js"]\n' },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 23, severity: 'warning', messageId: 'runtimeBundlesOld',
          data: { image: 'node:22.22.2-slim', api: 'node:sqlite', runtime: 'node', version: '22.22.2', bundled: '3.51.2', minimum: '3.51.3' }, help: 'Use node 22.22.3 or later.',
        },
      ],
    },
    {
      name: 'Bun before 1.3.14, hedged when no driver is named',
      files: { Dockerfile: 'FROM oven/bun:1.3.13-slim\nCOPY . .\nENV DB_PATH=/data/app.sqlite\nCMD ["bun", "run", "index.ts"]\n' },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 26, severity: 'warning', messageId: 'runtimeBundlesOldIfUsed',
          data: { image: 'oven/bun:1.3.13-slim', api: 'bun:sqlite', runtime: 'bun', version: '1.3.13', bundled: '3.51.2', minimum: '3.51.3' }, help: 'Use bun 1.3.14 or later.',
        },
      ],
    },
    {
      name: 'Deno before 2.9.1',
      files: { Dockerfile: 'FROM denoland/deno:2.8.0\nCMD ["deno", "run", "-A", "--", "main.ts", "/data/app.db"]\n' },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 25, severity: 'warning', messageId: 'runtimePredatesFixIfUsed',
          data: { image: 'denoland/deno:2.8.0', api: 'node:sqlite', runtime: 'deno', version: '2.8.0', minimum: '3.51.3' }, help: 'Use deno 2.9.1 or later.',
        },
      ],
    },
    {
      name: 'a Node release whose bundled SQLite is not known, with node:sqlite named',
      files: { Dockerfile: 'FROM node:22.21.0-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "--experimental-sqlite", "server.js"]\n' },
      errors: [
        {
          file: 'Dockerfile', line: 1, column: 6, endLine: 1, endColumn: 23, severity: 'warning', messageId: 'runtimePredatesFix',
          data: { image: 'node:22.21.0-slim', api: 'node:sqlite', runtime: 'node', version: '22.21.0', minimum: '3.51.3' }, help: 'Use node 22.22.3 or later.',
        },
      ],
    },
    {
      name: 'at the compose image line for a stock Bun image',
      files: { 'compose.yaml': 'services:\n  app:\n    image: oven/bun:1.3.13\n    environment:\n      DB_PATH: /data/app.sqlite\n' },
      errors: [
        {
          file: 'compose.yaml', line: 3, column: 12, endLine: 3, endColumn: 27, severity: 'warning', messageId: 'runtimeBundlesOldIfUsed',
          data: { image: 'oven/bun:1.3.13', api: 'bun:sqlite', runtime: 'bun', version: '1.3.13', bundled: '3.51.2', minimum: '3.51.3' },
        },
      ],
    },
    {
      name: 'a lockfile shared by two Dockerfiles, once',
      files: { ...exampleFiles('bundled-sqlite/bad'), 'Dockerfile.worker': 'FROM node:24-slim\nCOPY package.json package-lock.json ./\nRUN npm ci\n' },
      errors: [
        {
          file: 'package-lock.json', line: 15, column: 19, endLine: 15, endColumn: 25, severity: 'warning', messageId: 'driverBundlesOld',
          data: { driver: 'better-sqlite3', version: '12.6.2', bundled: '3.51.2', minimum: '3.51.3' },
        },
      ],
    },
  ],
});

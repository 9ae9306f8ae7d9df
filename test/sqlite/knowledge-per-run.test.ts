import { describe, expect, it } from 'vitest';
import { defaultSettings, lint, type Settings } from '../../src/index';
import { createKnowledge, imagePathData, setSqliteKnowledge, sqliteKnowledge, type PackageEntry, type SqliteKnowledge } from '../../src/knowledge';
import { projectFiles, type ProjectFiles } from '../../src/facts/files';
import { joinProjectPath, linkProject } from '../../src/project/model';
import { dependencyFileEvidence } from '../../src/sqlite/dependency-files';
import { installHits } from '../../src/sqlite/installs';
import { splitShellCommands } from '../../src/sqlite/shell';

const PYTHON_APP = { path: 'Dockerfile', text: 'FROM python:3.12-slim\nRUN pip install aiosqlite\n' };

function lintWith(settings: Partial<Settings>, files = [PYTHON_APP]): { rule: string; message: string; help?: string }[] {
  return lint(files, { settings: { ...defaultSettings(), ...settings } }).findings.map(({ rule, message, help }) => ({ rule, message, help }));
}

/** A deep copy of the package's knowledge base, to change one fact in. */
function dataCopy(): SqliteKnowledge {
  return structuredClone(sqliteKnowledge());
}

function knowledgeOver(data: SqliteKnowledge) {
  return createKnowledge({}, { sqlite: () => data, imagePaths: imagePathData });
}

function projectOf(files: Record<string, string>): ProjectFiles {
  const texts = new Map(Object.entries(files).map(([path, text]) => [joinProjectPath(path), text]));
  return projectFiles(linkProject([], () => undefined), (path) => texts.get(joinProjectPath(path)));
}

function consumersIn(file: string, text: string, data: SqliteKnowledge): (string | undefined)[] {
  return dependencyFileEvidence(projectOf({ [file]: text }), file, knowledgeOver(data)).map((item) => item.consumer);
}

function installConsumers(command: string, data: SqliteKnowledge): (string | undefined)[] {
  const [shell] = splitShellCommands(command, 0);
  return installHits(shell, knowledgeOver(data)).map((hit) => hit.consumer);
}

describe('one knowledge object per run', () => {
  it('moves the version of every message and the suggested assert with a sqlite-fixed-range override', () => {
    const overridden = lintWith({ sqliteFixedRange: '>=3.53.0' });
    expect(overridden.map((finding) => finding.rule)).toEqual(['distro-sqlite', 'sqlite-version-assert']);
    for (const finding of overridden) {
      expect(`${finding.message} ${finding.help ?? ''}`, finding.rule).toContain('3.53.0');
      expect(`${finding.message} ${finding.help ?? ''}`, finding.rule).not.toMatch(/3\.51\.3|3, 51, 3/);
    }
    expect(overridden.find((finding) => finding.rule === 'sqlite-version-assert')?.help).toContain('v >= (3, 53, 0)');
  });

  it('keeps two runs with different settings in one process apart', () => {
    const defaults = lintWith({});
    const overridden = lintWith({ sqliteFixedRange: '>=3.53.0' });
    const again = lintWith({});
    expect(defaults.map((finding) => finding.message)).toEqual(again.map((finding) => finding.message));
    expect(defaults[0].message).toContain('3.51.3');
    expect(overridden[0].message).not.toContain('3.51.3');

    const privateBase = { path: 'Dockerfile', text: 'FROM registry.example.com/base:1\nRUN pip install aiosqlite\n' };
    const taught = lintWith({ images: { 'registry.example.com/base:1': { sqlite: '3.40.1' } } }, [privateBase]);
    expect(taught.map((finding) => finding.rule)).toContain('distro-sqlite');
    expect(lintWith({}, [privateBase]).map((finding) => finding.rule)).not.toContain('distro-sqlite');
  });
});

describe('driver facts are data', () => {
  it('reads the PyPI names from the data', () => {
    const data = dataCopy();
    expect(consumersIn('requirements.txt', 'aiosqlite==0.21.0\n', data)).toEqual(['python-stdlib']);
    delete data.packages.pypi.aiosqlite;
    data.packages.pypi['my-sqlite-wrapper'] = { consumer: 'python-bundled', source: 'test', asOf: '2026-12-02' };
    expect(consumersIn('requirements.txt', 'aiosqlite==0.21.0\n', data)).toEqual([]);
    expect(consumersIn('requirements.txt', 'my_sqlite_wrapper==1.0\n', data)).toEqual(['python-bundled']);
    expect(installConsumers('pip install aiosqlite my-sqlite-wrapper', data)).toEqual(['python-bundled']);
  });

  it('reads which Cargo features bundle SQLite from the data', () => {
    const manifest = '[dependencies]\nrusqlite = { version = "0.39", features = ["bundled"] }\n';
    const data = dataCopy();
    expect(consumersIn('Cargo.toml', manifest, data)).toEqual(['rust-bundled']);
    data.packages.cargo.rusqlite.bundledFeatures = ['static'];
    expect(consumersIn('Cargo.toml', manifest, data)).toEqual(['rusqlite-system']);
  });

  it('reads the gem, the PHP extensions and the runtime APIs from the data', () => {
    const data = dataCopy();
    data.packages.gem['extralite-bundle'] = { consumer: 'ruby-gem', source: 'test', asOf: '2026-12-02' };
    expect(consumersIn('Gemfile', 'gem "extralite-bundle"\n', data)).toEqual(['ruby-gem']);
    expect(installConsumers('gem install extralite-bundle', data)).toEqual(['ruby-gem']);
    expect(consumersIn('Gemfile', 'gem "extralite-bundle"\n', sqliteKnowledge())).toEqual([]);

    expect(consumersIn('composer.json', '{"require": {"ext-pdo_sqlite": "*"}}', data)).toEqual(['php']);
    delete data.packages['php-extension'].pdo_sqlite;
    expect(consumersIn('composer.json', '{"require": {"ext-pdo_sqlite": "*"}}', data)).toEqual([]);
    expect(installConsumers('docker-php-ext-install pdo_sqlite', data)).toEqual([]);

    const packageJson = '{"scripts": {"start": "node --experimental-sqlite server.js"}}';
    expect(consumersIn('package.json', packageJson, data)).toEqual(['node']);
    delete data.runtimeApis['--experimental-sqlite'];
    expect(consumersIn('package.json', packageJson, data)).toEqual([]);
  });

  it('reads the distribution package names from the data', () => {
    const data = dataCopy();
    expect(installConsumers('apt-get install -y php8.2-sqlite3', data)).toEqual(['php']);
    data.systemPackages.apt = data.systemPackages.apt.filter((entry) => entry.kind !== 'php-extension');
    expect(installConsumers('apt-get install -y php8.2-sqlite3', data)).toEqual([]);
    data.systemPackages.apt.push({ name: '^libsqlite3-mine$', kind: 'interpreter', consumer: 'distro-python', source: 'test', asOf: '2026-12-02' });
    expect(installConsumers('apt-get install -y libsqlite3-mine=1.0', data)).toEqual(['distro-python']);
  });

  it('changes a rule verdict when the embedder hands in changed data', () => {
    const original = sqliteKnowledge();
    const data = dataCopy();
    delete data.packages.pypi.aiosqlite;
    setSqliteKnowledge(data);
    try {
      expect(lintWith({})).toEqual([]);
    } finally {
      setSqliteKnowledge(original);
    }
    expect(lintWith({}).map((finding) => finding.rule)).toEqual(['distro-sqlite', 'sqlite-version-assert']);
  });

  it('gives every package and runtime API a runtime the data knows, and every driver one that matches', () => {
    const data = sqliteKnowledge();
    const ecosystems: Record<string, string> = { pypi: 'pypi', npm: 'npm', go: 'go', cargo: 'cargo', gem: 'gem', nuget: 'nuget', hex: 'hex' };
    const own = <Entry>(table: Record<string, Entry>): [string, Entry][] => Object.entries(table).filter(([key]) => !key.startsWith('$'));
    for (const [ecosystem, table] of own(data.packages as unknown as Record<string, Record<string, PackageEntry>>)) {
      for (const [name, entry] of own(table)) {
        expect(entry.consumer === 'python-stdlib' || data.runtimes[entry.consumer] !== undefined, `${ecosystem} ${name}`).toBe(true);
        if (entry.driver === undefined) continue;
        expect(data.drivers[entry.driver], `${ecosystem} ${name}`).toMatchObject({ ecosystem: ecosystems[ecosystem], package: name });
      }
    }
    for (const [name, entry] of own(data.runtimeApis)) {
      expect(data.runtimes[entry.consumer], name).toBeDefined();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { projectFiles } from '../../src/facts/files';
import { linkProject } from '../../src/project/model';
import { goBuildTargets, targetPackageDir } from '../../src/sqlite/go-build-targets';
import { describeReach, goDriverReach } from '../../src/sqlite/go-driver-reach';
import { goFileBuilt, goImports, goModulePath } from '../../src/sqlite/go-sources';
import { splitShellCommands } from '../../src/sqlite/shell';

const DRIVERS = ['github.com/mattn/go-sqlite3', 'modernc.org/sqlite', 'github.com/ncruces/go-sqlite3'];
const LIMITS = { maxFiles: 100, maxBytes: 1 << 20 };

describe('Go sources', () => {
  it('reads the module path of go.mod', () => {
    expect(goModulePath('// comment\nmodule example.com/app\n\ngo 1.25\n')).toBe('example.com/app');
    expect(goModulePath('module "example.com/quoted" // why\n')).toBe('example.com/quoted');
    expect(goModulePath('go 1.25\n')).toBeUndefined();
  });

  it('reads single, grouped, aliased, blank and dot imports with the offsets of each path', () => {
    const text = [
      '// Package main runs the server.',
      'package main',
      '',
      'import "fmt"',
      'import (',
      '\t"database/sql" // the pool',
      '\t/* a driver */ _ "github.com/mattn/go-sqlite3"',
      '\tstore "example.com/app/internal/store"',
      '\t. "strings"; `net/http`',
      ')',
      '',
      'func main() { fmt.Println("import \\"not/this\\"") }',
    ].join('\n');
    const imports = goImports(text)!;
    expect(imports.map((entry) => entry.path)).toEqual(['fmt', 'database/sql', 'github.com/mattn/go-sqlite3', 'example.com/app/internal/store', 'strings', 'net/http']);
    const blank = imports[2];
    expect(text.slice(blank.start, blank.end)).toBe('github.com/mattn/go-sqlite3');
  });

  it('answers undefined for a header it cannot read, and no imports for a file without any', () => {
    expect(goImports('func main() {}\n')).toBeUndefined();
    expect(goImports('package main\nimport (\n\t"fmt"\n')).toBeUndefined();
    expect(goImports('package main\n\nfunc main() {}\n')).toEqual([]);
  });

  it('leaves out _test.go files and files constrained to ignore, keeps other build tags', () => {
    expect(goFileBuilt('main.go', 'package main\n')).toBe(true);
    expect(goFileBuilt('store_test.go', 'package store\n')).toBe(false);
    expect(goFileBuilt('gen.go', '//go:build ignore\n\npackage main\n')).toBe(false);
    expect(goFileBuilt('gen.go', '// +build ignore\n\npackage main\n')).toBe(false);
    expect(goFileBuilt('sqlite.go', '//go:build sqlite || all\n\npackage store\n')).toBe(true);
    expect(goFileBuilt('README.md', '')).toBe(false);
  });
});

describe('go build targets of a RUN', () => {
  const targets = (text: string, workdir = '/src') => goBuildTargets(splitShellCommands(text, 0), workdir);

  it('reads the packages of go build and go install, with flags, && chains, cd and -C', () => {
    expect(targets('CGO_ENABLED=1 go build -ldflags "-s -w" -o /out/app ./cmd/server')).toEqual({ targets: [{ dir: '/src', package: './cmd/server' }] });
    expect(targets('go mod download && cd cmd/api && go build -trimpath -o /out/api')).toEqual({ targets: [{ dir: '/src/cmd/api', package: '.' }] });
    expect(targets('go build -C backend -o /out/app .')).toEqual({ targets: [{ dir: '/src/backend', package: '.' }] });
    expect(targets('go install -tags netgo ./cmd/a ./cmd/b')).toEqual({ targets: [{ dir: '/src', package: './cmd/a' }, { dir: '/src', package: './cmd/b' }] });
    expect(targets('go build -o app cmd/server/main.go')).toEqual({ targets: [{ dir: '/src', package: './cmd/server', files: ['main.go'] }] });
    expect(targets('go mod download')).toEqual({ targets: [] });
  });

  it('is unknown where litelint cannot follow the build', () => {
    expect(targets('go build ./...')).toHaveProperty('unknown');
    expect(targets('go build -o /out/app $PKG')).toHaveProperty('unknown');
    expect(targets('make build')).toHaveProperty('unknown');
    expect(targets('./scripts/build.sh')).toHaveProperty('unknown');
    expect(targets('go install example.com/app/cmd/tool@latest')).toHaveProperty('unknown');
    expect(targets('cd "$APP_DIR" && go build .')).toHaveProperty('unknown');
  });

  it('places a target in the module, by relative path or by import path', () => {
    expect(targetPackageDir({ dir: '/src', package: './cmd/server' }, '/src', 'example.com/app')).toBe('cmd/server');
    expect(targetPackageDir({ dir: '/', package: 'example.com/app/cmd/server' }, '/src', 'example.com/app')).toBe('cmd/server');
    expect(targetPackageDir({ dir: '/src', package: '.' }, '/src', 'example.com/app')).toBe('');
    expect(targetPackageDir({ dir: '/src', package: '../other' }, '/src', 'example.com/app')).toBeUndefined();
    expect(targetPackageDir({ dir: '/src', package: 'github.com/other/tool' }, '/src', 'example.com/app')).toBeUndefined();
  });
});

describe('the import closure of the built packages', () => {
  function project(files: Record<string, string>) {
    const list = (dir: string) => {
      const prefix = dir === '' ? '' : `${dir}/`;
      const names = Object.keys(files).filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/')).map((path) => path.slice(prefix.length));
      return names.length > 0 ? names : undefined;
    };
    return projectFiles(linkProject([], () => undefined), (path) => files[path], list);
  }
  const layout = {
    'go.mod': 'module example.com/app\n',
    'cmd/server/main.go': 'package main\n\nimport (\n\t"net/http"\n\n\t"example.com/app/internal/api"\n)\n',
    'cmd/migrate/main.go': 'package main\n\nimport _ "github.com/mattn/go-sqlite3"\n',
    'internal/api/api.go': 'package api\n\nimport "example.com/app/internal/store"\n',
    'internal/api/api_test.go': 'package api\n\nimport _ "modernc.org/sqlite"\n',
    'internal/store/store.go': 'package store\n\nimport "database/sql"\n',
    'internal/store/gen.go': '//go:build ignore\n\npackage main\n\nimport _ "github.com/mattn/go-sqlite3"\n',
  };

  it('finds no driver when only an unbuilt command, a test or an ignored file imports one', () => {
    expect(goDriverReach(project(layout), '', 'example.com/app', [{ dir: 'cmd/server' }], DRIVERS, LIMITS)).toEqual({ known: true });
  });

  it('names the built package that reaches a driver, and the packages between', () => {
    const files = { ...layout, 'internal/store/store.go': 'package store\n\nimport (\n\t"database/sql"\n\n\tsqlite "github.com/ncruces/go-sqlite3/driver"\n)\n' };
    const reach = goDriverReach(project(files), '', 'example.com/app', [{ dir: 'cmd/server' }], DRIVERS, LIMITS);
    expect(reach).toEqual({ known: true, driver: { target: 'cmd/server', importer: 'internal/store', driverImport: 'github.com/ncruces/go-sqlite3/driver', via: ['internal/api', 'internal/store'] } });
    expect(reach.known && reach.driver && describeReach(reach.driver, 'example.com/app')).toBe('cmd/server imports github.com/ncruces/go-sqlite3/driver via internal/api, internal/store');
    const root = goDriverReach(project({ ...files, 'main.go': 'package main\n\nimport _ "modernc.org/sqlite"\n' }), '', 'example.com/app', [{ dir: '' }], DRIVERS, LIMITS);
    expect(root.known && root.driver && describeReach(root.driver, 'example.com/app')).toBe('example.com/app imports modernc.org/sqlite');
  });

  it('is unknown for a package without sources, a nested module, an unreadable header or past the cap', () => {
    expect(goDriverReach(project(layout), '', 'example.com/app', [{ dir: 'cmd/worker' }], DRIVERS, LIMITS)).toMatchObject({ known: false });
    expect(goDriverReach(project({ ...layout, 'internal/api/go.mod': 'module example.com/api\n' }), '', 'example.com/app', [{ dir: 'cmd/server' }], DRIVERS, LIMITS)).toMatchObject({ known: false });
    expect(goDriverReach(project({ ...layout, 'internal/api/api.go': 'import "x"\n' }), '', 'example.com/app', [{ dir: 'cmd/server' }], DRIVERS, LIMITS)).toMatchObject({ known: false });
    expect(goDriverReach(project(layout), '', 'example.com/app', [{ dir: 'cmd/server' }], DRIVERS, { maxFiles: 2, maxBytes: 1 << 20 })).toMatchObject({ known: false, reason: 'too many Go sources to follow' });
    const unlisted = projectFiles(linkProject([], () => undefined), (path) => (layout as Record<string, string>)[path]);
    expect(goDriverReach(unlisted, '', 'example.com/app', [{ dir: 'cmd/server' }], DRIVERS, LIMITS)).toMatchObject({ known: false });
  });
});

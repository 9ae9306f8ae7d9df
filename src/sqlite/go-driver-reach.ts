/**
 * Whether the packages an image's `go build` compiles import a SQLite driver: the local import graph
 * from the build targets, through the packages under the module path, read once each through
 * ProjectFiles, with a cap on files and bytes. External packages are not followed (vendored or
 * downloaded code is out of reach); an import of a known driver package decides.
 */
import { posix } from 'node:path';
import type { ProjectFiles } from '../facts/files';
import { goFileBuilt, goImports } from './go-sources';

export interface GoReachLimits {
  maxFiles: number;
  maxBytes: number;
}

/** A built package (module-relative, `''` the root) and, for `go build a.go b.go`, its only files. */
export interface GoPackageTarget {
  dir: string;
  files?: string[];
}

export type GoDriverReach =
  /** litelint cannot tell what the binary imports: go.mod stays evidence. */
  | { known: false; reason: string }
  /** The closure was read: `driver` says which built package imports which driver, through which packages. */
  | { known: true; driver?: { target: string; importer: string; driverImport: string; via: string[] } };

/** True when `path` is a driver package or below one (`github.com/ncruces/go-sqlite3/driver`). */
export function isDriverImport(path: string, drivers: readonly string[]): string | undefined {
  return drivers.find((driver) => path === driver || path.startsWith(`${driver}/`));
}

export function goDriverReach(
  project: ProjectFiles,
  moduleDir: string,
  modulePath: string,
  targets: readonly GoPackageTarget[],
  drivers: readonly string[],
  limits: GoReachLimits,
): GoDriverReach {
  let files = 0;
  let bytes = 0;
  // Breadth first, so that the path reported is a shortest one; `parent` gives it back.
  const parent = new Map<string, string | undefined>();
  const root = new Map<string, string>();
  const queue: GoPackageTarget[] = [];
  for (const target of targets) {
    if (parent.has(target.dir) && !target.files) continue;
    parent.set(target.dir, undefined);
    root.set(target.dir, target.dir);
    queue.push(target);
  }
  while (queue.length > 0) {
    const { dir, files: only } = queue.shift()!;
    const folder = join(moduleDir, dir);
    const names = project.listDirectory(folder);
    if (names === undefined) return { known: false, reason: `cannot list ${folder || '.'}` };
    // A folder with its own go.mod is another module, whose requirements this go.mod does not list.
    if (dir !== '' && names.includes('go.mod')) return { known: false, reason: `${folder} is another module` };
    const sources = (only ?? names).filter((name) => name.endsWith('.go'));
    let built = 0;
    for (const name of sources) {
      const path = join(folder, name);
      const text = project.readFile(path);
      if (text === undefined) return { known: false, reason: `cannot read ${path}` };
      files += 1;
      bytes += text.length;
      if (files > limits.maxFiles || bytes > limits.maxBytes) return { known: false, reason: 'too many Go sources to follow' };
      if (!only && !goFileBuilt(name, text)) continue;
      const imports = goImports(text);
      if (imports === undefined) return { known: false, reason: `cannot read the imports of ${path}` };
      built += 1;
      for (const { path: imported } of imports) {
        const driver = isDriverImport(imported, drivers);
        if (driver) return { known: true, driver: { target: root.get(dir) ?? dir, importer: dir, driverImport: imported, via: chain(parent, dir) } };
        if (imported !== modulePath && !imported.startsWith(`${modulePath}/`)) continue;
        const next = imported.slice(modulePath.length + 1);
        // An import path is clean (`a/b`); anything else would name a folder outside the module.
        if (imported !== modulePath && next.split('/').some((part) => part === '' || part === '.' || part === '..')) return { known: false, reason: `import path ${imported}` };
        if (parent.has(next)) continue;
        parent.set(next, dir);
        root.set(next, root.get(dir) ?? dir);
        queue.push({ dir: next });
      }
    }
    // A package with no built file is not in the project as litelint sees it (not copied, generated).
    if (built === 0) return { known: false, reason: `no Go sources in ${folder || '.'}` };
  }
  return { known: true };
}

/** The packages between a target and `dir`, the target itself left out, `dir` included. */
function chain(parent: ReadonlyMap<string, string | undefined>, dir: string): string[] {
  const path: string[] = [];
  let at: string | undefined = dir;
  while (at !== undefined && parent.get(at) !== undefined) {
    path.unshift(at);
    at = parent.get(at);
  }
  return path;
}

function join(dir: string, name: string): string {
  return dir === '' ? name : name === '' ? dir : posix.join(dir, name);
}

/** "cmd/server imports github.com/mattn/go-sqlite3 via internal/store", with the module path for the root package. */
export function describeReach(driver: NonNullable<Extract<GoDriverReach, { known: true }>['driver']>, modulePath: string): string {
  const name = (dir: string) => (dir === '' ? modulePath : dir);
  const via = driver.via.length > 0 ? ` via ${driver.via.map(name).join(', ')}` : '';
  return `${name(driver.target)} imports ${driver.driverImport}${via}`;
}

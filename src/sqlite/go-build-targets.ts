/**
 * The packages a Dockerfile's RUN lines build with `go build` / `go install`, as container paths, so
 * that a go.mod driver line can be checked against what the image's binary imports. Anything
 * litelint cannot follow (`./...`, a variable, a Makefile or script, a remote `pkg@version`) makes
 * the answer unknown: the caller then keeps go.mod as evidence.
 */
import { posix } from 'node:path';
import { commandHead, type ShellCommand } from './shell';

/** One package argument of a go command, where it runs. */
export interface GoBuildTarget {
  /** The container directory `go` runs in (WORKDIR, `cd`, `-C`). */
  dir: string;
  /** The argument as written: `./cmd/server`, `.`, `example.com/app/cmd/x`; `.go` files name their directory. */
  package: string;
  /** For `go build main.go util.go`: only these files of the directory are compiled. */
  files?: string[];
}

export type GoBuildScan = { targets: GoBuildTarget[] } | { unknown: string };

/** Flags of `go build` / `go install` that take the next word as their value. */
const VALUE_FLAGS = new Set([
  'o', 'C', 'p', 'tags', 'ldflags', 'gcflags', 'asmflags', 'gccgoflags', 'mod', 'modfile', 'pkgdir', 'overlay', 'pgo',
  'covermode', 'coverpkg', 'toolexec', 'exec', 'buildmode', 'compiler', 'installsuffix', 'buildvcs', 'reuse',
]);

/** Build tools that may run `go build` out of sight. */
const OPAQUE_BUILDERS = new Set(['make', 'gmake', 'task', 'mage', 'just', 'goreleaser', 'ko', 'bazel', 'bazelisk', 'earthly', 'xcaddy']);

/**
 * The go build targets of one RUN's commands, given the WORKDIR they start in (when the base
 * image's is unknown, the caller passes a placeholder root: COPY destinations share it).
 * Returns no targets when the RUN builds no Go.
 */
export function goBuildTargets(commands: readonly ShellCommand[], workdir: string): GoBuildScan {
  let cwd: string | undefined = workdir;
  const targets: GoBuildTarget[] = [];
  for (const command of commands) {
    const { name, args } = commandHead(command);
    const words = args.map((word) => word.value);
    if (name === 'cd') {
      const to = words[0];
      cwd = to === undefined || to.includes('$') || to === '-' || to.startsWith('~') ? undefined : posix.resolve(cwd ?? '/', to);
      continue;
    }
    if (OPAQUE_BUILDERS.has(name)) return { unknown: `${name} may build Go` };
    if (/\.sh$/.test(name) || ((name === 'sh' || name === 'bash') && words.some((word) => /\.sh$/.test(word)))) return { unknown: `a script may build Go` };
    if ((name === 'sh' || name === 'bash') && words.includes('-c') && /\bgo\s+(?:build|install)\b/.test(words.join(' '))) return { unknown: 'go build inside sh -c' };
    if (name !== 'go' || (words[0] !== 'build' && words[0] !== 'install')) continue;
    const found = goCommandTargets(words.slice(1), cwd);
    if ('unknown' in found) return found;
    targets.push(...found.targets);
  }
  return { targets };
}

function goCommandTargets(words: readonly string[], cwd: string | undefined): GoBuildScan {
  let dir = cwd;
  const packages: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word.includes('$') || word.includes('`')) return { unknown: `go build argument ${word} depends on a variable` };
    if (word === '--') {
      packages.push(...words.slice(i + 1));
      break;
    }
    const flag = /^--?([\w.-]+)(=.*)?$/.exec(word);
    if (flag) {
      const value = flag[2] !== undefined ? flag[2].slice(1) : VALUE_FLAGS.has(flag[1]) ? words[++i] : undefined;
      if (flag[1] === 'C' && value !== undefined) dir = dir === undefined ? undefined : posix.resolve(dir, value);
      continue;
    }
    packages.push(word);
  }
  if (dir === undefined) return { unknown: 'the directory go build runs in is unknown' };
  if (packages.length === 0) return { targets: [{ dir, package: '.' }] };
  const goFiles = packages.filter((word) => word.endsWith('.go'));
  if (goFiles.length > 0) {
    const dirs = new Set(goFiles.map((file) => posix.dirname(file)));
    if (goFiles.length !== packages.length || dirs.size !== 1) return { unknown: 'go build of files from several directories' };
    const [filesDir] = dirs;
    const relative = filesDir.startsWith('/') || filesDir === '.' || filesDir.startsWith('./') || filesDir.startsWith('../') ? filesDir : `./${filesDir}`;
    return { targets: [{ dir, package: relative, files: goFiles.map((file) => posix.basename(file)) }] };
  }
  const targets: GoBuildTarget[] = [];
  for (const pkg of packages) {
    if (pkg.includes('...')) return { unknown: `go build ${pkg} builds every package it matches` };
    // `go install pkg@version` builds that version from the module proxy, not the copied sources.
    if (pkg.includes('@')) return { unknown: `go install ${pkg} builds a published version` };
    targets.push({ dir, package: pkg });
  }
  return { targets };
}

/**
 * The package directory a target names, relative to the module root: `moduleDir` is where the
 * go.mod is in the container, `modulePath` its `module` line. Undefined for a package outside the
 * module (another module, the standard library, a path that leaves the module root).
 */
export function targetPackageDir(target: GoBuildTarget, moduleDir: string, modulePath: string): string | undefined {
  const pkg = target.package;
  let absolute: string;
  if (pkg === '.' || pkg === '..' || pkg.startsWith('./') || pkg.startsWith('../') || pkg.startsWith('/')) absolute = posix.resolve(target.dir, pkg);
  else if (pkg === modulePath || pkg.startsWith(`${modulePath}/`)) absolute = posix.join(moduleDir, pkg.slice(modulePath.length));
  else return undefined;
  const relative = posix.relative(moduleDir, absolute);
  if (relative === '..' || relative.startsWith('../') || posix.isAbsolute(relative)) return undefined;
  return relative;
}

/**
 * The project root: the one boundary every read of a project file is checked against, so that a
 * hostile repository cannot make litelint read (and print) files outside the checkout through a
 * symlink, an absolute path or `../`.
 *
 * Definition: the nearest directory at or above the working directory that holds `.git` (a
 * directory, or the file of a worktree or submodule); without one, the working directory itself.
 * A path named on the command line that lies outside it adds the root found the same way from that
 * path (its directory, for a file): the user chose it, the repository did not.
 * All roots are real paths (symlinks resolved); so is every path compared with them.
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isInsideDir } from './paths';

/** Never project files, whatever the root: reading them yields the process's environment or endless bytes. */
const SYSTEM_TREES = ['/proc', '/sys', '/dev'];

/** The real path, or undefined when it cannot be resolved (missing, a loop, unreadable). */
export function realPathOf(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

/** The nearest directory at or above `dir` (real path) that holds `.git`; `dir` itself when none does. */
export function projectRootOf(dir: string): string {
  const real = realPathOf(dir) ?? dir;
  for (let current = real; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return real;
  }
}

export function isSystemPath(real: string): boolean {
  return SYSTEM_TREES.some((tree) => isInsideDir(real, tree));
}

/** Why a file is not read; the message never includes anything read from it. */
export type Refusal = 'outside the project' | 'a system file (/proc, /sys, /dev)';

export class ProjectBoundary {
  readonly roots: string[];

  constructor(cwd: string) {
    this.roots = [projectRootOf(cwd)];
  }

  /** Adds the root of a path the user named, when it is outside the roots known so far. */
  addNamed(absolute: string, isDirectory: boolean): void {
    const real = realPathOf(absolute);
    if (real === undefined || this.contains(real)) return;
    this.roots.push(projectRootOf(isDirectory ? real : dirname(real)));
  }

  /** `real` (a real path) is inside one of the roots and not a system file. */
  contains(real: string): boolean {
    return !isSystemPath(real) && this.roots.some((root) => isInsideDir(real, root));
  }

  /**
   * Where a project file really is, when it may be read: its real path, or undefined when it does
   * not exist. A refusal when it resolves outside the project, whether it exists or not (so that
   * the answer tells nothing about the files outside).
   */
  check(absolute: string): { real?: string } | { refused: Refusal } {
    const real = realPathOf(absolute);
    const where = real ?? realPathOfMissing(absolute);
    if (isSystemPath(where) || isSystemPath(absolute)) return { refused: 'a system file (/proc, /sys, /dev)' };
    if (!this.contains(where)) return { refused: 'outside the project' };
    return real === undefined ? {} : { real };
  }
}

/** Where a path that does not exist would be: the real path of its nearest existing ancestor, plus the rest. */
function realPathOfMissing(absolute: string): string {
  for (let dir = dirname(absolute); ; dir = dirname(dir)) {
    const real = realPathOf(dir);
    if (real !== undefined) return join(real, relative(dir, absolute));
    if (dirname(dir) === dir) return absolute;
  }
}

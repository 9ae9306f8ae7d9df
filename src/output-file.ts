import { lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { isInsideDir } from './paths';
import { realPathOf } from './project-root';

/**
 * Where `-o FILE` may write (issue 13, item 9). The report must never replace a file the run read:
 * `-o compose.yaml`, `-o .env` or `-o Gemfile.lock` (a typo, or a workflow's argument in a
 * repository that chose its file names) would destroy it. Files are compared by device and inode,
 * so `./x`, `sub/../x`, a symlink, a hard link or another spelling of the name on a
 * case-insensitive file system are all the same file. A symlink planted in the project at the
 * output name, pointing outside it, is refused too: the report would overwrite its target.
 */

export interface ReadFile {
  /** The path as the run names it (in findings). */
  display: string;
  absolute: string;
}

function identity(path: string): string | undefined {
  const stats = statSync(path, { throwIfNoEntry: false });
  return stats ? `${stats.dev}:${stats.ino}` : undefined;
}

/** Why the report must not be written to `output` (absolute), or undefined when it may be. */
export function refuseOutput(output: string, read: Iterable<ReadFile>, cwd: string, gitignoresRead: boolean): string | undefined {
  const link = lstatSync(output, { throwIfNoEntry: false });
  if (!link) return undefined;
  if (link.isSymbolicLink() && isInsideDir(output, cwd) && !isInsideDir(realPathOf(output) ?? '/', realpathSync(cwd))) {
    return `refusing to write through ${relative(cwd, output)}, a symlink that points outside the project`;
  }
  const target = identity(output);
  if (target === undefined) return undefined;
  if (gitignoresRead && basename(output) === '.gitignore') return `refusing to overwrite ${relative(cwd, output)}, a file this run reads`;
  for (const file of read) {
    if (identity(file.absolute) === target) return `refusing to overwrite ${file.display}, a file this run read`;
  }
  return undefined;
}

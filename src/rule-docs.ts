import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The installed package's root (where package.json names litelint): the compiled module, the
 * bundle (dist/litelint.cjs) and the Action's bundle all sit below it, at different depths.
 */
export function packageRoot(from: string = __dirname): string | undefined {
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (!existsSync(candidate)) continue;
    try {
      if ((JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'litelint') return dir;
    } catch {
      // another package's unreadable manifest: keep looking above it
    }
  }
  return undefined;
}

/** The Markdown of docs/rules/<id>.md as shipped with the package, or undefined for an id without one. */
export function ruleDoc(id: string, root: string | undefined = packageRoot()): string | undefined {
  // Ids are kebab-case; anything else (`../x`) never names a file.
  if (!root || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return undefined;
  const path = join(root, 'docs', 'rules', `${id}.md`);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

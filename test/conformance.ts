/**
 * The conformance data from compose-go's and BuildKit's own test suites. It is kept outside the
 * repository, in `shared/` beside the project root; a clone made elsewhere (`git clone . /tmp/x`)
 * finds it beside the repository it was cloned from, and `LITELINT_SHARED` names it explicitly.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** `shared/` beside the repository this checkout was cloned from, when that is a local folder. */
function besideOrigin(): string | undefined {
  let origin: string;
  try {
    origin = execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
  const local = origin.startsWith('file://') ? origin.slice('file://'.length) : origin;
  return path.isAbsolute(local) ? path.resolve(local, '../shared') : undefined;
}

function locate(): string {
  // Asking git for the origin is the last resort: the fast suite starts no process when ../shared is there.
  const places = [() => process.env.LITELINT_SHARED, () => path.resolve(ROOT, '../shared'), besideOrigin];
  const looked: string[] = [];
  for (const place of places) {
    const dir = place();
    if (dir === undefined || dir === '') continue;
    const candidate = path.join(dir, 'conformance');
    if (existsSync(path.join(candidate, 'README.md'))) return candidate;
    looked.push(candidate);
  }
  throw new Error(`conformance data not found; looked in ${looked.join(', ')}. Set LITELINT_SHARED to the shared/ folder.`);
}

export const CONFORMANCE_DIR = locate();

export function readConformance<T>(fileName: string): T {
  return JSON.parse(readFileSync(path.join(CONFORMANCE_DIR, fileName), 'utf8')) as T;
}

/** Paths inside a container and on the host, compared the way the mounts see them. */
import { posix } from 'path';
import type { DockerfileModel } from '../dockerfile/model';
import { stageChain } from '../dockerfile/resolve';

/** `path` is `dir` or inside it. */
export function isUnder(path: string, dir: string): boolean {
  if (dir === '/') return path.startsWith('/');
  return path === dir || path.startsWith(`${dir}/`);
}

/** A container path without `.` / `..` segments, doubled slashes or a trailing slash. */
export function cleanContainerPath(path: string): string {
  const normal = posix.normalize(path);
  return normal.length > 1 ? normal.replace(/\/+$/, '') : normal;
}

const URL_PREFIX = /^(?:jdbc:)?sqlite3?(?:\+[a-z0-9_]+)?:/i;
const FILE_SCHEME = /^file:/i;

/**
 * The container paths a database reference may name: `sqlite:///data/app.db` is read as `/data/app.db`
 * (what most people mean) and, SQLAlchemy's reading, as `data/app.db` under the working directory;
 * `sqlite:////data/app.db`, `file:/data/app.db?mode=rwc` and plain paths as written. Relative paths
 * resolve against `workdir`, and are dropped when it is unknown.
 */
export function databaseContainerPaths(reference: string, workdir: string | undefined): string[] {
  let text = reference.trim();
  const candidates: string[] = [];
  const url = URL_PREFIX.exec(text);
  if (url) {
    text = text.slice(url[0].length);
    if (text.startsWith('///') && !text.startsWith('////') && workdir) candidates.push(posix.join(workdir, text.slice(3)));
    if (text.startsWith('//')) text = text.slice(2);
  }
  if (FILE_SCHEME.test(text)) text = text.slice('file:'.length);
  const query = text.indexOf('?');
  if (query !== -1) text = text.slice(0, query);
  if (text === '' || text === ':memory:') return [];
  if (text.startsWith('/')) candidates.unshift(text);
  else if (workdir) candidates.unshift(posix.join(workdir, text));
  return [...new Set(candidates.map(cleanContainerPath))];
}

/** Facts of the image's final stage that say where its data lives. */
export interface ImageLayout {
  /** Last WORKDIR of the stage and the stages it builds FROM; undefined when unset or not literal. */
  workdir?: string;
  /** `VOLUME` paths of that chain. */
  volumes: string[];
}

export function imageLayout(dockerfile: DockerfileModel | undefined, stageIndex: number | undefined): ImageLayout {
  const layout: ImageLayout = { volumes: [] };
  if (!dockerfile || stageIndex === undefined) return layout;
  const chain = stageChain(dockerfile, stageIndex).reverse();
  let workdir: string | undefined;
  let known = true;
  for (const stage of chain) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'WORKDIR') {
        const value = instruction.argsText.trim().replace(/^["']|["']$/g, '');
        if (value.includes('$') || value === '') {
          known = false;
          continue;
        }
        workdir = value.startsWith('/') ? value : posix.join(workdir ?? '/', value);
        known = true;
      } else if (instruction.keyword === 'VOLUME') {
        layout.volumes.push(...volumePaths(instruction.argsText));
      }
    }
  }
  if (workdir && known) layout.workdir = cleanContainerPath(workdir);
  return layout;
}

function volumePaths(args: string): string[] {
  const text = args.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.filter((item): item is string => typeof item === 'string' && item.startsWith('/')).map(cleanContainerPath);
    } catch {
      // not JSON: BuildKit reads it as words
    }
  }
  return text.split(/\s+/).filter((word) => word.startsWith('/')).map(cleanContainerPath);
}

/** Directory names that conventionally hold an application's database. */
const DATA_DIR_NAMES = new Set(['data', 'storage', 'db', 'database', 'databases', 'sqlite']);

/** A mount target that is conventionally the database directory (`/data`, `/rails/storage`, `/app/db`). */
export function isConventionalDataDir(target: string): boolean {
  return DATA_DIR_NAMES.has(posix.basename(target).toLowerCase());
}

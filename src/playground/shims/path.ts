/**
 * node:path for the browser bundle: the engine only uses `posix` (project paths are POSIX inside
 * the model), so this is a small POSIX implementation, not the whole module.
 */
function normalize(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

function join(...parts: string[]): string {
  const nonEmpty = parts.filter((part) => part !== '');
  return nonEmpty.length === 0 ? '.' : normalize(nonEmpty.join('/'));
}

function dirname(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const at = trimmed.lastIndexOf('/');
  if (at === -1) return '.';
  return at === 0 ? '/' : trimmed.slice(0, at);
}

function basename(path: string, ext?: string): string {
  const base = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return ext !== undefined && base.endsWith(ext) && base !== ext ? base.slice(0, -ext.length) : base;
}

function extname(path: string): string {
  const base = basename(path);
  const at = base.lastIndexOf('.');
  return at <= 0 ? '' : base.slice(at);
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

function resolve(...parts: string[]): string {
  let path = '';
  for (const part of parts) path = part.startsWith('/') ? part : path ? `${path}/${part}` : part;
  return normalize(path.startsWith('/') ? path : `/${path}`);
}

function relative(from: string, to: string): string {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

export const posix = { normalize, join, dirname, basename, extname, isAbsolute, resolve, relative, sep: '/' };
export { normalize, join, dirname, basename, extname, isAbsolute, resolve, relative };
export const sep = '/';
export default posix;

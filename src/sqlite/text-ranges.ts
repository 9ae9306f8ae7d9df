import { SourceFile } from '../source';
import type { Project } from '../project/model';
import type { Range } from '../types';

const projectFiles = new WeakMap<Project, Map<string, SourceFile | null>>();

/** A project file that is not linted itself (a lockfile), with a line index for exact ranges. */
export function projectTextFile(project: Project, path: string): SourceFile | undefined {
  let cache = projectFiles.get(project);
  if (!cache) {
    cache = new Map();
    projectFiles.set(project, cache);
  }
  if (cache.has(path)) return cache.get(path) ?? undefined;
  const text = project.readFile(path);
  // The kind only matters to parsers; these files are only searched.
  const file = text === undefined ? undefined : new SourceFile(path, text, 'dockerfile');
  cache.set(path, file ?? null);
  return file;
}

export function rangeOf(file: SourceFile, start: number, length: number): Range {
  return file.range(start, start + length);
}

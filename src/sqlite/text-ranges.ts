import type { SourceFile } from '../source';
import type { ProjectFiles } from '../facts/files';
import type { Range } from '../types';

/** A project file that is not linted itself (a lockfile), with a line index for exact ranges; read once per run. */
export function projectTextFile(project: ProjectFiles, path: string): SourceFile | undefined {
  return project.textFile(path);
}

export function rangeOf(file: SourceFile, start: number, length: number): Range {
  return file.range(start, start + length);
}

import type { YamlScalar } from '../compose/model';
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

/** Range of `length` characters of a YAML scalar starting at `index`, through quotes and escapes. */
export function scalarRange(file: SourceFile, scalar: YamlScalar, index: number, length: number): Range {
  const offsets = scalar.sourceOffsets;
  if (offsets.length === 0) return scalar.range;
  const start = offsets[Math.min(index, offsets.length - 1)];
  const last = offsets[Math.min(index + length - 1, offsets.length - 1)];
  return file.range(start, last + 1);
}

import type { Project } from '../project/model';
import { SourceFile } from '../source';

/**
 * The finished project as the shared analysis (src/sqlite/, src/mounts/) reads it: the model and
 * its links, plus the run's only reader of other project files (lockfiles, `config/database.yml`,
 * entrypoint scripts), each read once, and a memo so that each analysis is computed once per run.
 * Made by the run's facts (./facts.ts); rules get the frozen project and the facts, never this.
 */
export interface ProjectFiles extends Project {
  /** Text of a project file by its path (posix, as the linted paths are written), if it exists. */
  readFile(path: string): string | undefined;
  /** The same file with a line index for exact ranges (read once per run). */
  textFile(path: string): SourceFile | undefined;
  /**
   * Names of the files in a project directory (`''`: the root), listed once per run; undefined when
   * the embedder gives no listing or the directory cannot be listed (evidence that needs it is then unknown).
   */
  listDirectory(path: string): readonly string[] | undefined;
  /** `compute()` once per run for `key` (a model object) and `variant` in the named table. */
  once<Value>(table: string, key: object, variant: string, compute: () => Value): Value;
}

/** A per-run ProjectFiles over a finished project and the run's file reader. */
export function projectFiles(project: Project, read: (path: string) => string | undefined, list: (path: string) => readonly string[] | undefined = () => undefined): ProjectFiles {
  const texts = new Map<string, SourceFile | null>();
  const listings = new Map<string, readonly string[] | null>();
  const tables = new Map<string, WeakMap<object, Map<string, unknown>>>();
  const files: ProjectFiles = {
    models: project.models,
    dockerfiles: project.dockerfiles,
    composeFiles: project.composeFiles,
    kamalConfigs: project.kamalConfigs,
    buildOf: project.buildOf,
    buildOfKamal: project.buildOfKamal,
    dockerfileForService: project.dockerfileForService,
    dockerfileForKamal: project.dockerfileForKamal,
    buildersOf: project.buildersOf,
    buildOfImage: project.buildOfImage,
    volumeDeclaration: project.volumeDeclaration,
    readFile: (path) => files.textFile(path)?.text,
    textFile(path) {
      const cached = texts.get(path);
      if (cached !== undefined) return cached ?? undefined;
      const text = read(path);
      // The kind only matters to parsers; these files are only searched.
      const file = text === undefined ? undefined : new SourceFile(path, text, 'dockerfile');
      texts.set(path, file ?? null);
      return file;
    },
    listDirectory(path) {
      const cached = listings.get(path);
      if (cached !== undefined) return cached ?? undefined;
      const names = list(path);
      listings.set(path, names ?? null);
      return names;
    },
    once<Value>(table: string, key: object, variant: string, compute: () => Value): Value {
      let byKey = tables.get(table);
      if (!byKey) tables.set(table, (byKey = new WeakMap()));
      let byVariant = byKey.get(key);
      if (!byVariant) byKey.set(key, (byVariant = new Map()));
      if (byVariant.has(variant)) return byVariant.get(variant) as Value;
      const value = compute();
      byVariant.set(variant, value);
      return value;
    },
  };
  return files;
}

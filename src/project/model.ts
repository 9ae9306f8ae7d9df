import { posix } from 'node:path';
import type { ComposeModel, ComposeService } from '../compose/model';
import type { DockerfileModel } from '../dockerfile/model';
import { kamalProjectRoot, type KamalModel } from '../kamal/model';
import { SourceFile } from '../source';
import { parsers } from '../parsers';
import { joinNormalRelative } from '../paths';

export type Model = DockerfileModel | ComposeModel | KamalModel;

/**
 * The whole project as the rules see it: every linted file's model, and a read-only view of the
 * other files in the repository (lockfiles, requirements, `.env`, `config/database.yml`) that
 * rules use as evidence. The view never touches the file system itself: the CLI provides
 * `readFile`, the API the files it is given.
 */
export interface Project {
  /** Models of the linted files that parsed; files that did not have a parse-error finding instead. */
  readonly models: readonly Model[];
  readonly dockerfiles: readonly DockerfileModel[];
  readonly composeFiles: readonly ComposeModel[];
  readonly kamalConfigs: readonly KamalModel[];
  /** Text of any project file by its path (posix, as the linted paths are written), if it exists. */
  readFile(path: string): string | undefined;
  /** The Dockerfile a compose service builds (context + dockerfile), parsed on demand. */
  dockerfileForService(compose: ComposeModel, service: ComposeService): DockerfileModel | undefined;
  /** The Dockerfile a Kamal config builds (builder.context + builder.dockerfile, from the project root). */
  dockerfileForKamal(kamal: KamalModel): DockerfileModel | undefined;
  /** The compose services and Kamal configs that build a Dockerfile: the reverse of the two above. */
  buildersOf(dockerfile: DockerfileModel): Builders;
  /** A Dockerfile of the project, linted or not (parsed once). */
  parseDockerfileAt(path: string): DockerfileModel | undefined;
}

export interface Builders {
  services: { compose: ComposeModel; service: ComposeService }[];
  kamalConfigs: KamalModel[];
}

/** Joins path segments the way compose resolves them, keeping paths relative when they were. */
export function joinProjectPath(...segments: string[]): string {
  // Most calls join paths that are already normal (rules re-join what they were given).
  const simple = joinNormalRelative(segments);
  if (simple !== undefined) return simple;
  const joined = posix.normalize(posix.join(...segments.map((segment) => segment.replace(/\\/g, '/'))));
  return joined.startsWith('./') ? joined.slice(2) : joined;
}

const REMOTE_CONTEXT = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i;

export class ProjectModel implements Project {
  readonly models: Model[] = [];
  private readonly dockerfileCache = new Map<string, DockerfileModel | undefined>();
  private byKind: { dockerfiles: DockerfileModel[]; composeFiles: ComposeModel[]; kamalConfigs: KamalModel[] } | undefined;
  private builders: Map<string, Builders> | undefined;

  constructor(private readonly read: (path: string) => string | undefined) {}

  add(model: Model): void {
    this.models.push(model);
    this.byKind = undefined;
    this.builders = undefined;
    if (model.kind === 'dockerfile') this.dockerfileCache.set(model.file.path, model);
  }

  // Rules ask for these per file and per service; computing them once keeps a run linear.
  private modelsByKind(): NonNullable<ProjectModel['byKind']> {
    if (!this.byKind) {
      this.byKind = { dockerfiles: [], composeFiles: [], kamalConfigs: [] };
      for (const model of this.models) {
        if (model.kind === 'dockerfile') this.byKind.dockerfiles.push(model);
        else if (model.kind === 'compose') this.byKind.composeFiles.push(model);
        else this.byKind.kamalConfigs.push(model);
      }
    }
    return this.byKind;
  }

  get dockerfiles(): DockerfileModel[] {
    return this.modelsByKind().dockerfiles;
  }

  get composeFiles(): ComposeModel[] {
    return this.modelsByKind().composeFiles;
  }

  get kamalConfigs(): KamalModel[] {
    return this.modelsByKind().kamalConfigs;
  }

  buildersOf(dockerfile: DockerfileModel): Builders {
    if (!this.builders) {
      const builders = new Map<string, Builders>();
      const entry = (path: string): Builders => {
        let found = builders.get(path);
        if (!found) builders.set(path, (found = { services: [], kamalConfigs: [] }));
        return found;
      };
      for (const compose of this.composeFiles) {
        for (const service of compose.services) {
          const built = service.build ? this.dockerfileForService(compose, service) : undefined;
          if (built) entry(built.file.path).services.push({ compose, service });
        }
      }
      for (const kamal of this.kamalConfigs) {
        const built = this.dockerfileForKamal(kamal);
        if (built) entry(built.file.path).kamalConfigs.push(kamal);
      }
      this.builders = builders;
    }
    return this.builders.get(dockerfile.file.path) ?? { services: [], kamalConfigs: [] };
  }

  readFile(path: string): string | undefined {
    return this.read(joinProjectPath(path));
  }

  parseDockerfileAt(path: string): DockerfileModel | undefined {
    const key = joinProjectPath(path);
    if (this.dockerfileCache.has(key)) return this.dockerfileCache.get(key);
    const text = this.read(key);
    let model: DockerfileModel | undefined;
    if (text !== undefined) {
      try {
        model = parsers.dockerfile().parseDockerfile(new SourceFile(key, text, 'dockerfile'));
      } catch {
        // The file is linted (and reported) on its own when discovered; here it only lacks evidence.
        model = undefined;
      }
    }
    this.dockerfileCache.set(key, model);
    return model;
  }

  dockerfileForService(compose: ComposeModel, service: ComposeService): DockerfileModel | undefined {
    const build = service.build;
    if (!build || build.dockerfileInline) return undefined;
    const context = build.context?.value ?? '.';
    if (REMOTE_CONTEXT.test(context) || context.includes('$')) return undefined;
    const dockerfile = build.dockerfile?.value ?? 'Dockerfile';
    if (dockerfile.includes('$')) return undefined;
    // Relative to the directory of the file `build:` is written in (an `extends: {file:}` file, an include's project directory).
    const baseDir = build.baseDir ?? posix.dirname(service.file.path.replace(/\\/g, '/'));
    const contextDir = joinProjectPath(baseDir, context);
    const path = posix.isAbsolute(dockerfile) ? dockerfile : joinProjectPath(contextDir, dockerfile);
    return this.parseDockerfileAt(path);
  }

  dockerfileForKamal(kamal: KamalModel): DockerfileModel | undefined {
    // config/deploy.yml lives two levels below the project root that Kamal builds from.
    const root = kamalProjectRoot(kamal);
    // Kamal resolves builder.dockerfile from the project root, not from builder.context.
    const dockerfile = kamal.builder?.dockerfile?.value ?? 'Dockerfile';
    if (dockerfile.includes('<%')) return undefined;
    return this.parseDockerfileAt(joinProjectPath(root, dockerfile));
  }
}

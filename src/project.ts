import { posix } from 'node:path';
import type { ComposeModel, ComposeService } from './compose/model';
import type { DockerfileModel } from './dockerfile/model';
import { kamalProjectRoot, type KamalModel } from './kamal/model';
import { SourceFile } from './source';
import { parsers } from './lazy';

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
  /** A Dockerfile of the project, linted or not (parsed once). */
  parseDockerfileAt(path: string): DockerfileModel | undefined;
}

/** Joins path segments the way compose resolves them, keeping paths relative when they were. */
export function joinProjectPath(...segments: string[]): string {
  const joined = posix.normalize(posix.join(...segments.map((segment) => segment.replace(/\\/g, '/'))));
  return joined.startsWith('./') ? joined.slice(2) : joined;
}

const REMOTE_CONTEXT = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i;

export class ProjectModel implements Project {
  readonly models: Model[] = [];
  private readonly dockerfileCache = new Map<string, DockerfileModel | undefined>();

  constructor(private readonly read: (path: string) => string | undefined) {}

  add(model: Model): void {
    this.models.push(model);
    if (model.kind === 'dockerfile') this.dockerfileCache.set(model.file.path, model);
  }

  get dockerfiles(): DockerfileModel[] {
    return this.models.filter((model): model is DockerfileModel => model.kind === 'dockerfile');
  }

  get composeFiles(): ComposeModel[] {
    return this.models.filter((model): model is ComposeModel => model.kind === 'compose');
  }

  get kamalConfigs(): KamalModel[] {
    return this.models.filter((model): model is KamalModel => model.kind === 'kamal');
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
    const baseDir = posix.dirname(service.file.path.replace(/\\/g, '/'));
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

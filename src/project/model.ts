import type { ComposeModel, ComposeService, ServiceVolume, TopLevelVolume } from '../compose/model';
import type { DockerfileModel } from '../dockerfile/model';
import type { KamalModel } from '../kamal/model';
import { composeBuildPaths, kamalBuildPaths, type BuildPaths } from './build';
import { joinProjectPath } from './paths';

export { joinProjectPath } from './paths';
export type { BuildPaths } from './build';

export type Model = DockerfileModel | ComposeModel | KamalModel;

/** A build of the project linked to the Dockerfile it reads (absent when that file is missing or does not parse). */
export interface Build extends BuildPaths {
  dockerfile?: DockerfileModel;
}

/**
 * The whole project as the rules see it, finished before any rule runs: every linted file's model,
 * and the links between them (a compose service or Kamal config to the Dockerfile it builds, a
 * service volume to its top-level declaration). It reads no file and parses nothing: the engine
 * parsed every file first, the Dockerfiles the project builds included; evidence in other files
 * (lockfiles, `config/database.yml`) is read by the run's facts (src/facts/).
 */
export interface Project {
  /** Models of the linted files that parsed; files that did not have a parse-error finding instead. */
  readonly models: readonly Model[];
  readonly dockerfiles: readonly DockerfileModel[];
  readonly composeFiles: readonly ComposeModel[];
  readonly kamalConfigs: readonly KamalModel[];
  /** What a compose service builds (context, Dockerfile, target); undefined without a local `build:`. */
  buildOf(compose: ComposeModel, service: ComposeService): Build | undefined;
  /** What a Kamal config builds (builder.context + builder.dockerfile, from the project root). */
  buildOfKamal(kamal: KamalModel): Build | undefined;
  /** The Dockerfile a compose service builds, when it exists and parsed. */
  dockerfileForService(compose: ComposeModel, service: ComposeService): DockerfileModel | undefined;
  /** The Dockerfile a Kamal config builds, when it exists and parsed. */
  dockerfileForKamal(kamal: KamalModel): DockerfileModel | undefined;
  /** The compose services and Kamal configs that build a Dockerfile: the reverse of the two above. */
  buildersOf(dockerfile: DockerfileModel): Builders;
  /**
   * The build that makes an image the project itself tags (a compose service with `image:` and
   * `build:`, a Kamal config's `image`), so that a `FROM` naming it resolves through its Dockerfile.
   */
  buildOfImage(reference: string): Build | undefined;
  /** The top-level `volumes:` entry a named service volume refers to. */
  volumeDeclaration(compose: ComposeModel, volume: ServiceVolume): TopLevelVolume | undefined;
}

export interface Builders {
  services: { compose: ComposeModel; service: ComposeService }[];
  kamalConfigs: KamalModel[];
}

/** A built Dockerfile as the engine found it: parsed, missing, or failed with a parse-error finding. */
export type BuiltDockerfile = DockerfileModel | undefined;

/**
 * Builds the finished project: `models` are the linted files' models; `dockerfileAt` answers for
 * every Dockerfile a build names (the linted model, or one the engine parsed for the link).
 */
export function linkProject(models: readonly Model[], dockerfileAt: (path: string) => BuiltDockerfile): Project {
  const dockerfiles: DockerfileModel[] = [];
  const composeFiles: ComposeModel[] = [];
  const kamalConfigs: KamalModel[] = [];
  for (const model of models) {
    if (model.kind === 'dockerfile') dockerfiles.push(model);
    else if (model.kind === 'compose') composeFiles.push(model);
    else kamalConfigs.push(model);
  }

  const serviceBuilds = new Map<ComposeModel, Map<ComposeService, Build>>();
  const kamalBuilds = new Map<KamalModel, Build>();
  const builders = new Map<string, Builders>();
  const entry = (path: string): Builders => {
    let found = builders.get(path);
    if (!found) builders.set(path, (found = { services: [], kamalConfigs: [] }));
    return found;
  };
  const linked = (paths: BuildPaths): Build => Object.freeze({ ...paths, dockerfile: paths.dockerfilePath === undefined ? undefined : dockerfileAt(paths.dockerfilePath) });
  for (const compose of composeFiles) {
    const perService = new Map<ComposeService, Build>();
    for (const service of compose.services) {
      const paths = composeBuildPaths(service);
      if (!paths) continue;
      const build = linked(paths);
      perService.set(service, build);
      if (build.dockerfile) entry(build.dockerfile.file.path).services.push({ compose, service });
    }
    serviceBuilds.set(compose, perService);
  }
  for (const kamal of kamalConfigs) {
    const paths = kamalBuildPaths(kamal);
    if (!paths) continue;
    const build = linked(paths);
    kamalBuilds.set(kamal, build);
    if (build.dockerfile) entry(build.dockerfile.file.path).kamalConfigs.push(kamal);
  }

  const imageBuilds = new Map<string, Build>();
  const tagged = (reference: string | undefined, build: Build | undefined): void => {
    if (reference && build?.dockerfile && !reference.includes('$') && !reference.includes('<%') && !imageBuilds.has(imageKey(reference))) imageBuilds.set(imageKey(reference), build);
  };
  for (const compose of composeFiles) for (const service of compose.services) tagged(service.image?.value, serviceBuilds.get(compose)?.get(service));
  for (const kamal of kamalConfigs) tagged(kamal.image?.value, kamalBuilds.get(kamal));

  const declarations = new Map<ComposeModel, Map<string, TopLevelVolume>>();
  for (const compose of composeFiles) declarations.set(compose, new Map(compose.volumes.map((volume) => [volume.name, volume])));

  const none: Builders = Object.freeze({ services: [], kamalConfigs: [] }) as Builders;
  const project: Project = {
    models: Object.freeze([...models]),
    dockerfiles: Object.freeze(dockerfiles),
    composeFiles: Object.freeze(composeFiles),
    kamalConfigs: Object.freeze(kamalConfigs),
    buildOf: (compose, service) => serviceBuilds.get(compose)?.get(service),
    buildOfKamal: (kamal) => kamalBuilds.get(kamal),
    dockerfileForService: (compose, service) => serviceBuilds.get(compose)?.get(service)?.dockerfile,
    dockerfileForKamal: (kamal) => kamalBuilds.get(kamal)?.dockerfile,
    buildersOf: (dockerfile) => builders.get(dockerfile.file.path) ?? none,
    buildOfImage: (reference) => imageBuilds.get(imageKey(reference)),
    volumeDeclaration: (compose, volume) =>
      volume.type === 'volume' && volume.source ? declarations.get(compose)?.get(volume.source.value) : undefined,
  };
  return Object.freeze(project);
}

/** An image reference as a tag names it: `latest` when no tag or digest is written. */
function imageKey(reference: string): string {
  const name = reference.trim();
  return /(?::[^/]*|@.*)$/.test(name) ? name : `${name}:latest`;
}

/** Every Dockerfile path the builds of these models name, in model order (what the engine parses before the rules run). */
export function builtDockerfilePaths(models: readonly Model[]): BuildPaths[] {
  const paths: BuildPaths[] = [];
  for (const model of models) {
    if (model.kind === 'compose') {
      for (const service of model.services) {
        const build = composeBuildPaths(service);
        if (build) paths.push(build);
      }
    } else if (model.kind === 'kamal') {
      const build = kamalBuildPaths(model);
      if (build) paths.push(build);
    }
  }
  return paths;
}

/** The key the engine files a Dockerfile under. */
export const dockerfileKey = (path: string): string => joinProjectPath(path);

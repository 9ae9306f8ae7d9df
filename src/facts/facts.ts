import type { ComposeModel, ComposeService } from '../compose/model';
import type { DockerfileModel } from '../dockerfile/model';
import type { KamalModel } from '../kamal/model';
import type { Knowledge } from '../knowledge/knowledge';
import { composeServiceFacts, kamalAppFacts, type ContainerFacts } from '../mounts/evidence';
import { kamalMigrationOnBoot, type MigrationOnBoot } from '../mounts/migrations';
import type { Build, Project } from '../project/model';
import { containerStart, type ContainerStart } from '../backup/container-start';
import { analyseBuiltImages, analyseDockerfile, analyseImageService, type ImageAnalysis, type ServiceImageAnalysis } from '../sqlite/image-analysis';
import { projectFiles, type ProjectFiles } from './files';

/**
 * The shared analysis of one run, handed to every rule as `context.facts`: SQLite evidence, image
 * analysis and mount facts, each computed once however many rules ask, and the only reader of
 * project files the rules' evidence needs (each read once). The engine creates one per run; it
 * holds no state beyond the run, so no module keeps a cache keyed by the project.
 */
export interface Facts {
  /** What the image a Dockerfile builds (its last stage) is made of and whether it uses SQLite. */
  imageAnalysis(model: DockerfileModel): ImageAnalysis | undefined;
  /** Every image the project builds from a Dockerfile: its last stage and each other stage a build names as `target`. */
  imageAnalyses(model: DockerfileModel): ImageAnalysis[];
  /** For a service with `image:` and no `build:` whose evidence shows it uses SQLite; undefined otherwise. */
  imageServiceAnalysis(compose: ComposeModel, service: ComposeService): ServiceImageAnalysis | undefined;
  /** What the mount rules know about a compose service's container. */
  composeService(compose: ComposeModel, service: ComposeService): ContainerFacts;
  /** What the mount rules know about a Kamal app's container. */
  kamalApp(kamal: KamalModel): ContainerFacts;
  /** Where a Kamal app's container migrates its database on boot, if it does. */
  kamalMigrationOnBoot(kamal: KamalModel): MigrationOnBoot | undefined;
  /** What the image a build makes runs on start: its ENTRYPOINT, CMD and the project scripts they run. */
  containerStart(build: Build | undefined): ContainerStart | undefined;
}

/** The facts of one run over a finished project; `read` answers for project files that are not linted, `list` lists a project directory. */
export function createFacts(project: Project, knowledge: Knowledge, read: (path: string) => string | undefined, list?: (path: string) => readonly string[] | undefined): Facts {
  const files: ProjectFiles = projectFiles(project, read, list);
  return Object.freeze({
    imageAnalysis: (model: DockerfileModel) => analyseDockerfile(files, knowledge, model),
    imageAnalyses: (model: DockerfileModel) => analyseBuiltImages(files, knowledge, model),
    imageServiceAnalysis: (compose: ComposeModel, service: ComposeService) => analyseImageService(files, knowledge, compose, service),
    composeService: (compose: ComposeModel, service: ComposeService) => composeServiceFacts(files, knowledge, compose, service),
    kamalApp: (kamal: KamalModel) => kamalAppFacts(files, knowledge, kamal),
    kamalMigrationOnBoot: (kamal: KamalModel) => kamalMigrationOnBoot(files, kamal),
    containerStart: (build: Build | undefined) => containerStart(files, build),
  });
}

import type { ComposeModel, ComposeService, YamlScalar } from '../compose/model';
import type { DockerfileModel, Stage } from '../dockerfile/model';
import { resolveStages, stageChain } from '../dockerfile/resolve';
import type { Knowledge } from '../knowledge/knowledge';
import type { ImageKnowledge } from '../knowledge/lookup';
import type { ProjectFiles } from '../facts/files';
import { classifyConsumers, type ConsumerVerdict } from './consumers';
import { sqliteEvidenceForDockerfile, sqliteEvidenceForService, stageBuild, usesSqlite } from './evidence';
import type { SqliteEvidence } from './evidence-types';
import { findCustomSqlite, type CustomSqlite } from './replacement';
import { finalStageIndex, rootImage } from './stages';
import { findVersionChecks, type VersionCheck } from './version-check';

/** Everything the SQLite rules need to know about the image a Dockerfile builds. */
export interface ImageAnalysis {
  model: DockerfileModel;
  finalStage: Stage;
  /** The final stage and the stages it builds FROM, nearest first. */
  chain: Stage[];
  /** The stage whose FROM names an image, and that image (ARGs resolved with their defaults). */
  root?: { stage: Stage; reference: string };
  image?: ImageKnowledge;
  evidence: SqliteEvidence[];
  usesSqlite: boolean;
  consumers: ConsumerVerdict;
  custom?: CustomSqlite;
  checks: VersionCheck[];
}

/** Analyses the final stage of a Dockerfile once per run; the three SQLite rules share it. */
export function analyseDockerfile(project: ProjectFiles, knowledge: Knowledge, model: DockerfileModel): ImageAnalysis | undefined {
  const finalIndex = finalStageIndex(model);
  return finalIndex === undefined ? undefined : analyseStage(project, knowledge, model, finalIndex);
}

/**
 * Every image the project builds from a Dockerfile: its last stage (what a plain `docker build`
 * makes) and each other stage a compose service or Kamal config names as its `target`.
 */
export function analyseBuiltImages(project: ProjectFiles, knowledge: Knowledge, model: DockerfileModel): ImageAnalysis[] {
  const last = finalStageIndex(model);
  if (last === undefined) return [];
  const stages = [last];
  for (const { compose, service } of project.buildersOf(model).services) {
    const target = finalStageIndex(model, project.buildOf(compose, service)?.target);
    if (target !== undefined && !stages.includes(target)) stages.push(target);
  }
  return stages.map((index) => analyseStage(project, knowledge, model, index));
}

/** The analysis of the image a FROM names when the project builds it; undefined otherwise. */
function projectBuiltBase(project: ProjectFiles, knowledge: Knowledge, model: DockerfileModel, reference: string): ImageAnalysis | undefined {
  const build = project.buildOfImage(reference);
  const dockerfile = build?.dockerfile;
  // The Dockerfiles whose analysis is under way in this run, so that a cycle of local base images ends.
  const resolving = project.once('resolving-base-images', project, '', () => new Set<DockerfileModel>());
  if (!dockerfile || dockerfile === model || resolving.has(dockerfile)) return undefined;
  const stageIndex = finalStageIndex(dockerfile, build.target);
  if (stageIndex === undefined) return undefined;
  resolving.add(model);
  try {
    return analyseStage(project, knowledge, dockerfile, stageIndex);
  } finally {
    resolving.delete(model);
  }
}

/** The image `stageIndex` builds, analysed once per run. */
function analyseStage(project: ProjectFiles, knowledge: Knowledge, model: DockerfileModel, stageIndex: number): ImageAnalysis {
  return project.once('image-analysis', model, String(stageIndex), () => analyse(project, knowledge, model, stageIndex));
}

function analyse(project: ProjectFiles, knowledge: Knowledge, model: DockerfileModel, finalIndex: number): ImageAnalysis {
  const chain = stageChain(model, finalIndex);
  let root = rootImage(chain);
  // The build's arguments (compose `build.args`, Kamal `builder.args`) win over the ARG defaults in FROM.
  const args = stageBuild(project, model, finalIndex)?.args ?? {};
  if (root && Object.keys(args).length > 0) {
    const reference = resolveStages(model, args)[root.stage.index]?.baseImage;
    if (reference !== undefined) root = { stage: root.stage, reference };
  }
  const evidence = sqliteEvidenceForDockerfile(project, knowledge, model, finalIndex);
  // A FROM naming an image the project builds itself resolves through that image's Dockerfile:
  // its base image and its evidence carry over (once: a cycle of local images resolves no further).
  const base = root ? projectBuiltBase(project, knowledge, model, root.reference) : undefined;
  if (root && base) {
    evidence.push(...base.evidence);
    if (base.root) root = { stage: root.stage, reference: base.root.reference };
  }
  // Without evidence no SQLite rule fires; skip the knowledge base so such runs never load it.
  const image = root && evidence.length > 0 ? knowledge.lookupImage(root.reference) : undefined;
  return {
    model,
    finalStage: chain[0],
    chain,
    root,
    image,
    evidence,
    usesSqlite: usesSqlite(evidence),
    consumers: classifyConsumers(evidence, image, knowledge),
    custom: findCustomSqlite(model, chain),
    checks: findVersionChecks(model, knowledge),
  };
}

/** What the SQLite rules need to know about a compose service that runs an image it does not build. */
export interface ServiceImageAnalysis {
  /** The service's `image:` value as written. */
  written: YamlScalar;
  image: ImageKnowledge;
  evidence: SqliteEvidence[];
  consumers: ConsumerVerdict;
}

/** For a service with `image:` and no `build:` whose evidence shows it uses SQLite; undefined otherwise. */
export function analyseImageService(project: ProjectFiles, knowledge: Knowledge, compose: ComposeModel, service: ComposeService): ServiceImageAnalysis | undefined {
  if (!service.image || service.build) return undefined;
  const evidence = sqliteEvidenceForService(project, knowledge, compose, service);
  if (!usesSqlite(evidence)) return undefined;
  const image = knowledge.lookupImage(service.image.value);
  return { written: service.image, image, evidence, consumers: classifyConsumers(evidence, image, knowledge) };
}

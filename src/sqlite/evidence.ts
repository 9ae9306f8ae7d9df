/**
 * Evidence that an image uses SQLite, shared by the SQLite rules: each item names the file and the
 * exact range it was read from, so that messages can cite it.
 */
import { posix } from 'node:path';
import type { ComposeModel, ComposeService } from '../compose/model';
import type { CopyInstruction, DockerfileModel } from '../dockerfile/model';
import { kamalProjectRoot, type KamalModel } from '../kamal/model';
import type { Knowledge } from '../knowledge/knowledge';
import { stageChain } from '../dockerfile/resolve';
import type { ProjectFiles } from '../facts/files';
import { joinProjectPath, type Build } from '../project/model';
import { databaseYmlPath } from './database-yml';
import { dependencyFileEvidence } from './dependency-files';
import { withoutOverriddenDefaults } from './app-evidence';
import { envFileSelectorEvidence, kamalEnvironment, serviceEnvironment } from './deploy-app-evidence';
import { composeServiceEvidence, kamalEvidence } from './deploy-evidence';
import { dockerfileStageEvidence } from './dockerfile-evidence';
import type { SqliteEvidence } from './evidence-types';
import { finalStageIndex } from './stages';

export type { EvidenceKind, SqliteEvidence } from './evidence-types';

/**
 * Everything that shows the image built by `stageIndex` of `dockerfile` uses SQLite: the Dockerfile
 * itself (packages, driver installs, ENV/ARG/CMD/ENTRYPOINT values, copied dependency files), the
 * compose services that build it, and the Kamal configs that deploy it (with `config/database.yml`).
 */
export function sqliteEvidenceForDockerfile(project: ProjectFiles, knowledge: Knowledge, dockerfile: DockerfileModel, stageIndex: number): SqliteEvidence[] {
  const built = stageBuild(project, dockerfile, stageIndex);
  const fromRoot = built === undefined && copiesFromRoot(project, dockerfile, stageIndex);
  const evidence = fromRoot
    ? dockerfileStageEvidence(project, knowledge, dockerfile, stageIndex, '').map((item) =>
        item.file === dockerfile.file.path ? item : { ...item, description: `${item.description} (${ROOT_CONTEXT})` },
      )
    : dockerfileStageEvidence(project, knowledge, dockerfile, stageIndex, built?.contextDir, built?.namedContexts);
  const builders = project.buildersOf(dockerfile);
  for (const { service } of builders.services) {
    if (finalStageIndex(dockerfile, service.build?.target?.value) !== stageIndex) continue;
    evidence.push(...composeServiceEvidence(service), ...envFileSelectorEvidence(project, service));
  }
  for (const kamal of builders.kamalConfigs) {
    evidence.push(...kamalEvidence(kamal));
    const databaseYml = databaseYmlPath(kamalProjectRoot(kamal));
    if (!evidence.some((item) => item.file === databaseYml)) {
      evidence.push(...dependencyFileEvidence(project, databaseYml, knowledge).map((item) => ({ ...item, scope: 'deploy' as const })));
    }
  }
  // A default (`os.getenv("DB", "sqlite3")`) that every service or role running the image overrides does not apply.
  const envs = [...builders.services.map(({ service }) => serviceEnvironment(service)), ...builders.kamalConfigs.map(kamalEnvironment)];
  return envs.length === 0 ? evidence : evidence.filter((item) => !item.defaultOf || envs.some((env) => withoutOverriddenDefaults([item], env).length > 0));
}

const ROOT_CONTEXT = 'read with the repository root as build context: the COPY sources are not beside the Dockerfile';

/**
 * A Dockerfile nobody in the project builds has its own folder as context, unless its COPY sources
 * are not there but are at the repository root (a `docker/Dockerfile` built with `-f` from the root).
 * Only file sources are compared: a folder or a glob cannot be told apart by reading files.
 */
function copiesFromRoot(project: ProjectFiles, dockerfile: DockerfileModel, stageIndex: number): boolean {
  const own = posix.dirname(dockerfile.file.path.replace(/\\/g, '/'));
  if (own === '.' || own === '') return false;
  let atRoot = false;
  for (const stage of stageChain(dockerfile, stageIndex)) {
    for (const instruction of stage.instructions) {
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || (instruction as CopyInstruction).from) continue;
      for (const source of (instruction as CopyInstruction).sources) {
        const value = source.value.replace(/^["']|["']$/g, '').replace(/^\.\//, '');
        if (value === '' || value === '.' || value.endsWith('/') || /[*?[$]|^[a-z]+:\/\//i.test(value)) continue;
        if (project.readFile(joinProjectPath(own, value)) !== undefined) return false;
        if (project.readFile(joinProjectPath(value)) !== undefined) atRoot = true;
      }
    }
  }
  return atRoot;
}

/** The build that makes the image `stageIndex` of `dockerfile` is: the first compose service that builds that stage, else the first Kamal config. */
export function stageBuild(project: ProjectFiles, dockerfile: DockerfileModel, stageIndex: number): Build | undefined {
  const builders = project.buildersOf(dockerfile);
  for (const { compose, service } of builders.services) {
    const build = project.buildOf(compose, service);
    if (build && finalStageIndex(dockerfile, build.target) === stageIndex) return build;
  }
  for (const kamal of builders.kamalConfigs) {
    const build = project.buildOfKamal(kamal);
    if (build && finalStageIndex(dockerfile) === stageIndex) return build;
  }
  return undefined;
}

/**
 * Evidence for a compose service: its environment, command, entrypoint and volume targets, and,
 * when it builds an image, the evidence in that Dockerfile (for its `build.target`).
 */
export function sqliteEvidenceForService(project: ProjectFiles, knowledge: Knowledge, compose: ComposeModel, service: ComposeService): SqliteEvidence[] {
  // Asked for by three rules per service: computed once per run. Callers get their own array.
  return [...project.once('service-evidence', service, compose.file.path, () => serviceEvidence(project, knowledge, compose, service))];
}

function serviceEvidence(project: ProjectFiles, knowledge: Knowledge, compose: ComposeModel, service: ComposeService): SqliteEvidence[] {
  const evidence = [...composeServiceEvidence(service), ...envFileSelectorEvidence(project, service)];
  const dockerfile = service.build ? project.dockerfileForService(compose, service) : undefined;
  if (dockerfile) {
    const target = finalStageIndex(dockerfile, service.build?.target?.value);
    if (target !== undefined) {
      const build = project.buildOf(compose, service);
      evidence.unshift(...dockerfileStageEvidence(project, knowledge, dockerfile, target, build?.contextDir, build?.namedContexts));
    }
  }
  return withoutOverriddenDefaults(evidence, serviceEnvironment(service));
}

/** Evidence for a Kamal app: its env and role commands, `config/database.yml`, and its Dockerfile. */
export function sqliteEvidenceForKamal(project: ProjectFiles, knowledge: Knowledge, kamal: KamalModel): SqliteEvidence[] {
  const evidence = kamalEvidence(kamal);
  evidence.push(...dependencyFileEvidence(project, databaseYmlPath(kamalProjectRoot(kamal)), knowledge).map((item) => ({ ...item, scope: 'deploy' as const })));
  const dockerfile = project.dockerfileForKamal(kamal);
  const target = dockerfile ? finalStageIndex(dockerfile) : undefined;
  if (dockerfile && target !== undefined) evidence.unshift(...dockerfileStageEvidence(project, knowledge, dockerfile, target, project.buildOfKamal(kamal)?.contextDir));
  return withoutOverriddenDefaults(evidence, kamalEnvironment(kamal));
}

/** True when some evidence shows an application opening SQLite (not only the CLI being installed). */
export function usesSqlite(evidence: readonly SqliteEvidence[]): boolean {
  return evidence.some((item) => item.kind !== 'cli' && item.kind !== 'interpreter' && item.kind !== 'system-build' && item.scope !== 'build')
    || evidence.some((item) => item.scope === 'build' && item.kind === 'driver');
}

/**
 * Evidence that an image uses SQLite, shared by the SQLite rules: each item names the file and the
 * exact range it was read from, so that messages can cite it.
 */
import { posix } from 'path';
import type { ComposeModel, ComposeService } from '../compose/model';
import type { DockerfileModel } from '../dockerfile/model';
import { kamalProjectRoot, type KamalModel } from '../kamal/model';
import type { Knowledge } from '../knowledge/knowledge';
import type { Project } from '../project';
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
export function sqliteEvidenceForDockerfile(project: Project, knowledge: Knowledge, dockerfile: DockerfileModel, stageIndex: number): SqliteEvidence[] {
  const evidence = dockerfileStageEvidence(project, knowledge, dockerfile, stageIndex);
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

/**
 * Evidence for a compose service: its environment, command, entrypoint and volume targets, and,
 * when it builds an image, the evidence in that Dockerfile (for its `build.target`).
 */
export function sqliteEvidenceForService(project: Project, knowledge: Knowledge, compose: ComposeModel, service: ComposeService): SqliteEvidence[] {
  // Asked for by three rules per service: computed once per project. Callers get their own array.
  let perProject = serviceEvidenceCache.get(project);
  if (!perProject) serviceEvidenceCache.set(project, (perProject = new WeakMap()));
  let perCompose = perProject.get(compose);
  if (!perCompose) perProject.set(compose, (perCompose = new WeakMap()));
  let evidence = perCompose.get(service);
  if (!evidence) perCompose.set(service, (evidence = serviceEvidence(project, knowledge, compose, service)));
  return [...evidence];
}

const serviceEvidenceCache = new WeakMap<Project, WeakMap<ComposeModel, WeakMap<ComposeService, readonly SqliteEvidence[]>>>();

function serviceEvidence(project: Project, knowledge: Knowledge, compose: ComposeModel, service: ComposeService): SqliteEvidence[] {
  const evidence = [...composeServiceEvidence(service), ...envFileSelectorEvidence(project, service)];
  const dockerfile = service.build ? project.dockerfileForService(compose, service) : undefined;
  if (dockerfile) {
    const target = finalStageIndex(dockerfile, service.build?.target?.value);
    if (target !== undefined) {
      const context = buildContextDir(compose, service);
      evidence.unshift(...dockerfileStageEvidence(project, knowledge, dockerfile, target, context));
    }
  }
  return withoutOverriddenDefaults(evidence, serviceEnvironment(service));
}

/** Evidence for a Kamal app: its env and role commands, `config/database.yml`, and its Dockerfile. */
export function sqliteEvidenceForKamal(project: Project, knowledge: Knowledge, kamal: KamalModel): SqliteEvidence[] {
  const evidence = kamalEvidence(kamal);
  evidence.push(...dependencyFileEvidence(project, databaseYmlPath(kamalProjectRoot(kamal)), knowledge).map((item) => ({ ...item, scope: 'deploy' as const })));
  const dockerfile = project.dockerfileForKamal(kamal);
  const target = dockerfile ? finalStageIndex(dockerfile) : undefined;
  if (dockerfile && target !== undefined) evidence.unshift(...dockerfileStageEvidence(project, knowledge, dockerfile, target));
  return withoutOverriddenDefaults(evidence, kamalEnvironment(kamal));
}

function buildContextDir(compose: ComposeModel, service: ComposeService): string | undefined {
  const context = service.build?.context?.value ?? '.';
  if (context.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(context)) return undefined;
  const base = service.build?.baseDir ?? posix.dirname(service.file.path.replace(/\\/g, '/'));
  const joined = posix.normalize(posix.join(base, context));
  return joined === '.' ? '' : joined;
}

/** True when some evidence shows an application opening SQLite (not only the CLI being installed). */
export function usesSqlite(evidence: readonly SqliteEvidence[]): boolean {
  return evidence.some((item) => item.kind !== 'cli' && item.kind !== 'interpreter' && item.kind !== 'system-build' && item.scope !== 'build')
    || evidence.some((item) => item.scope === 'build' && item.kind === 'driver');
}

/**
 * Evidence that a mount holds SQLite data: a database path or URL under the mount target (in the
 * environment, the command, the Dockerfile or Rails' `config/database.yml`), a stock image known
 * to keep its database there, or an image that uses SQLite mounting its conventional data directory.
 */
import { posix } from 'path';
import type { ComposeModel, ComposeService, YamlScalar } from '../compose/model';
import { kamalProjectRoot, type KamalAccessory, type KamalModel } from '../kamal/model';
import type { Knowledge } from '../knowledge/knowledge';
import { imageName, stockImageUsesSqlite } from '../knowledge/stock-images';
import type { ProjectFiles } from '../facts/files';
import { databaseYmlPath, productionDatabases } from '../sqlite/database-yml';
import { kamalEnvEvidence, scalarEvidence } from '../sqlite/deploy-evidence';
import { sqliteEvidenceForKamal, sqliteEvidenceForService, usesSqlite } from '../sqlite/evidence';
import type { SqliteEvidence } from '../sqlite/evidence-types';
import { finalStageIndex } from '../sqlite/stages';
import { projectTextFile } from '../sqlite/text-ranges';
import { writtenText } from '../quote';
import { cleanContainerPath, databaseContainerPaths, imageLayout, isConventionalDataDir, isUnder, type ImageLayout } from './paths';

/** Where Rails' Dockerfile template puts the app (`WORKDIR /rails`). */
const RAILS_DEFAULT_ROOT = '/rails';

/** What litelint knows about one container definition (a compose service, a Kamal app or accessory). */
export interface ContainerFacts {
  /** Evidence from the environment, command and image, database.yml excluded. */
  evidence: SqliteEvidence[];
  layout: ImageLayout;
  railsRoot: string;
  /** The production databases of `config/database.yml`; `databasePath` is relative to `railsRoot`. */
  databases: SqliteEvidence[];
  image?: { reference: string; scalar: YamlScalar; file: string };
  /** Literal environment values (undefined: set, but not readable). */
  env: Map<string, string | undefined>;
}

const FROM_DATABASE_YML = /(^|\/)database\.yml$/;

function withoutDatabaseYml(evidence: SqliteEvidence[]): SqliteEvidence[] {
  return evidence.filter((item) => !FROM_DATABASE_YML.test(item.file));
}

function railsDatabases(project: ProjectFiles, appRoot: string): SqliteEvidence[] {
  const file = projectTextFile(project, databaseYmlPath(appRoot));
  return file ? productionDatabases(file).map((item) => ({ ...item, scope: 'deploy' as const })) : [];
}

function literal(scalar: YamlScalar | undefined): string | undefined {
  if (!scalar) return undefined;
  if (scalar.interpolated !== undefined) return scalar.interpolated;
  return scalar.value.includes('$') || scalar.value.includes('<%') ? undefined : scalar.value;
}

/** The image as a message names it: as written when it is interpolated (a value is never printed). */
function shownImage(image: NonNullable<ContainerFacts['image']>): string {
  const written = writtenText(image.scalar);
  return written.includes('$') ? written : imageName(image.reference) ?? image.reference;
}

export function composeServiceFacts(project: ProjectFiles, knowledge: Knowledge, compose: ComposeModel, service: ComposeService): ContainerFacts {
  const dockerfile = service.build ? project.dockerfileForService(compose, service) : undefined;
  const layout = imageLayout(dockerfile, dockerfile ? finalStageIndex(dockerfile, service.build?.target?.value) : undefined);
  const railsRoot = layout.workdir ?? RAILS_DEFAULT_ROOT;
  const serviceDir = service.baseDir ?? posix.dirname(service.file.path);
  let appRoot: string | undefined;
  if (service.build) {
    appRoot = project.buildOf(compose, service)?.contextDir;
  } else {
    appRoot = serviceDir;
  }
  const env = new Map<string, string | undefined>();
  for (const entry of service.environment) env.set(entry.name, literal(entry.value));
  const facts: ContainerFacts = {
    evidence: withoutDatabaseYml(sqliteEvidenceForService(project, knowledge, compose, service)),
    layout,
    railsRoot,
    databases: appRoot !== undefined ? railsDatabases(project, appRoot) : [],
    env,
  };
  const reference = literal(service.image);
  if (service.image && reference) facts.image = { reference, scalar: service.image, file: (service.image.file ?? service.file).path };
  // An image-only service is a Rails app only when it mounts under Rails' root.
  if (!service.build && !service.volumes.some((volume) => isUnder(volume.target, RAILS_DEFAULT_ROOT))) facts.databases = [];
  return facts;
}

export function kamalAppFacts(project: ProjectFiles, knowledge: Knowledge, kamal: KamalModel): ContainerFacts {
  const dockerfile = project.dockerfileForKamal(kamal);
  const layout = imageLayout(dockerfile, dockerfile ? finalStageIndex(dockerfile) : undefined);
  const env = new Map<string, string | undefined>();
  for (const entry of kamal.env?.clear ?? []) env.set(entry.name, literal(entry.value));
  return {
    evidence: withoutDatabaseYml(sqliteEvidenceForKamal(project, knowledge, kamal)),
    layout,
    railsRoot: layout.workdir ?? RAILS_DEFAULT_ROOT,
    databases: railsDatabases(project, kamalProjectRoot(kamal)),
    env,
  };
}

export function kamalAccessoryFacts(kamal: KamalModel, accessory: KamalAccessory): ContainerFacts {
  const who = `accessory ${accessory.name}`;
  const evidence = kamalEnvEvidence(kamal.file, accessory.env, who);
  if (accessory.cmd) evidence.push(...scalarEvidence(kamal.file, accessory.cmd, (value) => `${who} runs with ${value}`));
  const env = new Map<string, string | undefined>();
  for (const entry of accessory.env?.clear ?? []) env.set(entry.name, literal(entry.value));
  for (const entry of accessory.env?.secret ?? []) env.set(entry.name, undefined);
  const facts: ContainerFacts = { evidence, layout: { volumes: [] }, railsRoot: RAILS_DEFAULT_ROOT, databases: [], env };
  const reference = literal(accessory.image);
  if (accessory.image && reference) facts.image = { reference, scalar: accessory.image, file: kamal.file.path };
  return facts;
}

/** Evidence kinds that show an application opening SQLite without saying where its file is. */
const APPLICATION_KINDS = ['driver', 'database-config', 'runtime-api', 'php-extension'];

/**
 * What one container's own configuration says about the mount at `target`. `named`: a database file
 * the service itself names (its environment, command, Dockerfile or `database.yml`) lies in the mount,
 * so another container mounting the same volume read-write reaches that file too. Otherwise the
 * evidence is an inference from this image alone (a stock image's data path, a `VOLUME`, a
 * conventional data directory): it says what this container keeps there, nothing about the others.
 */
export interface MountEvidence {
  evidence: SqliteEvidence[];
  named: boolean;
}

/**
 * The evidence that the mount at `target` holds SQLite data. The conventional-directory inference
 * (`/data`, `.../storage`, a Dockerfile `VOLUME`) applies only when nothing says where the database is.
 */
export function mountEvidence(facts: ContainerFacts, rawTarget: string, knowledge: Knowledge): MountEvidence {
  const target = cleanContainerPath(rawTarget);
  const found: SqliteEvidence[] = [];
  let located = false;
  for (const item of facts.evidence) {
    if (!item.databasePath) continue;
    const paths = databaseContainerPaths(item.databasePath, facts.layout.workdir);
    if (paths.length > 0) located = true;
    if (paths.some((path) => isUnder(path, target))) found.push(item);
  }
  for (const database of facts.databases) {
    located = true;
    if (databaseContainerPaths(database.databasePath ?? '', facts.railsRoot).some((path) => isUnder(path, target))) found.push(database);
  }
  const named = found.length > 0;
  return { evidence: inferredEvidence(facts, target, knowledge, found, located), named };
}

function inferredEvidence(facts: ContainerFacts, target: string, knowledge: Knowledge, found: SqliteEvidence[], located: boolean): SqliteEvidence[] {
  const stock = facts.image ? knowledge.stockImage(facts.image.reference) : undefined;
  if (facts.image && stock && stockImageUsesSqlite(stock, facts.env)) {
    located = true;
    const where =
      (stock.paths ?? []).map(cleanContainerPath).find((path) => isUnder(path, target)) ??
      (stock.dirNames ?? []).find((name) => target.split('/').includes(name));
    if (where !== undefined) {
      found.push({
        file: facts.image.file,
        range: facts.image.scalar.range,
        description: `image ${shownImage(facts.image)} (${stock.app}) keeps its SQLite database in ${where} (source: ${stock.source.split(' ')[0]})`,
        kind: 'database-path',
        databasePath: where,
        scope: 'deploy',
      });
    }
  }
  if (found.length > 0 || located || !usesSqlite(facts.evidence)) return found;
  const isVolume = facts.layout.volumes.includes(target);
  if (!isVolume && !isConventionalDataDir(target)) return found;
  const application =
    APPLICATION_KINDS.map((kind) => facts.evidence.find((item) => item.kind === kind && item.scope !== 'build')).find(Boolean) ??
    facts.evidence.find((item) => item.kind === 'driver');
  if (!application) return found;
  const why = isVolume ? 'a VOLUME of its image' : 'its conventional data directory';
  found.push({ ...application, description: `the image uses SQLite (${application.description}) and ${target} is ${why}` });
  return found;
}

import type { ComposeModel, ComposeService } from '../src/compose/model';
import type { KamalModel, KamalVolume } from '../src/kamal/model';
import { imageName, stockImageUsesSqlite } from '../src/knowledge/stock-images';
import type { Knowledge } from '../src/knowledge/knowledge';
import { kamalAccessoryFacts, type ContainerFacts } from '../src/mounts/evidence';
import { cleanContainerPath, databaseContainerPaths, isUnder } from '../src/mounts/paths';
import type { SqliteEvidence } from '../src/sqlite/evidence-types';
import { relatedEvidence } from '../src/sqlite/messages';
import type { SourceFile } from '../src/source';
import { defineRule, type Range, type RelatedLocation, type RuleContext } from '../src/rule-api';

// {{who}} is "service 'web'", "the app" (Kamal) or "accessory 'worker'"; {{path}} the database path inside the container.
const messages = {
  onTmpfs: '{{who}} keeps SQLite data at {{path}} on tmpfs {{mount}}: lost on every stop',
  noVolume: '{{who}} keeps SQLite data at {{path}} in the writable layer: no volume covers it',
  // A stock image may declare a VOLUME of its own (not visible here): then an anonymous volume, which
  // survives a recreate but not the container's removal (`docker compose down`, a new project name).
  noVolumeStock: '{{who}} mounts no volume at {{path}}, where {{app}} keeps its SQLite data: it goes when the container is removed',
};

const HELP_VOLUME = 'Mount a named volume or a host directory on the directory that holds the database (for example appdata:/data), and keep the database file inside it.';
const HELP_TMPFS = 'Put the database directory on a named volume or a host directory instead of tmpfs; keep tmpfs for caches and scratch files.';

type Context = RuleContext<unknown, keyof typeof messages>;

/** A database the container opens: its candidate container paths and the evidence that names it. */
interface Database {
  paths: string[];
  evidence: SqliteEvidence;
  /** Where the finding goes: the evidence in the deploy file, else the service or app it belongs to. */
  file: string;
  range: Range;
  /** The finding is reported on the evidence's own text, which says all a related location would. */
  onEvidence?: boolean;
  /** The stock image's application, when the database path comes from the image data. */
  app?: string;
}

interface Mounts {
  persistent: string[];
  tmpfs: { target: string; file: string; range: Range }[];
}

/**
 * The databases a container's evidence locates: a database path or `sqlite:` URL in its deploy
 * settings (environment, command), Rails' production databases, a stock image's known database
 * path. Paths read in the Dockerfile are left out: a RUN line naming a `.db` file is often a build
 * step (a seed, a test), not where the running app keeps its data.
 */
function databasesOf(facts: ContainerFacts, knowledge: Knowledge, fallback: { file: string; range: Range }): Database[] {
  const found: Database[] = [];
  for (const item of facts.evidence) {
    if (item.scope !== 'deploy' || !item.databasePath || (item.kind !== 'database-path' && item.kind !== 'database-url')) continue;
    const paths = databaseContainerPaths(item.databasePath, facts.layout.workdir);
    if (paths.length > 0) found.push({ paths, evidence: item, file: item.file, range: item.range, onEvidence: true });
  }
  for (const item of facts.databases) {
    const paths = databaseContainerPaths(item.databasePath ?? '', facts.railsRoot);
    if (paths.length > 0) found.push({ paths, evidence: item, ...fallback });
  }
  const stock = facts.image ? knowledge.stockImage(facts.image.reference) : undefined;
  if (facts.image && stock && stockImageUsesSqlite(stock, facts.env)) {
    const image = facts.image;
    for (const path of stock.paths ?? []) {
      const evidence: SqliteEvidence = {
        file: image.file,
        range: image.scalar.range,
        description: `image ${imageName(image.reference) ?? image.reference} (${stock.app}) keeps its SQLite database in ${path} (source: ${stock.source.split(' ')[0]})`,
        kind: 'database-path',
        databasePath: path,
        scope: 'deploy',
      };
      found.push({ paths: [cleanContainerPath(path)], evidence, file: image.file, range: image.scalar.range, app: stock.app });
    }
  }
  return found;
}

/** Reports each located database that no persistent mount covers: on tmpfs (error) or in the writable layer (warning). */
function checkDatabases(context: Context, who: string, databases: Database[], mounts: Mounts, inheritsMounts = false): void {
  const reported = new Set<string>();
  for (const database of databases) {
    if (database.paths.some((path) => mounts.persistent.some((target) => isUnder(path, target)))) continue;
    const path = database.paths[0];
    if (reported.has(path)) continue;
    reported.add(path);
    const evidence = relatedEvidence(database.evidence, 'the database');
    const tmpfs = mounts.tmpfs.find((mount) => database.paths.some((candidate) => isUnder(candidate, mount.target)));
    if (tmpfs) {
      context.report({ file: tmpfs.file, range: tmpfs.range, messageId: 'onTmpfs', data: { who, path, mount: tmpfs.target }, help: HELP_TMPFS, related: [evidence] });
    } else if (!inheritsMounts) {
      const related: RelatedLocation[] = database.onEvidence ? [] : [evidence];
      const said: { messageId: 'noVolume' | 'noVolumeStock'; data: Record<string, string> } = database.app
        ? { messageId: 'noVolumeStock', data: { who, path, app: database.app } }
        : { messageId: 'noVolume', data: { who, path } };
      context.report({ file: database.file, range: database.range, severity: 'warning', ...said, help: HELP_VOLUME, related });
    }
  }
}

function composeMounts(service: ComposeService, facts: ContainerFacts): Mounts {
  const mounts: Mounts = { persistent: [...facts.layout.volumes], tmpfs: [] };
  for (const volume of service.volumes) {
    const target = cleanContainerPath(volume.target);
    if (volume.type === 'tmpfs') mounts.tmpfs.push({ target, file: (volume.file ?? service.file).path, range: volume.targetRange });
    else mounts.persistent.push(target);
  }
  for (const scalar of service.tmpfs ?? []) {
    const target = (scalar.interpolated ?? scalar.value).split(':')[0].trim();
    if (target.startsWith('/')) mounts.tmpfs.push({ target: cleanContainerPath(target), file: (scalar.file ?? service.file).path, range: scalar.range });
  }
  return mounts;
}

/**
 * `volumes_from:` hands a service another container's mounts, which the compose model does not
 * carry: a file that uses it anywhere gets no writable-layer warnings (tmpfs ones still stand).
 */
const VOLUMES_FROM = /^[ \t]*volumes_from[ \t]*:/m;

function checkCompose(context: Context, compose: ComposeModel): void {
  // Each file is searched once: a compose file may hold thousands of services.
  const usesVolumesFrom = new Map<SourceFile, boolean>();
  const searched = (file: SourceFile): boolean => {
    let found = usesVolumesFrom.get(file);
    if (found === undefined) usesVolumesFrom.set(file, (found = VOLUMES_FROM.test(file.text)));
    return found;
  };
  for (const service of compose.services) {
    const facts = context.facts.composeService(compose, service);
    const databases = databasesOf(facts, context.knowledge, { file: service.file.path, range: service.nameRange });
    if (databases.length === 0) continue;
    const inherits = searched(service.file) || searched(compose.file);
    checkDatabases(context, `service '${service.name}'`, databases, composeMounts(service, facts), inherits);
  }
}

function kamalMounts(volumes: readonly KamalVolume[], facts: ContainerFacts): Mounts {
  return { persistent: [...facts.layout.volumes, ...volumes.map((volume) => cleanContainerPath(volume.target))], tmpfs: [] };
}

function checkKamal(context: Context, kamal: KamalModel): void {
  const app = context.facts.kamalApp(kamal);
  const at = kamal.service ?? kamal.image;
  const fallback = { file: kamal.file.path, range: at?.range ?? kamal.file.range(0, 0) };
  const databases = databasesOf(app, context.knowledge, fallback);
  if (databases.length > 0) checkDatabases(context, 'the app', databases, kamalMounts(kamal.volumes, app));
  for (const accessory of kamal.accessories) {
    const facts = kamalAccessoryFacts(kamal, accessory);
    const own = databasesOf(facts, context.knowledge, { file: kamal.file.path, range: accessory.nameRange });
    if (own.length > 0) checkDatabases(context, `accessory '${accessory.name}'`, own, kamalMounts([...accessory.volumes, ...accessory.directories], facts));
  }
}

export const sqliteEphemeralStorage = defineRule({
  meta: {
    id: 'sqlite-ephemeral-storage',
    defaultSeverity: 'error',
    description: "A service's SQLite database on tmpfs (error) or in the container's writable layer, covered by no volume (warning).",
    kinds: ['compose', 'kamal'],
    messages,
    help: HELP_VOLUME,
  },
  check(context) {
    for (const compose of context.project.composeFiles) checkCompose(context, compose);
    for (const kamal of context.project.kamalConfigs) checkKamal(context, kamal);
  },
});


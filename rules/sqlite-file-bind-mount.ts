import type { ComposeModel, ComposeService, ServiceVolume } from '../src/compose/model';
import type { KamalModel, KamalVolume } from '../src/kamal/model';
import { kamalAccessoryFacts, type ContainerFacts } from '../src/mounts/evidence';
import { cleanContainerPath, databaseContainerPaths } from '../src/mounts/paths';
import { relatedEvidence } from '../src/sqlite/messages';
import type { SqliteEvidence } from '../src/sqlite/evidence-types';
import { sqliteFileName } from '../src/storage/database-files';
import { defineRule, type Range, type RuleContext } from '../src/rule-api';

// {{who}} is "service 'web'", "the app" (Kamal's global volumes) or "accessory 'worker'"; {{file}} the target as written.
const messages = {
  databaseFile: '{{who}} mounts the database file {{file}} alone: -wal and -shm stay in the container',
  sidecarFile: "{{who}} mounts SQLite's {{suffix}} file {{file}} alone: SQLite recreates it beside the database",
};

const HELP =
  'Mount the directory that holds the database (for example ./data:/app/data, or a named volume) and point the app at the file inside it, so that -wal and -shm stay beside it.';

type Context = RuleContext<unknown, keyof typeof messages>;

interface Mount {
  who: string;
  /** Host side as compose or Kamal resolves it, for deciding. */
  source: string;
  target: string;
  printedTarget: string;
  readOnly: boolean;
  file: string;
  range: Range;
  entryLine?: number;
}

/**
 * The evidence that names `target` itself as the database: a `sqlite:` URL or database.yml entry
 * resolving to exactly that path. A path named only by its ending is decided by the name already.
 */
function evidenceNaming(facts: ContainerFacts, target: string): SqliteEvidence | undefined {
  const path = cleanContainerPath(target);
  const urls = facts.evidence.filter((item) => item.kind === 'database-url' && item.databasePath);
  const named = urls.find((item) => databaseContainerPaths(item.databasePath ?? '', facts.layout.workdir).includes(path));
  return named ?? facts.databases.find((item) => databaseContainerPaths(item.databasePath ?? '', facts.railsRoot).includes(path));
}

/**
 * One writable single-file bind mount: a sidecar by its name, else a database file by the name of
 * either side or by evidence. A read-only mount writes nothing, so no committed transaction can be
 * lost through it (a seed or reference database): not reported, see the rule's page.
 */
function checkMount(context: Context, mount: Mount, facts: () => ContainerFacts): void {
  if (mount.readOnly) return;
  const name = sqliteFileName(mount.target) ?? sqliteFileName(mount.source);
  const base = { file: mount.file, range: mount.range, entryLine: mount.entryLine, help: HELP };
  if (name?.kind === 'sidecar') {
    context.report({ ...base, messageId: 'sidecarFile', data: { who: mount.who, suffix: name.suffix, file: mount.printedTarget } });
    return;
  }
  const evidence = name ? undefined : evidenceNaming(facts(), mount.target);
  if (!name && !evidence) return;
  context.report({
    ...base,
    messageId: 'databaseFile',
    data: { who: mount.who, file: mount.printedTarget },
    ...(evidence ? { related: [relatedEvidence(evidence, 'the database')] } : {}),
  });
}

function composeMount(service: ComposeService, volume: ServiceVolume): Mount | undefined {
  if (volume.type !== 'bind' || !volume.source) return undefined;
  const scalar = volume.syntax === 'short' ? volume.spec ?? volume.source : volume.source;
  return {
    who: `service '${service.name}'`,
    source: volume.source.interpolated ?? volume.source.value,
    target: volume.target,
    printedTarget: volume.printedTarget,
    readOnly: volume.readOnly,
    file: (scalar.file ?? volume.file ?? service.file).path,
    range: scalar.range,
    entryLine: volume.range.start.line,
  };
}

function checkCompose(context: Context, compose: ComposeModel): void {
  for (const service of compose.services) {
    let facts: ContainerFacts | undefined;
    const factsOf = () => (facts ??= context.facts.composeService(compose, service));
    for (const volume of service.volumes) {
      const mount = composeMount(service, volume);
      if (mount) checkMount(context, mount, factsOf);
    }
  }
}

function kamalMount(kamal: KamalModel, volume: KamalVolume, who: string): Mount | undefined {
  if (volume.sourceType !== 'bind') return undefined;
  return { who, source: volume.source, target: volume.target, printedTarget: volume.target, readOnly: volume.readOnly, file: kamal.file.path, range: volume.spec.range };
}

function checkKamal(context: Context, kamal: KamalModel): void {
  let facts: ContainerFacts | undefined;
  const appFacts = () => (facts ??= context.facts.kamalApp(kamal));
  for (const volume of kamal.volumes) {
    const mount = kamalMount(kamal, volume, 'the app');
    if (mount) checkMount(context, mount, appFacts);
  }
  for (const accessory of kamal.accessories) {
    const accessoryFacts = () => kamalAccessoryFacts(kamal, accessory);
    for (const volume of accessory.volumes) {
      const mount = kamalMount(kamal, volume, `accessory '${accessory.name}'`);
      if (mount) checkMount(context, mount, accessoryFacts);
    }
  }
}

export const sqliteFileBindMount = defineRule({
  meta: {
    id: 'sqlite-file-bind-mount',
    defaultSeverity: 'error',
    description: 'A SQLite database file (or its -wal, -shm or -journal file) bind-mounted on its own instead of the directory that holds it.',
    kinds: ['compose', 'kamal'],
    messages,
    help: HELP,
  },
  check(context) {
    for (const compose of context.project.composeFiles) checkCompose(context, compose);
    for (const kamal of context.project.kamalConfigs) checkKamal(context, kamal);
  },
});

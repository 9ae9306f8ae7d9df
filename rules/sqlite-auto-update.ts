import type { ComposeModel, ComposeService, YamlScalar } from '../src/compose/model';
import { backsUp, enableLabels, floatingTag, migratesOnStart, migrationIn, preUpdateLabel, takesValue, updaterFor, type Updater } from '../src/backup/auto-update';
import { parseImageRef } from '../src/knowledge/image-ref';
import { mountEvidence } from '../src/mounts/evidence';
import type { SqliteEvidence } from '../src/sqlite/evidence-types';
import { relatedEvidence } from '../src/sqlite/messages';
import { relatedAt } from '../src/source';
import { findInStart } from '../src/backup/container-start';
import { defineRule, type RelatedLocation, type RuleContext } from '../src/rule-api';
import { composeMountKey } from '../src/mounts/mount-key';

// {{updater}} is "Watchtower" or "a Watchtower on the host" (only the opt-in label says so); {{tag}} is "latest", "no tag" or "major-only 3".
const messages = {
  autoUpdate: '{{updater}} updates {{who}} ({{tag}}), which migrates SQLite on start; nothing backs it up first',
};

const HELP =
  'Pin the image to a full version and update it by hand after a backup, or back the database up first (a watchtower pre-update hook running sqlite3 .backup, or Litestream).';

type Context = RuleContext<unknown, keyof typeof messages>;

function labelsOf(service: ComposeService): Map<string, string | undefined> {
  return new Map(service.labels.map((entry) => [entry.name, entry.value?.value]));
}

function commandLine(service: ComposeService): string {
  return [...(service.entrypoint ?? []), ...(service.command ?? [])].map((scalar) => scalar.value).join(' ');
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(true|1|yes)$/i.test(value.trim());
}

interface RunningUpdater {
  updater: Updater;
  service: ComposeService;
  labelEnable: boolean;
  /** Containers named on its command line (it then updates only those), empty for all. */
  names: string[];
}

function runningUpdater(service: ComposeService): RunningUpdater | undefined {
  const reference = service.image && !service.image.value.includes('$') ? parseImageRef(service.image.value) : undefined;
  const updater = updaterFor(reference?.name);
  if (!updater) return undefined;
  const env = service.environment.find((entry) => entry.name === updater.labelEnableEnv);
  const words = commandLine(service).split(/\s+/).filter(Boolean);
  const labelEnable = truthy(env?.value?.value) || words.some((word) => word === updater.labelEnableFlag || word === `${updater.labelEnableFlag}=true`);
  // A word that is neither a flag nor a flag's value names a container to watch.
  const names = words.filter((word, index) => !word.startsWith('-') && (index === 0 || !takesValue(words[index - 1])));
  return { updater, service, labelEnable, names };
}

function namedIn(names: string[], service: ComposeService): boolean {
  return names.some((name) => name === service.name || name.endsWith(`-${service.name}-1`) || name.endsWith(`_${service.name}_1`));
}

/** A pre-update hook, the service's own command or a sidecar on one of its volumes that backs the database up. */
function backedUp(compose: ComposeModel, service: ComposeService, labels: Map<string, string | undefined>): boolean {
  if (backsUp(labels.get(preUpdateLabel()) ?? '') || backsUp(commandLine(service))) return true;
  const keys = new Set(service.volumes.map((volume) => composeMountKey(service, volume)).filter(Boolean));
  return compose.services.some(
    (other) => other !== service && other.volumes.some((volume) => keys.has(composeMountKey(other, volume))) && backsUp(`${other.image?.value ?? ''} ${commandLine(other)}`),
  );
}

function sqliteEvidence(context: Context, compose: ComposeModel, service: ComposeService): SqliteEvidence | undefined {
  const facts = context.facts.composeService(compose, service);
  for (const volume of service.volumes) {
    const found = mountEvidence(facts, volume.target, context.knowledge).evidence;
    if (found.length > 0) return found[0];
  }
  return undefined;
}

function migration(context: Context, compose: ComposeModel, service: ComposeService, name: string): RelatedLocation | undefined {
  const known = migratesOnStart(name);
  const image = service.image as YamlScalar;
  if (known) return relatedAt((image.file ?? service.file).path, image.range, `${known.app} runs ${known.what}`);
  const scalars = [...(service.entrypoint ?? []), ...(service.command ?? [])];
  const found = migrationIn(commandLine(service));
  if (found && scalars.length > 0) {
    // The item that holds the whole command, else the first (`["python", "manage.py", "migrate"]` splits it).
    const at = scalars.find((scalar) => migrationIn(scalar.value) !== undefined) ?? scalars[0];
    return relatedAt((at.file ?? service.file).path, at.range, `the start runs ${found}`);
  }
  // An image the project builds (and CI pushes under the tag the updater pulls): its ENTRYPOINT/CMD, or
  // the script they run (`bin/docker-entrypoint` running `db:prepare`). A compose `entrypoint:` replaces both.
  if (service.entrypoint || !service.build) return undefined;
  const command = service.command?.[0];
  const override = command ? { text: commandLine(service), file: (command.file ?? service.file).path, range: command.range } : undefined;
  const at = findInStart(context.facts.containerStart(context.project.buildOf(compose, service)), override, (text) => migrationIn(text) !== undefined);
  const what = at && migrationIn(at.text);
  return at && what ? relatedAt(at.file, at.range, `the start runs ${what}`) : undefined;
}

function checkCompose(context: Context, compose: ComposeModel): void {
  const updaters = compose.services.map(runningUpdater).filter((running): running is RunningUpdater => running !== undefined);
  const optIn = enableLabels();
  for (const service of compose.services) {
    if (!service.image || service.image.value.includes('$') || updaters.some((running) => running.service === service)) continue;
    const labels = labelsOf(service);
    const label = optIn.map((name) => labels.get(name)).find((value) => value !== undefined);
    if (label !== undefined && !truthy(label)) continue;
    const by = updaters.find((running) => (!running.labelEnable || truthy(label)) && (running.names.length === 0 || namedIn(running.names, service)));
    // Without an updater in the file, the opt-in label says one runs on the host.
    if (!by && !truthy(label)) continue;
    const reference = parseImageRef(service.image.value);
    if (!reference) continue;
    const tag = floatingTag(reference.tag, reference.digest);
    if (!tag) continue;
    const migrates = migration(context, compose, service, reference.name);
    if (!migrates) continue;
    if (backedUp(compose, service, labels)) continue;
    const evidence = sqliteEvidence(context, compose, service);
    if (!evidence) continue;
    const related: RelatedLocation[] = [];
    if (by?.service.image) related.push(relatedAt((by.service.image.file ?? by.service.file).path, by.service.image.range, `${by.updater.name} runs here`));
    related.push(migrates, relatedEvidence(evidence, 'SQLite data'));
    context.report({
      file: (service.image.file ?? service.file).path,
      range: service.image.range,
      messageId: 'autoUpdate',
      data: { updater: by ? by.updater.name : 'a Watchtower on the host', who: `service '${service.name}'`, tag },
      help: HELP,
      related,
    });
  }
}

export const sqliteAutoUpdate = defineRule({
  meta: {
    id: 'sqlite-auto-update',
    defaultSeverity: 'warning',
    description: 'Watchtower (or a fork) replaces a SQLite service on a floating tag whose start migrates the schema, with no backup first.',
    kinds: ['compose'],
    messages,
    help: HELP,
  },
  check(context) {
    for (const compose of context.project.composeFiles) checkCompose(context, compose);
  },
});

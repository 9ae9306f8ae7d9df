import { posix } from 'path';
import type { ComposeModel, ComposeService, EnvEntry, ServiceVolume, YamlScalar } from '../src/compose/model';
import { cronLabelJobs, isCronLabelScheduler, jobVolumes } from '../src/backup/cron-labels';
import type { KamalModel, KamalVolume } from '../src/kamal/model';
import { fileCopies, isDatabaseFileName, volumeBackupStopLabel } from '../src/backup/backup-tools';
import { imageName } from '../src/knowledge/stock-images';
import { kamalAccessoryFacts, mountEvidence, type ContainerFacts } from '../src/mounts/evidence';
import { cleanContainerPath, isUnder } from '../src/mounts/paths';
import type { SqliteEvidence } from '../src/sqlite/evidence-types';
import { relatedEvidence } from '../src/sqlite/messages';
import { defineRule, type Range, type RuleContext } from '../src/rule-api';

// {{who}} and {{writer}} are "service 'backup'", "accessory 'backup'" or "the app" (Kamal); {{path}} is a path as written in the command.
const messages = {
  liveCopy: '{{who}} copies {{path}} with {{tool}} while {{writer}} writes its SQLite database there',
  liveArchive: "{{who}} archives volume '{{volume}}' without stopping {{writer}}, which writes SQLite there",
};

const HELP_COPY = 'Copy a snapshot instead of the live file: sqlite3 app.db ".backup /backup/app.db" or VACUUM INTO, then copy that; or replicate with Litestream.';
const HELP_ARCHIVE = 'Label the writer docker-volume-backup.stop-during-backup=true so it is stopped while the volume is archived, or archive a .backup snapshot instead.';

type Context = RuleContext<unknown, keyof typeof messages>;

/** One mount of a container, keyed by what it mounts so that two containers' mounts of the same data compare equal. */
interface Mount {
  /** `volume:<name>` or `bind:<host path>`. */
  key: string;
  /** The name as a message prints it (the volume name or host path as written). */
  shown: string;
  target: string;
  readOnly: boolean;
  file: string;
  range: Range;
}

interface Container {
  who: string;
  mounts: Mount[];
  /**
   * The command text as written (never interpolated: a value read from the environment is never
   * printed). `who` names a scheduled job that runs it (an ofelia label); `inSelf`: the job runs
   * inside this container, so the container's own writes to the copied file count.
   */
  commands: { scalar: YamlScalar; file: string; who?: string; inSelf?: boolean }[];
  image?: string;
  labels: Map<string, string | undefined>;
  facts: () => ContainerFacts;
}

/** A container that writes SQLite data in the mount with `key`: the first evidence that says so. */
function writerOf(containers: Container[], self: Container | undefined, key: string, context: Context): { writer: Container; evidence: SqliteEvidence } | undefined {
  for (const other of containers) {
    if (other === self) continue;
    for (const mount of other.mounts) {
      if (mount.key !== key || mount.readOnly) continue;
      const evidence = mountEvidence(other.facts(), mount.target, context.knowledge).evidence;
      if (evidence.length > 0) return { writer: other, evidence: evidence[0] };
    }
  }
  return undefined;
}

/** A label value that turns the stop on: offen accepts a custom value (BACKUP_STOP_DURING_BACKUP_LABEL), so only an explicit false does not count. */
function stopsDuringBackup(writer: Container, label: string): boolean {
  if (!writer.labels.has(label)) return false;
  return (writer.labels.get(label) ?? 'true').trim().toLowerCase() !== 'false';
}

/** `copiers` are the containers whose commands are checked; `containers` the ones that may write (a job-run container is only a copier). */
function checkContainers(context: Context, containers: Container[], copiers: Container[] = containers): void {
  for (const container of copiers) {
    const reported = new Set<string>();
    for (const { scalar, file, who, inSelf } of container.commands) {
      for (const copy of fileCopies(scalar.value)) {
        for (const path of copy.paths) {
          const clean = cleanContainerPath(path);
          if (clean === '/') continue;
          // The first mount of the path with a writer (a job-run volume may stand for several compose volumes).
          const covering = container.mounts.filter((candidate) => isUnder(clean, candidate.target) || isUnder(candidate.target, clean));
          let mount: Mount | undefined;
          let found: ReturnType<typeof writerOf>;
          for (const candidate of covering) {
            if (reported.has(candidate.key)) continue;
            // A path below the mount that is not the database file or a directory holding it (a log, an upload) is not the database.
            if (isUnder(clean, candidate.target) && clean !== candidate.target && posix.extname(clean) !== '' && !isDatabaseFileName(clean)) continue;
            found = writerOf(containers, inSelf ? undefined : container, candidate.key, context);
            if (found) {
              mount = candidate;
              break;
            }
          }
          if (!mount || !found) continue;
          reported.add(mount.key);
          context.report({
            file,
            range: scalar.range,
            severity: 'warning',
            messageId: 'liveCopy',
            data: { who: who ?? container.who, path, tool: copy.tool, writer: found.writer.who },
            help: HELP_COPY,
            related: [relatedEvidence(found.evidence, `SQLite data of ${found.writer.who}`)],
          });
        }
      }
    }
    const label = container.image ? volumeBackupStopLabel(container.image) : undefined;
    if (!label) continue;
    for (const mount of container.mounts) {
      if (reported.has(mount.key)) continue;
      const found = writerOf(containers, container, mount.key, context);
      if (!found || stopsDuringBackup(found.writer, label)) continue;
      reported.add(mount.key);
      context.report({
        file: mount.file,
        range: mount.range,
        severity: 'warning',
        messageId: 'liveArchive',
        data: { who: container.who, volume: mount.shown, writer: found.writer.who },
        help: HELP_ARCHIVE,
        related: [relatedEvidence(found.evidence, `SQLite data of ${found.writer.who}`)],
      });
    }
  }
}

function composeMount(service: ComposeService, volume: ServiceVolume): Mount | undefined {
  if (!volume.source || (volume.type !== 'volume' && volume.type !== 'bind')) return undefined;
  const written = volume.source.value;
  const value = volume.source.interpolated ?? written;
  const host = value.startsWith('/') ? posix.normalize(value) : posix.join(volume.source.baseDir ?? posix.dirname(service.file.path), value);
  const key = volume.type === 'volume' ? `volume:${value}` : `bind:${host.length > 1 ? host.replace(/\/+$/, '') : host}`;
  const scalar = volume.syntax === 'short' ? volume.spec ?? volume.source : volume.source;
  return { key, shown: written, target: cleanContainerPath(volume.target), readOnly: volume.readOnly, file: (scalar.file ?? volume.file ?? service.file).path, range: scalar.range };
}

function checkCompose(context: Context, compose: ComposeModel): void {
  const containers = compose.services.map((service): Container => {
    let facts: ContainerFacts | undefined;
    const reference = service.image && !service.image.value.includes('$') ? service.image.value : undefined;
    return {
      who: `service '${service.name}'`,
      mounts: service.volumes.map((volume) => composeMount(service, volume)).filter((mount): mount is Mount => mount !== undefined),
      commands: [...(service.entrypoint ?? []), ...(service.command ?? [])].map((scalar) => ({ scalar, file: (scalar.file ?? service.file).path })),
      image: reference ? imageName(reference) : undefined,
      labels: new Map(service.labels.map((entry) => [entry.name, entry.value?.value])),
      facts: () => (facts ??= context.facts.composeService(compose, service)),
    };
  });
  // A command given as a list is one command: join its items so that `["sh", "-c", "cp ..."]` reads as written.
  for (const container of containers) {
    if (container.commands.length > 1) {
      const joined = container.commands.map(({ scalar }) => scalar.value).join(' ');
      const first = container.commands[0];
      // The finding spans the items written in the first one's file (entrypoint and command can come in either order).
      const same = container.commands.filter((command) => command.file === first.file).map((command) => command.scalar.range);
      const start = same.reduce((a, b) => (b.start.offset < a.start.offset ? b : a)).start;
      const end = same.reduce((a, b) => (b.end.offset > a.end.offset ? b : a)).end;
      container.commands = [{ scalar: { ...first.scalar, value: joined, range: { start, end } }, file: first.file }];
    }
  }
  const jobRuns = scheduledJobs(compose, containers);
  checkContainers(context, containers, [...containers, ...jobRuns]);
}

/** Whether a container name written in a job (`.container`) is this service's: its name, or Compose's `<project>-<service>-1`. */
function namesService(name: string, service: ComposeService): boolean {
  return name === service.name || name.endsWith(`-${service.name}-1`) || name.endsWith(`_${service.name}_1`);
}

/** Mounts of a job-run container from its `.volume` values (`src:dst[:mode]`, docker run -v). */
function jobRunMounts(volumes: string[], entry: EnvEntry, file: string): Mount[] {
  const mounts: Mount[] = [];
  for (const spec of volumes) {
    const [source, target, mode] = spec.split(':');
    if (!source || !target || source.includes('$')) continue;
    const base = { shown: source, target: cleanContainerPath(target), readOnly: mode?.split(',').includes('ro') ?? false, file, range: (entry.value ?? entry).range };
    if (source.startsWith('/')) {
      const host = posix.normalize(source);
      mounts.push({ ...base, key: `bind:${host.length > 1 ? host.replace(/\/+$/, '') : host}` });
      continue;
    }
    // Compose names a project's volume `<project>_<volume>`: the job may name it either way.
    const names = [source, ...source.split('_').map((_, index, parts) => parts.slice(index + 1).join('_')).filter(Boolean)];
    for (const name of new Set(names)) mounts.push({ ...base, key: `volume:${name}` });
  }
  return mounts;
}

/**
 * Jobs of a label-driven scheduler (ofelia, chadburn): a job-exec command joins the commands of the
 * container it runs in (which may itself be the writer), a job-local one those of the scheduler's
 * container; a job-run gets a container of its own, returned to be checked as a copier only.
 */
function scheduledJobs(compose: ComposeModel, containers: Container[]): Container[] {
  const jobRuns: Container[] = [];
  compose.services.forEach((service, index) => {
    const container = containers[index];
    const scheduler = isCronLabelScheduler(container.image);
    for (const job of cronLabelJobs(service.labels, container.image)) {
      const scalar = job.command.value as YamlScalar;
      const file = (scalar.file ?? job.command.file ?? service.file).path;
      if (job.type === 'job-run') {
        const volume = job.params.get('volume');
        const image = job.params.get('image')?.value?.value;
        jobRuns.push({
          who: `${job.scheduler} job-run '${job.name}'`,
          mounts: volume ? jobRunMounts(jobVolumes(volume), volume, (volume.value?.file ?? volume.file ?? service.file).path) : [],
          commands: [{ scalar, file }],
          image: image && !image.includes('$') ? imageName(image) : undefined,
          labels: new Map(),
          facts: container.facts,
        });
        continue;
      }
      let runsIn: Container | undefined = container;
      if (job.type === 'job-exec' && scheduler) {
        // On the scheduler's own container a job-exec names the container it runs in.
        const target = job.params.get('container')?.value?.value;
        const at = target === undefined ? -1 : compose.services.findIndex((candidate) => namesService(target, candidate));
        runsIn = at >= 0 ? containers[at] : undefined;
      }
      if (!runsIn) continue;
      runsIn.commands.push({ scalar, file, who: `${job.scheduler} ${job.type} '${job.name}' in ${runsIn.who}`, inSelf: job.type === 'job-exec' });
    }
  });
  return jobRuns;
}

function kamalMount(kamal: KamalModel, volume: KamalVolume): Mount {
  const host = posix.normalize(volume.source);
  const key = volume.sourceType === 'volume' ? `volume:${volume.source}` : `bind:${host.length > 1 ? host.replace(/\/+$/, '') : host}`;
  return { key, shown: volume.source, target: cleanContainerPath(volume.target), readOnly: volume.readOnly, file: kamal.file.path, range: volume.spec.range };
}

function checkKamal(context: Context, kamal: KamalModel): void {
  let appFacts: ContainerFacts | undefined;
  const containers: Container[] = [
    {
      who: 'the app',
      mounts: kamal.volumes.map((volume) => kamalMount(kamal, volume)),
      commands: [],
      labels: new Map(),
      facts: () => (appFacts ??= context.facts.kamalApp(kamal)),
    },
  ];
  for (const accessory of kamal.accessories) {
    let facts: ContainerFacts | undefined;
    const reference = accessory.image && !accessory.image.value.includes('$') ? accessory.image.value : undefined;
    containers.push({
      who: `accessory '${accessory.name}'`,
      mounts: [...accessory.volumes, ...accessory.directories].map((volume) => kamalMount(kamal, volume)),
      commands: accessory.cmd ? [{ scalar: accessory.cmd, file: kamal.file.path }] : [],
      image: reference ? imageName(reference) : undefined,
      labels: new Map(),
      facts: () => (facts ??= kamalAccessoryFacts(kamal, accessory)),
    });
  }
  checkContainers(context, containers);
}

export const sqliteLiveCopyBackup = defineRule({
  meta: {
    id: 'sqlite-live-copy-backup',
    defaultSeverity: 'warning',
    description: 'A backup that copies a live SQLite database file or directory (cp, rsync, tar, rclone, restic, aws s3, an ofelia cron label, a volume-backup image) while a container writes it.',
    kinds: ['compose', 'kamal'],
    messages,
    help: HELP_COPY,
  },
  check(context) {
    for (const compose of context.project.composeFiles) checkCompose(context, compose);
    for (const kamal of context.project.kamalConfigs) checkKamal(context, kamal);
  },
});

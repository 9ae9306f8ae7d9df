/**
 * Jobs a label-driven cron scheduler (mcuadros/ofelia and its forks, `data/backup-tools.json`
 * `cronLabelSchedulers`) reads from a container's labels: `ofelia.job-exec.<name>.command` runs
 * inside the labelled container; `job-run` (a new container of `.image` with `.volume` mounts) and
 * `job-local` (inside the scheduler's own container) are read only from the scheduler's container.
 */
import type { EnvEntry } from '../compose/model';
import { DataFile } from '../data-file';

interface Sourced {
  source: string;
  asOf: string;
}

interface CronLabelData {
  cronLabelSchedulers: (Sourced & { prefix: string; images: string[] })[];
}

const data = new DataFile<CronLabelData>('backup-tools.json');

export type CronJobType = 'job-exec' | 'job-run' | 'job-local';

export interface CronLabelJob {
  /** The label prefix, as messages name the scheduler (`ofelia`, `chadburn`). */
  scheduler: string;
  type: CronJobType;
  name: string;
  /** The `.command` label: its value is the command, its range the finding's. */
  command: EnvEntry;
  /** The job's other parameters by lower-cased name (`image`, `volume`, `container`). */
  params: Map<string, EnvEntry>;
}

const TYPES = new Set<string>(['job-exec', 'job-run', 'job-local']);

function truthy(entry: EnvEntry | undefined): boolean {
  return entry?.value !== undefined && entry.value.value.trim().toLowerCase() === 'true';
}

/** Whether an image is a label-driven scheduler (its own labels may then hold job-run and job-local jobs). */
export function isCronLabelScheduler(imageName: string | undefined): boolean {
  return imageName !== undefined && data.get().cronLabelSchedulers.some((entry) => entry.images.includes(imageName));
}

/** The jobs the schedulers read from one container's labels, each with a command. */
export function cronLabelJobs(labels: readonly EnvEntry[], imageName: string | undefined): CronLabelJob[] {
  const jobs: CronLabelJob[] = [];
  for (const { prefix, images } of data.get().cronLabelSchedulers) {
    const own = (name: string) => labels.find((entry) => entry.name === `${prefix}.${name}`);
    // The scheduler lists only containers labelled `<prefix>.enabled=true` (ofelia cli/docker-labels.go);
    // its own container is recognised by `<prefix>.service=true`, or here by its image.
    const scheduler = (imageName !== undefined && images.includes(imageName)) || truthy(own('service'));
    if (!scheduler && !truthy(own('enabled'))) continue;
    const byJob = new Map<string, { type: CronJobType; name: string; params: Map<string, EnvEntry> }>();
    for (const entry of labels) {
      const parts = entry.name.split('.');
      if (parts.length !== 4 || parts[0] !== prefix || !TYPES.has(parts[1])) continue;
      const type = parts[1] as CronJobType;
      // Only job-exec is read from a container other than the scheduler's.
      if (type !== 'job-exec' && !scheduler) continue;
      const key = `${type}.${parts[2]}`;
      let job = byJob.get(key);
      if (!job) byJob.set(key, (job = { type, name: parts[2], params: new Map() }));
      // Ofelia's configuration keys are not case sensitive (docs/jobs.md).
      job.params.set(parts[3].toLowerCase(), entry);
    }
    for (const job of byJob.values()) {
      const command = job.params.get('command');
      if (command?.value) jobs.push({ scheduler: prefix, ...job, command });
    }
  }
  return jobs;
}

/** `.volume` as ofelia reads it: one `src:dst[:mode]`, or a JSON array of them. */
export function jobVolumes(entry: EnvEntry | undefined): string[] {
  const text = entry?.value?.value.trim();
  if (!text) return [];
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
    } catch {
      return [text];
    }
  }
  return [text];
}

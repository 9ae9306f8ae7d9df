/**
 * Whether a container runs `litestream replicate`: a Litestream image told to replicate, or a
 * command (compose, Kamal, the Dockerfile's CMD/ENTRYPOINT) that starts it (`data/litestream.json`).
 */
import { DataFile } from '../data-file';

interface Sourced {
  source: string;
  asOf: string;
}

interface LitestreamData {
  compiled: string;
  images: Record<string, Sourced>;
  replicateCommand: Sourced & { pattern: string };
  singleReplicator: Sourced;
}

const litestream = new DataFile<LitestreamData>('litestream.json');

export function isLitestreamImage(name: string | undefined): boolean {
  return name !== undefined && Object.hasOwn(litestream.get().images, name);
}

/** A command line (words joined with spaces) that runs `litestream replicate`. */
export function runsReplicate(commandLine: string): boolean {
  return new RegExp(litestream.get().replicateCommand.pattern).test(commandLine);
}

/** The Litestream image's entrypoint is `litestream`: its command replicates when it starts with `replicate`. */
export function litestreamImageReplicates(command: string | undefined): boolean {
  return command !== undefined && /^\s*["']?replicate\b/.test(command);
}

import { posix } from 'node:path';
import type { ComposeService, ServiceVolume } from '../compose/model';

/**
 * What a compose mount shares with other containers: `volume:<name>` or `bind:<host path>` (relative
 * sources resolved from the compose file's folder, trailing slashes dropped); undefined for tmpfs and
 * sourceless mounts. Two mounts with one key reach the same files.
 */
export function composeMountKey(service: ComposeService, volume: ServiceVolume): string | undefined {
  if (!volume.source || (volume.type !== 'volume' && volume.type !== 'bind')) return undefined;
  const value = volume.source.interpolated ?? volume.source.value;
  if (volume.type === 'volume') return `volume:${value}`;
  const host = value.startsWith('/') ? posix.normalize(value) : posix.join(volume.source.baseDir ?? posix.dirname(service.file.path), value);
  return `bind:${host.length > 1 ? host.replace(/\/+$/, '') : host}`;
}

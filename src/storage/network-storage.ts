/**
 * Whether a Docker volume or a host directory lives on a network filesystem, from the volume's
 * driver and `driver_opts` or (a heuristic) the host path (`data/volume-drivers.json`).
 */
import { posix } from 'path';
import type { TopLevelVolume, YamlScalar } from '../compose/model';
import { DataFile } from '../data-file';
import type { Range } from '../types';

interface Sourced {
  source: string;
  asOf: string;
}

interface VolumeDriverData {
  compiled: string;
  mountTypes: Record<string, Sourced & { name: string }>;
  addressOption: Sourced & { name: string };
  devicePatterns: (Sourced & { pattern: string; name: string })[];
  drivers: Record<string, Sourced & { name: string; localWhen?: Record<string, string> }>;
  hostPathPrefixes: Sourced & { values: string[] };
}

const volumeDrivers = new DataFile<VolumeDriverData>('volume-drivers.json');

/** Why a volume is on a network filesystem: the filesystem and the setting that says so, where it is written. */
export interface NetworkStorage {
  /** "NFS", "SMB/CIFS", "rclone": from the data, never from the file. */
  filesystem: string;
  /** The deciding setting as a message may print it: "driver_opts.type: nfs4", "driver: rclone". */
  setting: string;
  file: string;
  range: Range;
}

/** A scalar's text for deciding: its interpolated value when it has one (never printed). */
function valueOf(scalar: YamlScalar | undefined): string | undefined {
  if (!scalar) return undefined;
  return (scalar.interpolated ?? scalar.value).trim();
}

function at(volume: TopLevelVolume, scalar: YamlScalar): { file: string; range: Range } {
  return { file: (scalar.file ?? volume.file).path, range: scalar.range };
}

/** The data's entry for a `driver:` value: as written, else without its `:tag` (`rclone/docker-volume-rclone:amd64`). */
function driverEntry(data: VolumeDriverData, driver: string): [string, VolumeDriverData['drivers'][string]] | undefined {
  const name = driver.toLowerCase();
  if (Object.hasOwn(data.drivers, name)) return [name, data.drivers[name]];
  const tag = name.lastIndexOf(':');
  const untagged = tag > name.lastIndexOf('/') ? name.slice(0, tag) : name;
  return Object.hasOwn(data.drivers, untagged) ? [untagged, data.drivers[untagged]] : undefined;
}

/**
 * The network filesystem a top-level compose volume is on, or undefined for a local volume, a local
 * bind (`o: bind`), an external volume (its driver is not in the file) or a driver the data does not list.
 */
export function volumeNetworkStorage(volume: TopLevelVolume): NetworkStorage | undefined {
  if (volume.external) return undefined;
  const data = volumeDrivers.get();
  const driver = valueOf(volume.driver);
  if (volume.driver && driver && driver !== 'local') {
    const entry = driverEntry(data, driver);
    if (!entry) return undefined;
    const [name, facts] = entry;
    const local = Object.entries(facts.localWhen ?? {}).some(([option, value]) => valueOf(volume.driverOpts[option])?.toLowerCase() === value);
    return local ? undefined : { filesystem: facts.name, setting: `driver: ${name}`, ...at(volume, volume.driver) };
  }
  const options = volume.driverOpts;
  const type = valueOf(options.type)?.toLowerCase();
  if (options.type && type && Object.hasOwn(data.mountTypes, type)) {
    return { filesystem: data.mountTypes[type].name, setting: `driver_opts.type: ${type}`, ...at(volume, options.type) };
  }
  const mountOptions = valueOf(options.o) ?? '';
  const words = mountOptions.split(',').map((word) => word.trim().toLowerCase());
  if (words.includes('bind') || words.includes('rbind') || type === 'tmpfs') return undefined;
  if (options.o && words.some((word) => word.startsWith(`${data.addressOption.name}=`))) {
    return { filesystem: 'a network filesystem', setting: `driver_opts.o: ${data.addressOption.name}=...`, ...at(volume, options.o) };
  }
  const device = valueOf(options.device);
  if (options.device && device) {
    const pattern = data.devicePatterns.find((item) => new RegExp(item.pattern).test(device));
    if (pattern) return { filesystem: pattern.name, setting: 'driver_opts.device', ...at(volume, options.device) };
  }
  return undefined;
}

/** The conventional network-mount directory (`/mnt/nfs`) a host path is under, if any: a heuristic. */
export function networkHostPrefix(hostPath: string): string | undefined {
  if (!hostPath.startsWith('/')) return undefined;
  const path = posix.normalize(hostPath).toLowerCase();
  return volumeDrivers.get().hostPathPrefixes.values.find((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

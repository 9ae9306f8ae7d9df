import type { Located } from '../dockerfile/model';
import type { SourceFile } from '../source';
import type { Range } from '../types';

export type { Located };

/** A located value that may come from another file than its service (override, `extends`, `include`). */
export type LocatedIn<T> = Located<T> & { file?: SourceFile };

/**
 * A scalar as written in a compose or Kamal file. `value` is the YAML value before interpolation;
 * `sourceOffsets[i]` is the file offset of `value[i]` (through quotes and escapes), so an
 * interpolation expression found in the value maps back to its exact column. Through an alias or
 * a merge key the range stays where the text is written (the anchor).
 */
export interface YamlScalar extends Located<string> {
  sourceOffsets: number[];
  /** Compose: the file the scalar is written in (an anchor's file for an alias). */
  file?: SourceFile;
  /**
   * Compose: the value after interpolation with the project environment; undefined when the
   * template is invalid or a required variable (`${X:?}`) is unset.
   */
  interpolated?: string;
  /** Compose: directory (posix, relative to the project root) a relative path written here resolves against. */
  baseDir?: string;
}

export type VolumeType = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'image' | 'cluster';

export interface ServiceVolume {
  type: VolumeType;
  syntax: 'short' | 'long';
  /** Source as written (uninterpolated); undefined for anonymous volumes and tmpfs. */
  source?: YamlScalar;
  /** Target after path.Clean, as compose normalises it. */
  target: string;
  /** What messages call the target: `target`, or the text as written when it holds `${...}` (a value is never printed). */
  printedTarget: string;
  targetRange: Range;
  readOnly: boolean;
  /** The whole entry: the short-syntax scalar or the long-syntax mapping. */
  range: Range;
  /** For short syntax, the whole spec scalar (its offsets cover source, target and mode). */
  spec?: YamlScalar;
  /**
   * `bind` / `volume` / `tmpfs` / `image` options as compose's canonical long form: long syntax
   * kept as written (except `tmpfs.size`, converted to bytes), short syntax as compose derives
   * them (`bind.create_host_path: true`, `bind.propagation`, `bind.selinux`, `volume.nocopy`).
   */
  options?: Record<string, unknown>;
  /** The file the entry is written in. */
  file?: SourceFile;
}

export interface EnvEntry {
  name: string;
  /** A `- ${X}=value` item's name as written, when interpolation made `name` (messages print this one). */
  writtenName?: string;
  nameRange: Range;
  /** undefined: passed through from the host (`- NAME` or `NAME:` with null). */
  value?: YamlScalar;
  range: Range;
  file?: SourceFile;
}

export interface ComposeBuild {
  context?: YamlScalar;
  dockerfile?: YamlScalar;
  /** Inline Dockerfile (`dockerfile_inline`). */
  dockerfileInline?: YamlScalar;
  target?: YamlScalar;
  args: EnvEntry[];
  /** `additional_contexts`: named contexts `COPY --from=<name>` reads, as a mapping or a `name=path` list. */
  additionalContexts: EnvEntry[];
  range: Range;
  file?: SourceFile;
  /** Directory (posix, relative to the project root) that `context` (default `.`) resolves against. */
  baseDir?: string;
}

export interface ComposeDeploy {
  replicas?: LocatedIn<number>;
  updateOrder?: LocatedIn<string>;
  rollbackOrder?: LocatedIn<string>;
  mode?: LocatedIn<string>;
  range: Range;
  file?: SourceFile;
}

export interface ComposeService {
  name: string;
  nameRange: Range;
  range: Range;
  image?: YamlScalar;
  build?: ComposeBuild;
  environment: EnvEntry[];
  envFiles: YamlScalar[];
  volumes: ServiceVolume[];
  command?: YamlScalar[];
  entrypoint?: YamlScalar[];
  deploy?: ComposeDeploy;
  scale?: LocatedIn<number>;
  readOnly?: LocatedIn<boolean>;
  /** depends_on entries with their condition (`service_started` when short syntax). */
  dependsOn: { service: string; condition: string; range: Range; file?: SourceFile }[];
  restart?: YamlScalar;
  labels: EnvEntry[];
  /** The file this service definition comes from (differs from the model's file for `extends`/`include`). */
  file: SourceFile;
  /** Directory (posix, relative to the project root) relative paths of this service resolve against. */
  baseDir?: string;
  /** `tmpfs:` mounts (string or list form), separate from `volumes:` of type tmpfs. */
  tmpfs?: YamlScalar[];
  /** `profiles:`: the service runs only when one of them is enabled. */
  profiles?: YamlScalar[];
  /** Host ports the service publishes (`ports:`), short or long syntax; container-only ports are left out. */
  publishedPorts?: PublishedPort[];
}

export interface PublishedPort {
  /** The host port or range as written after interpolation (`8080`, `8000-8010`). */
  port: string;
  /** The host address; `''` for every address. */
  hostIp: string;
  protocol: string;
  range: Range;
}

export interface TopLevelVolume {
  name: string;
  nameRange: Range;
  driver?: YamlScalar;
  driverOpts: Record<string, YamlScalar>;
  external: boolean;
  /** `name:` override of the real volume name. */
  realName?: YamlScalar;
  file: SourceFile;
  /** The whole `name: {...}` entry. */
  range?: Range;
  /**
   * `driver_opts.device` when compose treats it as a host path (`driver: local` and `o: bind`),
   * resolved against the project directory (posix, relative to the project root).
   */
  bindDevice?: string;
}

export interface ComposeModel {
  kind: 'compose';
  file: SourceFile;
  /** Services after extends/include/override merging, in file order. */
  services: ComposeService[];
  volumes: TopLevelVolume[];
  /** Top-level `name:` (project name). */
  projectName?: YamlScalar;
  /** Files merged into this model (`include`, the override file), for positions in findings. */
  mergedFiles: SourceFile[];
  /**
   * The override file (`compose.override.yaml`) merged into this model. Compose never runs it on its
   * own beside its main file, so its findings come from this model, not from a model of its own.
   */
  overrideFile?: SourceFile;
  /** Every comment of the file and of the files merged into it (each range knows its file), for suppression comments. */
  comments: Located[];
  /** Problems that make compose refuse the file (bad volume spec, invalid interpolation, ...). */
  errors: {
    message: string;
    file: SourceFile;
    range: Range;
    rule?: string;
    /** Compose refuses it only when the variables are unset as in the lint run; not a finding by itself. */
    environmentDependent?: boolean;
    /** The project path of a file not read because it is outside the project (reported here, so not again). */
    refusedPath?: string;
  }[];
}

import type { Node } from 'yaml';
import type { Located } from '../dockerfile/model';
import type { SourceFile } from '../source';
import type { Range } from '../types';

export type { Located };

/**
 * A scalar as written in a compose or Kamal file. `value` is the YAML value before interpolation;
 * `sourceOffsets[i]` is the file offset of `value[i]` (through quotes and escapes), so an
 * interpolation expression found in the value maps back to its exact column. Through an alias or
 * a merge key the range stays where the text is written (the anchor).
 */
export interface YamlScalar extends Located<string> {
  sourceOffsets: number[];
  /** The YAML node, for rules that need more. */
  node?: Node;
}

export type VolumeType = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'image' | 'cluster';

export interface ServiceVolume {
  type: VolumeType;
  syntax: 'short' | 'long';
  /** Source as written (uninterpolated); undefined for anonymous volumes and tmpfs. */
  source?: YamlScalar;
  /** Target after path.Clean, as compose normalises it. */
  target: string;
  targetRange: Range;
  readOnly: boolean;
  /** The whole entry: the short-syntax scalar or the long-syntax mapping. */
  range: Range;
  /** For short syntax, the whole spec scalar (its offsets cover source, target and mode). */
  spec?: YamlScalar;
  /** Long syntax `bind.create_host_path`, `volume.nocopy`, ... kept raw. */
  options?: Record<string, unknown>;
}

export interface EnvEntry {
  name: string;
  nameRange: Range;
  /** undefined: passed through from the host (`- NAME` or `NAME:` with null). */
  value?: YamlScalar;
  range: Range;
}

export interface ComposeBuild {
  context?: YamlScalar;
  dockerfile?: YamlScalar;
  /** Inline Dockerfile (`dockerfile_inline`). */
  dockerfileInline?: YamlScalar;
  target?: YamlScalar;
  args: EnvEntry[];
  range: Range;
}

export interface ComposeDeploy {
  replicas?: Located<number>;
  updateOrder?: Located<string>;
  rollbackOrder?: Located<string>;
  mode?: Located<string>;
  range: Range;
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
  scale?: Located<number>;
  readOnly?: Located<boolean>;
  /** depends_on entries with their condition (`service_started` when short syntax). */
  dependsOn: { service: string; condition: string; range: Range }[];
  restart?: YamlScalar;
  labels: EnvEntry[];
  /** The file this service definition comes from (differs from the model's file for `extends`/`include`). */
  file: SourceFile;
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
  /** Problems that make compose refuse the file (bad volume spec, invalid interpolation, ...). */
  errors: { message: string; file: SourceFile; range: Range; rule?: string }[];
}

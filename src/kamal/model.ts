import { posix } from 'path';
import type { Located, YamlScalar } from '../compose/model';
import type { SourceFile } from '../source';
import type { Range } from '../types';

export interface KamalVolume {
  /** `host_path_or_volume:container_path[:mode]` as written. */
  spec: YamlScalar;
  /** Host side as written: a path (bind) or a Docker volume name. */
  source: string;
  sourceType: 'bind' | 'volume';
  target: string;
  readOnly: boolean;
}

export interface KamalEnv {
  clear: { name: string; value?: YamlScalar; range: Range }[];
  /** Names only: the values live in `.kamal/secrets` and are never read. */
  secret: { name: string; range: Range }[];
}

export interface KamalRole {
  name: string;
  nameRange: Range;
  hosts: Located[];
  /** Role-level options (`cmd`, `env`, `options`); volumes are global in Kamal. */
  cmd?: YamlScalar;
  env?: KamalEnv;
  range: Range;
}

export interface KamalAccessory {
  name: string;
  nameRange: Range;
  image?: YamlScalar;
  hosts: Located[];
  volumes: KamalVolume[];
  /** `directories:` entries (host dirs bind-mounted into the accessory). */
  directories: KamalVolume[];
  env?: KamalEnv;
  cmd?: YamlScalar;
  range: Range;
  /** `roles:` the accessory runs on (their hosts are included in `hosts`). */
  roles?: Located[];
}

export interface KamalModel {
  kind: 'kamal';
  file: SourceFile;
  service?: YamlScalar;
  image?: YamlScalar;
  roles: KamalRole[];
  /** Global volumes, mounted into every role's containers. */
  volumes: KamalVolume[];
  env?: KamalEnv;
  accessories: KamalAccessory[];
  proxy?: { range: Range; host?: YamlScalar; appPort?: Located<number> };
  /** `builder.dockerfile` / `builder.context`, defaulting to `Dockerfile` / `.`. */
  builder?: { dockerfile?: YamlScalar; context?: YamlScalar; args: { name: string; value?: YamlScalar }[] };
  errors: { message: string; range: Range }[];
  /** Every comment of the file, for suppression comments. */
  comments: Located[];
}

/** The project root Kamal builds from: `config/deploy.yml` lives two levels below it. */
export function kamalProjectRoot(kamal: KamalModel): string {
  return posix.dirname(posix.dirname(kamal.file.path.replace(/\\/g, '/')));
}

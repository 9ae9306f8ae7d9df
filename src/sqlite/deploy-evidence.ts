import type { ComposeService, YamlScalar } from '../compose/model';
import type { KamalEnv, KamalModel } from '../kamal/model';
import type { SourceFile } from '../source';
import { composeServiceAppEvidence, kamalAppEvidence } from './deploy-app-evidence';
import type { SqliteEvidence } from './evidence-types';
import { scalarRange } from './text-ranges';
import { databaseReferenceEvidence, findDatabaseReferences } from './patterns';

/**
 * The database paths and URLs in a YAML scalar, each with its exact range. A compose scalar is
 * cited in the file it is written in (an override, `extends` or included file), not its service's;
 * `fallbackFile` is for a scalar that does not know its file (Kamal).
 */
export function scalarEvidence(fallbackFile: SourceFile, scalar: YamlScalar, describe: (value: string) => string): SqliteEvidence[] {
  const file = scalar.file ?? fallbackFile;
  const range = (index: number, length: number) => scalarRange(file, scalar, index, length);
  // The items are new: scope them in place (a spread copy per item was a hot spot of large runs).
  return databaseReferenceEvidence(file.path, scalar.value, range, describe).map((item) => Object.assign(item, { scope: 'deploy' as const }));
}

/** Database paths and URLs in a compose service's environment, command, entrypoint and volume targets. */
export function composeServiceEvidence(service: ComposeService): SqliteEvidence[] {
  const file = service.file;
  const evidence: SqliteEvidence[] = [];
  for (const entry of service.environment) {
    if (entry.value) evidence.push(...scalarEvidence(file, entry.value, () => `service ${service.name} sets ${entry.writtenName ?? entry.name} to a SQLite database`));
  }
  for (const part of [...(service.command ?? []), ...(service.entrypoint ?? [])]) {
    evidence.push(...scalarEvidence(file, part, (value) => `service ${service.name} runs with ${value}`));
  }
  for (const volume of service.volumes) {
    const match = findDatabaseReferences(volume.target).find((found) => found.kind === 'database-path' && found.index + found.value.length === volume.target.length);
    if (!match) continue;
    evidence.push({
      file: (volume.file ?? file).path,
      range: volume.targetRange,
      description: `service ${service.name} mounts a database file at ${volume.printedTarget}`,
      kind: 'database-path',
      databasePath: volume.target,
      scope: 'deploy',
    });
  }
  evidence.push(...composeServiceAppEvidence(service));
  return evidence;
}

/** Database paths and URLs in the `clear` values of a Kamal env; `where` names it in descriptions. */
export function kamalEnvEvidence(file: SourceFile, env: KamalEnv | undefined, where: string): SqliteEvidence[] {
  const evidence: SqliteEvidence[] = [];
  for (const entry of env?.clear ?? []) {
    if (entry.value) evidence.push(...scalarEvidence(file, entry.value, () => `${where} sets ${entry.name} to a SQLite database`));
  }
  return evidence;
}

/** Database paths and URLs in a Kamal config's env (global and per role) and role commands. */
export function kamalEvidence(kamal: KamalModel): SqliteEvidence[] {
  const file = kamal.file;
  const evidence = kamalEnvEvidence(file, kamal.env, `${file.path} env`);
  for (const role of kamal.roles) {
    evidence.push(...kamalEnvEvidence(file, role.env, `role ${role.name}`));
    if (role.cmd) evidence.push(...scalarEvidence(file, role.cmd, (value) => `role ${role.name} runs with ${value}`));
  }
  evidence.push(...kamalAppEvidence(kamal));
  return evidence;
}

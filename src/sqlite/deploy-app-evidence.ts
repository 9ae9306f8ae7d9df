/**
 * The evidence classes of data/sqlite-evidence.json in the services and roles that run an image:
 * engine selectors in their environment, and the sqlite3 shell or a known SQLite application as
 * their command.
 */
import { posix } from 'path';
import type { ComposeService, YamlScalar } from '../compose/model';
import type { KamalEnv, KamalModel } from '../kamal/model';
import type { ProjectFiles } from '../facts/files';
import { joinProjectPath } from '../project/model';
import type { SourceFile } from '../source';
import { knownAppIn, outsideProject, selectsSqlite, shellWorkloads } from './app-evidence';
import { evidenceData } from './evidence-data';
import type { SqliteEvidence } from './evidence-types';
import { splitShellCommands } from './shell';
import { projectTextFile, scalarRange } from './text-ranges';

/** Selector variables, the sqlite3 shell and SQLite apps of a compose service. */
export function composeServiceAppEvidence(service: ComposeService): SqliteEvidence[] {
  const evidence: SqliteEvidence[] = [];
  for (const entry of service.environment) {
    // The value as written: an interpolated value may come from a .env file and is never printed.
    if (!entry.value || !selectsSqlite(entry.name, entry.value.value)) continue;
    const file = entry.value.file ?? service.file;
    evidence.push({ file: file.path, range: entry.value.range, description: `service ${service.name} sets ${entry.writtenName ?? entry.name} to SQLite`, kind: 'database-config', scope: 'deploy' });
  }
  for (const part of [service.entrypoint, service.command]) {
    if (part) evidence.push(...commandEvidence(service.file, part, `service ${service.name}`));
  }
  return evidence;
}

/** Selector variables of a Kamal env (`clear` only: secrets are names). */
export function kamalEnvAppEvidence(file: SourceFile, env: KamalEnv | undefined, where: string): SqliteEvidence[] {
  const evidence: SqliteEvidence[] = [];
  for (const entry of env?.clear ?? []) {
    if (!entry.value || !selectsSqlite(entry.name, entry.value.value)) continue;
    evidence.push({ file: file.path, range: entry.value.range, description: `${where} sets ${entry.name} to SQLite`, kind: 'database-config', scope: 'deploy' });
  }
  return evidence;
}

/** Selector variables of a Kamal config (global and per role) and the sqlite3 shell or SQLite apps as role commands. */
export function kamalAppEvidence(kamal: KamalModel): SqliteEvidence[] {
  const evidence = kamalEnvAppEvidence(kamal.file, kamal.env, `${kamal.file.path} env`);
  for (const role of kamal.roles) {
    evidence.push(...kamalEnvAppEvidence(kamal.file, role.env, `role ${role.name}`));
    if (role.cmd) evidence.push(...commandEvidence(kamal.file, [role.cmd], `role ${role.name}`));
  }
  return evidence;
}

/** A command written as one string or a list of words. */
function commandEvidence(fallbackFile: SourceFile, parts: readonly YamlScalar[], who: string): SqliteEvidence[] {
  const evidence: SqliteEvidence[] = [];
  const words = parts.length === 1 ? splitShellCommands(parts[0].value, 0)[0]?.words.map((word) => word.value) ?? [] : parts.map((part) => part.value);
  // `sh -c "..."`: the script is the command.
  const script = words.length >= 3 && /(?:^|\/)(?:ba|a|da)?sh$/.test(words[0]) && words[1] === '-c' ? words[2] : undefined;
  const runs = script !== undefined ? splitShellCommands(script, 0).map((command) => command.words.map((word) => word.value)) : [words];
  for (const part of parts) {
    const file = part.file ?? fallbackFile;
    const [workload] = shellWorkloads(parts.length === 1 ? part.value : parts.map((each) => each.value).join(' '));
    const at = part.value.indexOf('sqlite3');
    if (workload && at !== -1) {
      evidence.push({ file: file.path, range: scalarRange(file, part, at, 'sqlite3'.length), description: `${who} runs the sqlite3 shell on ${workload.database}`, kind: 'shell-workload', consumer: 'sqlite-shell', scope: 'deploy' });
      break;
    }
  }
  const app = runs.map((run) => knownAppIn(run)).find((found) => found !== undefined);
  if (app) {
    const part = parts.find((each) => each.value.includes(app.app));
    if (part) {
      const file = part.file ?? fallbackFile;
      evidence.push({ file: file.path, range: scalarRange(file, part, part.value.indexOf(app.app), app.app.length), description: `${who} runs ${app.app}`, kind: 'sqlite-app', consumer: app.consumer, scope: 'deploy' });
    }
  }
  return evidence;
}

/**
 * Engine selectors in the `env_file:` files of a compose service (`DB_TYPE=sqlite` in `.env`). Only
 * the file and the key are cited: a value read from an env file is never printed.
 */
export function envFileSelectorEvidence(project: ProjectFiles, service: ComposeService): SqliteEvidence[] {
  const evidence: SqliteEvidence[] = [];
  for (const scalar of service.envFiles) {
    // An absolute path is a host file, never a file of the project.
    if (scalar.value.includes('$') || outsideProject(scalar.value)) continue;
    const base = scalar.baseDir ?? service.baseDir ?? posix.dirname(service.file.path);
    const path = joinProjectPath(base, scalar.value);
    if (outsideProject(path)) continue;
    const text = project.readFile(path);
    if (text === undefined || text.length > evidenceData().maxBytes) continue;
    const file = projectTextFile(project, path);
    if (!file) continue;
    let offset = 0;
    for (const line of file.text.split('\n')) {
      const match = /^([ \t]*(?:export[ \t]+)?)([A-Za-z_]\w*)[ \t]*=[ \t]*(.*?)[ \t\r]*$/.exec(line);
      const value = match ? match[3].replace(/^(["'])(.*)\1$/, '$2').replace(/[ \t]+#.*$/, '') : '';
      if (match && selectsSqlite(match[2], value)) {
        const start = offset + match[1].length;
        evidence.push({ file: path, range: file.range(start, start + match[2].length), description: `${path} selects SQLite (${match[2]})`, kind: 'database-config', scope: 'deploy' });
        break;
      }
      offset += line.length + 1;
    }
  }
  return evidence;
}

/** The environment a compose service sets, as written (name -> value). */
export function serviceEnvironment(service: ComposeService): Map<string, string> {
  return new Map(service.environment.flatMap((entry) => (entry.value ? [[entry.name, entry.value.value] as [string, string]] : [])));
}

/** The clear environment of a Kamal config, global then per role (a role's value wins). */
export function kamalEnvironment(kamal: KamalModel): Map<string, string> {
  const env = new Map<string, string>();
  for (const source of [kamal.env, ...kamal.roles.map((role) => role.env)]) {
    for (const entry of source?.clear ?? []) if (entry.value) env.set(entry.name, entry.value.value);
  }
  return env;
}

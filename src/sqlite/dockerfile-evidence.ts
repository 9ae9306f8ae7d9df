import { posix } from 'path';
import type { CommandInstruction, CopyInstruction, DockerfileModel, Instruction } from '../dockerfile/model';
import { stageChain } from '../dockerfile/resolve';
import type { Knowledge } from '../knowledge/knowledge';
import type { ProjectFiles } from '../facts/files';
import { joinProjectPath } from '../project/model';
import type { SourceFile } from '../source';
import { dependencyFileEvidence, DEPENDENCY_FILE_NAMES, isDependencyFileName } from './dependency-files';
import { outsideProject } from './app-evidence';
import { appInstructionEvidence, cgoDisabled } from './dockerfile-app-evidence';
import { evidenceData } from './evidence-data';
import { goModItemsNotBuilt, isGoModDriver, type GoModEvidence } from './go-image-imports';
import type { SqliteEvidence } from './evidence-types';
import { installHits } from './installs';
import { databaseReferenceEvidence } from './patterns';
import { commandApiPatterns } from './runtime-apis';
import { instructionText, splitShellCommands } from './shell';
import { copiedStages } from './stages';

/**
 * Evidence inside a Dockerfile for the image that `stageIndex` builds: its own FROM chain (scope
 * `image`) and the stages it copies from (scope `build`, where Go and Rust drivers are compiled).
 * `contextDir` is the build context, relative to the project root (default: the Dockerfile's folder);
 * `namedContexts` the build's additional contexts (`COPY --from=<name>` reads there), by name.
 */
export function dockerfileStageEvidence(
  project: ProjectFiles,
  knowledge: Knowledge,
  model: DockerfileModel,
  stageIndex: number,
  contextDir?: string,
  namedContexts: Readonly<Record<string, string>> = {},
): SqliteEvidence[] {
  const context = contextDir ?? posix.dirname(model.file.path.replace(/\\/g, '/'));
  // The SQLite rules and the overlap rule ask for the same stage (per Dockerfile and per service
  // building it): scan it once per run. Callers get their own array; the items are shared.
  const variant = `${stageIndex}\u0000${context}\u0000${JSON.stringify(namedContexts)}`;
  const evidence = project.once('stage-evidence', model, variant, () => scanStageEvidence(project, knowledge, model, stageIndex, context, namedContexts));
  return [...evidence];
}

function scanStageEvidence(project: ProjectFiles, knowledge: Knowledge, model: DockerfileModel, stageIndex: number, context: string, namedContexts: Readonly<Record<string, string>>): SqliteEvidence[] {
  const chain = stageChain(model, stageIndex);
  const evidence: SqliteEvidence[] = [];
  const scanned = [...chain.map((stage) => ({ stage, scope: 'image' as const })), ...copiedStages(model, chain).map((stage) => ({ stage, scope: 'build' as const }))];
  const readFiles = new Set<string>();
  const goModItems: GoModEvidence[] = [];
  for (const { stage, scope } of scanned) {
    const withoutCgo = cgoDisabled(model, stage);
    for (const instruction of stage.instructions) {
      const found = [...instructionEvidence(project, knowledge, model, instruction, scope, context, readFiles, namedContexts), ...appInstructionEvidence(project, model, instruction, scope, context, readFiles)];
      // The items are new: complete them in place rather than copy each one.
      for (const item of found) {
        if (withoutCgo && needsCgo(item)) continue;
        if (isGoModDriver(item)) goModItems.push({ item, instruction });
        evidence.push(Object.assign(item, { stageIndex: stage.index, scope }));
      }
    }
  }
  // A driver in go.mod that none of the packages the image builds imports (only `cmd/migrate` does).
  const notBuilt = goModItemsNotBuilt(project, model, scanned.map(({ stage }) => stage), context, goModItems);
  return notBuilt.size === 0 ? evidence : evidence.filter((item) => !notBuilt.has(item));
}

type Found = Omit<SqliteEvidence, 'scope' | 'stageIndex'>;

/** A go.mod line of a driver that only links with cgo (data/sqlite-evidence.json `cgoOnlyModules`). */
function needsCgo(item: Found): boolean {
  return item.file.endsWith('go.mod') && evidenceData().cgoOnlyModules.some((module) => item.description.includes(module));
}

function instructionEvidence(
  project: ProjectFiles,
  knowledge: Knowledge,
  model: DockerfileModel,
  instruction: Instruction,
  scope: 'image' | 'build',
  context: string,
  readFiles: Set<string>,
  namedContexts: Readonly<Record<string, string>>,
): Found[] {
  switch (instruction.keyword) {
    case 'RUN':
      return [...runEvidence(knowledge, model, instruction as CommandInstruction), ...bindMountEvidence(project, knowledge, instruction, context, readFiles)];
    case 'ENV':
    case 'ARG':
      // A build switch counts where the driver is compiled: a build stage the image copies from, too.
      return [...systemBuildEnvEvidence(knowledge, model, instruction), ...(scope === 'image' ? keyValueEvidence(model, instruction) : [])];
    case 'CMD':
    case 'ENTRYPOINT':
      return scope === 'image' ? commandLineEvidence(knowledge, model, instruction) : [];
    case 'COPY':
    case 'ADD':
      return copyEvidence(project, knowledge, instruction as CopyInstruction, context, readFiles, namedContexts);
    default:
      return [];
  }
}

function runEvidence(knowledge: Knowledge, model: DockerfileModel, instruction: CommandInstruction): Found[] {
  const file = model.file;
  const commands = instruction.form === 'exec' ? execCommands(file, instruction) : splitShellCommands(...textOf(model, instruction));
  const found: Found[] = [];
  for (const command of commands) {
    for (const hit of installHits(command, knowledge)) {
      found.push({
        file: file.path,
        range: file.range(hit.word.start, hit.word.end),
        description: hit.description,
        kind: hit.kind,
        consumer: hit.consumer,
        driver: hit.driver,
        version: hit.version,
      });
    }
  }
  return found;
}

function textOf(model: DockerfileModel, instruction: Instruction): [string, number] {
  const { text, base } = instructionText(model.file, instruction, model.escapeChar);
  return [text, base];
}

/** Exec-form words, located in the file by searching for each JSON string in order. */
function execCommands(file: SourceFile, instruction: CommandInstruction): ReturnType<typeof splitShellCommands> {
  const words = [];
  let cursor = instruction.argsRange.start.offset;
  for (const value of instruction.execArgs ?? []) {
    const at = file.text.indexOf(JSON.stringify(value).slice(1, -1), cursor);
    const start = at === -1 ? cursor : at;
    const end = at === -1 ? cursor : at + JSON.stringify(value).length - 2;
    words.push({ value, start, end });
    cursor = end;
  }
  return words.length > 0 ? [{ words }] : [];
}

/** Database references in `raw`, the text of `file` from offset `start`. */
function fileReferenceEvidence(file: SourceFile, raw: string, start: number, describe: (value: string) => string): Found[] {
  return databaseReferenceEvidence(file.path, raw, (index, length) => file.range(start + index, start + index + length), describe);
}

/** `ENV EXQLITE_USE_SYSTEM=1`: a build variable of a runtime's `systemBuildEnv` that links its driver against the system SQLite. */
function systemBuildEnvEvidence(knowledge: Knowledge, model: DockerfileModel, instruction: Instruction): Found[] {
  const found: Found[] = [];
  const switches = knowledge.derived(systemBuildVariables);
  for (const pair of instruction.keyValues ?? []) {
    const runtime = switches.get(pair.key);
    if (!runtime || pair.value === undefined || !pair.valueRange || /^(?:|0|false)$/i.test(pair.value.trim())) continue;
    found.push({ file: model.file.path, range: pair.valueRange, description: `${instruction.keyword} ${pair.key} builds ${knowledge.runtimeName(runtime)}`, kind: 'system-build', consumer: runtime });
  }
  return found;
}

/** Build variable -> the system-library runtime it selects, from the runtimes' `systemBuildEnv`. */
function systemBuildVariables(knowledge: Knowledge): Map<string, string> {
  const variables = new Map<string, string>();
  for (const [id, runtime] of Object.entries(knowledge.data.runtimes)) for (const name of runtime.systemBuildEnv ?? []) variables.set(name, id);
  return variables;
}

function keyValueEvidence(model: DockerfileModel, instruction: Instruction): Found[] {
  const found: Found[] = [];
  for (const pair of instruction.keyValues ?? []) {
    if (pair.value === undefined || !pair.valueRange) continue;
    if (pair.key === 'UV_PYTHON_PREFERENCE' && pair.value === 'only-managed') {
      found.push({ file: model.file.path, range: pair.valueRange, description: `${instruction.keyword} UV_PYTHON_PREFERENCE=only-managed (a uv-managed Python with its own SQLite)`, kind: 'interpreter', consumer: 'uv-python' });
      continue;
    }
    const start = pair.valueRange.start.offset;
    const raw = model.file.text.slice(start, pair.valueRange.end.offset);
    found.push(...fileReferenceEvidence(model.file, raw, start, (value) => `${instruction.keyword} ${pair.key}=${value}`));
  }
  return found;
}

function commandLineEvidence(knowledge: Knowledge, model: DockerfileModel, instruction: Instruction): Found[] {
  const start = instruction.argsRange.start.offset;
  const raw = model.file.text.slice(start, instruction.range.end.offset);
  const found = fileReferenceEvidence(model.file, raw, start, (value) => `${instruction.keyword} opens ${value}`);
  for (const [pattern, consumer] of knowledge.derived(commandApiPatterns)) {
    const match = pattern.exec(raw);
    if (!match) continue;
    found.push({
      file: model.file.path,
      range: model.file.range(start + match.index, start + match.index + match[0].length),
      description: `${instruction.keyword} uses ${match[0]}`,
      kind: 'runtime-api',
      consumer,
    });
  }
  return found;
}

/** Dependency files a COPY/ADD brings in from the build context, read from the project. */
function copyEvidence(project: ProjectFiles, knowledge: Knowledge, instruction: CopyInstruction, context: string, readFiles: Set<string>, namedContexts: Readonly<Record<string, string>> = {}): Found[] {
  // `--from=<name>` reads another stage or image, unless the build names an additional context so.
  const from = instruction.from?.value;
  if (from !== undefined && !Object.hasOwn(namedContexts, from)) return [];
  if (from !== undefined) context = namedContexts[from];
  const found: Found[] = [];
  for (const source of instruction.sources) {
    const value = source.value.replace(/^["']|["']$/g, '');
    if (/^[a-z]+:\/\//i.test(value) || value.includes('$')) continue;
    for (const path of candidatePaths(project, context, value)) {
      if (readFiles.has(path)) continue;
      readFiles.add(path);
      found.push(...dependencyFileEvidence(project, path, knowledge));
    }
  }
  return found;
}

/**
 * `RUN --mount=type=bind,source=X` reads X from the build context for that command, as a COPY
 * would (a `from=` mount reads another stage or image, which the context does not hold).
 */
function bindMountEvidence(project: ProjectFiles, knowledge: Knowledge, instruction: Instruction, context: string, readFiles: Set<string>): Found[] {
  const found: Found[] = [];
  for (const flag of instruction.flags) {
    if (flag.name !== 'mount' || flag.value === undefined) continue;
    const options = new Map<string, string>();
    for (const part of flag.value.split(',')) {
      const equals = part.indexOf('=');
      options.set((equals === -1 ? part : part.slice(0, equals)).trim().toLowerCase(), equals === -1 ? '' : part.slice(equals + 1).trim());
    }
    if (options.get('type') !== 'bind' || options.has('from')) continue;
    const source = options.get('source') ?? options.get('src') ?? '.';
    if (/^[a-z]+:\/\//i.test(source) || source.includes('$')) continue;
    for (const path of candidatePaths(project, context, source.replace(/^["']|["']$/g, ''))) {
      if (readFiles.has(path)) continue;
      readFiles.add(path);
      found.push(...dependencyFileEvidence(project, path, knowledge));
    }
  }
  return found;
}

/** The dependency files a COPY source can name: the file itself, files in a folder, glob matches. */
function candidatePaths(project: ProjectFiles, context: string, source: string): string[] {
  // Only a leading `./` goes: `../shared` is outside the context, never the project's own `shared/`.
  const cleaned = source === '.' ? '' : source.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
  const joined = joinPath(context, cleaned);
  if (outsideProject(joined)) return [];
  if (/[*?[]/.test(cleaned)) {
    const dir = posix.dirname(cleaned);
    const pattern = globToRegExp(posix.basename(cleaned));
    const names = [...DEPENDENCY_FILE_NAMES, 'requirements-prod.txt', 'requirements-dev.txt'];
    return names
      .filter((name) => !name.includes('/') && pattern.test(name))
      .map((name) => joinPath(context, dir === '.' ? name : `${dir}/${name}`));
  }
  if (cleaned !== '' && isDependencyFileName(cleaned) && project.readFile(joined) !== undefined) return [joined];
  if (cleaned !== '' && project.readFile(joined) !== undefined) return [];
  // A folder (or the whole context): look for the well-known names inside it.
  return DEPENDENCY_FILE_NAMES.map((name) => joinPath(joined, name));
}

/** A project path as `joinProjectPath` joins it, with the project root as `''`. */
function joinPath(...parts: string[]): string {
  const joined = joinProjectPath(...parts);
  return joined === '.' ? '' : joined;
}

function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (const ch of glob) {
    if (ch === '*') pattern += '[^/]*';
    else if (ch === '?') pattern += '[^/]';
    // Bracket classes are matched literally: a name that needs one is not a dependency file anyway.
    else pattern += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}


/**
 * The evidence classes of data/sqlite-evidence.json in a Dockerfile: engine selectors in ENV, the
 * sqlite3 shell or a known SQLite application as CMD/ENTRYPOINT/HEALTHCHECK or in a cron line, SQLite
 * extensions copied from a builder stage, and the framework configuration of the files COPY brings in.
 */
import type { CommandInstruction, CopyInstruction, DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import type { ProjectFiles } from '../facts/files';
import { joinProjectPath } from '../project/model';
import { copiedExtensionEvidence, copiedFileEvidence, folderEvidencePaths, knownAppIn, outsideProject, selectsSqlite, shellWorkloads } from './app-evidence';
import type { SqliteEvidence } from './evidence-types';
import { instructionText, splitShellCommands } from './shell';

type Found = Omit<SqliteEvidence, 'scope' | 'stageIndex'>;

/** Evidence of one instruction beyond the package and path evidence dockerfile-evidence.ts reads. */
export function appInstructionEvidence(project: ProjectFiles, model: DockerfileModel, instruction: Instruction, scope: 'image' | 'build', context: string, readFiles: Set<string>): Found[] {
  switch (instruction.keyword) {
    case 'ENV':
      return scope === 'image' ? selectorEvidence(model, instruction) : [];
    case 'CMD':
    case 'ENTRYPOINT':
    case 'HEALTHCHECK':
      return scope === 'image' ? commandEvidence(model, instruction as CommandInstruction) : [];
    case 'RUN':
      return scope === 'image' ? cronEvidence(model, instruction) : [];
    case 'COPY':
    case 'ADD':
      return copyEvidence(project, model, instruction as CopyInstruction, context, readFiles);
    default:
      return [];
  }
}

function selectorEvidence(model: DockerfileModel, instruction: Instruction): Found[] {
  const found: Found[] = [];
  for (const pair of instruction.keyValues ?? []) {
    if (pair.value === undefined || !pair.valueRange || !selectsSqlite(pair.key, pair.value)) continue;
    found.push({ file: model.file.path, range: pair.valueRange, description: `ENV ${pair.key} selects SQLite`, kind: 'database-config' });
  }
  return found;
}

/** The simple commands an instruction runs: the exec array, the commands of `sh -c`, or of the shell form. */
function commandRuns(model: DockerfileModel, instruction: CommandInstruction): string[][] {
  const words = (text: string, base: number) => splitShellCommands(text, base).map((command) => command.words.map((word) => word.value));
  if (instruction.form === 'exec') {
    const args = instruction.execArgs ?? [];
    const shell = args.length >= 3 && /(?:^|\/)(?:ba|a|da)?sh$/.test(args[0]) && args[1] === '-c';
    return shell ? words(args[2], 0) : [args];
  }
  const { text, base } = instructionText(model.file, instruction, model.escapeChar);
  const body = instruction.keyword === 'HEALTHCHECK' ? text.replace(/^(?:\s*--\S+)*\s*CMD\s+/i, (prefix) => ' '.repeat(prefix.length)) : text;
  return words(body, base);
}

function commandEvidence(model: DockerfileModel, instruction: CommandInstruction): Found[] {
  const found: Found[] = [];
  const file = model.file;
  const start = instruction.argsRange.start.offset;
  const raw = file.text.slice(start, instruction.range.end.offset);
  const runs = commandRuns(model, instruction);
  // Exec form: the JSON strings joined as the shell would see them; the range is the word in the file.
  const shellText = instruction.form === 'exec' ? (instruction.execArgs ?? []).join(' ') : raw;
  const [workload] = shellWorkloads(shellText);
  if (workload) {
    const at = instruction.form === 'exec' ? raw.indexOf('sqlite3') : workload.index;
    found.push({
      file: file.path,
      range: file.range(start + at, start + at + workload.length),
      description: `${instruction.keyword} runs the sqlite3 shell on ${workload.database}`,
      kind: 'shell-workload',
      consumer: 'sqlite-shell',
    });
  }
  const app = runs.map((run) => knownAppIn(run)).find((found) => found !== undefined);
  if (app) {
    const at = raw.indexOf(app.app);
    found.push({
      file: file.path,
      range: file.range(start + Math.max(0, at), start + Math.max(0, at) + app.app.length),
      description: `${instruction.keyword} runs ${app.app}`,
      kind: 'sqlite-app',
      consumer: app.consumer,
    });
  }
  return found;
}

/** A RUN that writes a cron line running the sqlite3 shell on a database. */
function cronEvidence(model: DockerfileModel, instruction: Instruction): Found[] {
  const { text, base } = instructionText(model.file, instruction, model.escapeChar);
  if (!/cron/i.test(text)) return [];
  const [workload] = shellWorkloads(text);
  if (!workload) return [];
  return [{
    file: model.file.path,
    range: model.file.range(base + workload.index, base + workload.index + workload.length),
    description: `a cron line runs the sqlite3 shell on ${workload.database}`,
    kind: 'shell-workload',
    consumer: 'sqlite-shell',
  }];
}

function copyEvidence(project: ProjectFiles, model: DockerfileModel, instruction: CopyInstruction, context: string, readFiles: Set<string>): Found[] {
  if (instruction.from) {
    const extension = copiedExtensionEvidence(model, instruction);
    return extension ? [extension] : [];
  }
  const found: Found[] = [];
  for (const source of instruction.sources) {
    const value = source.value.replace(/^["']|["']$/g, '');
    // URLs, variables and globs name files litelint cannot list.
    if (/^[a-z]+:\/\//i.test(value) || /[$*?[]/.test(value)) continue;
    // Only a leading `./` goes: `../shared` stays outside the context (and the project).
    const cleaned = value === '.' ? '' : value.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
    const joined = cleaned === '' ? context : joinPath(context, cleaned);
    if (outsideProject(joined)) continue;
    const paths = cleaned !== '' && project.readFile(joined) !== undefined ? [joined] : folderEvidencePaths(project, joined);
    for (const path of paths) {
      // Keyed apart from the dependency files dockerfile-evidence.ts records in the same set.
      const key = `app\u0000${path}`;
      if (readFiles.has(key)) continue;
      readFiles.add(key);
      found.push(...copiedFileEvidence(project, path));
    }
  }
  return found;
}

function joinPath(...parts: string[]): string {
  const joined = joinProjectPath(...parts);
  return joined === '.' ? '' : joined;
}

/**
 * True when the stage builds Go with cgo off (`ENV CGO_ENABLED=0`, `CGO_ENABLED=0 go build`): a
 * cgo-only driver such as mattn/go-sqlite3 cannot link into that binary.
 */
export function cgoDisabled(model: DockerfileModel, stage: Stage): boolean {
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'ENV' && (instruction.keyValues ?? []).some((pair) => pair.key === 'CGO_ENABLED' && pair.value === '0')) return true;
    if (instruction.keyword !== 'RUN') continue;
    const text = model.file.text.slice(instruction.argsRange.start.offset, instruction.range.end.offset);
    if (/\bCGO_ENABLED=0\b[^\n&;|]*\bgo\s+(?:build|install)\b/.test(text)) return true;
  }
  return false;
}

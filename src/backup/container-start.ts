/**
 * What a built image runs when its container starts: the final stage's ENTRYPOINT and CMD, and the
 * text of a project script either of them runs (`COPY bin/docker-entrypoint /rails/bin/` then
 * `ENTRYPOINT ["/rails/bin/docker-entrypoint"]`), read once through ProjectFiles. The Litestream and
 * auto-update rules search it for `litestream replicate` and for a migration on start.
 */
import { posix } from 'path';
import type { CommandInstruction, CopyInstruction, Instruction } from '../dockerfile/model';
import { stageChain } from '../dockerfile/resolve';
import type { ProjectFiles } from '../facts/files';
import type { Build } from '../project/model';
import { joinProjectPath } from '../project/paths';
import { finalStageIndex } from '../sqlite/stages';
import type { Range } from '../types';

/** One piece of start text with where it is written. */
export interface StartText {
  text: string;
  file: string;
  range: Range;
}

export interface ContainerStart {
  /** The last ENTRYPOINT of the final stage's chain, its arguments as one line. */
  entrypoint?: StartText;
  /** The last CMD, likewise (a compose `command:` or Kamal `cmd:` replaces it). */
  cmd?: StartText;
  /** Lines of the project script the ENTRYPOINT runs (comments dropped). */
  entrypointScript: StartText[];
  /** Lines of the project script the CMD runs. */
  cmdScript: StartText[];
}

/** Scripts longer than this are not searched: an entrypoint script is a few dozen lines. */
const MAX_SCRIPT_CHARS = 64 * 1024;

function commandLine(instruction: CommandInstruction): string {
  return instruction.execArgs?.join(' ') ?? instruction.argsText;
}

function firstWord(instruction: CommandInstruction): string | undefined {
  const word = instruction.execArgs ? instruction.execArgs[0] : instruction.argsText.trim().split(/\s+/)[0];
  return word && !word.includes('$') ? word : undefined;
}

/** WORKDIR in effect before each instruction of the chain and after the last (literal values only; undefined after a variable). */
function workdirs(instructions: readonly Instruction[]): { before: (string | undefined)[]; final: string | undefined } {
  let workdir: string | undefined = '/';
  const before = instructions.map((instruction) => {
    const current = workdir;
    if (instruction.keyword === 'WORKDIR') {
      const value = instruction.argsText.trim().replace(/^["']|["']$/g, '');
      workdir = value.includes('$') ? undefined : value.startsWith('/') ? posix.normalize(value) : workdir && posix.join(workdir, value);
    }
    return current;
  });
  return { before, final: workdir };
}

/**
 * The project path of the file the image holds at `containerPath`, from the latest COPY/ADD of the
 * build context whose destination covers it.
 */
function copiedFrom(project: ProjectFiles, build: Build, instructions: readonly Instruction[], dirs: (string | undefined)[], containerPath: string): string | undefined {
  for (let index = instructions.length - 1; index >= 0; index--) {
    const instruction = instructions[index];
    if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
    const copy = instruction as CopyInstruction;
    if (copy.from || !copy.destination || copy.destination.value.includes('$')) continue;
    const base = dirs[index];
    const written = copy.destination.value;
    if (!written.startsWith('/') && base === undefined) continue;
    const destination = posix.normalize(written.startsWith('/') ? written : posix.join(base ?? '/', written));
    const intoDirectory = written.endsWith('/') || copy.sources.length > 1;
    for (const source of copy.sources) {
      if (/[*?[$]/.test(source.value) || /^[a-z]+:\/\//i.test(source.value)) continue;
      const from = joinProjectPath(build.contextDir, source.value);
      const candidates: string[] = [];
      if (!intoDirectory && containerPath === destination) candidates.push(from);
      if (intoDirectory && containerPath === posix.join(destination, posix.basename(source.value))) candidates.push(from);
      // A folder copied into the destination: the path below it is the same below the source.
      if (containerPath.startsWith(`${destination}/`)) candidates.push(joinProjectPath(from, containerPath.slice(destination.length + 1)));
      // Never a path that leaves the project (`COPY ../x`): the reader refuses it, and so does this.
      const found = candidates.find((path) => !path.startsWith('../') && path !== '..' && !posix.isAbsolute(path) && project.readFile(path) !== undefined);
      if (found) return found;
    }
  }
  return undefined;
}

function scriptLines(project: ProjectFiles, path: string | undefined): StartText[] {
  const file = path === undefined ? undefined : project.textFile(path);
  if (!file || file.text.length > MAX_SCRIPT_CHARS) return [];
  const lines: StartText[] = [];
  for (let line = 1; line <= file.lineCount; line++) {
    const text = file.lineText(line);
    if (/^\s*(?:#|$)/.test(text)) continue;
    const start = file.offsetAt(line, 1) + (text.length - text.trimStart().length);
    lines.push({ text, file: file.path, range: file.range(start, file.offsetAt(line, 1) + text.trimEnd().length) });
  }
  return lines;
}

/** What the image a build makes runs on start; undefined without a parsed Dockerfile. */
export function containerStart(project: ProjectFiles, build: Build | undefined): ContainerStart | undefined {
  const dockerfile = build?.dockerfile;
  if (!build || !dockerfile) return undefined;
  return project.once('containerStart', build, '', () => {
    const index = finalStageIndex(dockerfile, build.target);
    if (index === undefined) return undefined;
    const instructions = stageChain(dockerfile, index).reverse().flatMap((stage) => stage.instructions);
    const { before: dirs, final: finalDir } = workdirs(instructions);
    const last = (keyword: string): { instruction: CommandInstruction; at: number } | undefined => {
      for (let at = instructions.length - 1; at >= 0; at--) if (instructions[at].keyword === keyword) return { instruction: instructions[at] as CommandInstruction, at };
      return undefined;
    };
    const script = (found: { instruction: CommandInstruction } | undefined): StartText[] => {
      const word = found && firstWord(found.instruction);
      if (!word || !(word.includes('/') || word.startsWith('.'))) return [];
      const absolute = word.startsWith('/') ? posix.normalize(word) : finalDir === undefined ? undefined : posix.join(finalDir, word);
      return absolute ? scriptLines(project, copiedFrom(project, build, instructions, dirs, absolute)) : [];
    };
    const entrypoint = last('ENTRYPOINT');
    const cmd = last('CMD');
    const text = (found: { instruction: CommandInstruction } | undefined): StartText | undefined =>
      found ? { text: commandLine(found.instruction), file: dockerfile.file.path, range: found.instruction.range } : undefined;
    return { entrypoint: text(entrypoint), cmd: text(cmd), entrypointScript: script(entrypoint), cmdScript: script(cmd) };
  });
}

/**
 * The first start text `test` matches: the ENTRYPOINT with the CMD (or `override`, a compose
 * `command:` or Kamal `cmd:`, which replaces the CMD), then the lines of the scripts they run.
 */
export function findInStart(start: ContainerStart | undefined, override: StartText | undefined, test: (text: string) => boolean): StartText | undefined {
  const cmd = override ?? start?.cmd;
  const entrypoint = start?.entrypoint;
  const line = [entrypoint?.text, cmd?.text].filter((text) => text !== undefined).join(' ');
  if (line !== '' && test(line)) return (entrypoint && test(entrypoint.text) ? entrypoint : cmd ?? entrypoint) as StartText;
  const scripts = [...(start?.entrypointScript ?? []), ...(override ? [] : start?.cmdScript ?? [])];
  return scripts.find((script) => test(script.text));
}

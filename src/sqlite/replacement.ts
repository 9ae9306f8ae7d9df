import type { CopyInstruction, DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import { instructionText, splitShellCommands, commandHead } from './shell';
import { copiedStages } from './stages';

/** A SQLite build the final image copies in (or compiles itself), and whether the loader finds it. */
export interface CustomSqlite {
  /** The COPY/ADD that brings it in, or the RUN that builds it. */
  instruction: Instruction;
  /** Folder the library lands in (`/opt/sqlite/lib`). */
  libDir: string;
  /** The ENV LD_LIBRARY_PATH / LD_PRELOAD or the `ldconfig` RUN that makes the loader use it. */
  registeredBy?: Instruction;
  /** Version of the build, when the Dockerfile says (`ARG SQLITE_VERSION=3530000`). */
  version?: string;
}

const SQLITE_PATH = /libsqlite3\.so|(?:^|\/)sqlite3?(?:[-_][\w.]*)?(?:\/|$)/i;

/** Finds a custom SQLite in the chain (final stage first) and what registers it. */
export function findCustomSqlite(model: DockerfileModel, chain: Stage[]): CustomSqlite | undefined {
  const stagesInOrder = [...chain].reverse();
  const instructions = stagesInOrder.flatMap((stage) => stage.instructions);
  let found: CustomSqlite | undefined;
  for (const instruction of instructions) {
    const custom = instruction.keyword === 'COPY' || instruction.keyword === 'ADD'
      ? fromCopy(model, instruction as CopyInstruction)
      : instruction.keyword === 'RUN'
        ? fromSourceBuild(model, instruction)
        : undefined;
    if (custom) found = custom;
  }
  if (!found) return undefined;
  found.registeredBy = registration(model, instructions, found);
  return found;
}

function fromCopy(model: DockerfileModel, copy: CopyInstruction): CustomSqlite | undefined {
  const sources = copy.sources.map((source) => source.value);
  const destination = copy.destination?.value ?? '';
  const source = sources.find((value) => SQLITE_PATH.test(value) && !/\.(db|sqlite3?|sql|py|rb|js|ts)$/i.test(value));
  if (!source && !(copy.fromStage !== undefined && SQLITE_PATH.test(destination))) return undefined;
  let libDir: string;
  if (/libsqlite3\.so/.test(source ?? '')) libDir = /libsqlite3\.so/.test(destination) ? dirname(destination) : trimSlash(destination);
  else libDir = `${trimSlash(destination || source || '')}/lib`;
  const version = copy.fromStage !== undefined ? versionInStage(model, model.stages[copy.fromStage]) : undefined;
  return { instruction: copy, libDir, version };
}

function fromSourceBuild(model: DockerfileModel, run: Instruction): CustomSqlite | undefined {
  const { text } = instructionText(model.file, run, model.escapeChar);
  if (!/sqlite-(autoconf|amalgamation|src)|sqlite\.org\//i.test(text) || !/make[^\n]*install/.test(text)) return undefined;
  const prefix = /--prefix[= ]\s*["']?([^\s"']+)/.exec(text)?.[1] ?? '/usr/local';
  return { instruction: run, libDir: `${trimSlash(prefix)}/lib`, version: versionInText(text) };
}

function registration(model: DockerfileModel, instructions: Instruction[], custom: CustomSqlite): Instruction | undefined {
  const copiedAt = custom.instruction.range.start.offset;
  let confWritten = false;
  for (const instruction of instructions) {
    if (instruction.keyword === 'ENV') {
      for (const pair of instruction.keyValues ?? []) {
        const value = pair.value ?? '';
        if (pair.key === 'LD_LIBRARY_PATH' && value.split(':').some((dir) => sameDir(dir, custom.libDir))) return instruction;
        if (pair.key === 'LD_PRELOAD' && /libsqlite3/.test(value)) return instruction;
      }
    }
    if (instruction.keyword !== 'RUN') continue;
    const { text, base } = instructionText(model.file, instruction, model.escapeChar);
    if (/ld\.so\.conf/.test(text) && text.includes(custom.libDir)) confWritten = true;
    // The default prefix /usr/local/lib is already in Debian's ld.so.conf.d/libc.conf.
    if (custom.libDir === '/usr/local/lib') confWritten = true;
    const runsLdconfig = splitShellCommands(text, base).some((command) => commandHead(command).name === 'ldconfig');
    if (confWritten && runsLdconfig && instruction.range.start.offset >= copiedAt) return instruction;
  }
  return undefined;
}

/** `ARG SQLITE_VERSION=3530000`, `sqlite-autoconf-3530000`, `SQLITE_VERSION=3.53.0` in the builder. */
function versionInStage(model: DockerfileModel, stage: Stage | undefined): string | undefined {
  if (!stage) return undefined;
  const stages = [stage, ...copiedStages(model, [stage])];
  for (const candidate of stages) {
    const text = model.file.text.slice(candidate.from.range.start.offset, candidate.instructions.at(-1)?.range.end.offset ?? candidate.from.range.end.offset);
    const version = versionInText(text);
    if (version) return version;
  }
  return undefined;
}

function versionInText(text: string): string | undefined {
  const encoded = /(?:SQLITE_VERSION\s*=\s*|sqlite-(?:autoconf|amalgamation|src)-)(\d)(\d\d)(\d\d)(\d\d)\b/i.exec(text);
  if (encoded) return `${Number(encoded[1])}.${Number(encoded[2])}.${Number(encoded[3])}`;
  const dotted = /SQLITE_VERSION\s*=\s*["']?(3\.\d+\.\d+)/i.exec(text);
  return dotted?.[1];
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function dirname(path: string): string {
  const trimmed = trimSlash(path);
  const slash = trimmed.lastIndexOf('/');
  return slash <= 0 ? '/' : trimmed.slice(0, slash);
}

function sameDir(a: string, b: string): boolean {
  return trimSlash(a.trim()) === trimSlash(b.trim());
}

/**
 * A go.mod requirement proves nothing about one binary: a module can require a driver that only
 * `cmd/migrate` imports while the image builds `cmd/server`. This reads the image's `go build` /
 * `go install` targets, maps them through WORKDIR and the COPY that brought go.mod in to the
 * project's package folders, and follows their imports (./go-driver-reach.ts). When the closure is
 * known and imports no driver, the go.mod lines are not evidence for this image; when litelint
 * cannot follow the build, they count as before (precision must not cost recall where it cannot know).
 */
import { posix } from 'node:path';
import type { CommandInstruction, CopyInstruction, DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import type { ProjectFiles } from '../facts/files';
import { joinProjectPath } from '../project/model';
import { evidenceData } from './evidence-data';
import type { SqliteEvidence } from './evidence-types';
import { goBuildTargets, targetPackageDir, type GoBuildTarget } from './go-build-targets';
import { describeReach, goDriverReach, type GoPackageTarget } from './go-driver-reach';
import { goModulePath } from './go-sources';
import { instructionText, splitShellCommands, type ShellCommand } from './shell';

/** A go.mod item and the instruction that read the go.mod (a COPY, or a bind mount). */
export interface GoModEvidence {
  item: Omit<SqliteEvidence, 'scope' | 'stageIndex'>;
  instruction: Instruction;
}

/** The WORKDIR of a stage whose base image sets its own: COPY and RUN paths relative to it still line up. */
const BASE_WORKDIR = '/.base-image-workdir';

/** True for the evidence this module judges: a driver line of a go.mod (the package tables and the GORM marker). */
export function isGoModDriver(item: { file: string; kind: string }): boolean {
  return item.kind === 'driver' && (item.file === 'go.mod' || item.file.endsWith('/go.mod'));
}

/**
 * The go.mod items that are not evidence for the image that `stages` build; the others get the
 * importing package in their description when litelint could see it.
 */
export function goModItemsNotBuilt(project: ProjectFiles, model: DockerfileModel, stages: readonly Stage[], context: string, items: readonly GoModEvidence[]): Set<GoModEvidence['item']> {
  const dropped = new Set<GoModEvidence['item']>();
  if (items.length === 0) return dropped;
  const workdirs = workdirsOf(model);
  const targets = buildTargets(model, stages, workdirs);
  if (targets === undefined) return dropped;
  const data = evidenceData().goDriverImports;
  const byFile = new Map<string, GoModEvidence[]>();
  for (const entry of items) byFile.set(entry.item.file, [...(byFile.get(entry.item.file) ?? []), entry]);
  for (const [goModPath, entries] of byFile) {
    const text = project.readFile(goModPath);
    const modulePath = text === undefined ? undefined : goModulePath(text);
    const moduleDir = copiedDirOf(entries[0].instruction, workdirs.get(entries[0].instruction), context, goModPath);
    if (modulePath === undefined || moduleDir === undefined) continue;
    const packages: GoPackageTarget[] = [];
    for (const target of targets) {
      const dir = targetPackageDir(target, moduleDir, modulePath);
      // A target in another module, or one litelint cannot place: this go.mod may well be linked.
      if (dir === undefined) break;
      packages.push({ dir, files: target.files });
    }
    if (packages.length !== targets.length) continue;
    const projectModuleDir = posix.dirname(goModPath) === '.' ? '' : posix.dirname(goModPath);
    const reach = goDriverReach(project, projectModuleDir, modulePath, packages, data.packages, data);
    if (!reach.known) continue;
    for (const { item } of entries) {
      if (reach.driver) item.description = `${item.description}; ${describeReach(reach.driver, modulePath)}`;
      else dropped.add(item);
    }
  }
  return dropped;
}

/** Every go build/install target of the stages; undefined when there is none or one litelint cannot follow. */
function buildTargets(model: DockerfileModel, stages: readonly Stage[], workdirs: ReadonlyMap<Instruction, string | undefined>): GoBuildTarget[] | undefined {
  const targets: GoBuildTarget[] = [];
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const workdir = workdirs.get(instruction);
      const scan = goBuildTargets(runCommands(model, instruction as CommandInstruction), workdir ?? BASE_WORKDIR);
      if ('unknown' in scan) return undefined;
      // A WORKDIR that depends on a variable: the targets cannot be placed.
      if (workdir === undefined && scan.targets.length > 0) return undefined;
      targets.push(...scan.targets);
    }
  }
  return targets.length > 0 ? targets : undefined;
}

function runCommands(model: DockerfileModel, instruction: CommandInstruction): ShellCommand[] {
  if (instruction.form === 'exec') return [{ words: (instruction.execArgs ?? []).map((value) => ({ value, start: 0, end: 0 })) }];
  const { text, base } = instructionText(model.file, instruction, model.escapeChar);
  return splitShellCommands(text, base);
}

/** The WORKDIR each instruction runs in (undefined: it depends on a variable), following FROM <stage>. */
function workdirsOf(model: DockerfileModel): Map<Instruction, string | undefined> {
  const at = new Map<Instruction, string | undefined>();
  const last: (string | undefined)[] = [];
  for (const stage of model.stages) {
    let workdir = stage.baseStage !== undefined && stage.baseStage < stage.index ? last[stage.baseStage] : BASE_WORKDIR;
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'WORKDIR') {
        const value = instruction.argsText.trim().replace(/^["']|["']$/g, '');
        workdir = value === '' || value.includes('$') || workdir === undefined && !value.startsWith('/') ? undefined : posix.resolve(workdir ?? '/', value);
      }
      at.set(instruction, workdir);
    }
    last[stage.index] = workdir;
  }
  return at;
}

/** Where a COPY puts the folder of `goModPath` in the container; undefined when litelint cannot tell. */
function copiedDirOf(instruction: Instruction, workdir: string | undefined, context: string, goModPath: string): string | undefined {
  if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return undefined;
  const copy = instruction as CopyInstruction;
  if (copy.from !== undefined || !copy.destination) return undefined;
  const destination = copy.destination.value.replace(/^["']|["']$/g, '');
  if (destination.includes('$') || (workdir === undefined && !destination.startsWith('/'))) return undefined;
  const target = posix.resolve(workdir ?? '/', destination);
  const intoFolder = destination.endsWith('/') || destination === '.' || copy.sources.length > 1;
  const goModDir = posix.dirname(goModPath) === '.' ? '' : posix.dirname(goModPath);
  for (const source of copy.sources) {
    const value = source.value.replace(/^["']|["']$/g, '');
    const cleaned = value === '.' ? '' : value.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
    const path = joinPath(context, cleaned);
    if (path === goModPath) return intoFolder ? target : posix.dirname(target);
    // `COPY go.* ./`: the matches go into the destination folder.
    if (/[*?[]/.test(cleaned)) {
      if (joinPath(context, posix.dirname(cleaned)) === goModDir) return target;
      continue;
    }
    if (path === '' || goModDir === path || goModDir.startsWith(`${path}/`)) return posix.join(target, path === '' ? goModDir : posix.relative(path, goModDir));
  }
  return undefined;
}

function joinPath(...parts: string[]): string {
  const joined = joinProjectPath(...parts);
  return joined === '.' ? '' : joined;
}

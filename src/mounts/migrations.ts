/**
 * Whether a Kamal app migrates its schema when a container boots (Rails' `bin/docker-entrypoint`
 * runs `db:prepare`): the new container then migrates while the old one still writes with the old code.
 */
import { posix } from 'path';
import { stageChain } from '../dockerfile/resolve';
import { kamalProjectRoot, type KamalModel } from '../kamal/model';
import type { ProjectFiles } from '../facts/files';
import type { RelatedLocation } from '../types';
import { finalStageIndex } from '../sqlite/stages';
import { projectTextFile } from '../sqlite/text-ranges';

const MIGRATES = /\bdb:(?:prepare|migrate)\b|\bmanage\.py\s+migrate\b|\balembic\s+upgrade\b|\bprisma\s+migrate\s+deploy\b/;

/** Where the container migrates on boot, as a related location of the finding. */
export type MigrationOnBoot = RelatedLocation;

function located(file: string, line: number, column: number, what: string): MigrationOnBoot {
  return { file, line, column, message: `the container migrates on boot: ${what}` };
}

export function kamalMigrationOnBoot(project: ProjectFiles, kamal: KamalModel, workdir: string | undefined): MigrationOnBoot | undefined {
  for (const role of kamal.roles) {
    const match = role.cmd && MIGRATES.exec(role.cmd.value);
    if (role.cmd && match) return located(kamal.file.path, role.cmd.range.start.line, role.cmd.range.start.column, match[0]);
  }
  const dockerfile = project.dockerfileForKamal(kamal);
  const stageIndex = dockerfile ? finalStageIndex(dockerfile) : undefined;
  if (!dockerfile || stageIndex === undefined) return undefined;
  const instructions = stageChain(dockerfile, stageIndex).reverse().flatMap((stage) => stage.instructions);
  const last = (keyword: string) => [...instructions].reverse().find((instruction) => instruction.keyword === keyword);
  const root = kamalProjectRoot(kamal);
  for (const instruction of [last('ENTRYPOINT'), last('CMD')]) {
    if (!instruction) continue;
    const match = MIGRATES.exec(instruction.argsText);
    if (match) return located(dockerfile.file.path, instruction.argsRange.start.line, instruction.argsRange.start.column, match[0]);
  }
  const entrypoint = last('ENTRYPOINT');
  const script = entrypoint ? firstWord(entrypoint.argsText) : undefined;
  if (!script || script.includes('$')) return undefined;
  let relative = script;
  if (workdir && script.startsWith(`${workdir}/`)) relative = script.slice(workdir.length + 1);
  else if (script.startsWith('/')) return undefined;
  const path = posix.join(root === '.' ? '' : root, relative);
  const file = projectTextFile(project, path);
  if (!file) return undefined;
  for (let line = 1; line <= file.lineCount; line++) {
    const text = file.lineText(line);
    if (/^\s*#/.test(text)) continue;
    const match = MIGRATES.exec(text);
    if (match) return located(file.path, line, (match.index ?? 0) + 1, match[0]);
  }
  return undefined;
}

function firstWord(args: string): string | undefined {
  const text = args.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) && typeof parsed[0] === 'string' ? parsed[0] : undefined;
    } catch {
      return undefined;
    }
  }
  return text.split(/\s+/)[0];
}

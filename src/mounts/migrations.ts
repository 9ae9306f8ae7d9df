/**
 * Whether a Kamal app migrates its schema when a container boots (Rails' `bin/docker-entrypoint`
 * runs `db:prepare`): the new container then migrates while the old one still writes with the old code.
 * The migration commands are the data list `migrationCommands` (data/auto-updaters.json), and the
 * image's start is read by the one reader of it (src/backup/container-start.ts), as the
 * sqlite-auto-update rule reads them.
 */
import { migrationMatch } from '../backup/auto-update';
import { containerStart, findInStart, type StartText } from '../backup/container-start';
import type { KamalModel } from '../kamal/model';
import type { ProjectFiles } from '../facts/files';
import type { RelatedLocation } from '../types';
import { fileOfRange } from '../source';

/** Where the container migrates on boot, as a related location of the finding. */
export type MigrationOnBoot = RelatedLocation;

function located(file: string, line: number, column: number, what: string): MigrationOnBoot {
  return { file, line, column, message: `the container migrates on boot: ${what}` };
}

/**
 * The position of the migration command itself in the text as written, when the written text holds
 * it whole (a shell-form line, a script line); else the start of the start text (an exec form that
 * splits it, `["python", "manage.py", "migrate"]`).
 */
function at(start: StartText, what: string): MigrationOnBoot {
  const source = fileOfRange(start.range);
  if (source) {
    const from = start.range.start.offset;
    const found = migrationMatch(source.text.slice(from, start.range.end.offset));
    if (found) {
      const position = source.position(from + found.index);
      return located(source.path, position.line, position.column, found.command);
    }
  }
  return located(start.file, start.range.start.line, start.range.start.column, what);
}

export function kamalMigrationOnBoot(project: ProjectFiles, kamal: KamalModel): MigrationOnBoot | undefined {
  for (const role of kamal.roles) {
    const found = role.cmd && migrationMatch(role.cmd.value);
    if (role.cmd && found) return at({ text: role.cmd.value, file: kamal.file.path, range: role.cmd.range }, found.command);
  }
  // Any role without its own `cmd:` runs the image's ENTRYPOINT and CMD, and the script they run.
  const start = findInStart(containerStart(project, project.buildOfKamal(kamal)), undefined, (text) => migrationMatch(text) !== undefined);
  const what = start && migrationMatch(start.text);
  return start && what ? at(start, what.command) : undefined;
}

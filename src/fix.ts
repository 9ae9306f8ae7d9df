import { resolve } from 'node:path';
import { FixWriteError, NODE_WRITE_FILE_SYSTEM, replaceFileSafely, type WriteFileSystem } from './safe-write';
import { SourceFile } from './source';
import { docsUrl } from './rule-api';
import type { Finding, TextEdit } from './types';

/** Whether the text still holds, at the edit's span, exactly what the finding read there. */
function holds(text: string, edit: TextEdit): boolean {
  return text.slice(edit.start, edit.end) === edit.replaces;
}

/**
 * Applies non-overlapping edits, later offsets first so earlier ones stay valid. An edit whose span
 * no longer holds the text it replaces is left out: its offsets were read from another text.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.filter((edit) => holds(text, edit)).sort((a, b) => b.start - a.start);
  let result = text;
  let floor = Number.POSITIVE_INFINITY;
  for (const edit of sorted) {
    if (edit.end > floor) continue; // overlaps an edit already applied; the next run fixes it
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    floor = edit.start;
  }
  return result;
}

/** The finding for a file --fix did not rewrite: its other findings are still reported as they are. */
function fixFailed(path: string, reason: string): Finding {
  return {
    rule: 'fix-failed',
    severity: 'error',
    file: path,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    message: `--fix did not rewrite this file: ${reason}`,
    docs: docsUrl('fix-failed'),
  };
}

/** A file `--fix` rewrote, with its new text. */
export interface FixedFile {
  path: string;
  text: string;
}

/** An edit `--fix` left out because its file does not hold, at its span, the text it replaces. */
export interface SkippedEdit {
  file: string;
  line: number;
  column: number;
}

export interface FixOutcome {
  changed: FixedFile[];
  skipped: SkippedEdit[];
  /** A `fix-failed` finding for each file that could not be, or was not, rewritten. */
  failures: Finding[];
}

/**
 * Rewrites the files that fixable findings are filed on (safely: ./safe-write.ts). `textOf` gives
 * the text the run read for a file, a linted one or a project file read while linting (an
 * override, an `extends` file): only those are fixable, and only where they still hold what each
 * edit replaces.
 */
export function applyFixes(
  findings: readonly Finding[],
  textOf: (path: string) => string | undefined,
  cwd: string,
  fs?: WriteFileSystem,
): FixOutcome {
  const editsByFile = new Map<string, Map<string, TextEdit>>();
  for (const finding of findings) {
    if (!finding.fix) continue;
    const edits = editsByFile.get(finding.file) ?? new Map<string, TextEdit>();
    // Two findings at one place (a service and the one that extends it) carry the same edit.
    for (const edit of finding.fix) edits.set(editKey(edit), edit);
    editsByFile.set(finding.file, edits);
  }
  const changed: FixedFile[] = [];
  const skipped: SkippedEdit[] = [];
  const failures: Finding[] = [];
  for (const paths of byRealFile([...editsByFile.keys()], cwd, fs ?? NODE_WRITE_FILE_SYSTEM)) {
    const [path] = paths;
    const text = textOf(path);
    // One file named two ways (`extends: {file: link.yaml}` beside the file it links to) is
    // rewritten once, with the edits filed under every name: a second write would find it changed.
    const byKey = new Map<string, TextEdit>();
    for (const name of paths) for (const [key, edit] of editsByFile.get(name) ?? []) byKey.set(key, edit);
    const edits = [...byKey.values()];
    const source = new SourceFile(path, text ?? '', 'compose');
    for (const edit of edits) {
      if (text === undefined || !holds(source.text, edit)) skipped.push({ file: path, ...lineAndColumn(source, edit.start) });
    }
    if (text === undefined) continue;
    const fixed = (source.bom ? '\uFEFF' : '') + applyEdits(source.text, edits);
    if (fixed === text) continue;
    try {
      replaceFileSafely(resolve(cwd, path), text, fixed, cwd, fs);
    } catch (error) {
      if (!(error instanceof FixWriteError)) throw error;
      failures.push(fixFailed(path, error.message));
      continue;
    }
    for (const name of paths) changed.push({ path: name, text: fixed });
  }
  return { changed, skipped, failures };
}

function editKey(edit: TextEdit): string {
  return `${edit.start}:${edit.end}:${edit.text}`;
}

/** The paths grouped by the file they name (symlinks resolved), in the order first met. */
function byRealFile(paths: readonly string[], cwd: string, fs: WriteFileSystem): string[][] {
  const groups = new Map<string, string[]>();
  for (const path of paths) {
    let real: string;
    try {
      real = fs.realpathSync(resolve(cwd, path));
    } catch {
      real = resolve(cwd, path);
    }
    const group = groups.get(real);
    if (group) group.push(path);
    else groups.set(real, [path]);
  }
  return [...groups.values()];
}

function lineAndColumn(source: SourceFile, offset: number): { line: number; column: number } {
  const { line, column } = source.position(offset);
  return { line, column };
}

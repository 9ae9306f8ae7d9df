import { chmodSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SourceFile } from './source';
import type { Finding, InputFile, TextEdit } from './types';

/** Applies non-overlapping edits, later offsets first so earlier ones stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let result = text;
  let floor = Number.POSITIVE_INFINITY;
  for (const edit of sorted) {
    if (edit.end > floor) continue; // overlaps an edit already applied; the next run fixes it
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    floor = edit.start;
  }
  return result;
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file; keeps the mode. */
function writeAtomically(linkOrPath: string, text: string): void {
  // Through a symlink, the target is rewritten: renaming over the link would replace it with a copy.
  const path = realpathSync(linkOrPath);
  const mode = statSync(path).mode & 0o7777;
  const temporary = join(dirname(path), `.${basename(path)}.litelint-${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { mode });
    chmodSync(temporary, mode);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Rewrites the linted files that have fixable findings; returns the new inputs of changed files. */
export function applyFixes(findings: readonly Finding[], inputs: readonly InputFile[], cwd: string): InputFile[] {
  const editsByFile = new Map<string, TextEdit[]>();
  for (const finding of findings) {
    if (!finding.fix) continue;
    const edits = editsByFile.get(finding.file) ?? [];
    edits.push(...finding.fix);
    editsByFile.set(finding.file, edits);
  }
  const changed: InputFile[] = [];
  for (const input of inputs) {
    const edits = editsByFile.get(input.path);
    if (!edits) continue;
    const source = new SourceFile(input.path, input.text, input.kind ?? 'compose');
    const fixed = (source.bom ? '\uFEFF' : '') + applyEdits(source.text, edits);
    if (fixed === input.text) continue;
    writeAtomically(resolve(cwd, input.path), fixed);
    changed.push({ ...input, text: fixed });
  }
  return changed;
}

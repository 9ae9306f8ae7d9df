import { resolve } from 'node:path';
import { FixWriteError, replaceFileSafely, type WriteFileSystem } from './safe-write';
import { SourceFile } from './source';
import { docsUrl, type Finding, type InputFile, type TextEdit } from './types';

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

export interface FixOutcome {
  /** The new inputs of the files rewritten. */
  changed: InputFile[];
  /** A `fix-failed` finding for each file that could not be, or was not, rewritten. */
  failures: Finding[];
}

/** Rewrites the linted files that have fixable findings (safely: ./safe-write.ts). */
export function applyFixes(findings: readonly Finding[], inputs: readonly InputFile[], cwd: string, fs?: WriteFileSystem): FixOutcome {
  const editsByFile = new Map<string, TextEdit[]>();
  for (const finding of findings) {
    if (!finding.fix) continue;
    const edits = editsByFile.get(finding.file) ?? [];
    edits.push(...finding.fix);
    editsByFile.set(finding.file, edits);
  }
  const changed: InputFile[] = [];
  const failures: Finding[] = [];
  for (const input of inputs) {
    const edits = editsByFile.get(input.path);
    if (!edits) continue;
    const source = new SourceFile(input.path, input.text, input.kind ?? 'compose');
    const fixed = (source.bom ? '\uFEFF' : '') + applyEdits(source.text, edits);
    if (fixed === input.text) continue;
    try {
      replaceFileSafely(resolve(cwd, input.path), input.text, fixed, cwd, fs);
    } catch (error) {
      if (!(error instanceof FixWriteError)) throw error;
      failures.push(fixFailed(input.path, error.message));
      continue;
    }
    changed.push({ ...input, text: fixed });
  }
  return { changed, failures };
}

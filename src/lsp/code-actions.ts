import type { CodeAction, Range, TextEdit as LspTextEdit } from 'vscode-languageserver';
import { fixSafetyOf } from '../rule-api';
import type { RuleRegistry } from '../registry';
import { SourceFile } from '../source';
import type { Finding } from '../types';
import { rangeOf, toDiagnostic } from './diagnostics';

/**
 * The code actions for the findings of one file: each fix as a quick fix (an unsafe one, which
 * changes what a deploy does, says so and is never the preferred action), and a suppression
 * comment above the finding's line.
 */
export function codeActionsFor(
  findings: readonly Finding[],
  text: string,
  uri: string,
  registry: RuleRegistry,
  uriOf: (file: string) => string,
): CodeAction[] {
  // Fix offsets count from the text without its BOM; the editor's buffer keeps it.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const source = new SourceFile(uri, text.slice(bom), 'compose');
  const lines = text.slice(bom).split('\n');
  const positionAt = (offset: number): { line: number; character: number } => {
    const { line, column } = source.position(offset);
    return { line: line - 1, character: column - 1 + (line === 1 ? bom : 0) };
  };
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    const diagnostic = toDiagnostic(finding, uriOf);
    if (finding.fix?.length) {
      const safe = fixSafetyOf(registry.meta(finding.rule)) === 'safe';
      const edits: LspTextEdit[] = finding.fix.map((edit) => ({ range: { start: positionAt(edit.start), end: positionAt(edit.end) }, newText: edit.text }));
      actions.push({
        title: `Fix ${finding.rule}${safe ? '' : ' (unsafe)'}`,
        kind: 'quickfix',
        diagnostics: [diagnostic],
        isPreferred: safe,
        edit: { changes: { [uri]: edits } },
      });
    }
    const line = Math.max(0, finding.line - 1);
    const indent = /^[ \t]*/.exec(lines[line] ?? '')?.[0] ?? '';
    const insertAt: Range = { start: { line, character: line === 0 ? bom : 0 }, end: { line, character: line === 0 ? bom : 0 } };
    actions.push({
      title: `Suppress ${finding.rule} with # litelint-ignore`,
      kind: 'quickfix',
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: [{ range: insertAt, newText: `${indent}# litelint-ignore ${finding.rule} -- reason\n` }] } },
    });
  }
  return actions;
}

export { rangeOf };

import type { RuleRegistry } from '../registry';
import { fixSafetyOf } from '../rule-api';
import { SourceFile } from '../source';
import type { Finding, Position } from '../types';
import type { FormatContext } from './context';
import { escapeJsonText } from './escape';

/** A position in a JSON fix edit: 1-based line and column (UTF-16 code units) and the 0-based offset (BOM removed). */
type JsonPosition = Pick<Position, 'line' | 'column' | 'offset'>;

/**
 * The stable JSON contract, version 1. A fixable finding carries its fix as an editor plugin
 * applies it: whether `--fix` applies it (`safe`) or only `--unsafe-fixes` does, and each edit's
 * range in the file the finding is filed on with its replacement text.
 */
export function toJsonFinding(finding: Finding, source?: SourceFile, registry?: RuleRegistry): Record<string, unknown> {
  const { rule, severity, file, line, column, endLine, endColumn, message, messageId, help, docs, related } = finding;
  const entry: Record<string, unknown> = { rule, severity, file, line, column, endLine, endColumn, message };
  if (messageId) entry.messageId = messageId;
  if (help) entry.help = help;
  entry.docs = docs;
  if (related?.length) entry.related = related;
  if (finding.fix?.length && source) {
    const at = (offset: number): JsonPosition => {
      const { line: atLine, column: atColumn } = source.position(offset);
      return { line: atLine, column: atColumn, offset };
    };
    entry.fix = {
      applicability: fixSafetyOf(registry?.meta(rule)),
      edits: finding.fix.map((edit) => ({ range: { start: at(edit.start), end: at(edit.end) }, text: edit.text })),
    };
  }
  return entry;
}

export function formatJson(findings: readonly Finding[], context?: FormatContext): string {
  const sources = new Map<string, SourceFile | undefined>();
  const sourceOf = (file: string): SourceFile | undefined => {
    if (!sources.has(file)) {
      const text = context?.sourceText?.(file);
      sources.set(file, text === undefined ? undefined : new SourceFile(file, text, 'compose'));
    }
    return sources.get(file);
  };
  const entries = findings.map((finding) => toJsonFinding(finding, finding.fix ? sourceOf(finding.file) : undefined, context?.registry));
  return escapeJsonText(`${JSON.stringify({ version: 1, findings: entries }, null, 2)}\n`);
}

import type { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Range } from 'vscode-languageserver';
import type { Finding, Severity } from '../types';

/** LSP severities (the protocol's numbers: 1 error, 2 warning, 3 information). */
const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, info: 3 };

/** A finding's range in LSP terms: 0-based lines and UTF-16 columns (litelint's are 1-based UTF-16). */
export function rangeOf(finding: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>): Range {
  return {
    start: { line: Math.max(0, finding.line - 1), character: Math.max(0, finding.column - 1) },
    end: { line: Math.max(0, finding.endLine - 1), character: Math.max(0, finding.endColumn - 1) },
  };
}

/**
 * The diagnostic an editor shows for a finding. Messages were redacted by the engine (credentials
 * in URLs) and never carry a value read from `.env`; the remedy (`help`) follows on its own line.
 */
export function toDiagnostic(finding: Finding, uriOf: (file: string) => string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: rangeOf(finding),
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: finding.docs },
    source: 'litelint',
    message: finding.help ? `${finding.message}\n${finding.help}` : finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map(
      (item): DiagnosticRelatedInformation => ({
        location: { uri: uriOf(item.file), range: rangeOf({ line: item.line, column: item.column, endLine: item.line, endColumn: item.column }) },
        message: item.message,
      }),
    );
  }
  return diagnostic;
}

/** Whether two LSP ranges overlap or touch (a cursor at a finding's end still counts). */
export function touches(a: Range, b: Range): boolean {
  const before = (x: { line: number; character: number }, y: { line: number; character: number }): boolean => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

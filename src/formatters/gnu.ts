import type { Finding } from '../types';
import { escapeText, guardLineStarts } from './escape';

/** `file:line:column: severity: message [rule-id]`, one line each, for editors' problem matchers. */
export function formatGnu(findings: readonly Finding[]): string {
  const lines = findings.map(
    (finding) => `${escapeText(finding.file)}:${finding.line}:${finding.column}: ${finding.severity}: ${escapeText(finding.message)} [${escapeText(finding.rule)}]\n`,
  );
  return guardLineStarts(lines.join(''));
}

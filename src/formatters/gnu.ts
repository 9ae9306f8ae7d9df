import type { Finding } from '../types';

/** `file:line:column: severity: message [rule-id]`, one line each, for editors' problem matchers. */
export function formatGnu(findings: readonly Finding[]): string {
  return findings
    .map((finding) => `${finding.file}:${finding.line}:${finding.column}: ${finding.severity}: ${oneLine(finding.message)} [${finding.rule}]\n`)
    .join('');
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

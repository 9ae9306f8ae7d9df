import type { Finding, Severity } from '../types';
import { escapeTextButLineBreaks } from './escape';

/**
 * GitHub Actions workflow commands, one per finding:
 * `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=rule-id::message`.
 * The message continues with the related locations and the rule's docs URL on further lines
 * (escaped, so each command stays on one output line).
 */

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * Escapes a command's data (the message) as the Actions toolkit does, after writing control and
 * bidi characters visibly (./escape.ts): the runner would pass ESC on to the log viewer.
 */
export function escapeData(text: string): string {
  return escapeTextButLineBreaks(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command property value (file, title): data escaping plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(findings: readonly Finding[]): string {
  return findings
    .map((finding) => {
      const properties = [
        `file=${escapeProperty(finding.file)}`,
        `line=${finding.line}`,
        `col=${finding.column}`,
        `endLine=${finding.endLine}`,
        `endColumn=${finding.endColumn}`,
        `title=${escapeProperty(finding.rule)}`,
      ].join(',');
      const lines = [finding.message];
      for (const related of finding.related ?? []) lines.push(`${related.message} at ${related.file}:${related.line}:${related.column}`);
      lines.push(finding.docs);
      return `::${COMMANDS[finding.severity]} ${properties}::${escapeData(lines.join('\n'))}\n`;
    })
    .join('');
}

import { createColors } from 'picocolors';
import type { Finding, Severity } from '../types';
import { escapeText, guardLineStarts } from './escape';
import type { FormatContext } from './context';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Findings grouped by file, ESLint-style, with a summary line; every value escaped (./escape.ts). */
export function formatStylish(findings: readonly Finding[], context: FormatContext): string {
  if (findings.length === 0) return '';
  const c = createColors(context.color);
  const paint: Record<Severity, (text: string) => string> = { error: c.red, warning: c.yellow, info: c.blue };
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  const lines: string[] = [];
  for (const [file, fileFindings] of byFile) {
    // Values that start a line are guarded before they are coloured too, for logs that drop colours.
    lines.push(c.underline(guardLineStarts(escapeText(file))));
    const positionWidth = Math.max(...fileFindings.map((f) => `${f.line}:${f.column}`.length));
    for (const finding of fileFindings) {
      const position = `${finding.line}:${finding.column}`.padEnd(positionWidth);
      const severity = paint[finding.severity](finding.severity.padEnd(7));
      lines.push(`  ${c.dim(position)}  ${severity}  ${escapeText(finding.message)}  ${c.dim(escapeText(finding.rule))}`);
      if (finding.help) lines.push(`  ${' '.repeat(positionWidth)}  ${' '.repeat(7)}  ${c.dim(guardLineStarts(escapeText(`help: ${finding.help}`)))}`);
      for (const related of finding.related ?? []) {
        lines.push(`  ${' '.repeat(positionWidth)}  ${' '.repeat(7)}  ${c.dim(guardLineStarts(escapeText(`${related.message} at ${related.file}:${related.line}:${related.column}`)))}`);
      }
    }
    lines.push('');
  }
  const count = (severity: Severity): number => findings.filter((finding) => finding.severity === severity).length;
  const errors = count('error');
  const summary = `✖ ${plural(findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info)`;
  lines.push(errors > 0 ? c.bold(c.red(summary)) : c.bold(c.yellow(summary)));
  const fixable = findings.filter((finding) => finding.fix).length;
  if (fixable > 0) lines.push(c.dim(`  ${plural(fixable, 'problem')} can be fixed with --fix`));
  return guardLineStarts(`${lines.join('\n')}\n`);
}

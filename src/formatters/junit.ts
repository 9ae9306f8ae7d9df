import type { Finding } from '../types';
import { escapeXmlText } from './escape';
import type { FormatContext } from './context';

/**
 * JUnit XML for GitLab's `artifacts:reports:junit` and Jenkins' junit step: one `<testsuite>` per
 * file linted, one `<testcase>` per finding. Errors and warnings are `<failure>`s (type = severity);
 * an info finding is a passing test case that carries its message in `<system-out>`. A file
 * without findings is one passing test case, so a clean run still lists what was checked.
 */

/** Characters XML 1.0 does not allow, and lone surrogates: replaced by U+FFFD. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Tabs and line breaks are character references too, so that no value starts an output line (./escape.ts). */
export function xmlText(text: string): string {
  return escapeXmlText(text.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** Attribute values also escape quotes (xmlText keeps tabs and line breaks, which parsers would normalise to spaces). */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlAttribute(String(value))}"`)
    .join('');
}

function details(finding: Finding): string {
  const lines = [`${finding.file}:${finding.line}:${finding.column}: ${finding.severity}: ${finding.message} [${finding.rule}]`];
  if (finding.help) lines.push(`  help: ${finding.help}`);
  for (const related of finding.related ?? []) lines.push(`  ${related.message} at ${related.file}:${related.line}:${related.column}`);
  lines.push(finding.docs);
  return lines.join('\n');
}

function testcase(finding: Finding): string {
  const head = `    <testcase${attributes({ name: `${finding.rule} at ${finding.line}:${finding.column}`, classname: finding.file, file: finding.file, line: finding.line })}>`;
  const body =
    finding.severity === 'info'
      ? `      <system-out>${xmlText(details(finding))}</system-out>`
      : `      <failure${attributes({ message: finding.message, type: finding.severity })}>${xmlText(details(finding))}</failure>`;
  return `${head}\n${body}\n    </testcase>`;
}

export function formatJunit(findings: readonly Finding[], context: FormatContext): string {
  const byFile = new Map<string, Finding[]>();
  for (const file of context.files ?? []) byFile.set(file, []);
  for (const finding of findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  const files = [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const file of files) {
    const fileFindings = byFile.get(file) ?? [];
    const fileFailures = fileFindings.filter((finding) => finding.severity !== 'info').length;
    const cases =
      fileFindings.length > 0
        ? fileFindings.map(testcase)
        : [`    <testcase${attributes({ name: 'litelint', classname: file, file })}/>`];
    tests += cases.length;
    failures += fileFailures;
    suites.push(
      `  <testsuite${attributes({ name: file, tests: cases.length, failures: fileFailures, errors: 0, skipped: 0 })}>\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const open = `<testsuites${attributes({ name: 'litelint', tests, failures, errors: 0 })}>`;
  const body = suites.length > 0 ? `${open}\n${suites.join('\n')}\n</testsuites>` : `${open}</testsuites>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}

/**
 * Invariants every report must keep, whatever the input: positions 1-based and inside the file
 * they name, the JSON contract (version 1, exact keys), valid SARIF, no internal error.
 * Each check returns a list of problems (empty when the report is sound), so a failing property
 * prints what is wrong and fast-check shrinks to the smallest input that shows it.
 */
import { FORMAT_NAMES, loadFormatter } from '../../src/formatters';
import type { Finding } from '../../src/types';

/** The keys of a JSON finding in order but `related`; `messageId` and `help` (after `message`) and `fix` (last) only when present. */
function expectedJsonKeys(entry: Record<string, unknown>): string[] {
  const optional = ['messageId', 'help'].filter((key) => key in entry);
  return ['rule', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', ...optional, 'docs', ...('fix' in entry ? ['fix'] : [])];
}

interface JsonFix {
  applicability?: unknown;
  edits?: { range?: { start?: { line?: unknown; column?: unknown; offset?: unknown }; end?: { offset?: unknown } }; text?: unknown }[];
}

/** A JSON fix: its applicability, and each edit a range inside the file (offsets into the text without a BOM) with a text. */
function jsonFixProblems(fix: JsonFix, text: string | undefined): string[] {
  const problems: string[] = [];
  if (fix.applicability !== 'safe' && fix.applicability !== 'unsafe') problems.push(`json: fix.applicability ${String(fix.applicability)}`);
  if (!Array.isArray(fix.edits) || fix.edits.length === 0) return [...problems, 'json: fix without edits'];
  const body = text?.replace(/^\uFEFF/, '');
  for (const edit of fix.edits) {
    const start = edit.range?.start?.offset;
    const end = edit.range?.end?.offset;
    if (typeof edit.text !== 'string') problems.push('json: fix edit text is not a string');
    if (typeof start !== 'number' || typeof end !== 'number' || start > end) problems.push(`json: fix edit range ${String(start)}-${String(end)}`);
    else if (body !== undefined && end > body.length) problems.push(`json: fix edit ends at ${end}, past the file (${body.length})`);
  }
  return problems;
}
/** Findings whose message is written by a parser (compose-go's and BuildKit's wording), not by a rule. */
const PARSER_WORDED = new Set(['parse-error', 'invalid-interpolation', 'outside-project', 'internal-error']);
const MESSAGE_MAX = 160;
const SEVERITIES = new Set(['error', 'warning', 'info']);

/** Lines of a file as SourceFile counts them: split at `\n` and lone `\r`, BOM removed, the `\r` of `\r\n` belongs to its line's length. */
export function lineLengths(text: string): number[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\n|\r(?!\n)/).map((line) => line.length);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** Problems with one position (`line`, `column`) in a file whose text is known (or not). */
function positionProblems(where: string, line: unknown, column: unknown, lengths: number[] | undefined): string[] {
  if (!isPositiveInteger(line) || !isPositiveInteger(column)) return [`${where}: not 1-based integers (${String(line)}:${String(column)})`];
  if (!lengths) return [];
  if (line > lengths.length) return [`${where}: line ${line} is past the last line ${lengths.length}`];
  if (column > lengths[line - 1] + 1) return [`${where}: column ${column} is past the end of line ${line} (length ${lengths[line - 1]})`];
  return [];
}

/** Checks the positions of findings against the texts of the files they name. */
export function findingProblems(findings: readonly Finding[], textOf: (file: string) => string | undefined): string[] {
  const problems: string[] = [];
  for (const finding of findings) {
    const tag = `${finding.rule}@${finding.file}:${finding.line}:${finding.column}`;
    if (finding.rule === 'internal-error' || /internal error/i.test(finding.message)) problems.push(`${tag}: internal error: ${finding.message}`);
    if (!SEVERITIES.has(finding.severity)) problems.push(`${tag}: severity ${finding.severity}`);
    if (typeof finding.message !== 'string' || finding.message.length === 0) problems.push(`${tag}: empty message`);
    else if (!PARSER_WORDED.has(finding.rule) && finding.message.length > MESSAGE_MAX) {
      problems.push(`${tag}: message longer than ${MESSAGE_MAX} characters (${finding.message.length})`);
    }
    if (finding.help !== undefined && (typeof finding.help !== 'string' || finding.help.length === 0)) problems.push(`${tag}: help present but empty`);
    const text = textOf(finding.file);
    const lengths = text === undefined ? undefined : lineLengths(text);
    problems.push(...positionProblems(`${tag} start`, finding.line, finding.column, lengths));
    problems.push(...positionProblems(`${tag} end`, finding.endLine, finding.endColumn, lengths));
    if (finding.endLine < finding.line || (finding.endLine === finding.line && finding.endColumn < finding.column)) {
      problems.push(`${tag}: end ${finding.endLine}:${finding.endColumn} before start`);
    }
    for (const related of finding.related ?? []) {
      const relatedText = textOf(related.file);
      problems.push(...positionProblems(`${tag} related ${related.file}`, related.line, related.column, relatedText === undefined ? undefined : lineLengths(relatedText)));
    }
  }
  return problems;
}

/** The JSON report (src/formatters/json.ts) against the version 1 contract and the files' texts. */
export function jsonReportProblems(report: string, textOf: (file: string) => string | undefined): string[] {
  let parsed: { version?: unknown; findings?: unknown };
  try {
    parsed = JSON.parse(report) as typeof parsed;
  } catch (error) {
    return [`json: not valid JSON: ${(error as Error).message}`];
  }
  if (parsed.version !== 1) return [`json: version ${String(parsed.version)}`];
  if (!Array.isArray(parsed.findings)) return ['json: findings is not an array'];
  const problems: string[] = [];
  for (const entry of parsed.findings as Record<string, unknown>[]) {
    const keys = Object.keys(entry).filter((key) => key !== 'related');
    if (keys.join() !== expectedJsonKeys(entry).join()) problems.push(`json: keys ${keys.join()}`);
    for (const key of ['rule', 'severity', 'file', 'message', 'docs']) if (typeof entry[key] !== 'string') problems.push(`json: ${key} is not a string`);
    if ('help' in entry && typeof entry.help !== 'string') problems.push('json: help is not a string');
    if ('fix' in entry) problems.push(...jsonFixProblems(entry.fix as JsonFix, textOf(String(entry.file))));
  }
  problems.push(...findingProblems(parsed.findings as Finding[], textOf).map((problem) => `json: ${problem}`));
  return problems;
}

interface SarifRegion {
  startLine?: unknown;
  startColumn?: unknown;
  endLine?: unknown;
  endColumn?: unknown;
}

/** A SARIF 2.1.0 log: parses, names its version, every result has a rule, a message and a region inside its file. */
export function sarifReportProblems(report: string, findingCount: number, textOf: (file: string) => string | undefined): string[] {
  let log: { version?: unknown; runs?: { results?: Record<string, unknown>[]; tool?: unknown }[] };
  try {
    log = JSON.parse(report) as typeof log;
  } catch (error) {
    return [`sarif: not valid JSON: ${(error as Error).message}`];
  }
  if (log.version !== '2.1.0') return [`sarif: version ${String(log.version)}`];
  if (!Array.isArray(log.runs) || log.runs.length !== 1) return ['sarif: expected one run'];
  const results = log.runs[0].results;
  if (!Array.isArray(results)) return ['sarif: results is not an array'];
  const problems: string[] = [];
  if (results.length !== findingCount) problems.push(`sarif: ${results.length} results for ${findingCount} findings`);
  for (const result of results) {
    const message = result.message as { text?: unknown } | undefined;
    if (typeof result.ruleId !== 'string') problems.push('sarif: result without ruleId');
    if (typeof message?.text !== 'string') problems.push('sarif: result without message.text');
    const locations = result.locations as { physicalLocation?: { artifactLocation?: { uri?: unknown }; region?: SarifRegion } }[] | undefined;
    const physical = locations?.[0]?.physicalLocation;
    const uri = physical?.artifactLocation?.uri;
    if (typeof uri !== 'string') {
      problems.push('sarif: result without artifactLocation.uri');
      continue;
    }
    const text = textOf(decodeURIComponent(uri));
    const lengths = text === undefined ? undefined : lineLengths(text);
    const region = physical?.region ?? {};
    problems.push(...positionProblems(`sarif ${uri} start`, region.startLine, region.startColumn ?? 1, lengths));
    if (region.endLine !== undefined) problems.push(...positionProblems(`sarif ${uri} end`, region.endLine, region.endColumn ?? 1, lengths));
  }
  return problems;
}

/** Raw control, bidi and line-separator characters: never in a report (src/formatters/escape.ts); LF ends lines. */
const UNSAFE_IN_OUTPUT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const GITHUB_COMMAND = /^::(error|warning|notice) file=[^:]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[\w-]+::/;

/** A report that could drive a terminal or be read as CI commands (issue 13, item 6). */
export function inertOutputProblems(name: string, report: string): string[] {
  const problems: string[] = [];
  const unsafe = UNSAFE_IN_OUTPUT.exec(report);
  if (unsafe) problems.push(`${name}: raw U+${unsafe[0].charCodeAt(0).toString(16).padStart(4, '0')} in the output`);
  if (/##(vso)?\[/i.test(report)) problems.push(`${name}: a ##[ log command in the output`);
  for (const line of report.split('\n')) {
    const command = line.trimStart().startsWith('::');
    if (name === 'github' ? line !== '' && !GITHUB_COMMAND.test(line) : command) problems.push(`${name}: line read as a workflow command: ${JSON.stringify(line.slice(0, 80))}`);
  }
  return problems;
}

/** Formats the findings with every format litelint lists and checks what can be checked of each. */
export function formatProblems(findings: readonly Finding[], files: readonly string[], textOf: (file: string) => string | undefined): string[] {
  const problems: string[] = [];
  const context = { color: false, fileCount: files.length, files, sourceText: textOf, toolVersion: '0.0.0-test' };
  for (const name of FORMAT_NAMES) {
    const formatter = loadFormatter(name);
    if (!formatter) {
      problems.push(`${name}: listed but does not load`);
      continue;
    }
    let report: string;
    try {
      report = formatter(findings, context);
    } catch (error) {
      problems.push(`${name}: threw ${(error as Error).message}`);
      continue;
    }
    if (typeof report !== 'string') {
      problems.push(`${name}: did not return a string`);
      continue;
    }
    problems.push(...inertOutputProblems(name, report));
    if (name === 'json') problems.push(...jsonReportProblems(report, textOf));
    else if (name === 'sarif') problems.push(...sarifReportProblems(report, findings.length, textOf));
  }
  return problems;
}

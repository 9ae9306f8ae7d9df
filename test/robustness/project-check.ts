/**
 * Properties of a lint over a generated multi-file project (./projects.ts), as lists of problems
 * (empty when the run is sound). Each problem names its property, so that a survey
 * (FUZZ_SURVEY=1) can count them per property.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { applyEdits } from '../../src/fix';
import { FORMAT_NAMES, loadFormatter } from '../../src/formatters';
import type { Finding, TextEdit } from '../../src/types';
import { findingProblems, formatProblems } from './check';
import { MARK, resolveInside, type ProjectSpec } from './projects';

export interface Problem {
  property: string;
  detail: string;
}


/** Values that must never be printed besides MARK: the linting process's PATH (read through /proc/self/environ). */
const PROCESS_VALUES = [process.env.PATH].filter((value): value is string => typeof value === 'string' && value.length >= 8);

const SECRET_TOKEN = new RegExp(`${MARK}[A-Za-z0-9_-]*`, 'g');

export function leakProblems(where: string, text: string): Problem[] {
  const problems: Problem[] = [];
  if (text.includes(MARK)) {
    // The secret's name (what follows MARK) says where it came from: an outside file, a value, a URL.
    for (const token of [...new Set(text.match(SECRET_TOKEN))].sort()) {
      const first = text.indexOf(token);
      problems.push({ property: 'secret', detail: `${where} prints ${token}: …${text.slice(Math.max(0, first - 60), first + 40)}…` });
    }
  }
  for (const value of PROCESS_VALUES) if (text.includes(value)) problems.push({ property: 'secret', detail: `${where} prints the process's PATH` });
  return problems;
}

/** Line breaks as go-yaml, and so litelint's positions, count them: LF, CRLF, and a lone CR. */
const LINE_BREAK = /\r\n|\n|\r/g;

/** 0-based offset of a 1-based line and column in a text (no BOM in generated files). */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    LINE_BREAK.lastIndex = offset;
    const next = LINE_BREAK.exec(text);
    if (!next) return text.length;
    offset = next.index + next[0].length;
  }
  return offset + column - 1;
}

/** Where `offset` lands after `edits` (non-overlapping) are applied before it. */
function shifted(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const edit of edits) if (edit.end <= offset && !(edit.start === offset && edit.end === offset)) delta += edit.text.length - (edit.end - edit.start);
  return offset + delta;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split(LINE_BREAK);
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** `${NAME...}`, or `$NAME` without braces (compose reads both). */
const EXPRESSION = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?+][\s\S]*)?\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/** An edit's own claims: `replaces` equals the text at its span, the span lies in the file, a fallback fix rewrites a whole `${NAME...}`. */
function editProblems(finding: Finding, text: string | undefined): Problem[] {
  const problems: Problem[] = [];
  const tag = `${finding.rule}@${finding.file}:${finding.line}:${finding.column}`;
  for (const edit of finding.fix ?? []) {
    if (text === undefined) {
      problems.push({ property: 'edit-span', detail: `${tag}: an edit on a file that is not in the project` });
      continue;
    }
    if (!(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length)) {
      problems.push({ property: 'edit-span', detail: `${tag}: edit ${edit.start}-${edit.end} outside the file (length ${text.length})` });
      continue;
    }
    const written = text.slice(edit.start, edit.end);
    if (edit.replaces !== written) problems.push({ property: 'edit-replaces', detail: `${tag}: replaces ${JSON.stringify(edit.replaces)} but the file has ${JSON.stringify(written)}` });
    if (finding.rule === 'volume-source-fallback') {
      const name = /^\$\{([A-Za-z_][A-Za-z0-9_]*)/.exec(edit.text)?.[1];
      const match = EXPRESSION.exec(written);
      if (!match || (match[1] ?? match[2]) !== name) problems.push({ property: 'edit-span', detail: `${tag}: the edit to ${edit.text} rewrites ${JSON.stringify(written)}` });
    }
  }
  return problems;
}

/**
 * `${` as a YAML file may write it: plain, or with the `$` or the `{` escaped in a double-quoted
 * scalar; or `$NAME` without braces.
 */
const WRITTEN_TEMPLATE_START = /(?:\$|\\x24|\\u0024|\\U00000024)(?:\{|\\x7[bB]|\\u007[bB]|\\U0000007[bB]|[A-Za-z_])/;

/** Findings in project files, at ranges holding what the rule is about. */
function rangeProblems(findings: readonly Finding[], textOf: (file: string) => string | undefined): Problem[] {
  const problems: Problem[] = [];
  for (const finding of findings) {
    const text = textOf(finding.file);
    const tag = `${finding.rule}@${finding.file}:${finding.line}:${finding.column}`;
    if (text === undefined) {
      problems.push({ property: 'range', detail: `${tag}: a finding on a file that is not in the project` });
      continue;
    }
    if (finding.rule === 'parse-error' || finding.rule === 'internal-error') continue;
    const start = offsetOf(text, finding.line, finding.column);
    const end = offsetOf(text, finding.endLine, finding.endColumn);
    const line = text.split(LINE_BREAK)[finding.line - 1] ?? '';
    if (line.trim() === '') problems.push({ property: 'range', detail: `${tag}: starts on an empty line` });
    // An escaped line break of a double-quoted scalar (`\` at the end of a line) may stand inside the `${`.
    if (finding.rule === 'volume-source-fallback' && !WRITTEN_TEMPLATE_START.test(text.slice(start, end).replace(/\\\r?\n[ \t]*/g, ''))) {
      problems.push({ property: 'range', detail: `${tag}: the range holds ${JSON.stringify(text.slice(start, end))}, no \${` });
    }
  }
  return problems;
}

/** Every fallback volume the generator wrote is reported, on its own file, at its line. */
function oracleProblems(spec: ProjectSpec, findings: readonly Finding[]): Problem[] {
  const problems: Problem[] = [];
  // A mutated file that no longer parses may stop compose from reading the files it names.
  if (spec.features.includes('mutated') && findings.some((finding) => finding.rule === 'parse-error')) return problems;
  for (const expected of spec.fallbacks) {
    // A continued line may put the `${` on the line after the item's first line.
    const lines = expected.style === 'continued' ? [expected.line, expected.line + 1] : [expected.line];
    const found = findings.some((finding) => finding.rule === 'volume-source-fallback' && finding.file === expected.file && lines.includes(finding.line));
    if (found) continue;
    // Where it went instead, if anywhere: a finding elsewhere whose fix or message names the variable.
    const elsewhere = findings.find((finding) => finding.rule === 'volume-source-fallback' && finding.message.includes(` ${expected.variable} is `));
    const instead = elsewhere ? `reported at ${elsewhere.file}:${elsewhere.line} instead` : 'reported nowhere';
    problems.push({ property: 'fallback-reported', detail: `\${${expected.variable}:-…} (${expected.style}) at ${expected.file}:${expected.line} ${instead}` });
  }
  return problems;
}

export interface FixPlan {
  /** Fixed texts by real path (a fix through a symlink rewrites its target). */
  fixed: Record<string, string>;
  /** Per real path, the edits and the findings they repair. */
  edits: Map<string, { edits: TextEdit[]; findings: Finding[] }>;
  /** True when every edit's span holds the text it claims (so --fix must write exactly `fixed`). */
  sound: boolean;
}

/** What --fix should write: each file's edits applied to that file's text. */
function planFixes(spec: ProjectSpec, findings: readonly Finding[], sound: boolean): FixPlan {
  const edits = new Map<string, { edits: TextEdit[]; findings: Finding[] }>();
  for (const finding of findings) {
    if (!finding.fix) continue;
    const real = resolveInside(spec, finding.file);
    if (real === undefined) continue;
    const entry = edits.get(real) ?? { edits: [], findings: [] };
    // Findings at one place (a service and those extending it) carry the same edit: it is made once.
    for (const edit of finding.fix) {
      if (!entry.edits.some((other) => other.start === edit.start && other.end === edit.end && other.text === edit.text)) entry.edits.push(edit);
    }
    entry.findings.push(finding);
    edits.set(real, entry);
  }
  const fixed = { ...spec.files };
  for (const [real, entry] of edits) fixed[real] = applyEdits(spec.files[real], entry.edits);
  return { fixed, edits, sound };
}

/** The edits' own problems and what --fix should write. */
export function fixPlanOf(spec: ProjectSpec, findings: readonly Finding[], textOf: (file: string) => string | undefined): { plan: FixPlan; problems: Problem[] } {
  const problems = findings.flatMap((finding) => editProblems(finding, textOf(finding.file)));
  const sound = problems.length === 0;
  return { plan: planFixes(spec, findings, sound), problems };
}

/** After the fix, no finding of the same rule where a fixed finding started (its place moved by the edits before it). */
export function refixProblems(spec: ProjectSpec, plan: FixPlan, after: readonly Finding[], where: string): Problem[] {
  const problems: Problem[] = [];
  for (const [real, entry] of plan.edits) {
    const before = spec.files[real];
    for (const finding of entry.findings) {
      const place = lineColumn(plan.fixed[real], shifted(offsetOf(before, finding.line, finding.column), entry.edits));
      const again = after.find(
        (other) => other.rule === finding.rule && resolveInside(spec, other.file) === real && other.line === place.line && other.column === place.column,
      );
      if (again) problems.push({ property: 'refix', detail: `${where}: ${finding.rule}@${finding.file}:${finding.line}:${finding.column} is still reported after its fix, at ${place.line}:${place.column}` });
    }
  }
  return problems;
}

/** Every property of one lint() of the project, the fix and re-lint included. */
export function lintProblems(
  spec: ProjectSpec,
  findings: readonly Finding[],
  textOf: (file: string) => string | undefined,
  relint: (fixed: Record<string, string>) => Finding[],
): { problems: Problem[]; plan: FixPlan } {
  const problems: Problem[] = [];
  const files = Object.keys(spec.files);
  problems.push(...findingProblems(findings, textOf).map((detail) => ({ property: 'positions', detail })));
  problems.push(...formatProblems(findings, files, textOf).map((detail) => ({ property: 'formats', detail })));
  problems.push(...rangeProblems(findings, textOf));
  problems.push(...oracleProblems(spec, findings));
  const { plan, problems: editIssues } = fixPlanOf(spec, findings, textOf);
  problems.push(...editIssues);
  for (const finding of findings) problems.push(...leakProblems(`message of ${finding.rule}@${finding.file}:${finding.line}`, [finding.message, ...(finding.related ?? []).map((related) => related.message)].join('\n')));
  const context = { color: false, fileCount: files.length, files, sourceText: textOf, toolVersion: '0.0.0-test' };
  for (const name of FORMAT_NAMES) problems.push(...leakProblems(`-f ${name}`, loadFormatter(name)?.(findings, context) ?? ''));
  if (plan.edits.size > 0) {
    const after = relint(plan.fixed);
    problems.push(...findingProblems(after, (file) => {
      const real = resolveInside(spec, file);
      return real === undefined ? undefined : plan.fixed[real];
    }).map((detail) => ({ property: 'positions', detail: `after fix: ${detail}` })));
    problems.push(...refixProblems(spec, plan, after, 'lint() after applying the edits'));
  }
  return { problems, plan };
}

// ---------------------------------------------------------------------------------------------
// The file system around a CLI run

export interface Entry {
  ino: number;
  mode: number;
  uid: number;
  mtimeMs: number;
  content: string;
  link?: string;
}

/** Every entry under `root`, symlinks not followed: what a run may not change. */
export function snapshot(root: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const absolute = join(dir, name);
      const stats = lstatSync(absolute);
      const key = relative(root, absolute);
      const entry: Entry = { ino: stats.ino, mode: stats.mode, uid: stats.uid, mtimeMs: stats.mtimeMs, content: '' };
      if (stats.isSymbolicLink()) entry.link = readlinkSync(absolute);
      else if (stats.isDirectory()) walk(absolute);
      else entry.content = readFileSync(absolute, 'latin1');
      out.set(key, entry);
    }
  };
  walk(root);
  return out;
}

/** Problems when `after` differs from `before` outside the hull of the edits' spans. */
export function outsideEditsProblems(path: string, before: string, after: string, edits: readonly TextEdit[]): Problem[] {
  if (edits.length === 0 || before === after) return [];
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const first = Math.min(...edits.map((edit) => edit.start));
  const last = Math.max(...edits.map((edit) => edit.end));
  if (prefix >= first && before.length - suffix <= last) return [];
  return [{ property: 'cli-fix', detail: `--fix changed ${path} at ${prefix}-${before.length - suffix}, outside its edits (${first}-${last})` }];
}

/** Entries added, removed or changed between two snapshots (directories' mtimes aside: a rename touches them). */
export function changedEntries(before: Map<string, Entry>, after: Map<string, Entry>): string[] {
  const changed: string[] = [];
  for (const [key, entry] of before) {
    const now = after.get(key);
    if (!now) changed.push(`removed ${key}`);
    else if (now.link !== entry.link || now.content !== entry.content || (now.mode & 0o170000) !== (entry.mode & 0o170000)) changed.push(`changed ${key}`);
    else if (!(entry.mode & 0o040000) && (now.ino !== entry.ino || now.mtimeMs !== entry.mtimeMs)) changed.push(`rewritten ${key}`);
  }
  for (const key of after.keys()) if (!before.has(key)) changed.push(`added ${key}`);
  return changed;
}

/**
 * The RuleTester's checking logic, kept apart from vitest (./rule-table.ts binds it) so that its
 * refusals have unit tests of their own. A rule is tested through the package's public `lint()`,
 * in memory, over small projects given as `{path: text}`: what the rule reports is compared, in
 * the engine's order, with every finding a case lists, and a fixable rule's edits with the files
 * they produce.
 */
import { applyEdits } from '../../src/fix';
import { defaultSettings, lint, messageText, type Finding, type Rule, type Settings, type Severity } from '../../src/index';
import { kindFromName } from '../../src/kinds';

export interface ProjectCase {
  /** What the case shows; the test's name (the files stand in when it is missing). */
  name?: string;
  /** The project: path (posix, relative to the project root) to text. */
  files: Readonly<Record<string, string>>;
  /** Over the default settings (`.litelint.yaml` as validated). */
  settings?: Partial<Settings>;
  /** The rule's options, as `.litelint.yaml` sets them under `rules.<id>.options`. */
  options?: Readonly<Record<string, unknown>>;
  /** `file:line:column` of each parse-error the case is written to have; none unless stated. */
  parseErrors?: readonly string[];
}

export interface ExpectedError {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  /** A key of the rule's `meta.messages`: with the exact range, it decides what was reported. */
  messageId: string;
  /**
   * Each related location, in order, as `file:line:column`, or `file:line:column message` to compare
   * its message too (item by item); compared only where a case states it.
   */
  related?: readonly string[];
  /** The message's placeholders (the deciding facts: a version, an image); the filled message is compared where a case states them. */
  data?: Readonly<Record<string, string | number>>;
  /** The exact remedy; compared only where a case states it (undefined when the finding has none). */
  help?: string;
}

/** An error as the tester compares it: `data` stands as the message it fills. */
export type ComparedError = Omit<ExpectedError, 'data'> & { message?: string };

export interface InvalidCase extends ProjectCase {
  errors: readonly ExpectedError[];
  /**
   * For a fixable rule (required there): every file the rule's fixes change, with its text after
   * all of them are applied; `null` when the case has no fix.
   */
  output?: Readonly<Record<string, string>> | null;
}

export interface RuleTable {
  valid: readonly ProjectCase[];
  invalid: readonly InvalidCase[];
}

/** A table the tester will not run: the message says what to change. */
export class RuleTableRefusal extends Error {
  override name = 'RuleTableRefusal';
}

/** What a case observes, in the shape a case states it, so that one deep equality compares the two. */
export interface Outcome {
  errors: ComparedError[];
  output?: Record<string, string> | null;
  /** Where the files do not parse: a case that does not read as written may test nothing. */
  parseErrors: string[];
  /** The rule's crashes (`internal-error`), with their messages. */
  internalErrors: string[];
}

// What a finding without a messageId (a core finding) shows: no case can expect it.
const NO_MESSAGE_ID = '(none)';

/** A key that is the same for two objects with the same content, whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function caseName(project: ProjectCase): string {
  if (project.name) return project.name;
  const files = canonical(project.files);
  return files.length > 80 ? `${files.slice(0, 79)}…` : files;
}

/** Throws a RuleTableRefusal for a table that cannot test its rule as written. */
export function checkTable(rule: Rule, table: RuleTable): void {
  const id = rule.meta.id;
  const refuse = (message: string): never => {
    throw new RuleTableRefusal(`${id}: ${message}`);
  };
  if (table.valid.length === 0 || table.invalid.length === 0) refuse('a table needs at least one valid and one invalid case');
  const seen = new Map<string, string>();
  for (const project of [...table.valid, ...table.invalid]) {
    const key = canonical({ files: project.files, settings: project.settings, options: project.options });
    const earlier = seen.get(key);
    if (earlier !== undefined) refuse(`case "${caseName(project)}" has the same files, settings and options as "${earlier}"`);
    seen.set(key, caseName(project));
  }
  const known = Object.keys(rule.meta.messages ?? {});
  for (const invalid of table.invalid) {
    const name = caseName(invalid);
    if (invalid.errors.length === 0) refuse(`invalid case "${name}" lists no error (a case without findings is a valid case)`);
    if (rule.meta.fixable && invalid.output === undefined) refuse(`invalid case "${name}" has no output; the rule is fixable: give the fixed files, or null for no fix`);
    if (!rule.meta.fixable && invalid.output !== undefined) refuse(`invalid case "${name}" has an output, but the rule is not fixable`);
    for (const error of invalid.errors) {
      if (!known.includes(error.messageId)) refuse(`invalid case "${name}": messageId '${error.messageId}' is not in meta.messages (${known.join(', ') || 'none'})`);
    }
  }
}

function settingsOf(rule: Rule, project: ProjectCase): Settings {
  const settings = { ...defaultSettings(), ...project.settings };
  if (project.options === undefined) return settings;
  const own = settings.rules[rule.meta.id];
  return { ...settings, rules: { ...settings.rules, [rule.meta.id]: { ...own, options: { ...project.options } } } };
}

/**
 * Lints a case as the CLI lints a project: the files discovery finds by name are linted, every
 * other file is only readable (evidence, `.env`), and the rule under test is the only rule run.
 */
function lintCase(rule: Rule, project: ProjectCase): Finding[] {
  const linted = Object.entries(project.files)
    .filter(([path]) => kindFromName(path) !== undefined)
    .map(([path, text]) => ({ path, text }));
  const readFile = (path: string): string | undefined => (Object.hasOwn(project.files, path) ? project.files[path] : undefined);
  // A folder's files, as the CLI lists them (the .go files of a package).
  const listDirectory = (dir: string): string[] => {
    const prefix = dir === '.' || dir === '' ? '' : `${dir}/`;
    return Object.keys(project.files).filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/')).map((path) => path.slice(prefix.length));
  };
  return lint(linted, { rules: [rule], readFile, listDirectory, settings: settingsOf(rule, project) }).findings;
}

function fixedFiles(project: ProjectCase, findings: readonly Finding[]): Record<string, string> | null {
  const editsByFile = new Map<string, NonNullable<Finding['fix']>>();
  for (const finding of findings) if (finding.fix) editsByFile.set(finding.file, [...(editsByFile.get(finding.file) ?? []), ...finding.fix]);
  if (editsByFile.size === 0) return null;
  const output: Record<string, string> = {};
  for (const [file, edits] of editsByFile) {
    const text = project.files[file] ?? '';
    // Edits are offsets into the text without its BOM; --fix writes the BOM back.
    const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
    output[file] = bom + applyEdits(text.slice(bom.length), edits);
  }
  return output;
}

function location(finding: { file: string; line: number; column: number }): string {
  return `${finding.file}:${finding.line}:${finding.column}`;
}

/**
 * What the rule reports on a case, shaped as the case states it: `related` where the expected
 * error at the same index gives it, `output` where the case has one.
 */
export function observe(rule: Rule, project: ProjectCase | InvalidCase): Outcome {
  const findings = lintCase(rule, project);
  const own = findings.filter((finding) => finding.rule === rule.meta.id);
  const expected = 'errors' in project ? project.errors : [];
  const errors = own.map((finding, index): ComparedError => {
    const { file, line, column, endLine, endColumn, severity } = finding;
    const error: ComparedError = { file, line, column, endLine, endColumn, severity, messageId: finding.messageId ?? NO_MESSAGE_ID };
    const stated = expected[index];
    if (stated?.related) {
      // Each item in the form the case states it: its location alone, or with its message.
      error.related = (finding.related ?? []).map((item, at) => (stated.related?.[at] === location(item) ? location(item) : `${location(item)} ${item.message}`));
    }
    if (stated?.data) error.message = finding.message;
    if (stated && 'help' in stated) error.help = finding.help;
    return error;
  });
  const of = (id: string): Finding[] => findings.filter((finding) => finding.rule === id);
  const outcome: Outcome = {
    errors,
    parseErrors: of('parse-error').map(location),
    internalErrors: of('internal-error').map((finding) => `${location(finding)} ${finding.message}`),
  };
  if ('output' in project && project.output !== undefined) outcome.output = fixedFiles(project, own);
  return outcome;
}

/** The error a case states, its `data` filled into the rule's message (checkTable made sure the id exists). */
function comparedError(rule: Rule, { data, ...error }: ExpectedError): ComparedError {
  return data ? { ...error, message: messageText(rule.meta, { messageId: error.messageId, data }) } : error;
}

/** The outcome a case states: its errors (none for a valid case), its output, its parse errors, no crash. */
export function expectedOutcome(rule: Rule, project: ProjectCase | InvalidCase): Outcome {
  const errors = 'errors' in project ? project.errors.map((error) => comparedError(rule, error)) : [];
  const outcome: Outcome = { errors, parseErrors: [...(project.parseErrors ?? [])], internalErrors: [] };
  if ('output' in project && project.output !== undefined) outcome.output = project.output === null ? null : { ...project.output };
  return outcome;
}

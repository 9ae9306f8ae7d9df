import { posix } from 'node:path';
import { defaultSettings, type Settings } from './config';
import { ParseError } from './errors';
import { kindFromContent, kindFromName } from './kinds';
import { createKnowledge } from './knowledge/knowledge';
import type { Parsers } from './parsers';
import { createFacts } from './facts/facts';
import { builtDockerfilePaths, joinProjectPath, linkProject, type BuildPaths, type Model } from './project/model';
import type { DockerfileModel, Located } from './dockerfile/model';
import { fileOfRange, SourceFile } from './source';
import { Suppressions, findIgnoreComments } from './suppression';
import type { RuleRegistry } from './registry';
import { docsUrl, messageText, resolveOptions, type Report, type Rule } from './rule-api';
import type { ComposeModel } from './compose/model';
import type { FileKind, Finding, InputFile, Level, Range, Severity } from './types';
import { RefusedFile, refusedMessage } from './refused-file';
import { redactCredentials } from './quote';

export interface LintOptions {
  settings?: Settings;
  /**
   * The settings of one file (a linted file, a Dockerfile a build names, an evidence file), by the
   * path a finding is filed on; without it `settings` applies to every file. The CLI answers with
   * each file's nearest `.litelint.yaml` (the same object for files that share a config).
   */
  settingsFor?: (path: string) => Settings;
  /** The rules litelint knows (./registry.ts); the composition roots hand in the shipped one. */
  registry: RuleRegistry;
  /** The parser of each file kind; the composition roots choose how they are loaded (./parsers.ts, ./lazy-parsers.ts). */
  parsers: Parsers;
  /** The rules to run (one rule under test); defaults to the registry's. */
  rules?: readonly Rule[];
  /**
   * Reads a project file that is not among `files` (evidence, `.env`, included compose files).
   * A `RefusedFile` answer (a file outside the project) becomes an `outside-project` finding;
   * anything else that is not a string, or a throw, means the file cannot be read.
   */
  readFile?: (path: string) => string | undefined | RefusedFile;
  /**
   * Names of the files in a project directory (`.`: the root), for evidence that needs a whole
   * folder (the .go files of a package). Without it, or when it throws or answers something that is
   * not an array of names, such evidence counts as unknown and litelint keeps the coarser verdict.
   */
  listDirectory?: (path: string) => readonly string[] | undefined;
  /** Variables that win over the project's `.env` when interpolating compose files. */
  env?: Readonly<Record<string, string>>;
  reportUnusedIgnores?: boolean;
}

export interface LintResult {
  findings: Finding[];
  /** Files that were linted, with their kinds, in input order. */
  files: { path: string; kind: FileKind }[];
}

/** A binary file is not a Dockerfile: a NUL byte gives it away, as it does for git. */
function firstNulByte(text: string): number {
  return text.indexOf('\u0000');
}

function parseModel(file: SourceFile, parsers: Parsers, read: ProjectRead, env: ReadonlyMap<string, string>, refusal: (path: string) => string | undefined): Model {
  const nul = firstNulByte(file.text);
  if (nul !== -1) throw new ParseError('binary content (NUL byte); not a text file', nul, nul + 1);
  switch (file.kind) {
    case 'dockerfile':
      return parsers.dockerfile(file);
    case 'compose':
      return parsers.compose(file, { readFile: (path: string) => read(joinProjectPath(path)), env, refusal });
    case 'kamal':
      return parsers.kamal(file);
  }
}

/** Interpolation variables for a compose file: the caller's env first, then the project's `.env`. */
function composeEnv(composePath: string, parsers: Parsers, read: ProjectRead, env: Readonly<Record<string, string>>): Map<string, string> {
  const variables = new Map(Object.entries(env));
  const dotenvText = read(joinProjectPath(posix.dirname(composePath), '.env'));
  if (dotenvText === undefined) return variables;
  try {
    const lookup = (name: string): string | undefined => variables.get(name);
    for (const [name, value] of parsers.dotenv(dotenvText, lookup)) {
      if (!variables.has(name)) variables.set(name, value);
    }
  } catch {
    // Compose refuses a broken .env too, but the finding belongs to the .env, which is not linted; the
    // compose file is still read with the variables that are known.
  }
  return variables;
}

/** Reads a project file by its normalised project path (the linted inputs first). */
type ProjectRead = (path: string) => string | undefined;

const OUTSIDE_PROJECT = 'outside-project';
const START: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/**
 * The caller's answer for a file that is not linted, as text or undefined: a refusal is recorded
 * (reported once the files are parsed), and an answer that is not a string (a Buffer, a number, a
 * throw from an embedder's reader) is a file that cannot be read, not an internal error.
 */
function readOther(readFile: LintOptions['readFile'], path: string, refused: Map<string, string>): string | undefined {
  let answer: unknown;
  try {
    answer = readFile?.(path);
  } catch {
    return undefined;
  }
  if (typeof answer === 'string') return answer;
  if (answer instanceof RefusedFile) refused.set(path, answer.reason);
  return undefined;
}

/** The caller's listing of a project directory; anything but an array of strings (or a throw) is no listing. */
function listOther(listDirectory: LintOptions['listDirectory'], path: string): readonly string[] | undefined {
  let answer: unknown;
  try {
    answer = listDirectory?.(path === '' ? '.' : joinProjectPath(path));
  } catch {
    return undefined;
  }
  return Array.isArray(answer) && answer.every((name) => typeof name === 'string') ? answer : undefined;
}

function levelOf(rule: { id: string; defaultSeverity: Severity }, settings: Settings): Level {
  return settings.rules[rule.id]?.level ?? rule.defaultSeverity;
}

function toFinding(rule: string, severity: Severity, file: string, range: Range, message: string): Finding {
  return {
    rule,
    severity,
    file,
    line: range.start.line,
    column: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
    // The one place every message passes: a credential quoted from any file is masked here.
    message: redactCredentials(message),
    docs: docsUrl(rule),
  };
}

/** A rule's message is one line of at most this many characters; the remedy goes to `help`. */
export const MESSAGE_MAX = 160;

/**
 * A message that quotes a long name (a service, an image, a path a hostile repository chose) is cut
 * to MESSAGE_MAX with an ellipsis, after redaction. A line break in a quoted name stays in the data
 * (JSON and XML carry it as an escape of their own syntax); every text format writes it as `\n`.
 */
function clipMessage(message: string): string {
  if (message.length <= MESSAGE_MAX) return message;
  let end = MESSAGE_MAX - 1;
  if (/[\uD800-\uDBFF]/.test(message.charAt(end - 1))) end -= 1; // never split a surrogate pair
  return `${message.slice(0, end)}…`;
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/**
 * Hostile input (10,000 nested `${` or YAML collections) can exhaust the stack of a recursive
 * parser. That is a limit of what litelint reads, like --max-file-size, not a crash to report.
 */
const NESTED_TOO_DEEPLY = 'nested too deeply to read (the parser ran out of stack)';

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function internalErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return `internal error, please report it: ${text.split('\n')[0]}`;
}

interface ParsedInput {
  file: SourceFile;
  model?: Model;
  /** The parse-error finding of a file that could not be read as its kind. */
  failure?: Finding;
}

function parseInput(
  file: SourceFile,
  parsers: Parsers,
  read: ProjectRead,
  env: Readonly<Record<string, string>>,
  refusal: (path: string) => string | undefined,
): ParsedInput {
  try {
    const variables = file.kind === 'compose' ? composeEnv(file.path, parsers, read, env) : new Map<string, string>();
    return { file, model: parseModel(file, parsers, read, variables, refusal) };
  } catch (error) {
    const range = error instanceof ParseError ? file.range(error.offset, error.endOffset ?? error.offset) : file.range(0, 0);
    const message = error instanceof ParseError ? error.message : isStackOverflow(error) ? NESTED_TOO_DEEPLY : internalErrorMessage(error);
    return { file, failure: toFinding('parse-error', 'error', file.path, range, message) };
  }
}

/**
 * The Dockerfiles the parsed compose files and Kamal configs build, by project path: a linted one is
 * its own model (or, when it failed to parse, already reported); any other is read and parsed here,
 * once, and a parse error of it is a parse-error finding on that Dockerfile like any linted file's.
 */
function parseBuiltDockerfiles(
  models: readonly Model[],
  linted: readonly ParsedInput[],
  parsers: Parsers,
  read: ProjectRead,
  env: Readonly<Record<string, string>>,
  refusal: (path: string) => string | undefined,
): { models: Map<string, DockerfileModel | undefined>; parsed: ParsedInput[]; missing: BuildPaths[] } {
  const found = new Map<string, DockerfileModel | undefined>();
  for (const { file, model } of linted) {
    if (file.kind === 'dockerfile' && !found.has(joinProjectPath(file.path))) found.set(joinProjectPath(file.path), model?.kind === 'dockerfile' ? model : undefined);
  }
  const parsed: ParsedInput[] = [];
  const missing: BuildPaths[] = [];
  const absent = new Set<string>();
  for (const build of builtDockerfilePaths(models)) {
    if (build.dockerfilePath === undefined) continue;
    const key = joinProjectPath(build.dockerfilePath);
    if (absent.has(key) && build.named && refusal(key) === undefined) missing.push(build);
    if (found.has(key)) continue;
    const text = read(key);
    if (text === undefined) {
      found.set(key, undefined);
      absent.add(key);
      // A refused file (outside the project) is reported as such, not as missing.
      if (build.named && refusal(key) === undefined) missing.push(build);
      continue;
    }
    const input = parseInput(new SourceFile(key, text, 'dockerfile'), parsers, read, env, refusal);
    found.set(key, input.model?.kind === 'dockerfile' ? input.model : undefined);
    parsed.push(input);
  }
  return { models: found, parsed, missing };
}

/** A build whose Dockerfile does not exist: `docker compose build` (or `kamal build`) stops there, and its image is not checked. */
function missingDockerfileMessage(build: BuildPaths): string {
  return `builds ${build.dockerfilePath ?? 'Dockerfile'}, which does not exist; the image it builds was not checked`;
}

/** Project paths of the override files that a parsed compose model has merged. */
function overridesOfParsedFiles(parsed: readonly ParsedInput[]): Set<string> {
  const paths = new Set<string>();
  for (const { model } of parsed) {
    if (model?.kind === 'compose' && model.overrideFile) paths.add(joinProjectPath(model.overrideFile.path));
  }
  return paths;
}

/**
 * Where a finding at a range is filed: on the file whose text the range was made from (an override,
 * `extends` or included file is not the file whose model reported it), spelled as that file was
 * given when it is one of the linted inputs, so that each file's findings (and edits) stay together.
 */
function findingFiles(inputs: readonly InputFile[]): (range: Range, reported: string) => string {
  const spelling = new Map<string, string>();
  for (const input of inputs) if (!spelling.has(joinProjectPath(input.path))) spelling.set(joinProjectPath(input.path), input.path);
  return (range, reported) => {
    const path = fileOfRange(range)?.path ?? reported;
    return spelling.get(joinProjectPath(path)) ?? path;
  };
}

/**
 * Lints a set of files as one project. Never throws for bad input: a file that cannot be read as
 * its kind gets a `parse-error` finding and the other files are linted as usual.
 */
export function lint(files: readonly InputFile[], options: LintOptions): LintResult {
  const settings = options.settings ?? defaultSettings();
  const settingsFor = options.settingsFor ?? ((): Settings => settings);
  const texts = new Map<string, string>();
  for (const input of files) texts.set(joinProjectPath(input.path), input.text);
  const refused = new Map<string, string>();
  const read: ProjectRead = (path) => texts.get(path) ?? readOther(options.readFile, path, refused);
  const reportedRefusals = new Set<string>();
  const fileFor = findingFiles(files);

  const findings: Finding[] = [];
  const entryLines = new WeakMap<Finding, number>();
  const sources = new Map<string, SourceFile>();
  const linted: { path: string; kind: FileKind }[] = [];
  const parsed: ParsedInput[] = [];

  for (const input of files) {
    if (sources.has(input.path)) continue;
    const kind = input.kind ?? kindFromName(input.path) ?? kindFromContent(input.path, input.text);
    const file = new SourceFile(input.path, input.text, kind);
    sources.set(file.path, file);
    linted.push({ path: input.path, kind });
    parsed.push(parseInput(file, options.parsers, read, options.env ?? {}, (path) => refused.get(path)));
  }

  const merged = overridesOfParsedFiles(parsed);
  const models: Model[] = [];
  const modelErrors: { file: SourceFile; model: Model }[] = [];
  for (const { file, model, failure } of parsed) {
    if (failure) findings.push(failure);
    // An override's values are read, and reported, through the model of the main file it overrides
    // (its syntax errors are the same there, so they are reported once).
    if (!model || (model.kind === 'compose' && merged.has(joinProjectPath(file.path)))) continue;
    models.push(model);
    modelErrors.push({ file, model });
  }
  // The Dockerfiles the project builds are parsed now, before any rule runs, whether linted or not.
  const built = parseBuiltDockerfiles(models, parsed, options.parsers, read, options.env ?? {}, (path) => refused.get(path));
  for (const item of built.parsed) {
    if (item.failure) findings.push(item.failure);
    if (item.model) modelErrors.push({ file: item.file, model: item.model });
  }
  for (const build of built.missing) {
    findings.push(toFinding('parse-error', 'error', fileFor(build.at.range, build.at.file), build.at.range, missingDockerfileMessage(build)));
  }
  const project = linkProject(models, (path) => built.models.get(joinProjectPath(path)));
  for (const { file, model } of modelErrors) {
    for (const error of model.errors) {
      if ('environmentDependent' in error && error.environmentDependent) continue;
      const errorFile = 'file' in error && error.file ? error.file : file;
      const rule = 'rule' in error && error.rule ? error.rule : 'parse-error';
      if ('refusedPath' in error && error.refusedPath) reportedRefusals.add(error.refusedPath);
      findings.push(toFinding(rule, options.registry.meta(rule)?.defaultSeverity ?? 'error', fileFor(error.range, errorFile.path), error.range, error.message));
    }
  }

  const presentKinds = new Set(project.models.map((model) => model.kind));
  // ESLint's rule: the config of the file that holds a finding decides it, its level and also the
  // options, images and fixed range the rule read. The project is parsed and linked once (a compose
  // file and the Dockerfile it builds in another directory still meet); the rules run once per
  // distinct settings, each run keeping the findings filed on files of its settings.
  const groups = settingsGroups(settings, settingsFor, files, built.models.keys());
  // A finding on a file of none of the groups (an included file under another config) is kept by the run's settings.
  const groupOf = (path: string): Settings => {
    const own = settingsFor(path);
    return groups.includes(own) ? own : settings;
  };
  for (const group of groups) {
    const knowledge = createKnowledge(group);
    const facts = createFacts(project, knowledge, (path) => read(joinProjectPath(path)), (path) => listOther(options.listDirectory, path));
    const ownsFile = (path: string): boolean => groupOf(path) === group;
    for (const rule of options.rules ?? options.registry.rules) {
      const level = levelOf({ id: rule.meta.id, defaultSeverity: rule.meta.defaultSeverity }, group);
      if (level === 'off' || !rule.meta.kinds.some((kind) => presentKinds.has(kind))) continue;
      const report = (entry: Report): void => {
        const file = fileFor(entry.range, entry.file);
        if (!ownsFile(file)) return;
        const finding = toFinding(rule.meta.id, entry.severity ?? level, file, entry.range, messageText(rule.meta, entry));
        finding.message = clipMessage(finding.message);
        finding.messageId = entry.messageId;
        if (entry.help) finding.help = redactCredentials(entry.help);
        if (entry.related?.length) finding.related = entry.related.map((item) => ({ ...item, message: redactCredentials(item.message) }));
        if (entry.fix) finding.fix = entry.fix;
        if (entry.entryLine !== undefined) entryLines.set(finding, entry.entryLine);
        findings.push(finding);
      };
      try {
        rule.check({ project, options: resolveOptions(rule.meta, group.rules[rule.meta.id]?.options), settings: group, knowledge, facts, report });
      } catch (error) {
        const first = project.models.find((model) => ownsFile(model.file.path))?.file ?? project.models[0]?.file;
        if (first) findings.push(toFinding('internal-error', 'error', first.path, first.range(0, 0), `rule ${rule.meta.id} failed: ${internalErrorMessage(error)}`));
      }
    }
  }

  // A refused file no compose entry named (a `.env` beside the file, evidence a rule looked for) is
  // reported on the file itself.
  for (const [path, reason] of refused) {
    if (!reportedRefusals.has(path)) findings.push(toFinding(OUTSIDE_PROJECT, options.registry.meta(OUTSIDE_PROJECT)?.defaultSeverity ?? 'warning', path, START, refusedMessage(path, reason)));
  }

  const kept = applySuppressions(findings, { linted: sources, merged: mergedSources(project), comments: commentsByFile(project.models) }, entryLines, settingsFor, options.reportUnusedIgnores === true);
  return { findings: withoutRepeats(kept.sort(compareFindings)), files: linted };
}

/**
 * The distinct settings of the run's files (linted and built Dockerfiles), first met first; the
 * run's own settings always, so a run of one config is one group as before.
 */
function settingsGroups(settings: Settings, settingsFor: (path: string) => Settings, files: readonly InputFile[], built: Iterable<string>): Settings[] {
  const groups = new Set<Settings>([settings]);
  for (const input of files) groups.add(settingsFor(input.path));
  for (const path of built) groups.add(settingsFor(path));
  return [...groups];
}

function applyLevel(finding: Finding, settings: Settings): Finding | undefined {
  const level = settings.rules[finding.rule]?.level;
  if (level === 'off') return undefined;
  // A rule's per-finding severity (e.g. a warning variant) stands unless the user set a level.
  return level ? { ...finding, severity: level } : finding;
}

/**
 * The files merged into compose models (override, `extends`, `include`) by their project path:
 * findings are filed on them, so a litelint-ignore comment written there applies.
 */
function mergedSources(project: { composeFiles: readonly ComposeModel[] }): Map<string, SourceFile> {
  const merged = new Map<string, SourceFile>();
  for (const compose of project.composeFiles) for (const file of compose.mergedFiles) merged.set(joinProjectPath(file.path), file);
  return merged;
}

/**
 * The comments the models read, by the project path of the file each is written in (a compose
 * model's include, `extends` and override files have their own), each once.
 */
function commentsByFile(models: readonly Model[]): Map<string, Located[]> {
  const byFile = new Map<string, Located[]>();
  const seen = new Set<string>();
  for (const model of models) {
    const files = model.kind === 'compose' ? [model.file, ...model.mergedFiles] : [model.file];
    for (const file of files) if (!byFile.has(joinProjectPath(file.path))) byFile.set(joinProjectPath(file.path), []);
    for (const comment of model.comments) {
      const path = joinProjectPath((fileOfRange(comment.range) ?? model.file).path);
      const key = `${path}\u0000${comment.range.start.offset}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = byFile.get(path);
      if (list) list.push(comment);
      else byFile.set(path, [comment]);
    }
  }
  return byFile;
}

function applySuppressions(
  findings: Finding[],
  sources: { linted: Map<string, SourceFile>; merged: Map<string, SourceFile>; comments: Map<string, Located[]> },
  entryLines: WeakMap<Finding, number>,
  settingsFor: (path: string) => Settings,
  reportUnused: boolean,
): Finding[] {
  const suppressionsByFile = new Map<string, Suppressions>();
  const suppressionsFor = (path: string): Suppressions | undefined => {
    const file = sources.linted.get(path) ?? sources.merged.get(joinProjectPath(path));
    if (!file) return undefined;
    let suppressions = suppressionsByFile.get(path);
    if (!suppressions) {
      // A file with a model has its comments read by its parser; one that did not parse is searched line by line.
      suppressions = new Suppressions(file, findIgnoreComments(file, sources.comments.get(joinProjectPath(file.path))));
      suppressionsByFile.set(path, suppressions);
    }
    return suppressions;
  };

  const kept: Finding[] = [];
  for (const finding of findings) {
    const levelled = finding.rule === 'parse-error' || finding.rule === 'internal-error' ? finding : applyLevel(finding, settingsFor(finding.file));
    if (!levelled) continue;
    if (levelled.rule !== 'parse-error' && suppressionsFor(levelled.file)?.suppresses(levelled, entryLines.get(finding))) continue;
    kept.push(levelled);
  }
  if (reportUnused) {
    // Comments of merged files that are not linted are not reported: their files may never be named.
    for (const file of sources.linted.values()) {
      const suppressions = suppressionsFor(file.path);
      for (const { comment, rule } of suppressions?.unused() ?? []) {
        kept.push(toFinding('unused-ignore', 'warning', file.path, comment.range, `litelint-ignore for ${rule} suppresses nothing here; remove it`));
      }
    }
  }
  return kept;
}

/**
 * Sorted findings without repeats (a Dockerfile built by two services can be reported twice for
 * one problem). Sorting is stable and orders by place and rule, so a repeat follows its first
 * occurrence among the findings of that rule at that place, which only the message tells apart.
 */
function withoutRepeats(sorted: Finding[]): Finding[] {
  const kept: Finding[] = [];
  let placeStart = 0;
  for (const finding of sorted) {
    const previous = kept[kept.length - 1];
    if (previous === undefined || compareFindings(previous, finding) !== 0) placeStart = kept.length;
    else if (repeats(kept, placeStart, finding)) continue;
    kept.push(finding);
  }
  return kept;
}

function repeats(kept: Finding[], from: number, finding: Finding): boolean {
  for (let index = from; index < kept.length; index++) if (kept[index].message === finding.message) return true;
  return false;
}

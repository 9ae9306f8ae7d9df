import { existsSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { applyRuleFlag, findConfigFile, loadConfigFile, type KnownRules } from './config-file';
import { gitExcludeLayers } from './git-excludes';
import { unifiedDiff } from './unified-diff';
import { fixSafetyOf } from './rule-api';
import { defaultSettings, type Settings } from './config';
import { knownRulesOf } from './config-schema';
import { discoverFiles, type ConfigIgnore } from './discover';
import { compareFindings, lint, type LintResult } from './engine';
import { lazyParsers } from './lazy-parsers';
import { UsageError } from './errors';
import {
  type ChunkReader,
  descriptorReader,
  DirectoryListings,
  readFailure,
  readInputFileFromDisk,
  listProjectDirectory,
  readProjectEvidence,
  readStreamInput,
  type ReadOutcome,
  waitForDescriptor,
} from './read-file';
import { ProjectBoundary, realPathOf } from './project-root';
import { redactCredentials } from './quote';
import { refusedMessage, type RefusedFile } from './refused-file';
import type { WriteFileSystem } from './safe-write';
import type { FileKind, Finding, InputFile, TextEdit } from './types';
import { FILE_KINDS, kindFromName } from './kinds';
import { isInsideDir, isNormalRelative, relativePosix, resolveUnder } from './paths';
import { joinProjectPath } from './project/model';
import type * as Fix from './fix';
import type * as Formatters from './formatters';
import type * as ImageExplainer from './knowledge/explain';
import { createKnowledge } from './knowledge/knowledge';
import { sqliteKnowledge } from './knowledge/data';
import { knowledgeAgeNotice } from './knowledge/freshness';
import type * as ProcessTuning from './process-tuning';
import type * as LanguageServer from './lsp/server';
import type { RuleRegistry } from './registry';
import { refuseOutput, type ReadFile } from './output-file';
import { escapeJsonText, escapeText, guardLineStarts } from './formatters/escape';
import { closest } from './closest';
import { ruleDoc } from './rule-docs';
import { listFiles } from './list-files';

const HELP = `Usage: litelint [options] [paths...]

Lints Dockerfiles, Docker Compose files and Kamal config/deploy.yml for deploy-time hazards
that make SQLite lose data. Paths default to "."; "-" reads standard input.

Options:
  -f, --format NAME           stylish (default), json, gnu, sarif, github, junit, gitlab
  -o, --output FILE           write the report to FILE instead of standard output
  -c, --config FILE           use FILE instead of the nearest .litelint.yaml
      --rule ID=LEVEL         set a rule's level: off, info, warning, error (repeatable)
      --print-config FILE     print the settings that apply to FILE and the config they came from
      --kind KIND             read every named file as dockerfile, compose or kamal
      --stdin-filename PATH   path (and kind) for the text read from "-"
      --no-ignore             do not honour .gitignore, .git/info/exclude and git's global excludes
      --max-warnings N        exit 1 when there are more than N warnings
  -q, --quiet                 report errors only
      --exit-zero             exit 0 even with findings (2 still means a usage or internal error)
      --color, --no-color     force colours on or off (default: on a terminal, NO_COLOR, FORCE_COLOR)
      --max-file-size BYTES   skip larger files with a finding (default 10485760)
      --report-unused-ignores report litelint-ignore comments that suppress nothing
      --fix                   apply the safe fixes, then report the rest
      --unsafe-fixes          with --fix or --fix-dry-run, also the fixes that change what a deploy does
      --fix-dry-run, --diff   print the fixes as a unified diff; write nothing
      --changed               the paths are changed files (pre-commit): an evidence file (lockfile,
                              requirements*.txt, .env, ...) lints the project's deploy files and
                              reports the findings on it or related to it
      --strict                also report images litelint knows nothing about (info)
      --explain-image IMAGE   print what litelint knows about IMAGE and where from
      --list-files            print the files that would be linted, each with its kind; lint nothing
      --list-rules            list the rules: id, default level, fix, files, description
      --explain-rule ID       print the rule's documentation
      --lsp                   run as a language server over standard input and output (docs/integrations.md)
  -h, --help                  show this help
  -v, --version               show the version

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings,
2 usage or configuration error, an internal failure, or a file --fix could not rewrite.`;

const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

/* eslint-disable @typescript-eslint/no-require-imports -- what only some runs need is loaded when they need it */
/**
 * Start-up time is a feature: a pre-commit run over one Dockerfile must not pay for formatters it
 * does not print with, --fix, the image explainer or the many-files tuning. Node caches each module
 * after its first `require`.
 */
const onFirstUse = {
  formatters: (): typeof Formatters => require('./formatters'),
  fix: (): typeof Fix => require('./fix'),
  explainImage: (): typeof ImageExplainer => require('./knowledge/explain'),
  processTuning: (): typeof ProcessTuning => require('./process-tuning'),
  languageServer: (): typeof LanguageServer => require('./lsp/server'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export interface Io {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads the next bytes of standard input into the buffer; 0 at its end. */
  readStdin: ChunkReader;
  isTty: boolean;
  env: NodeJS.ProcessEnv;
  /** Called once before a run of many files is linted: the CLI tunes the process for it. */
  beforeManyFiles?: () => void;
  /** The clock for the knowledge-age notice; without one no notice is printed (tests set a fixed date). */
  now?: () => Date;
  /** The file system `--fix` writes through (node:fs unless a test injects failures). */
  fixFileSystem?: WriteFileSystem;
}

/**
 * Below this many files a run is over before V8 optimises much, and the tuning (about 5 ms, most
 * of it loading `node:v8`) would only slow a pre-commit run down.
 */
const MANY_FILES = 200;

function version(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'litelint') return pkg.version ?? '0.0.0';
    }
  }
  return '0.0.0';
}

const OPTIONS = {
  format: { type: 'string', short: 'f', default: 'stylish' },
  output: { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true, default: [] as string[] },
  'print-config': { type: 'string' },
  kind: { type: 'string' },
  'stdin-filename': { type: 'string' },
  'no-ignore': { type: 'boolean', default: false },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q', default: false },
  'exit-zero': { type: 'boolean', default: false },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  'report-unused-ignores': { type: 'boolean', default: false },
  fix: { type: 'boolean', default: false },
  'unsafe-fixes': { type: 'boolean', default: false },
  'fix-dry-run': { type: 'boolean', default: false },
  diff: { type: 'boolean', default: false },
  changed: { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
  'explain-image': { type: 'string' },
  'list-files': { type: 'boolean', default: false },
  'list-rules': { type: 'boolean', default: false },
  'explain-rule': { type: 'string' },
  lsp: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const satisfies ParseArgsConfig['options'];

/** The flags litelint takes, as typed on a command line (`--color`, `-f`). */
export const FLAG_NAMES: readonly string[] = Object.keys(OPTIONS).map((name) => `--${name}`);

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-[^']*)'/.exec(message)?.[1] : undefined;
    if (unknown !== undefined) {
      const long = unknown.startsWith('--') ? unknown.replace(/=.*$/, '') : unknown;
      const suggestion = closest(long, FLAG_NAMES);
      throw new UsageError(`unknown option ${long}${suggestion ? `; did you mean ${suggestion}?` : ''} (litelint --help lists the options; a path that starts with - goes after --)`);
    }
    // node's own words otherwise (a missing value), in litelint's one line.
    throw new UsageError(message.split('\n')[0].replace(/^Option '([^']*)' argument missing$/, '$1 needs a value'));
  }
}

function nonNegativeInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} ${value}: expected a non-negative integer`);
  return Number(value);
}


/**
 * Where the settings of a run come from: `-c FILE` for every file, else the nearest
 * `.litelint.yaml` of each file's directory, upward to the project root (as ESLint and Ruff look).
 * `--rule` and `--strict` apply on top of every config.
 */
class SettingsSource {
  private readonly configByDir = new Map<string, string | undefined>();
  private readonly settingsByConfig = new Map<string, Settings>();

  constructor(
    private readonly known: KnownRules,
    private readonly values: { config?: string; rule: string[]; strict: boolean },
    private readonly cwd: string,
    private readonly boundary: ProjectBoundary,
  ) {
    if (values.config && !existsSync(resolve(cwd, values.config))) throw new UsageError(`-c ${values.config}: no such file`);
  }

  /** The config that applies in `dir` (absolute), or undefined for none. */
  configFor(dir: string): string | undefined {
    if (this.values.config) return resolve(this.cwd, this.values.config);
    if (!this.configByDir.has(dir)) {
      const real = realPathOf(dir) ?? resolve(dir);
      const root = this.boundary.roots.find((candidate) => isInsideDir(real, candidate)) ?? this.boundary.roots[0];
      // The walk asks for every directory it enters: a directory without a config of its own takes
      // its parent's answer (cached), so a deep tree costs one look per directory, not per level.
      const own = findConfigFile(real);
      const parent = dirname(real);
      const found = own ?? (real === root || parent === real || !isInsideDir(parent, root) ? undefined : this.configFor(parent));
      this.configByDir.set(dir, found);
    }
    return this.configByDir.get(dir);
  }

  /** The settings of a file (a path as the run spells it, relative to `base`); standard input takes `fallback`'s. */
  settingsOfFile(base: string, path: string, fallback: Settings): Settings {
    if (path === '<stdin>') return fallback;
    return this.settingsOf(this.configFor(dirname(resolveUnder(base, path))));
  }

  /** The `ignore:` patterns that apply to the entries of `dir`: relative to their config's directory (to the working directory with `-c`). */
  ignoreIn(dir: string): ConfigIgnore | undefined {
    const configPath = this.configFor(dir);
    const settings = this.settingsOf(configPath);
    if (settings.ignore.length === 0) return undefined;
    return { base: this.ignoreBase(configPath), patterns: settings.ignore };
  }

  ignoreBase(configPath: string | undefined): string {
    return this.values.config || !configPath ? resolve(this.cwd) : dirname(configPath);
  }

  /** Every config file the run has read. */
  configsRead(): string[] {
    return [...this.settingsByConfig.keys()].filter((key) => key !== '');
  }

  settingsOf(configPath: string | undefined): Settings {
    const key = configPath ?? '';
    const cached = this.settingsByConfig.get(key);
    if (cached) return cached;
    // A config the repository links out of the checkout (to ~/.aws/credentials) would be quoted in
    // its error messages; the one named with -c is the user's choice.
    const place = !this.values.config && configPath ? this.boundary.check(configPath) : undefined;
    if (place && 'refused' in place) throw new UsageError(refusedMessage(relativePosix(resolve(this.cwd), configPath as string) || (configPath as string), place.refused));
    const settings = configPath ? loadConfigFile(configPath, this.known) : defaultSettings();
    for (const flag of this.values.rule) applyRuleFlag(settings, flag, this.known);
    if (this.values.strict) settings.strict = true;
    this.settingsByConfig.set(key, settings);
    return settings;
  }
}

/** The deepest directory holding every named path (a named directory counts as itself). */
function commonDirectory(cwd: string, paths: readonly string[]): string {
  const dirs = paths.map((path) => {
    const absolute = resolve(cwd, path);
    return existsSync(absolute) && statSync(absolute).isDirectory() ? absolute : dirname(absolute);
  });
  if (dirs.length === 0) return resolve(cwd);
  let common = dirs[0];
  for (const dir of dirs.slice(1)) while (!isInsideDir(dir, common) && dirname(common) !== common) common = dirname(common);
  return common;
}

function colorEnabled(io: Io, toFile: boolean, flags: { color?: boolean; 'no-color'?: boolean }): boolean {
  if (flags['no-color']) return false;
  if (flags.color) return true;
  if (toFile) return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.isTty && io.env.TERM !== 'dumb';
}

/** Stops the run when `-o` would replace a file it read (`named`, relative to `base`; ./output-file.ts). */
function checkOutput(output: string, base: string, named: readonly string[], configPaths: readonly string[], gitignoresRead: boolean): void {
  const read: ReadFile[] = named.map((path) => ({ display: path, absolute: resolveUnder(base, path) }));
  for (const configPath of configPaths) read.push({ display: relative(base, configPath), absolute: configPath });
  const refusal = refuseOutput(resolve(base, output), read, base, gitignoresRead);
  if (refusal) throw new UsageError(`-o ${output}: ${refusal}`);
}

/** Runs the command line with the rules of `registry`; returns the exit code. Never throws. */
export function run(argv: string[], io: Io, registry: RuleRegistry): number {
  try {
    return runOrThrow(argv, io, registry);
  } catch (error) {
    // Messages quote paths, keys and values from the repository (.litelint.yaml): credentials are
    // masked and control characters escaped, as in a report.
    if (error instanceof UsageError) {
      io.stderr(`litelint: ${escapeText(redactCredentials(error.message))}\n`);
    } else {
      io.stderr(`litelint: internal error: ${escapeText(redactCredentials(error instanceof Error ? error.message : String(error)))}\n`);
    }
    return 2;
  }
}

/** `--list-rules`: one line a rule, in columns. */
function listRules(registry: RuleRegistry): string {
  const rows = registry.entries.map((meta) => [
    meta.id,
    meta.defaultSeverity,
    meta.core ? 'core' : meta.kinds.join(','),
    meta.fixable ? `fix:${fixSafetyOf(meta)}` : '-',
    meta.description,
  ]);
  const header = ['RULE', 'LEVEL', 'FILES', 'FIX', 'DESCRIPTION'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  return [header, ...rows].map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ')).join('\n');
}

/** `--print-config FILE`: the settings that apply to FILE and the file they came from, as JSON. */
function printConfig(file: string, source: SettingsSource, cwd: string): string {
  const absolute = resolve(cwd, file);
  const dir = existsSync(absolute) && statSync(absolute).isDirectory() ? absolute : dirname(absolute);
  const configPath = source.configFor(dir);
  const settings = source.settingsOf(configPath);
  const shown = {
    file: relativePosix(resolve(cwd), absolute) || '.',
    config: configPath ? relativePosix(resolve(cwd), configPath) || configPath : null,
    rules: settings.rules,
    ignore: settings.ignore,
    // The directory the ignore patterns are relative to: the config's own (the working directory with -c).
    'ignore-base': relativePosix(resolve(cwd), source.ignoreBase(configPath)) || '.',
    images: settings.images,
    'sqlite-fixed-range': settings.sqliteFixedRange ?? null,
    strict: settings.strict,
  };
  return escapeJsonText(`${JSON.stringify(shown, null, 2)}\n`);
}

/** The new text of each file the fixes change (what --fix would write), in the order first met. */
function plannedFixes(findings: readonly Finding[], textOf: (path: string) => string | undefined): { path: string; before: string; after: string }[] {
  const edits = new Map<string, Map<string, TextEdit>>();
  for (const finding of findings) {
    if (!finding.fix) continue;
    const byKey = edits.get(finding.file) ?? new Map<string, TextEdit>();
    for (const edit of finding.fix) byKey.set(`${edit.start}:${edit.end}:${edit.text}`, edit);
    edits.set(finding.file, byKey);
  }
  const { applyEdits } = onFirstUse.fix();
  const planned: { path: string; before: string; after: string }[] = [];
  for (const [path, byKey] of edits) {
    const text = textOf(path);
    if (text === undefined) continue;
    const bom = text.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
    const after = bom + applyEdits(text.slice(bom.length), [...byKey.values()]);
    if (after !== text) planned.push({ path, before: text, after });
  }
  return planned;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function runOrThrow(argv: string[], io: Io, registry: RuleRegistry): number {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  if (values.version) {
    io.stdout(`${version()}\n`);
    return 0;
  }
  if (values.lsp) {
    // The server lives on the event loop until the client sends `exit`.
    onFirstUse.languageServer().startServer(registry);
    return 0;
  }
  if (values['list-rules']) {
    io.stdout(`${listRules(registry)}\n`);
    return 0;
  }
  if (values['explain-rule'] !== undefined) {
    const id = values['explain-rule'];
    const doc = registry.meta(id) ? ruleDoc(id) : undefined;
    if (doc === undefined) {
      const suggestion = closest(id, registry.entries.map((meta) => meta.id));
      throw new UsageError(`--explain-rule ${id}: no such rule${suggestion ? `; did you mean ${suggestion}?` : ''} (--list-rules lists them)`);
    }
    io.stdout(doc.endsWith('\n') ? doc : `${doc}\n`);
    return 0;
  }
  const { loadFormatter, FORMAT_NAMES } = onFirstUse.formatters();
  const formatter = loadFormatter(values.format);
  if (!formatter) throw new UsageError(`--format ${values.format}: expected one of ${FORMAT_NAMES.join(', ')}`);
  const kind = values.kind as FileKind | undefined;
  if (kind !== undefined && !FILE_KINDS.includes(kind)) throw new UsageError(`--kind ${kind}: expected one of ${FILE_KINDS.join(', ')}`);
  const maxWarnings = nonNegativeInteger(values['max-warnings'], '--max-warnings');
  const maxFileSize = nonNegativeInteger(values['max-file-size'], '--max-file-size') ?? DEFAULT_MAX_FILE_SIZE;
  const dryRun = values['fix-dry-run'] || values.diff;
  if (dryRun && values.fix) throw new UsageError('--fix-dry-run writes nothing and --fix writes the fixes: give one of them');
  if (values.color && values['no-color']) throw new UsageError('--color and --no-color: give one of them');
  // The one definition of "inside the project", for the config lookup, the walk and every read.
  const boundary = new ProjectBoundary(io.cwd);
  const known = knownRulesOf(registry);
  const settingsSource = new SettingsSource(known, values, io.cwd, boundary);

  if (values['print-config'] !== undefined) {
    io.stdout(printConfig(values['print-config'], settingsSource, io.cwd));
    return 0;
  }

  let paths = positionals.length > 0 ? positionals : ['.'];
  // pre-commit hands over the changed files: an evidence file (not a deploy file) is read by deploy
  // files, so the project's deploy files are linted and the findings about it kept.
  const base = resolve(io.cwd);
  const shownPath = (path: string): string => relativePosix(base, resolveUnder(base, path)) || '.';
  const changedEvidence = new Set<string>();
  const changedDeploy = new Set<string>();
  if (values.changed) {
    for (const path of paths) {
      if (path === '-') continue;
      if (kindFromName(path) !== undefined) changedDeploy.add(shownPath(path));
      else if (!(existsSync(resolve(base, path)) && statSync(resolve(base, path)).isDirectory())) changedEvidence.add(shownPath(path));
    }
    if (changedEvidence.size > 0) paths = ['.'];
  }
  const usesStdin = paths.includes('-');
  if (usesStdin && values.fix) throw new UsageError('--fix cannot rewrite standard input; name the file instead');
  if (values['stdin-filename'] !== undefined && !usesStdin) throw new UsageError('--stdin-filename needs "-" among the paths');

  // Each file's nearest config decides everything about it: whether it is ignored, the images,
  // options and levels of its findings (src/engine.ts, settingsFor). The config of the directory
  // the run names (the working directory by default) is the run's own: for standard input without
  // --stdin-filename and for --explain-image.
  const primaryConfig = settingsSource.configFor(commonDirectory(io.cwd, paths.filter((path) => path !== '-')));
  const settings = settingsSource.settingsOf(primaryConfig);
  const settingsFor = (path: string): Settings => settingsSource.settingsOfFile(base, path, settings);

  if (values['explain-image'] !== undefined) {
    const { explainImage, explainImageData } = onFirstUse.explainImage();
    const knowledge = createKnowledge(settings);
    // `-f json` asks for the answer as data; every other format gets the text.
    const text = values.format === 'json' ? JSON.stringify(explainImageData(values['explain-image'], knowledge), null, 2) : explainImage(values['explain-image'], knowledge);
    io.stdout(`${text}\n`);
    return 0;
  }

  const inputs: InputFile[] = [];
  const readFailures: Finding[] = [];
  const collect = (path: string, outcome: ReadOutcome, explicitKind: FileKind | undefined): void => {
    if (outcome.text !== undefined) inputs.push({ path, text: outcome.text, kind: explicitKind });
    else if (outcome.failure) readFailures.push(outcome.failure);
  };

  if (usesStdin) {
    const path = values['stdin-filename'] ?? '<stdin>';
    collect(path, readStreamInput(path, io.readStdin, maxFileSize), kind);
  }
  const listings = new DirectoryListings();
  const useGitignore = !values['no-ignore'];
  const { files, missing, problems } = discoverFiles(
    paths.filter((path) => path !== '-'),
    { cwd: io.cwd, useGitignore, ignore: [], configIgnore: (dir) => settingsSource.ignoreIn(dir), listings, boundary, excludes: useGitignore ? gitExcludeLayers(boundary.roots[0], io.env) : [] },
  );
  if (missing.length > 0) throw new UsageError(`no such file or directory: ${missing.join(', ')}`);
  if (values['list-files']) {
    const read = (path: string) => readInputFileFromDisk(path, resolveUnder(base, path), maxFileSize).text;
    const listed = listFiles(files, problems, { kind, stdin: usesStdin ? inputs[0] : undefined, read });
    if (listed.stderr) io.stderr(listed.stderr);
    io.stdout(listed.stdout);
    return 0;
  }
  for (const problem of problems) {
    // `outside-project` takes a level like any rule (a parse-error cannot be switched off).
    const level = problem.rule === 'outside-project' ? settingsFor(problem.path).rules[problem.rule]?.level : undefined;
    if (level === 'off') continue;
    const failure = readFailure(problem.path, problem.message, problem.rule);
    readFailures.push(level ? { ...failure, severity: level } : failure);
  }
  if (files.length >= MANY_FILES) io.beforeManyFiles?.();
  for (const file of files) {
    collect(file.path, readInputFileFromDisk(file.path, resolveUnder(base, file.path), maxFileSize), kind ?? file.kind);
  }
  if (inputs.length === 0 && readFailures.length === 0) {
    io.stderr(`litelint: no files linted: no Dockerfile, Compose file or Kamal config/deploy.yml in ${escapeText(paths.join(' '))} (see docs/usage.md, Files read)\n`);
  }

  const auxiliary = new Map<string, string | undefined | RefusedFile>();
  const readProjectFile = (path: string): string | undefined | RefusedFile => {
    if (auxiliary.has(path)) return auxiliary.get(path);
    const text = readProjectEvidence(path, resolveUnder(base, path), { boundary, listings, maxBytes: maxFileSize });
    auxiliary.set(path, text);
    return text;
  };
  const listProjectFolder = (path: string): string[] | undefined => listProjectDirectory(resolveUnder(base, path), boundary);
  const lintOptions = { settings, settingsFor, registry, parsers: lazyParsers, readFile: readProjectFile, listDirectory: listProjectFolder, reportUnusedIgnores: values['report-unused-ignores'] };

  let linted = inputs;
  let result: LintResult = lint(linted, lintOptions);
  if (values.output !== undefined) {
    // Checked before --fix writes anything.
    const named = [...files.map((file) => file.path), ...auxiliary.keys(), ...(values['stdin-filename'] !== undefined ? [values['stdin-filename']] : [])];
    checkOutput(values.output, base, named, settingsSource.configsRead(), !values['no-ignore']);
  }
  // Fixable: the linted files, and the project files read while linting them (an override, an
  // extends file) when their path stays inside the project (not `/abs/x.yaml`, not `../x.yaml`).
  const inputTexts = new Map(inputs.map((input) => [input.path, input.text]));
  const textOf = (path: string): string | undefined => {
    const read = isNormalRelative(joinProjectPath(path)) ? auxiliary.get(joinProjectPath(path)) : undefined;
    return inputTexts.get(path) ?? (typeof read === 'string' ? read : undefined);
  };
  // Ruff's model: --fix applies the safe fixes; the unsafe ones (they change what a deploy does)
  // wait for --unsafe-fixes.
  const applicable = (finding: Finding): boolean => finding.fix !== undefined && (values['unsafe-fixes'] || fixSafetyOf(registry.meta(finding.rule)) === 'safe');
  const withheld = (found: readonly Finding[]): number => found.filter((finding) => finding.fix !== undefined && !applicable(finding)).length;
  const fixFailures: Finding[] = [];
  if (dryRun) {
    const planned = plannedFixes(result.findings.filter(applicable), textOf);
    const diff = planned.map((file) => unifiedDiff(file.path, file.before, file.after)).join('');
    const left = withheld(result.findings);
    if (left > 0) io.stderr(`litelint: ${plural(left, 'unsafe fix')} not shown (they change what a deploy does); add --unsafe-fixes to see them\n`);
    // The diff quotes the files' lines: escaped as any text output is, line breaks and tabs kept.
    const text = guardLineStarts(diff.split('\n').map((line) => line.split('\t').map(escapeText).join('\t')).join('\n'));
    if (values.output !== undefined) writeFileSync(resolve(io.cwd, values.output), text);
    else io.stdout(text);
    return planned.length > 0 && !values['exit-zero'] ? 1 : 0;
  }
  if (values.fix) {
    const { applyFixes } = onFirstUse.fix();
    const { changed, skipped, failures } = applyFixes(result.findings.filter(applicable), textOf, io.cwd, io.fixFileSystem);
    fixFailures.push(...failures);
    for (const edit of skipped) {
      io.stderr(`litelint: --fix skipped an edit in ${escapeText(edit.file)}:${edit.line}:${edit.column}: the text there is not what the finding read\n`);
    }
    if (changed.length > 0) {
      const fixed = new Map(changed.map((file) => [file.path, file.text]));
      linted = inputs.map((input) => (fixed.has(input.path) ? { ...input, text: fixed.get(input.path) as string } : input));
      for (const file of changed) if (!inputTexts.has(file.path)) auxiliary.set(joinProjectPath(file.path), file.text);
      result = lint(linted, lintOptions);
    }
    const left = withheld(result.findings);
    if (left > 0) io.stderr(`litelint: ${plural(left, 'unsafe fix')} not applied (they change what a deploy does); --fix --unsafe-fixes applies them\n`);
  }

  let findings = [...readFailures, ...fixFailures, ...result.findings].sort(compareFindings);
  if (changedEvidence.size > 0) {
    // Only what the changed files are about: findings on them or pointing at them.
    findings = findings.filter(
      (finding) => changedEvidence.has(finding.file) || changedDeploy.has(finding.file) || finding.related?.some((item) => changedEvidence.has(item.file)),
    );
  }
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  const reported = values.quiet ? findings.filter((finding) => finding.severity === 'error') : findings;
  const toFile = values.output !== undefined;
  const texts = new Map(linted.map((input) => [input.path, input.text]));
  const report = formatter(reported, {
    // Read only by the formats that colour (stylish): the TTY check creates the stdout stream.
    get color() {
      return colorEnabled(io, toFile, values);
    },
    fileCount: inputs.length + readFailures.length,
    files: [...texts.keys(), ...readFailures.map((failure) => failure.file)],
    sourceText: (file) => texts.get(file),
    // Read from package.json only by the formats that print it (SARIF).
    get toolVersion() {
      return version();
    },
    registry,
    ruleDoc: (id) => ruleDoc(id),
  });
  if (toFile) {
    try {
      writeFileSync(resolve(io.cwd, values.output as string), report);
    } catch (error) {
      throw new UsageError(`-o ${values.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  } else if (report) {
    io.stdout(report);
  }

  // Aged knowledge is said once per run on stderr, never in the report; only a caller with a clock (the bin) asks.
  const notice = io.now ? knowledgeAgeNotice(sqliteKnowledge(), io.now()) : undefined;
  if (notice) io.stderr(`${notice}\n`);

  if (findings.some((finding) => finding.rule === 'internal-error' || finding.rule === 'fix-failed')) return 2;
  if (values['exit-zero']) return 0;
  if (findings.some((finding) => finding.severity === 'error')) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`litelint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/**
 * Writes straight to a file descriptor: creating `process.stdout` costs a few milliseconds of a
 * single-file run. A non-blocking pipe that is full is waited on; a reader that went away (`| head`)
 * ends the output quietly.
 */
export function writeAll(fd: number, text: string, write: typeof writeSync = writeSync): void {
  let bytes = Buffer.from(text, 'utf8');
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(write(fd, bytes));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw error;
      waitForDescriptor();
    }
  }
}

/** The process's command line with the rules of `registry` (src/main.ts hands in the shipped ones). */
export function main(registry: RuleRegistry): void {
  process.exitCode = run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => writeAll(1, text),
    stderr: (text) => writeAll(2, text),
    readStdin: descriptorReader(0),
    get isTty() {
      return process.stdout.isTTY === true;
    },
    env: process.env,
    beforeManyFiles: () => onFirstUse.processTuning().favourMainThread(),
    now: () => new Date(),
  }, registry);
}

import { existsSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { applyRuleFlag, findConfigFile, loadConfigFile, type KnownRules } from './config-file';
import { defaultSettings, type Settings } from './config';
import { discoverFiles } from './discover';
import { compareFindings, lint, type LintResult } from './engine';
import { UsageError } from './errors';
import {
  type ChunkReader,
  descriptorReader,
  DirectoryListings,
  readFailure,
  readInputFileFromDisk,
  readProjectEvidence,
  readStreamInput,
  type ReadOutcome,
  waitForDescriptor,
} from './read-file';
import { ProjectBoundary } from './project-root';
import { redactCredentials } from './quote';
import { refusedMessage, type RefusedFile } from './refused-file';
import type { WriteFileSystem } from './safe-write';
import type { FileKind, Finding, InputFile } from './types';
import { FILE_KINDS } from './kinds';
import { isNormalRelative, relativePosix, resolveUnder } from './paths';
import { joinProjectPath } from './project';
import type * as Fix from './fix';
import type * as Formatters from './formatters';
import type * as ImageExplainer from './knowledge/explain';
import { createKnowledge } from './knowledge/knowledge';
import { sqliteKnowledge } from './knowledge/data';
import { knowledgeAgeNotice } from './knowledge/freshness';
import type * as ProcessTuning from './process-tuning';
import type { RuleRegistry } from './registry';
import { refuseOutput, type ReadFile } from './output-file';
import { escapeText } from './formatters/escape';

const HELP = `Usage: litelint [options] [paths...]

Lints Dockerfiles, Docker Compose files and Kamal config/deploy.yml for deploy-time hazards
that make SQLite lose data. Paths default to "."; "-" reads standard input.

Options:
  -f, --format NAME           stylish (default), json, gnu, sarif, github, junit
  -o, --output FILE           write the report to FILE instead of standard output
  -c, --config FILE           use FILE instead of the nearest .litelint.yaml
      --rule ID=LEVEL         set a rule's level: off, info, warning, error (repeatable)
      --kind KIND             read every named file as dockerfile, compose or kamal
      --stdin-filename PATH   path (and kind) for the text read from "-"
      --no-ignore             do not honour .gitignore files
      --max-warnings N        exit 1 when there are more than N warnings
      --max-file-size BYTES   skip larger files with a finding (default 10485760)
      --report-unused-ignores report litelint-ignore comments that suppress nothing
      --fix                   rewrite what fixable rules can repair, then report the rest
      --strict                also report images litelint knows nothing about (info)
      --explain-image IMAGE   print what litelint knows about IMAGE and where from
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

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        output: { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        rule: { type: 'string', multiple: true, default: [] },
        kind: { type: 'string' },
        'stdin-filename': { type: 'string' },
        'no-ignore': { type: 'boolean', default: false },
        'max-warnings': { type: 'string' },
        'max-file-size': { type: 'string' },
        'report-unused-ignores': { type: 'boolean', default: false },
        fix: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        'explain-image': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function nonNegativeInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} ${value}: expected a non-negative integer`);
  return Number(value);
}

/** The ids `.litelint.yaml` and `--rule` may name, with the type of each option they take. */
function knownRules(registry: RuleRegistry): KnownRules {
  return new Map(
    registry.configurable.map((meta) => [meta.id, Object.fromEntries(Object.entries(meta.options ?? {}).map(([name, spec]) => [name, spec.type]))]),
  );
}

function loadSettings(
  known: KnownRules,
  configFlag: string | undefined,
  ruleFlags: string[],
  strict: boolean,
  cwd: string,
  boundary: ProjectBoundary,
): { settings: Settings; configPath?: string } {
  const configPath = configFlag ? resolve(cwd, configFlag) : findConfigFile(cwd, boundary.roots[0]);
  if (configFlag && !existsSync(configPath as string)) throw new UsageError(`-c ${configFlag}: no such file`);
  // A config the repository links out of the checkout (to ~/.aws/credentials) would be quoted in
  // its error messages; the one named with -c is the user's choice.
  const place = !configFlag && configPath ? boundary.check(configPath) : undefined;
  if (place && 'refused' in place) throw new UsageError(refusedMessage(relativePosix(resolve(cwd), configPath as string) || configPath as string, place.refused));
  const settings = configPath ? loadConfigFile(configPath, known) : defaultSettings();
  for (const flag of ruleFlags) applyRuleFlag(settings, flag, known);
  if (strict) settings.strict = true;
  return { settings, configPath };
}

function colorEnabled(io: Io, toFile: boolean): boolean {
  if (toFile) return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.isTty && io.env.TERM !== 'dumb';
}

/** Stops the run when `-o` would replace a file it read (`named`, relative to `base`; ./output-file.ts). */
function checkOutput(output: string, base: string, named: readonly string[], configPath: string | undefined, gitignoresRead: boolean): void {
  const read: ReadFile[] = named.map((path) => ({ display: path, absolute: resolveUnder(base, path) }));
  if (configPath) read.push({ display: relative(base, configPath), absolute: configPath });
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
  const { loadFormatter, FORMAT_NAMES } = onFirstUse.formatters();
  const formatter = loadFormatter(values.format);
  if (!formatter) throw new UsageError(`--format ${values.format}: expected one of ${FORMAT_NAMES.join(', ')}`);
  const kind = values.kind as FileKind | undefined;
  if (kind !== undefined && !FILE_KINDS.includes(kind)) throw new UsageError(`--kind ${kind}: expected one of ${FILE_KINDS.join(', ')}`);
  const maxWarnings = nonNegativeInteger(values['max-warnings'], '--max-warnings');
  const maxFileSize = nonNegativeInteger(values['max-file-size'], '--max-file-size') ?? DEFAULT_MAX_FILE_SIZE;
  // The one definition of "inside the project", for the config lookup, the walk and every read.
  const boundary = new ProjectBoundary(io.cwd);
  const { settings, configPath } = loadSettings(knownRules(registry), values.config, values.rule, values.strict, io.cwd, boundary);

  if (values['explain-image'] !== undefined) {
    const { explainImage, explainImageData } = onFirstUse.explainImage();
    const knowledge = createKnowledge(settings);
    // `-f json` asks for the answer as data; every other format gets the text.
    const text = values.format === 'json' ? JSON.stringify(explainImageData(values['explain-image'], knowledge), null, 2) : explainImage(values['explain-image'], knowledge);
    io.stdout(`${text}\n`);
    return 0;
  }

  const paths = positionals.length > 0 ? positionals : ['.'];
  const usesStdin = paths.includes('-');
  if (usesStdin && values.fix) throw new UsageError('--fix cannot rewrite standard input; name the file instead');
  if (values['stdin-filename'] !== undefined && !usesStdin) throw new UsageError('--stdin-filename needs "-" among the paths');

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
  const base = resolve(io.cwd);
  const listings = new DirectoryListings();
  const { files, missing, problems } = discoverFiles(
    paths.filter((path) => path !== '-'),
    { cwd: io.cwd, useGitignore: !values['no-ignore'], ignore: settings.ignore, listings, boundary },
  );
  if (missing.length > 0) throw new UsageError(`no such file or directory: ${missing.join(', ')}`);
  for (const problem of problems) {
    // `outside-project` takes a level like any rule (a parse-error cannot be switched off).
    const level = problem.rule === 'outside-project' ? settings.rules[problem.rule]?.level : undefined;
    if (level === 'off') continue;
    const failure = readFailure(problem.path, problem.message, problem.rule);
    readFailures.push(level ? { ...failure, severity: level } : failure);
  }
  if (files.length >= MANY_FILES) io.beforeManyFiles?.();
  for (const file of files) {
    collect(file.path, readInputFileFromDisk(file.path, resolveUnder(base, file.path), maxFileSize), kind ?? file.kind);
  }

  const auxiliary = new Map<string, string | undefined | RefusedFile>();
  const readProjectFile = (path: string): string | undefined | RefusedFile => {
    if (auxiliary.has(path)) return auxiliary.get(path);
    const text = readProjectEvidence(path, resolveUnder(base, path), { boundary, listings, maxBytes: maxFileSize });
    auxiliary.set(path, text);
    return text;
  };
  const lintOptions = { settings, registry, readFile: readProjectFile, reportUnusedIgnores: values['report-unused-ignores'] };

  let linted = inputs;
  let result: LintResult = lint(linted, lintOptions);
  if (values.output !== undefined) {
    // Checked before --fix writes anything.
    const named = [...files.map((file) => file.path), ...auxiliary.keys(), ...(values['stdin-filename'] !== undefined ? [values['stdin-filename']] : [])];
    checkOutput(values.output, base, named, configPath, !values['no-ignore']);
  }
  const fixFailures: Finding[] = [];
  if (values.fix) {
    const { applyFixes } = onFirstUse.fix();
    // Fixable: the linted files, and the project files read while linting them (an override, an
    // extends file) when their path stays inside the project (not `/abs/x.yaml`, not `../x.yaml`).
    const inputTexts = new Map(inputs.map((input) => [input.path, input.text]));
    const textOf = (path: string): string | undefined => {
      const read = isNormalRelative(joinProjectPath(path)) ? auxiliary.get(joinProjectPath(path)) : undefined;
      return inputTexts.get(path) ?? (typeof read === 'string' ? read : undefined);
    };
    const { changed, skipped, failures } = applyFixes(result.findings, textOf, io.cwd, io.fixFileSystem);
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
  }

  const findings = [...readFailures, ...fixFailures, ...result.findings].sort(compareFindings);
  const toFile = values.output !== undefined;
  const texts = new Map(linted.map((input) => [input.path, input.text]));
  const report = formatter(findings, {
    // Read only by the formats that colour (stylish): the TTY check creates the stdout stream.
    get color() {
      return colorEnabled(io, toFile);
    },
    fileCount: inputs.length + readFailures.length,
    files: [...texts.keys(), ...readFailures.map((failure) => failure.file)],
    sourceText: (file) => texts.get(file),
    // Read from package.json only by the formats that print it (SARIF).
    get toolVersion() {
      return version();
    },
    registry,
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
  if (findings.some((finding) => finding.severity === 'error')) return 1;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
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

import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { CONFIG_FILE_NAMES, findConfigFile, settingsFromObject, type KnownRules } from '../config-file';
import { defaultSettings, type Settings } from '../config';
import { knownRulesOf } from '../config-schema';
import { discoverFiles, type DiscoveredFile, type DiscoveryProblem } from '../discover';
import { lint } from '../engine';
import { kindFromName } from '../kinds';
import { lazyParsers } from '../lazy-parsers';
import { relativePosix, resolveUnder } from '../paths';
import { ProjectBoundary } from '../project-root';
import { DirectoryListings, readEvidenceFile, readFailure, readInputFileFromDisk, readProjectEvidence, type ReadOutcome } from '../read-file';
import type { RefusedFile } from '../refused-file';
import type { RuleRegistry } from '../registry';
import { redactCredentials } from '../quote';
import type { Finding, InputFile } from '../types';

const MAX_FILE_SIZE = 10 * 1024 * 1024;

interface Walk {
  files: DiscoveredFile[];
  problems: DiscoveryProblem[];
  boundary: ProjectBoundary;
  listings: DirectoryListings;
  /** The config's ignore patterns the walk was made with (a reloaded config with others walks again). */
  ignoreKey: string;
}

/** The disk as last read (until a watched-file event drops it): the cached answer, or a read now. */
function remembered<T>(cache: Map<string, T>, path: string, read: () => T): T {
  if (cache.has(path)) return cache.get(path) as T;
  const value = read();
  cache.set(path, value);
  return value;
}

/** What one lint of the workspace found: the findings of each file, and the text each was read as. */
export interface ProjectLint {
  findings: Map<string, Finding[]>;
  texts: Map<string, string>;
}

/**
 * The workspace as the server sees it: the files on disk under `root`, overlaid by the editor's
 * open buffers (unsaved text wins over the disk). Each lint covers the whole project, so that an
 * evidence change (a lockfile, `.env`, config/database.yml) or a Dockerfile a compose file builds
 * reaches every file that depends on it, open or not. The walk and the disk texts are kept until
 * the client reports a watched file changed (`invalidate`), and an edit first lints its linked set
 * (`linkedSet`, `lintOnly`) so that its own diagnostics do not wait for the whole project.
 */
export class ProjectState {
  private readonly open = new Map<string, string>();
  /** What was read from disk, by project path: deploy files as inputs, other files as evidence. */
  private readonly diskInputs = new Map<string, ReadOutcome>();
  private readonly diskEvidence = new Map<string, string | undefined | RefusedFile>();
  private walk: Walk | undefined;
  private readonly known: KnownRules;

  constructor(
    readonly root: string,
    private readonly registry: RuleRegistry,
  ) {
    this.known = knownRulesOf(registry);
  }

  /** The project path (posix, relative to the root) of an absolute path, or undefined outside the root. */
  projectPath(absolute: string): string | undefined {
    const rel = relativePosix(this.root, absolute);
    return rel === '' || rel.startsWith('../') || rel === '..' ? undefined : rel;
  }

  setOpen(path: string, text: string): void {
    this.open.set(path, text);
  }

  close(path: string): void {
    this.open.delete(path);
  }

  /** The settings of the project's root config, or a finding on that config when it is broken. */
  private settings(): { settings: Settings; configFinding?: Finding } {
    const openConfig = CONFIG_FILE_NAMES.find((name) => this.open.has(name));
    const absolute = openConfig ? join(this.root, openConfig) : findConfigFile(this.root, this.root);
    if (!absolute) return { settings: defaultSettings() };
    const path = this.projectPath(absolute) ?? absolute;
    const text = this.open.get(path) ?? readEvidenceFile(absolute, MAX_FILE_SIZE);
    if (text === undefined) return { settings: defaultSettings() };
    try {
      return { settings: this.parseConfig(text, path) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const at = /:(\d+):(\d+): /.exec(message);
      const line = at ? Number(at[1]) : 1;
      const column = at ? Number(at[2]) : 1;
      const finding: Finding = {
        rule: 'config-error',
        severity: 'error',
        file: path,
        line,
        column,
        endLine: line,
        endColumn: column + 1,
        message: redactCredentials(message.replace(`${path}:`, '').replace(/^\d+:\d+: /, '')).split('\n')[0],
        help: 'Fix the configuration; until then litelint lints with its defaults.',
        docs: 'https://github.com/litelint/litelint/blob/main/docs/usage.md',
      };
      return { settings: defaultSettings(), configFinding: finding };
    }
  }

  private parseConfig(text: string, path: string): Settings {
    const document = parseDocument(text);
    if (document.errors.length > 0) {
      const error = document.errors[0];
      const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [1, 1];
      throw new Error(`${path}:${line}:${column}: invalid YAML: ${error.message.split('\n')[0]}`);
    }
    return settingsFromObject(document.toJS({ maxAliasCount: 100 }), this.known, path);
  }

  /**
   * Forgets what was read from disk: all of it, or the given project paths (a watched file changed).
   * A created or deleted file changes the walk and the directory listings, so they go in either case.
   */
  invalidate(paths?: readonly string[]): void {
    for (const cache of [this.diskInputs, this.diskEvidence]) {
      if (paths === undefined) cache.clear();
      else for (const path of paths) cache.delete(path);
    }
    this.walk = undefined;
  }

  /** The discovered files and the walk's state, from the last walk until a watched file changes. */
  private walked(settings: Settings): Walk {
    const ignoreKey = JSON.stringify(settings.ignore);
    if (this.walk?.ignoreKey === ignoreKey) return this.walk;
    const boundary = new ProjectBoundary(this.root);
    const listings = new DirectoryListings();
    const { files, problems } = discoverFiles(['.'], { cwd: this.root, useGitignore: true, ignore: settings.ignore, listings, boundary });
    this.walk = { files, problems, boundary, listings, ignoreKey };
    return this.walk;
  }


  /**
   * The files linted first after an edit of `path`, so that what the user looks at is published
   * before the whole project is: the file itself when it is a deploy file, and the deploy files of
   * its directory (the compose file or Kamal config building a Dockerfile beside it, the Dockerfile
   * copying a requirements.txt). The whole-project lint that follows corrects any finding that
   * depends on files further away.
   */
  linkedSet(path: string): string[] {
    const { settings } = this.settings();
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
    const linked = new Set<string>();
    if (kindFromName(path)) linked.add(path);
    // A Kamal config in config/ builds the Dockerfile of the directory above it, and the app's
    // config/database.yml is evidence for that Dockerfile.
    const above = dir.endsWith('config/') && (dir === 'config/' || dir.endsWith('/config/')) ? dir.slice(0, -'config/'.length) : undefined;
    for (const file of this.walked(settings).files) {
      const fileDir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/') + 1) : '';
      if (fileDir === dir || fileDir === above || (file.kind === 'kamal' && fileDir === `${dir}config/`)) linked.add(file.path);
    }
    return [...linked];
  }

  /** Lints the whole project: every deploy file on disk and every open one, open buffers first. */
  lint(): ProjectLint {
    return this.lintFiles(undefined);
  }

  /**
   * Lints the given deploy files (project paths) as the project would, reading the rest of the
   * project as evidence, and reports the findings of those files alone.
   */
  lintOnly(paths: readonly string[]): ProjectLint {
    const result = this.lintFiles(new Set(paths));
    for (const file of result.findings.keys()) if (!paths.includes(file)) result.findings.delete(file);
    return result;
  }

  private lintFiles(only: ReadonlySet<string> | undefined): ProjectLint {
    const { settings, configFinding } = this.settings();
    const { files, problems, boundary, listings } = this.walked(settings);
    const inputs: InputFile[] = [];
    const findings = new Map<string, Finding[]>();
    const add = (finding: Finding): void => {
      const list = findings.get(finding.file) ?? [];
      list.push(finding);
      findings.set(finding.file, list);
    };
    if (configFinding) add(configFinding);
    const seen = new Set<string>();
    for (const file of files) {
      seen.add(file.path);
      if (only && !only.has(file.path)) continue;
      const text = this.open.get(file.path);
      if (text !== undefined) {
        inputs.push({ path: file.path, text, kind: file.kind });
        continue;
      }
      const outcome = remembered(this.diskInputs, file.path, () => readInputFileFromDisk(file.path, resolveUnder(this.root, file.path), MAX_FILE_SIZE));
      if (outcome.text !== undefined) inputs.push({ path: file.path, text: outcome.text, kind: file.kind });
      else if (outcome.failure) add(outcome.failure);
    }
    // An open deploy file the walk did not list (new, or ignored) is still what the user looks at.
    for (const [path, text] of this.open) if (!seen.has(path) && (!only || only.has(path)) && kindFromName(path)) inputs.push({ path, text });
    if (!only) for (const problem of problems) add(readFailure(problem.path, problem.message, problem.rule));
    const readFile = (path: string): string | undefined | RefusedFile =>
      this.open.get(path) ?? remembered(this.diskEvidence, path, () => readProjectEvidence(path, resolveUnder(this.root, path), { boundary, listings, maxBytes: MAX_FILE_SIZE }));
    const result = lint(inputs, { settings, registry: this.registry, parsers: lazyParsers, readFile });
    for (const finding of result.findings) add(finding);
    return { findings, texts: new Map(inputs.map((input) => [input.path, input.text])) };
  }
}

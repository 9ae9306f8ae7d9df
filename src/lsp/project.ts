import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parseDocument } from 'yaml';
import { CONFIG_FILE_NAMES, settingsFromObject, type KnownRules } from '../config-file';
import { defaultSettings, type Settings } from '../config';
import { knownRulesOf } from '../config-schema';
import { discoverFiles, type ConfigIgnore, type DiscoveredFile, type DiscoveryProblem } from '../discover';
import { lint } from '../engine';
import { kindFromName } from '../kinds';
import { lazyParsers } from '../lazy-parsers';
import { relativePosix, resolveUnder } from '../paths';
import { ProjectBoundary } from '../project-root';
import { DirectoryListings, listProjectDirectory, readEvidenceFile, readFailure, readInputFileFromDisk, readProjectEvidence, type ReadOutcome } from '../read-file';
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
}

/** The settings of one lint: each file's nearest config, each config read once, broken ones as findings. */
interface LintConfigs {
  settings: Settings;
  settingsFor: (path: string) => Settings;
  configIgnore: (dir: string) => ConfigIgnore | undefined;
  findings: Finding[];
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
    this.forgetWalkIfConfig(path);
  }

  close(path: string): void {
    this.open.delete(path);
    this.forgetWalkIfConfig(path);
  }

  /** A config's `ignore:` decides the walk, so an edited (or closed) config walks again. */
  private forgetWalkIfConfig(path: string): void {
    if (CONFIG_FILE_NAMES.includes(posix.basename(path))) this.walk = undefined;
  }

  /**
   * The project path of the nearest config of a project directory (`.` for the root): an open
   * buffer or a file on disk, in that directory or one above it up to the root, as the CLI looks.
   */
  private configOf(dir: string): string | undefined {
    for (let current = dir; ; current = posix.dirname(current)) {
      for (const name of CONFIG_FILE_NAMES) {
        const path = current === '.' ? name : `${current}/${name}`;
        if (this.open.has(path) || existsSync(join(this.root, path))) return path;
      }
      if (current === '.' || current === '' || current === '/') return undefined;
    }
  }

  /** The settings of a config (by project path), or a finding on that config when it is broken. */
  private settings(path: string | undefined): { settings: Settings; configFinding?: Finding } {
    if (!path) return { settings: defaultSettings() };
    const text = this.open.get(path) ?? readEvidenceFile(join(this.root, path), MAX_FILE_SIZE);
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

  /**
   * Each file's nearest config decides its settings, as in the CLI (docs/usage.md, Configuration);
   * each config is read once a lint, and a broken one is a finding on it.
   */
  private configs(): LintConfigs {
    const configByDir = new Map<string, string | undefined>();
    const settingsByConfig = new Map<string, Settings>();
    const findings: Finding[] = [];
    const configIn = (dir: string): string | undefined => {
      if (!configByDir.has(dir)) configByDir.set(dir, this.configOf(dir));
      return configByDir.get(dir);
    };
    const settingsOfConfig = (path: string | undefined): Settings => {
      const key = path ?? '';
      let found = settingsByConfig.get(key);
      if (!found) {
        const { settings: loaded, configFinding } = this.settings(path);
        if (configFinding) findings.push(configFinding);
        found = loaded;
        settingsByConfig.set(key, found);
      }
      return found;
    };
    const configIgnore = (dir: string): ConfigIgnore | undefined => {
      const rel = this.projectPath(dir) ?? '.';
      const config = configIn(rel);
      const patterns = settingsOfConfig(config).ignore;
      return patterns.length > 0 && config ? { base: join(this.root, posix.dirname(config)), patterns } : undefined;
    };
    return { settings: settingsOfConfig(configIn('.')), settingsFor: (path) => settingsOfConfig(configIn(posix.dirname(path))), configIgnore, findings };
  }

  /** The discovered files and the walk's state, from the last walk until a watched file or a config changes. */
  private walked(configs: LintConfigs): Walk {
    if (this.walk) return this.walk;
    const boundary = new ProjectBoundary(this.root);
    const listings = new DirectoryListings();
    const { files, problems } = discoverFiles(['.'], { cwd: this.root, useGitignore: true, ignore: [], configIgnore: configs.configIgnore, listings, boundary });
    this.walk = { files, problems, boundary, listings };
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
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
    const linked = new Set<string>();
    if (kindFromName(path)) linked.add(path);
    // A Kamal config in config/ builds the Dockerfile of the directory above it, and the app's
    // config/database.yml is evidence for that Dockerfile.
    const above = dir.endsWith('config/') && (dir === 'config/' || dir.endsWith('/config/')) ? dir.slice(0, -'config/'.length) : undefined;
    for (const file of this.walked(this.configs()).files) {
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
    const configs = this.configs();
    const { settings, settingsFor } = configs;
    const { files, problems, boundary, listings } = this.walked(configs);
    const findings = new Map<string, Finding[]>();
    const add = (finding: Finding): void => {
      const list = findings.get(finding.file) ?? [];
      list.push(finding);
      findings.set(finding.file, list);
    };
    const inputs: InputFile[] = [];
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
    const listDirectory = (path: string): string[] | undefined => listProjectDirectory(resolveUnder(this.root, path), boundary);
    const result = lint(inputs, { settings, settingsFor, registry: this.registry, parsers: lazyParsers, readFile, listDirectory });
    // Config findings after the lint: settingsFor reads a file's config on first use during it.
    for (const finding of configs.findings) add(finding);
    for (const finding of result.findings) add(finding);
    return { findings, texts: new Map(inputs.map((input) => [input.path, input.text])) };
  }
}

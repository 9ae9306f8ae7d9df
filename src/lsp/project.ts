import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parseDocument } from 'yaml';
import { CONFIG_FILE_NAMES, settingsFromObject, type KnownRules } from '../config-file';
import { defaultSettings, type Settings } from '../config';
import { knownRulesOf } from '../config-schema';
import { discoverFiles, type ConfigIgnore } from '../discover';
import { lint } from '../engine';
import { kindFromName } from '../kinds';
import { lazyParsers } from '../lazy-parsers';
import { relativePosix, resolveUnder } from '../paths';
import { ProjectBoundary } from '../project-root';
import { DirectoryListings, listProjectDirectory, readEvidenceFile, readFailure, readInputFileFromDisk, readProjectEvidence } from '../read-file';
import type { RefusedFile } from '../refused-file';
import type { RuleRegistry } from '../registry';
import { redactCredentials } from '../quote';
import type { Finding, InputFile } from '../types';

const MAX_FILE_SIZE = 10 * 1024 * 1024;

/** What one lint of the workspace found: the findings of each file, and the text each was read as. */
export interface ProjectLint {
  findings: Map<string, Finding[]>;
  texts: Map<string, string>;
}

/**
 * The workspace as the server sees it: the files on disk under `root`, overlaid by the editor's
 * open buffers (unsaved text wins over the disk). Each lint re-reads the whole project, so that an
 * evidence change (a lockfile, `.env`, config/database.yml) or a Dockerfile a compose file builds
 * reaches every file that depends on it, open or not: simplest correct, and fast enough (see the
 * LSP figures of `npm run bench`).
 */
export class ProjectState {
  private readonly open = new Map<string, string>();
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

  /** Lints the whole project: every deploy file on disk and every open one, open buffers first. */
  lint(): ProjectLint {
    const findings = new Map<string, Finding[]>();
    const add = (finding: Finding): void => {
      const list = findings.get(finding.file) ?? [];
      list.push(finding);
      findings.set(finding.file, list);
    };
    // Each file's nearest config decides its settings, as in the CLI (docs/usage.md, Configuration);
    // each config is read once a lint, and a broken one is a finding on it.
    const configByDir = new Map<string, string | undefined>();
    const settingsByConfig = new Map<string, Settings>();
    const configIn = (dir: string): string | undefined => {
      if (!configByDir.has(dir)) configByDir.set(dir, this.configOf(dir));
      return configByDir.get(dir);
    };
    const settingsOfConfig = (path: string | undefined): Settings => {
      const key = path ?? '';
      let found = settingsByConfig.get(key);
      if (!found) {
        const { settings: loaded, configFinding } = this.settings(path);
        if (configFinding) add(configFinding);
        found = loaded;
        settingsByConfig.set(key, found);
      }
      return found;
    };
    const settingsFor = (path: string): Settings => settingsOfConfig(configIn(posix.dirname(path)));
    const settings = settingsOfConfig(configIn('.'));
    const configIgnore = (dir: string): ConfigIgnore | undefined => {
      const rel = this.projectPath(dir) ?? '.';
      const config = configIn(rel);
      const patterns = settingsOfConfig(config).ignore;
      return patterns.length > 0 && config ? { base: join(this.root, posix.dirname(config)), patterns } : undefined;
    };
    const boundary = new ProjectBoundary(this.root);
    const listings = new DirectoryListings();
    const { files, problems } = discoverFiles(['.'], { cwd: this.root, useGitignore: true, ignore: [], configIgnore, listings, boundary });
    const inputs: InputFile[] = [];
    const seen = new Set<string>();
    for (const file of files) {
      seen.add(file.path);
      const text = this.open.get(file.path);
      if (text !== undefined) {
        inputs.push({ path: file.path, text, kind: file.kind });
        continue;
      }
      const outcome = readInputFileFromDisk(file.path, resolveUnder(this.root, file.path), MAX_FILE_SIZE);
      if (outcome.text !== undefined) inputs.push({ path: file.path, text: outcome.text, kind: file.kind });
      else if (outcome.failure) add(outcome.failure);
    }
    // An open deploy file the walk did not list (new, or ignored) is still what the user looks at.
    for (const [path, text] of this.open) if (!seen.has(path) && kindFromName(path)) inputs.push({ path, text });
    for (const problem of problems) add(readFailure(problem.path, problem.message, problem.rule));
    const readFile = (path: string): string | undefined | RefusedFile =>
      this.open.get(path) ?? readProjectEvidence(path, resolveUnder(this.root, path), { boundary, listings, maxBytes: MAX_FILE_SIZE });
    const listDirectory = (path: string): string[] | undefined => listProjectDirectory(resolveUnder(this.root, path), boundary);
    const result = lint(inputs, { settings, settingsFor, registry: this.registry, parsers: lazyParsers, readFile, listDirectory });
    for (const finding of result.findings) add(finding);
    return { findings, texts: new Map(inputs.map((input) => [input.path, input.text])) };
  }
}

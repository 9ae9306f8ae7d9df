/**
 * One playground run: the project's tabs through the package's lint(), the same engine the CLI
 * runs, with the tabs as the only files it can read. A `.litelint.yaml` the page cannot take is
 * reported to the page (as the CLI reports a usage error) and the run uses the defaults.
 */
import { parseDocument } from 'yaml';
import { lint, registry, type Finding, type Settings, defaultSettings } from '../index';
import { settingsFromObject } from '../config-file';
import { knownRulesOf } from '../config-schema';
import { assembleProject, type PlaygroundProject } from './project';

export interface PlaygroundResult {
  findings: Finding[];
  /** The linted files with their kinds. */
  files: { path: string; kind: string }[];
  /** Why the settings text was not used, when it was not. */
  settingsError?: string;
  rejected: { path: string; reason: string }[];
}

export const SETTINGS_NAME = '.litelint.yaml';

export function parseSettings(text: string): Settings | { error: string } {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [1, 1];
    return { error: `${SETTINGS_NAME}:${line}:${column}: invalid YAML: ${error.message.split('\n')[0]}` };
  }
  try {
    return settingsFromObject(document.toJS({ maxAliasCount: 100 }), knownRulesOf(registry), SETTINGS_NAME);
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export function lintProject(project: PlaygroundProject): PlaygroundResult {
  const assembled = assembleProject(project);
  const parsed = parseSettings(project.settings);
  const settings = 'error' in parsed ? defaultSettings() : parsed;
  const result = lint(assembled.inputs, { settings, readFile: assembled.readFile, listDirectory: assembled.listDirectory });
  return {
    findings: result.findings,
    files: result.files,
    rejected: assembled.rejected,
    ...('error' in parsed ? { settingsError: parsed.error } : {}),
  };
}

import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { defaultSettings, type Settings } from '../../src/config';
import { lint } from '../../src/index';
import type { Rule } from '../../src/rule-api';
import type { Finding } from '../../src/types';

export type SimpleFinding = Omit<Finding, 'docs' | 'fix'>;

/**
 * Runs one rule over a project given as `{path: text}` through the engine: Dockerfiles, compose and
 * Kamal files are parsed and linted; every other file is only readable as evidence (lockfiles,
 * requirements). Findings of the rule only, in the engine's order.
 */
export function runRule(rule: Rule, files: Record<string, string>, settings: Partial<Settings> = {}): SimpleFinding[] {
  const { findings } = lint(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    { rules: [rule], settings: { ...defaultSettings(), ...settings } },
  );
  return findings
    .filter((finding) => finding.rule === rule.meta.id)
    .map(({ docs: _docs, fix: _fix, ...finding }) => finding);
}

/** `file:line:column` of each finding, for exact-position assertions. */
export function at(findings: readonly (SimpleFinding | Finding)[]): string[] {
  return findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}`);
}

/** The files of an example folder (`examples/distro-sqlite/bad`), keyed by their path inside it. */
export function exampleFiles(folder: string): Record<string, string> {
  const root = nodePath.join(__dirname, '..', '..', 'examples', folder);
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const absolute = nodePath.join(dir, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else files[nodePath.relative(root, absolute).split(nodePath.sep).join('/')] = fs.readFileSync(absolute, 'utf8');
    }
  };
  walk(root);
  return files;
}

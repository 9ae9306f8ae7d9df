/** Patterns for the runtime APIs of the knowledge (`node:sqlite`, `bun:sqlite`), compiled once per run. */
import type { Knowledge } from '../knowledge/knowledge';
import { escapeRegExp } from './reg-exp';

/** Per consumer (in the data's order), the pattern that finds its APIs in a command line. */
export function commandApiPatterns(knowledge: Knowledge): [RegExp, string][] {
  const names = new Map<string, string[]>();
  for (const [name, entry] of knowledge.runtimeApis()) names.set(entry.consumer, [...(names.get(entry.consumer) ?? []), escapeRegExp(name)]);
  return [...names].map(([consumer, spelled]) => [new RegExp(spelled.join('|')), consumer]);
}

/**
 * package.json text that shows a runtime API: `test` decides (a `quoted` module name only in
 * quotes), `match` finds where, `consumers` says whose API it is.
 */
export interface PackageJsonApiPatterns {
  test: RegExp;
  match: RegExp;
  consumers: Map<string, string>;
}

export function packageJsonApiPatterns(knowledge: Knowledge): PackageJsonApiPatterns | undefined {
  const apis = knowledge.runtimeApis().filter(([, entry]) => entry.packageJson !== undefined);
  if (apis.length === 0) return undefined;
  const shown = apis.map(([name, entry]) => (entry.packageJson === 'quoted' ? `["'\`]${escapeRegExp(name)}["'\`]` : escapeRegExp(name)));
  return {
    test: new RegExp(shown.join('|')),
    match: new RegExp(apis.map(([name]) => escapeRegExp(name)).join('|')),
    consumers: new Map(apis.map(([name, entry]) => [name, entry.consumer])),
  };
}

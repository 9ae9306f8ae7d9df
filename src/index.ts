/** Programmatic API: no file-system access; editors and the playground hand in the files. */
import { lint as lintWith, type LintOptions, type LintResult } from './engine';
import type { InputFile } from './types';
import { registry } from '../rules';
import { parsers } from './parsers';

/** The package's lint: the engine with the rules litelint ships (options.registry replaces them). */
export function lint(files: readonly InputFile[], options: Partial<LintOptions> = {}): LintResult {
  return lintWith(files, { registry, parsers, ...options });
}
export type { LintOptions, LintResult } from './engine';
// What an embedder's readFile answers for a file it will not read (an outside-project finding).
export { RefusedFile } from './refused-file';
export { interpolate } from './interpolation/template';
export { defaultSettings } from './config';
export type { Settings } from './config';
export type { Finding, InputFile, Severity, FileKind } from './types';
export { defineRule, messageText, type Rule, type RuleMeta, type RuleContext, type Report } from './rule-api';
export { createRegistry, type RuleRegistry } from './registry';
export { rules, registry } from '../rules';
// The rules' data is read from the package's data/ folder on first use; an embedder without a file
// system (a browser playground) hands it in instead.
export { setSqliteKnowledge } from './knowledge/data';
export { setImagePathData } from './knowledge/stock-images';

/** Programmatic API: no file-system access; editors and the playground hand in the files. */
export { lint } from './engine';
export type { LintOptions, LintResult } from './engine';
export { interpolate } from './interpolation/template';
export { defaultSettings } from './config';
export type { Settings } from './config';
export type { Finding, InputFile, Rule, RuleMeta, Severity, FileKind } from './types';
export { rules } from '../rules';

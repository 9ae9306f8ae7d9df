/** Programmatic API: no file-system access; editors and the playground hand in the files. */
export { lint } from './engine';
export type { LintOptions, LintResult } from './engine';
// What an embedder's readFile answers for a file it will not read (an outside-project finding).
export { RefusedFile } from './refused-file';
export { interpolate } from './interpolation/template';
export { defaultSettings } from './config';
export type { Settings } from './config';
export type { Finding, InputFile, Rule, RuleMeta, Severity, FileKind } from './types';
export { rules } from '../rules';
// The rules' data is read from the package's data/ folder on first use; an embedder without a file
// system (a browser playground) hands it in instead.
export { setSqliteKnowledge } from './knowledge/data';
export { setImagePathData } from './overlap/image-paths';

/**
 * Shared vocabulary of litelint: positions, findings, rules.
 * Positions are 1-based line and column (UTF-16 code units, like ESLint), plus a 0-based
 * offset into the file's text (the text with any BOM removed), which `--fix` edits.
 */
import type { Settings } from './config';
import type { Project } from './project';

export interface Position {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  start: Position;
  /** Exclusive end. */
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';
export type Level = Severity | 'off';

export type FileKind = 'dockerfile' | 'compose' | 'kamal';

/** A file handed to the linter: path as the user should see it, text as read. */
export interface InputFile {
  path: string;
  text: string;
  /** Forces the kind; otherwise it is taken from the file name. */
  kind?: FileKind;
}

/** An edit of the file a finding is filed on (the file whose text the finding's range points at). */
export interface TextEdit {
  /** Offsets into the file text (BOM removed). */
  start: number;
  end: number;
  text: string;
  /** The exact text at [start, end) that the edit replaces; --fix skips an edit whose span no longer holds it. */
  replaces: string;
}

export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** One line: what is wrong and the deciding fact. */
  message: string;
  /** The remedy, one or two sentences; present only when the rule gave one. */
  help?: string;
  docs: string;
  related?: RelatedLocation[];
  /** Present when `--fix` can repair the finding; never serialised. */
  fix?: TextEdit[];
}

export interface RuleMeta {
  /** Stable id, kebab-case. */
  id: string;
  defaultSeverity: Severity;
  /** One sentence: what the rule catches. */
  description: string;
  /** One or two sentences: how to repair what the rule catches in general (SARIF's rule help). */
  help?: string;
  /** The file kinds whose models the rule reads; used to skip rules that cannot fire. */
  kinds: FileKind[];
  fixable?: boolean;
  /** The options `.litelint.yaml` may set under `rules.<id>.options`, with their types. */
  options?: Record<string, RuleOptionType>;
}

export type RuleOptionType = 'string' | 'string[]' | 'boolean' | 'number';

export interface Report {
  /**
   * The file the rule had at hand. The finding is filed on the file whose text `range` was made
   * from when that is known (every range a parser makes knows it), so an override, `extends` or
   * included file gets its own findings whatever file the rule named here.
   */
  file: string;
  range: Range;
  /** One line, at most 160 characters: what is wrong and the deciding fact (image, version, variable, service). */
  message: string;
  /** The remedy, one or two sentences, built from written text as the message is (no value from `.env`). */
  help?: string;
  /** Overrides the rule's configured severity for this one finding (e.g. a warning variant). */
  severity?: Severity;
  related?: RelatedLocation[];
  fix?: TextEdit[];
  /**
   * First line of the entry the finding belongs to (a multi-line instruction, a YAML list item),
   * so that a suppression comment above the entry covers a finding on one of its later lines.
   */
  entryLine?: number;
}

export interface Rule<Options = Record<string, unknown>> {
  meta: RuleMeta;
  check(context: RuleContext<Options>): void;
}

export interface RuleContext<Options = Record<string, unknown>> {
  project: Project;
  options: Options;
  settings: Settings;
  report(report: Report): void;
}

export const DOCS_BASE = 'https://github.com/litelint/litelint/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

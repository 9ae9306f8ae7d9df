/**
 * Shared vocabulary of litelint: positions, ranges, findings, edits, severities, file kinds. It
 * imports nothing: the Rule API (what a rule is and receives) is ./rule-api.ts.
 * Positions are 1-based line and column (UTF-16 code units, like ESLint), plus a 0-based
 * offset into the file's text (the text with any BOM removed), which `--fix` edits.
 */

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
  /** The key of the message in the rule's `meta.messages`; absent on core findings (parse-error and the like). */
  messageId?: string;
  /** The remedy, one or two sentences; present only when the rule gave one. */
  help?: string;
  docs: string;
  related?: RelatedLocation[];
  /** Present when `--fix` can repair the finding; never serialised. */
  fix?: TextEdit[];
}

/**
 * The line scanner: turns Dockerfile text into logical instruction lines the way BuildKit's
 * `parser.Parse` does (directives, comments, continuations, heredoc bodies), while remembering
 * where every character of a logical line sits in the file.
 */
import type { SourceFile } from '../source';
import type { Directive, Located } from './model';
import type { EscapeToken } from './expand';
import { findHeredocMarkers, isGoSpace, type HeredocMarker } from './words';

/** A piece of a logical line copied verbatim from the file. */
interface Segment {
  textStart: number;
  fileOffset: number;
}

/** Joined instruction text plus the way back to file offsets. */
export class LogicalText {
  text = '';
  private readonly segments: Segment[] = [];

  append(piece: string, fileOffset: number): void {
    if (piece === '') return;
    this.segments.push({ textStart: this.text.length, fileOffset });
    this.text += piece;
  }

  /** File offset of the character at `index`; `index === text.length` maps just past the last one. */
  offsetOf(index: number): number {
    const segments = this.segments;
    if (segments.length === 0) return 0;
    if (index >= this.text.length) {
      const last = segments[segments.length - 1];
      return last.fileOffset + (this.text.length - last.textStart);
    }
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid].textStart <= index) lo = mid;
      else hi = mid - 1;
    }
    return segments[lo].fileOffset + (index - segments[lo].textStart);
  }
}

export interface ScannedHeredoc {
  marker: HeredocMarker;
  /** Body exactly as in the file, line breaks included. */
  rawBody: string;
  bodyStart: number;
  terminated: boolean;
}

export interface ScannedInstruction {
  logical: LogicalText;
  /** File offset of the first and past the last character of the instruction (heredocs included). */
  start: number;
  end: number;
  heredocs: ScannedHeredoc[];
  /** File offset of the first blank line inside a continuation, if any. */
  emptyContinuationAt?: number;
}

export interface ScanProblem {
  message: string;
  start: number;
  end: number;
}

export interface ScanResult {
  directives: Directive[];
  escapeChar: EscapeToken;
  comments: Located[];
  instructions: ScannedInstruction[];
  errors: ScanProblem[];
}

/** Decides, once the instruction text is known, whether its `<<` words open heredocs. */
export type HeredocPolicy = (logical: LogicalText) => boolean;

/** BuildKit reads lines with a 64 KiB scanner buffer; longer lines fail the whole build. */
const MAX_LINE_BYTES = 65536;
const DIRECTIVE = /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);

/**
 * Line table in one typed array, three entries per line: start, end of the content before the
 * trailing CR/LF run, and the start of the next line. A 100,000-line file must not cost 100,000 objects.
 */
class PhysicalLines {
  private readonly table: Int32Array;
  readonly count: number;

  constructor(text: string) {
    let count = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
    if (text.length > 0 && !text.endsWith('\n')) count++;
    this.count = count;
    this.table = new Int32Array(count * 3);
    let start = 0;
    for (let line = 0; line < count; line++) {
      const lf = text.indexOf('\n', start);
      const next = lf === -1 ? text.length : lf + 1;
      let contentEnd = lf === -1 ? text.length : lf;
      // Go's bytes.TrimRight(line, "\r\n") drops every trailing CR.
      while (contentEnd > start && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
      this.table[line * 3] = start;
      this.table[line * 3 + 1] = contentEnd;
      this.table[line * 3 + 2] = next;
      start = next;
    }
  }

  start(line: number): number {
    return this.table[line * 3];
  }

  contentEnd(line: number): number {
    return this.table[line * 3 + 1];
  }

  next(line: number): number {
    return this.table[line * 3 + 2];
  }
}

function leadingWhitespaceEnd(text: string, start: number, end: number): number {
  while (start < end && isGoSpace(text[start])) start++;
  return start;
}

function byteLengthAtLeast(text: string, start: number, end: number, limit: number): boolean {
  // UTF-8 needs at most 3 bytes per UTF-16 unit, so short lines need no counting.
  if ((end - start) * 3 < limit) return false;
  return Buffer.byteLength(text.slice(start, end), 'utf8') >= limit;
}

export function scanDockerfile(file: SourceFile, heredocPolicy: HeredocPolicy): ScanResult {
  const text = file.text;
  const lines = new PhysicalLines(text);
  const result: ScanResult = { directives: [], escapeChar: '\\', comments: [], instructions: [], errors: [] };
    let directivesDone = false;

  for (let line = 0; line < lines.count; line++) {
    const next = lines.next(line);
    const lineEnd = text.charCodeAt(next - 1) === 10 ? next - 1 : next;
    if (byteLengthAtLeast(text, lines.start(line), lineEnd, MAX_LINE_BYTES)) {
      result.errors.push({
        message: `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES - 1}`,
        start: lines.start(line),
        end: lines.contentEnd(line),
      });
    }
  }

  const readDirective = (lineIndex: number, from: number, to: number): boolean => {
    if (directivesDone) return false;
    const content = text.slice(from, to);
    if (lineIndex === 0 && content.startsWith('#!')) return false;
    const match = DIRECTIVE.exec(content);
    const name = match?.[1].toLowerCase();
    if (!match || !name || !KNOWN_DIRECTIVES.has(name)) {
      directivesDone = true;
      return false;
    }
    const range = file.range(from, to);
    if (result.directives.some((d) => d.name === name)) {
      result.errors.push({ message: `only one ${name} parser directive can be used`, start: from, end: to });
      return true;
    }
    let value = match[2];
    // BuildKit takes the frontend image up to the first blank; the rest is for the frontend.
    if (name === 'syntax') value = value.split(/\s+/)[0];
    result.directives.push({ name, value, range });
    if (name === 'escape') {
      if (value === '\\' || value === '`') {
        result.escapeChar = value;
      } else {
        result.errors.push({ message: `invalid escape token '${value}' does not match \` or \\`, start: from, end: to });
      }
    }
    return true;
  };

  const recordComment = (from: number, to: number) => {
    let end = to;
    while (end > from && isGoSpace(text[end - 1])) end--;
    result.comments.push({ value: text.slice(from, end), range: file.range(from, end) });
  };

  let index = 0;
  while (index < lines.count) {
    const lineStart = lines.start(index);
    const lineContentEnd = lines.contentEnd(index);
    const contentStart = leadingWhitespaceEnd(text, lineStart, lineContentEnd);
    const isDirective = readDirective(index, contentStart, lineContentEnd);
    index++;
    if (text[contentStart] === '#' && contentStart < lineContentEnd) {
      if (!isDirective) recordComment(contentStart, lineContentEnd);
      continue;
    }
    if (contentStart === lineContentEnd) continue;

    const logical = new LogicalText();
    let ended = appendTrimmingContinuation(logical, text, contentStart, lineContentEnd, result.escapeChar);
    let end = lineContentEnd;
    let emptyContinuationAt: number | undefined;
    while (!ended && index < lines.count) {
      const nextStart = lines.start(index);
      const nextContentEnd = lines.contentEnd(index);
      readDirective(index, nextStart, nextContentEnd);
      index++;
      const nextContentStart = leadingWhitespaceEnd(text, nextStart, nextContentEnd);
      if (nextContentStart === nextContentEnd) {
        emptyContinuationAt ??= nextStart;
        continue;
      }
      if (text[nextContentStart] === '#') {
        recordComment(nextContentStart, nextContentEnd);
        continue;
      }
      ended = appendTrimmingContinuation(logical, text, nextStart, nextContentEnd, result.escapeChar);
      end = nextContentEnd;
    }

    const heredocs: ScannedHeredoc[] = [];
    if (logical.text.includes('<<') && heredocPolicy(logical)) {
      for (const marker of findHeredocMarkers(logical.text, 0, logical.text.length)) {
        const bodyStart = index < lines.count ? lines.start(index) : text.length;
        let terminated = false;
        let bodyEnd = bodyStart;
        while (index < lines.count) {
          const bodyLineStart = lines.start(index);
          const bodyLineEnd = lines.contentEnd(index);
          const bodyLineNext = lines.next(index);
          index++;
          let candidateStart = bodyLineStart;
          // With `<<-` the terminator may be indented with tabs.
          if (marker.chomp) while (text[candidateStart] === '\t' && candidateStart < bodyLineEnd) candidateStart++;
          if (bodyLineEnd - candidateStart === marker.name.length && text.startsWith(marker.name, candidateStart)) {
            terminated = true;
            end = bodyLineEnd;
            break;
          }
          bodyEnd = bodyLineNext;
          end = bodyLineEnd;
        }
        heredocs.push({ marker, rawBody: text.slice(bodyStart, bodyEnd), bodyStart, terminated });
        if (!terminated) break;
      }
    }

    result.instructions.push({ logical, start: contentStart, end, heredocs, emptyContinuationAt });
  }
  return result;
}

/**
 * Appends the line without a trailing continuation token and says whether the instruction ended.
 * BuildKit's rule (`(^|[^E])E[ \t]*$`): a line continues when it ends in the escape token plus
 * blanks, unless that token is itself escaped; a lone token at the line start also continues.
 */
function appendTrimmingContinuation(logical: LogicalText, text: string, start: number, end: number, escape: EscapeToken): boolean {
  let last = end - 1;
  while (last >= start && (text[last] === ' ' || text[last] === '\t')) last--;
  const continues = last >= start && text[last] === escape && (last === start || text[last - 1] !== escape);
  logical.append(text.slice(start, continues ? last : end), start);
  return !continues;
}

import type { FileKind, Position, Range, RelatedLocation } from './types';

/**
 * A file's text with a line index. The BOM is removed from `text` (and remembered in `bom`)
 * so that the first character of the file is line 1, column 1 for every parser.
 * Lines end at `\n`, `\r\n` or a lone `\r`, as an editor shows them and go-yaml reads them; the
 * `\r` of a `\r\n` is counted in the line's columns but is not part of its text.
 */
export class SourceFile {
  readonly text: string;
  readonly bom: boolean;
  private lineStarts: number[] | undefined;

  constructor(
    readonly path: string,
    rawText: string,
    readonly kind: FileKind,
  ) {
    this.bom = rawText.charCodeAt(0) === 0xfeff;
    this.text = this.bom ? rawText.slice(1) : rawText;
  }

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const text = this.text;
    // The regex only for the rare file with a lone `\r`: `\r\n` files take the fast loop too.
    if (text.includes('\r') && LONE_CR.test(text)) {
      for (const match of text.matchAll(LONE_CR_OR_LF)) starts.push(match.index + 1);
    } else {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    this.lineStarts = starts;
    return starts;
  }

  get lineCount(): number {
    return this.starts().length;
  }

  /** Position of a 0-based offset into `text`. */
  position(offset: number): Position {
    const starts = this.starts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - starts[lo] + 1, offset: clamped };
  }

  range(startOffset: number, endOffset: number): Range {
    return new OffsetRange(this, startOffset, endOffset);
  }

  /** Offset of a 1-based line and column. */
  offsetAt(line: number, column: number): number {
    const starts = this.starts();
    const index = Math.max(0, Math.min(line - 1, starts.length - 1));
    return Math.min(starts[index] + column - 1, this.text.length);
  }

  /** Text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const starts = this.starts();
    if (line < 1 || line > starts.length) return '';
    const start = starts[line - 1];
    const end = line < starts.length ? starts[line] - 1 : this.text.length;
    const raw = this.text.slice(start, end);
    // `end` is at the line break; the `\r` of a `\r\n` before it is not the line's text either.
    return raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  }
}

const LONE_CR = /\r(?!\n)/;
const LONE_CR_OR_LF = /\n|\r(?!\n)/g;

/**
 * The file whose text a range was made from: its line and column mean something only there, so a
 * finding or an edit at that range belongs to that file (an override, `extends` or included file),
 * whatever file the code that reported it had at hand. Undefined for a range written as a literal.
 */
export function fileOfRange(range: Range): SourceFile | undefined {
  return OffsetRange.fileOf(range);
}

/** A related location at a range's start, in the file the range was made from (else `fallbackFile`). */
export function relatedAt(fallbackFile: string, range: Range, message: string): RelatedLocation {
  return { file: fileOfRange(range)?.path ?? fallbackFile, line: range.start.line, column: range.start.column, message };
}

/**
 * A range whose line and column are worked out each time they are read: a large repository creates
 * hundreds of thousands of ranges (every YAML scalar, every Dockerfile word) and reads few.
 */
class OffsetRange implements Range {
  readonly #file: SourceFile;

  /** Static, so that the file is no property of the range (ranges are compared and copied as plain data). */
  static fileOf(range: Range): SourceFile | undefined {
    return range instanceof OffsetRange ? range.#file : undefined;
  }

  readonly #startOffset: number;
  readonly #endOffset: number;

  constructor(file: SourceFile, startOffset: number, endOffset: number) {
    this.#file = file;
    this.#startOffset = startOffset;
    this.#endOffset = endOffset;
  }

  get start(): Position {
    return this.#file.position(this.#startOffset);
  }

  get end(): Position {
    return this.#file.position(this.#endOffset);
  }
}

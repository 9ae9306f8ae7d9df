/**
 * Reads `.env`, `--env-file` and `env_file:` files the way compose-go's `dotenv`
 * package does: `export ` prefixes, `KEY=value` or `KEY: value`, bare `KEY`
 * lines inherited from the lookup, comments, single quotes (literal) and double
 * quotes (escapes and `${}` expansion), both of which may span lines.
 *
 * Error messages name lines, keys and characters, never a value: .env files are
 * where secrets live.
 */
import { ParseError } from '../errors';
import { expandDoubleQuotedEscapes } from './dotenv-escapes';
import { isDotenvSpace, isGoSpace, isValidKeyChar, trimGoSpaceRight } from './dotenv-chars';
import { goQuote } from './go-quote';
import type { Env, Lookup } from './template';
import { interpolateWithLookup, InvalidTemplateError, lookupIn, MissingRequiredVariableError } from './template';

export type DotenvErrorReason = 'syntax' | 'invalid-template' | 'missing-required';

export class DotenvError extends ParseError {
  /** Index into the `texts` given to parseDotenvFiles, when the error came from there. */
  fileIndex?: number;

  constructor(
    message: string,
    /** Offset into the text with a leading BOM removed. */
    offset: number,
    /** 1-based line of `offset`. */
    readonly line: number,
    /** 1-based column of `offset`, in characters. */
    readonly column: number,
    readonly reason: DotenvErrorReason,
    /** For `missing-required`: the variable that has no value. */
    readonly variable?: string,
  ) {
    super(`line ${line}: ${message}`, offset);
    this.name = 'DotenvError';
  }
}

/**
 * Parses one env file. `${}` references in values resolve from `lookup` first,
 * then from values defined earlier in the same file (compose's order).
 * Keys that start with a digit are kept, as compose's env-file loading keeps them.
 */
export function parseDotenv(text: string, lookup?: (name: string) => string | undefined): Map<string, string> {
  const values = new Map<string, string>();
  new DotenvReader(withoutBom(text), values, lookup ?? (() => undefined)).read();
  return values;
}

/**
 * Parses several env files in order into one map, as `--env-file a --env-file b`
 * does: later files override earlier ones, and `${}` in a file resolves from the
 * OS env first, then from values read so far (its own and earlier files').
 * The result holds the files' values; compose merges it under the OS env.
 */
export function parseDotenvFiles(texts: readonly string[], osEnv: Env): Map<string, string> {
  const values = new Map<string, string>();
  const lookup = lookupIn(osEnv);
  texts.forEach((text, fileIndex) => {
    try {
      new DotenvReader(withoutBom(text), values, lookup).read();
    } catch (error) {
      if (error instanceof DotenvError) error.fileIndex = fileIndex;
      throw error;
    }
  });
  return values;
}

function withoutBom(text: string): string {
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

const EXPORT_PREFIX = /export[\t\n\f\r ]+/y;

class DotenvReader {
  constructor(
    private readonly text: string,
    private readonly values: Map<string, string>,
    private readonly lookup: Lookup,
  ) {}

  read(): void {
    let cursor = 0;
    for (;;) {
      const statement = this.statementStart(cursor);
      if (statement < 0) return;
      cursor = this.readStatement(statement);
    }
  }

  /** Skips blank space and comment lines; -1 at the end of the text. */
  private statementStart(from: number): number {
    let position = from;
    for (;;) {
      while (position < this.text.length && isGoSpace(this.text[position])) position++;
      if (position >= this.text.length) return -1;
      if (this.text[position] !== '#') return position;
      position = this.text.indexOf('\n', position);
      if (position < 0) return -1;
    }
  }

  /** Reads one `KEY=value` or bare `KEY` statement and returns where the next may start. */
  private readStatement(start: number): number {
    const keyStart = this.afterExportPrefix(start);
    const separator = this.findKeySeparator(keyStart);
    if (keyStart >= this.text.length) throw this.error('zero length string', keyStart, 'syntax');

    // With no separator before the end of the text, compose reads the whole rest
    // as the value of an empty key.
    const rawKey = separator < 0 ? '' : this.text.slice(keyStart, separator);
    const inherited = separator >= 0 && this.text[separator] === '\n';
    const key = trimGoSpaceRight(rawKey);
    if (key.includes(' ')) {
      throw this.error('key cannot contain a space', keyStart + key.indexOf(' '), 'syntax');
    }
    const valueStart = this.skipDotenvSpace(separator < 0 ? keyStart : separator + 1);
    if (inherited) {
      const inheritedValue = this.lookup(key);
      if (inheritedValue !== undefined) this.values.set(key, inheritedValue);
      return valueStart;
    }
    return this.readValue(key, valueStart);
  }

  private afterExportPrefix(start: number): number {
    EXPORT_PREFIX.lastIndex = start;
    if (!EXPORT_PREFIX.test(this.text)) return start;
    // The prefix test accepts a newline after `export`, but only blanks are skipped.
    return this.skipDotenvSpace(start + 'export'.length);
  }

  /** Index of the `=`, `:` or newline ending the key, or -1 if the text ends first. */
  private findKeySeparator(keyStart: number): number {
    let index = keyStart;
    while (index < this.text.length) {
      const char = String.fromCodePoint(this.text.codePointAt(index) ?? 0);
      if (char === '=' || char === ':' || char === '\n') return index;
      if (!isDotenvSpace(char) && !isValidKeyChar(char)) {
        throw this.error(`unexpected character ${goQuote(char)} in variable name`, index, 'syntax');
      }
      index += char.length;
    }
    return -1;
  }

  private readValue(key: string, start: number): number {
    const quote = this.text[start];
    if (quote === '"' || quote === "'") return this.readQuotedValue(key, start, quote);

    const newline = this.text.indexOf('\n', start);
    const lineEnd = newline < 0 ? this.text.length : newline;
    let raw = this.text.slice(start, lineEnd);
    // Only a space-then-hash starts an inline comment: `a#b` keeps its `#b`.
    const comment = raw.indexOf(' #');
    if (comment >= 0) raw = raw.slice(0, comment);
    this.values.set(key, this.expand(key, trimGoSpaceRight(raw), start, true));
    return newline < 0 ? this.text.length : newline + 1;
  }

  private readQuotedValue(key: string, start: number, quote: string): number {
    let value = '';
    let escaping = false;
    for (let index = start + 1; index < this.text.length; index++) {
      const char = this.text[index];
      if (escaping) {
        escaping = false;
        // An escaped closing quote loses its backslash; anything else keeps it for later.
        value += char === quote ? char : `\\${char}`;
      } else if (char === '\\') {
        escaping = true;
      } else if (char === quote) {
        if (quote === '"') {
          const unescaped = expandDoubleQuotedEscapes(value);
          const offsetsHold = unescaped === this.text.slice(start + 1, index);
          value = this.expand(key, unescaped, start + 1, offsetsHold);
        }
        this.values.set(key, value);
        return index + 1;
      } else {
        value += char;
      }
    }
    throw this.error(`unterminated quoted value${key === '' ? '' : ` for ${key}`}`, start, 'syntax');
  }

  /**
   * Expands `${}` in a value. `offsetsHold` says whether offsets in `value` map
   * straight onto the file from `valueStart`; if not, errors point at the value start.
   */
  private expand(key: string, value: string, valueStart: number, offsetsHold: boolean): string {
    const locate = (offset: number): number => (offsetsHold ? valueStart + offset : valueStart);
    try {
      return interpolateWithLookup(value, (name) => this.lookup(name) ?? this.values.get(name));
    } catch (error) {
      if (error instanceof InvalidTemplateError) {
        const where = key === '' ? 'a value' : `the value of ${key}`;
        throw this.error(`invalid interpolation format in ${where}`, locate(error.offset), 'invalid-template');
      }
      if (error instanceof MissingRequiredVariableError) {
        throw this.error(error.message, locate(error.offset), 'missing-required', error.variable);
      }
      throw error;
    }
  }

  private skipDotenvSpace(from: number): number {
    let index = from;
    while (index < this.text.length && isDotenvSpace(this.text[index])) index++;
    return index;
  }

  private error(message: string, offset: number, reason: DotenvErrorReason, variable?: string): DotenvError {
    const lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    const line = countNewlines(this.text, offset) + 1;
    const column = Array.from(this.text.slice(lineStart, offset)).length + 1;
    return new DotenvError(message, offset, line, column, reason, variable);
  }
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index >= 0 && index < end; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

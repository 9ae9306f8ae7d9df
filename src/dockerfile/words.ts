/**
 * Word splitters that reproduce how BuildKit's Dockerfile parser cuts an instruction line. Each
 * returns spans (start/end indices into the line) so the caller can map them back to file positions.
 */
import { ExpansionError, expandWord, type EscapeToken } from './expand';

export interface Span {
  start: number;
  end: number;
}

/** BuildKit's `reWhitespace` (`[\t\v\f\r ]`): the separators between a keyword and its arguments. */
export function isInstructionSpace(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  return code === 32 || code === 9 || code === 11 || code === 12 || code === 13;
}

/** Unicode whitespace as Go's `unicode.IsSpace` sees it. */
export function isGoSpace(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Shrinks a span so it starts and ends on non-whitespace, like Go's `strings.TrimSpace`. */
export function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && isGoSpace(text[start])) start++;
  while (end > start && isGoSpace(text[end - 1])) end--;
  return { start, end };
}

/** `parseStringsWhitespaceDelimited`: split on runs of blanks, no quote handling (FROM, COPY, EXPOSE...). */
export function splitOnWhitespace(text: string, start: number, end: number): Span[] {
  const spans: Span[] = [];
  let wordStart = -1;
  for (let i = start; i <= end; i++) {
    const separator = i === end || isInstructionSpace(text[i]);
    if (separator) {
      if (wordStart !== -1) spans.push({ start: wordStart, end: i });
      wordStart = -1;
    } else if (wordStart === -1) wordStart = i;
  }
  return spans;
}

/**
 * `parseWords`: whitespace-separated words where quotes group and the escape token protects the
 * next character; quotes and escapes stay in the word (ENV, ARG, LABEL and shell-form commands).
 */
export function splitShellWords(text: string, start: number, end: number, escape: EscapeToken): Span[] {
  const spans: Span[] = [];
  let wordStart = -1;
  let quote = '';
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (wordStart === -1) {
      if (isGoSpace(ch)) continue;
      wordStart = i;
    }
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === escape && quote !== "'") i++;
      continue;
    }
    if (isGoSpace(ch)) {
      spans.push({ start: wordStart, end: i });
      wordStart = -1;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === escape) i++;
  }
  if (wordStart !== -1) spans.push({ start: wordStart, end: Math.min(end, text.length) });
  return spans;
}

export interface FlagWord extends Span {
  /** The flag with quotes and backslash escapes removed, e.g. `--from=build`. */
  word: string;
}

/**
 * `extractBuilderFlags`: the `--name[=value]` words before the arguments. A bare `--` ends the
 * flags and is dropped. Returns the index where the arguments start.
 */
export function extractFlags(text: string, start: number, end: number): { flags: FlagWord[]; argsStart: number } {
  const flags: FlagWord[] = [];
  let pos = start;
  for (;;) {
    while (pos < end && isGoSpace(text[pos])) pos++;
    if (pos >= end || text[pos] !== '-' || pos + 1 >= end || text[pos + 1] !== '-') return { flags, argsStart: pos };
    const wordStart = pos;
    let word = '';
    let quote = '';
    for (; pos < end; pos++) {
      const ch = text[pos];
      if (quote) {
        if (ch === quote) quote = '';
        else if (ch === '\\' && pos + 1 < end) word += text[++pos];
        else if (ch !== '\\') word += ch;
        continue;
      }
      if (isGoSpace(ch)) break;
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '\\') {
        if (pos + 1 < end) word += text[++pos];
      } else word += ch;
    }
    if (word === '--') {
      if (pos >= end) return { flags, argsStart: end };
      return { flags, argsStart: pos };
    }
    flags.push({ start: wordStart, end: pos, word });
  }
}

export interface HeredocMarker extends Span {
  name: string;
  /** True when any part of the name was quoted, so BuildKit does not expand the body. */
  quoted: boolean;
  chomp: boolean;
  /** Only when written, e.g. 3 for `3<<EOF`. */
  fd?: number;
}

const HEREDOC_WORD = /^(\d*)<<(-?)([^<]*)$/;

/**
 * Heredoc markers on an instruction line. BuildKit lexes the whole line into raw shell words
 * (quotes and escapes kept, backslash always the escape here) and takes every word shaped like
 * `[fd]<<[-]name`; a marker separated from its name by blanks (`<<  EOF`) takes the next word.
 */
export function findHeredocMarkers(text: string, start: number, end: number): HeredocMarker[] {
  const words = rawShellWords(text, start, end);
  if (!words) return [];
  const markers: HeredocMarker[] = [];
  for (let w = 0; w < words.length; w++) {
    let raw = text.slice(words[w].start, words[w].end);
    let span = words[w];
    if (/^\d*<<-?$/.test(raw) && w + 1 < words.length) {
      const nextRaw = text.slice(words[w + 1].start, words[w + 1].end);
      if (!nextRaw.includes('<')) {
        raw += nextRaw;
        span = { start: words[w].start, end: words[w + 1].end };
        w++;
      }
    }
    const match = HEREDOC_WORD.exec(raw);
    if (!match || match[3] === '') continue;
    const nameWord = match[3];
    const nameWords = rawShellWords(nameWord, 0, nameWord.length);
    if (!nameWords || nameWords.length !== 1) continue;
    let name: string;
    try {
      name = expandWord(nameWord, {}, '\\', { skipUnset: true });
    } catch (error) {
      if (error instanceof ExpansionError) continue;
      throw error;
    }
    const quoteCount = (s: string) => (s.match(/['"]/g) ?? []).length;
    markers.push({
      start: span.start,
      end: span.end,
      name,
      quoted: quoteCount(name) !== quoteCount(nameWord),
      chomp: match[2] === '-',
      fd: match[1] === '' ? undefined : Number(match[1]),
    });
  }
  return markers;
}

/** Raw shell words (quotes/escapes kept); undefined when a quote is left open, as BuildKit then finds none. */
function rawShellWords(text: string, start: number, end: number): Span[] | undefined {
  const spans: Span[] = [];
  let wordStart = -1;
  let quote = '';
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (isGoSpace(ch)) {
      if (wordStart !== -1) spans.push({ start: wordStart, end: i });
      wordStart = -1;
      continue;
    }
    if (wordStart === -1) wordStart = i;
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '\\') i++;
  }
  if (quote) return undefined;
  if (wordStart !== -1) spans.push({ start: wordStart, end: Math.min(end, text.length) });
  return spans;
}

export type JsonArrayResult =
  | { kind: 'strings'; values: string[]; tokens: Span[] }
  | { kind: 'not-strings' }
  | { kind: 'not-json' };

/**
 * `parseJSON`: exec form is a JSON array of strings. Anything that does not parse falls back to
 * shell form; an array holding non-strings is an error in BuildKit.
 */
export function parseJsonArray(text: string, start: number, end: number): JsonArrayResult {
  const { start: from, end: to } = trimSpan(text, start, end);
  if (text[from] !== '[') return { kind: 'not-json' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(from, to));
  } catch {
    return { kind: 'not-json' };
  }
  if (!Array.isArray(parsed)) return { kind: 'not-json' };
  if (!parsed.every((item): item is string => typeof item === 'string')) return { kind: 'not-strings' };
  return { kind: 'strings', values: parsed, tokens: jsonStringTokens(text, from, to) };
}

/** Spans of the string literals (quotes included) in valid JSON text. */
function jsonStringTokens(text: string, start: number, end: number): Span[] {
  const tokens: Span[] = [];
  for (let i = start; i < end; i++) {
    if (text[i] !== '"') continue;
    let j = i + 1;
    while (j < end && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    tokens.push({ start: i, end: j + 1 });
    i = j;
  }
  return tokens;
}

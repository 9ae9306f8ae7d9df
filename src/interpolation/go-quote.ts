/**
 * Quotes a string the way Go's `%#v` / `strconv.Quote` does, so messages that
 * Docker Compose prints with `%#v` can be reproduced character for character.
 */
export function goQuote(text: string): string {
  let quoted = '"';
  for (const char of text) {
    quoted += quoteChar(char);
  }
  return `${quoted}"`;
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

function quoteChar(char: string): string {
  const named = NAMED_ESCAPES[char];
  if (named !== undefined) return named;
  const codePoint = char.codePointAt(0) ?? 0;
  if (isPrintable(char)) return char;
  if (codePoint < 0x80) return `\\x${hex(codePoint, 2)}`;
  if (codePoint <= 0xffff) return `\\u${hex(codePoint, 4)}`;
  return `\\U${hex(codePoint, 8)}`;
}

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isPrintable(char: string): boolean {
  return char === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(char);
}

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}

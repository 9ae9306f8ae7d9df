/**
 * Backslash escapes inside double-quoted env-file values, as compose-go expands
 * them: a fixed set of C-style escapes plus `\0NNN` octal; anything else (`\x07`,
 * `\u12e4`, `\q`) stays as written.
 */
const ESCAPE_SEQUENCE = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g;

const SINGLE_CHAR_ESCAPES: Readonly<Record<string, string>> = {
  a: '\u0007',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
};

export function expandDoubleQuotedEscapes(value: string): string {
  return value.replace(ESCAPE_SEQUENCE, (sequence) => {
    // `\$` becomes the template escape `$$`, so the `$` survives interpolation literally.
    if (sequence === '\\$') return '$$';
    return sequence.startsWith('\\0') ? decodeOctal(`\\${sequence.slice(2)}`) : SINGLE_CHAR_ESCAPES[sequence[1]];
  });
}

/**
 * Compose rewrites `\0NNN` to `\NNN` and hands it to Go's strconv.UnquoteChar,
 * which needs exactly three octal digits worth at most 255; when that fails the
 * rewritten text (without the 0) is what ends up in the value.
 */
function decodeOctal(rewritten: string): string {
  const digits = rewritten.slice(1);
  if (!/^[0-7]{3}$/.test(digits)) return rewritten;
  const code = parseInt(digits, 8);
  return code <= 255 ? String.fromCharCode(code) : rewritten;
}

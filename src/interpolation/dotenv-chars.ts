/** Character classes of compose-go's dotenv parser, which follows Go's `unicode` package. */

/** Go's unicode.IsSpace (differs from JavaScript's `\s`: includes U+0085, excludes U+FEFF). */
export function isGoSpace(char: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(char);
}

/** dotenv's own "space": blanks that do not end a line. */
export function isDotenvSpace(char: string): boolean {
  return /^[\t\v\f\r \u0085\u00a0]$/.test(char);
}

/** Letters, digits (any script) and `_ . - [ ]` may form a key. */
export function isValidKeyChar(char: string): boolean {
  return /^[_.\-[\]\p{L}\p{N}]$/u.test(char);
}

export function trimGoSpaceRight(text: string): string {
  let end = text.length;
  while (end > 0 && isGoSpace(text[end - 1])) end--;
  return text.slice(0, end);
}

/**
 * BuildKit-compatible shell-word expansion (the `shell.Lex` that BuildKit applies to ARG/ENV values,
 * FROM image names, `--platform` and other expanded arguments). It is not a POSIX shell: only
 * quotes, the escape token and `$` parameter expansion are special, exactly as BuildKit treats them.
 */

export type EscapeToken = '\\' | '`';

/** Variables visible to an expansion: a plain record or a lookup function. */
export type ExpansionEnv = Readonly<Record<string, string | undefined>> | ((name: string) => string | undefined);

export interface ExpandOptions {
  /**
   * Leave references to unset variables as written (`$X`, `${X:-d}`) instead of expanding them to
   * the empty string; BuildKit does this when it reads heredoc names.
   */
  skipUnset?: boolean;
}

export interface ExpansionResult {
  value: string;
  /** Variable names that were looked up and found. */
  matched: Set<string>;
  /** Variable names that were looked up and not set. */
  unmatched: Set<string>;
}

/** A word that BuildKit refuses to expand, such as `${X:?msg}` with X unset or `${}`. */
export class ExpansionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpansionError';
  }
}

export function expandWord(word: string, env: ExpansionEnv, escapeToken: EscapeToken = '\\', options: ExpandOptions = {}): string {
  return expandWordDetailed(word, env, escapeToken, options).value;
}

export function expandWordDetailed(
  word: string,
  env: ExpansionEnv,
  escapeToken: EscapeToken = '\\',
  options: ExpandOptions = {},
): ExpansionResult {
  const lexer = new WordLexer(word, toLookup(env), escapeToken, options.skipUnset ?? false);
  const value = lexer.processUntil(undefined, false);
  return { value, matched: lexer.matched, unmatched: lexer.unmatched };
}

/**
 * Quotes and escapes removed, variable references left as written. Used for values that the model
 * reports "as written"; falls back to the raw text when BuildKit could not lex the word either.
 */
export function unquoteWord(word: string, escapeToken: EscapeToken = '\\'): string {
  try {
    return expandWord(word, {}, escapeToken, { skipUnset: true });
  } catch {
    return word;
  }
}

function toLookup(env: ExpansionEnv): (name: string) => string | undefined {
  if (typeof env === 'function') return env;
  return (name) => (Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined);
}

const SPECIAL_PARAMETERS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

class WordLexer {
  private pos = 0;
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly lookup: (name: string) => string | undefined,
    private readonly escapeToken: EscapeToken,
    private readonly skipUnset: boolean,
  ) {}

  private peek(): string | undefined {
    if (this.pos >= this.text.length) return undefined;
    const code = this.text.codePointAt(this.pos) as number;
    return String.fromCodePoint(code);
  }

  private next(): string | undefined {
    const ch = this.peek();
    if (ch !== undefined) this.pos += ch.length;
    return ch;
  }

  private getEnv(name: string): string | undefined {
    const value = this.lookup(name);
    if (value === undefined) this.unmatched.add(name);
    else this.matched.add(name);
    return value;
  }

  /** Reads up to `stop` (consumed) or the end; `rawEscapes` keeps escape tokens for pattern words. */
  processUntil(stop: string | undefined, rawEscapes: boolean): string {
    let result = '';
    for (let ch = this.peek(); ch !== undefined; ch = this.peek()) {
      if (stop !== undefined && ch === stop) {
        this.next();
        return result;
      }
      if (ch === "'") result += this.singleQuoted();
      else if (ch === '"') result += this.doubleQuoted();
      else if (ch === '$') result += this.dollar();
      else {
        this.next();
        if (ch === this.escapeToken) {
          if (rawEscapes) result += ch;
          const escaped = this.next();
          // An escape token at the very end is dropped, as BuildKit does.
          if (escaped === undefined) break;
          result += escaped;
        } else {
          result += ch;
        }
      }
    }
    if (stop !== undefined) throw new ExpansionError(`unexpected end of statement while looking for matching ${stop}`);
    return result;
  }

  private singleQuoted(): string {
    this.next();
    let result = '';
    for (;;) {
      const ch = this.next();
      if (ch === undefined) throw new ExpansionError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") return result;
      result += ch;
    }
  }

  private doubleQuoted(): string {
    this.next();
    let result = '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new ExpansionError('unexpected end of statement while looking for matching double-quote');
      if (ch === '"') {
        this.next();
        return result;
      }
      if (ch === '$') {
        result += this.dollar();
        continue;
      }
      this.next();
      if (ch === this.escapeToken) {
        const following = this.peek();
        if (following === undefined) continue;
        // Inside double quotes only these can be escaped; any other escape token stays literal.
        if (following === '"' || following === '$' || following === this.escapeToken) {
          result += this.next();
          continue;
        }
      }
      result += ch;
    }
  }

  private name(): string {
    let name = '';
    for (let ch = this.peek(); ch !== undefined; ch = this.peek()) {
      if (name === '' && DIGIT.test(ch)) {
        // Positional parameters: every following digit belongs to the name.
        while (ch !== undefined && DIGIT.test(ch)) {
          name += this.next();
          ch = this.peek();
        }
        return name;
      }
      if (name === '' && SPECIAL_PARAMETERS.has(ch)) {
        this.next();
        return ch;
      }
      if (!LETTER.test(ch) && !DIGIT.test(ch) && ch !== '_') break;
      name += this.next();
    }
    return name;
  }

  private dollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.name();
      if (name === '') return '$';
      const value = this.getEnv(name);
      if (value === undefined && this.skipUnset) return '$' + name;
      return value ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === undefined) throw new ExpansionError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new ExpansionError('syntax error: bad substitution');

    const name = this.name();
    let modifier = this.next();
    if (modifier === undefined) throw new ExpansionError("syntax error: missing '}'");
    if (modifier === '}') {
      const value = this.getEnv(name);
      if (value === undefined && this.skipUnset) return '${' + name + '}';
      return value ?? '';
    }
    if (modifier === '/') return this.substitute(name);

    let written = modifier;
    let nullIsUnset = false;
    if (modifier === ':') {
      nullIsUnset = true;
      modifier = this.next();
      if (modifier === undefined) throw new ExpansionError("syntax error: missing '}'");
      written += modifier;
    } else if (!'+-?#%'.includes(modifier)) {
      throw new ExpansionError(`unsupported modifier (${written}) in substitution`);
    }
    const isPattern = modifier === '#' || modifier === '%';
    if (nullIsUnset && isPattern) throw new ExpansionError(`unsupported modifier (${written}) in substitution`);

    const word = this.wordUntilBrace(isPattern);
    const value = this.getEnv(name);
    if (this.skipUnset && value === undefined) return '${' + name + written + word + '}';
    const isUnset = value === undefined || (nullIsUnset && value === '');

    switch (modifier) {
      case '-':
        return isUnset ? word : (value as string);
      case '+':
        return isUnset ? '' : word;
      case '?':
        if (value === undefined) throw new ExpansionError(`${name}: ${word || 'is not allowed to be unset'}`);
        if (isUnset) throw new ExpansionError(`${name}: ${word || 'is not allowed to be empty'}`);
        return value;
      case '#':
      case '%': {
        const greedy = word.startsWith(modifier);
        const pattern = greedy ? word.slice(1) : word;
        return modifier === '#' ? trimPrefix(value ?? '', pattern, greedy) : trimSuffix(value ?? '', pattern, greedy);
      }
      default:
        throw new ExpansionError(`unsupported modifier (${written}) in substitution`);
    }
  }

  private wordUntilBrace(rawEscapes: boolean): string {
    try {
      return this.processUntil('}', rawEscapes);
    } catch (error) {
      if (this.peek() === undefined) throw new ExpansionError("syntax error: missing '}'");
      throw error;
    }
  }

  /** `${name/pattern/replacement}` and `${name//pattern/replacement}`. */
  private substitute(name: string): string {
    const replaceAll = this.peek() === '/';
    if (replaceAll) this.next();
    let pattern: string;
    try {
      pattern = this.processUntil('/', true);
    } catch (error) {
      if (this.peek() === undefined) throw new ExpansionError("syntax error: missing '/' in ${}");
      throw error;
    }
    const replacement = this.wordUntilBrace(true);
    const value = this.getEnv(name);
    if (this.skipUnset && value === undefined) return '${' + name + (replaceAll ? '//' : '/') + pattern + '/' + replacement + '}';
    const regex = new RegExp(shellPatternToRegex(pattern, true), replaceAll ? 'gu' : 'u');
    return (value ?? '').replace(regex, () => replacement);
  }
}

/** Converts a shell glob (`*`, `?`, `[...]`, backslash escapes) to a regular expression body. */
function shellPatternToRegex(pattern: string, greedy: boolean): string {
  let out = '';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '*') out += greedy ? '.*' : '.*?';
    else if (ch === '?') out += '.';
    else if (ch === '\\' && i + 1 < chars.length) out += escapeRegex(chars[++i]);
    else if (ch === '[') {
      const close = chars.indexOf(']', i + 2);
      if (close === -1) out += '\\[';
      else {
        let body = chars.slice(i + 1, close).join('');
        if (body.startsWith('!')) body = '^' + body.slice(1);
        const bracket = '[' + body.replace(/\\(?!\])/g, '\\\\') + ']';
        if (!isValidClass(bracket)) throw new ExpansionError(`bad pattern: ${pattern}`);
        out += bracket;
        i = close;
      }
    } else out += escapeRegex(ch);
  }
  return out;
}

/** Only syntax characters: with the `u` flag, escaping anything else (`\-`) is itself an error. */
function escapeRegex(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A bracket expression a shell would reject (`[z-a]`) is a bad pattern, as in BuildKit. */
function isValidClass(bracket: string): boolean {
  try {
    new RegExp(bracket, 'u');
    return true;
  } catch {
    return false;
  }
}

function fullMatcher(pattern: string): RegExp {
  return new RegExp('^(?:' + shellPatternToRegex(pattern, true) + ')$', 'su');
}

function trimPrefix(value: string, pattern: string, greedy: boolean): string {
  const matcher = fullMatcher(pattern);
  if (greedy) {
    for (let end = value.length; end >= 0; end--) if (matcher.test(value.slice(0, end))) return value.slice(end);
  } else {
    for (let end = 0; end <= value.length; end++) if (matcher.test(value.slice(0, end))) return value.slice(end);
  }
  return value;
}

function trimSuffix(value: string, pattern: string, greedy: boolean): string {
  const matcher = fullMatcher(pattern);
  if (greedy) {
    for (let start = 0; start <= value.length; start++) if (matcher.test(value.slice(start))) return value.slice(0, start);
  } else {
    for (let start = value.length; start >= 0; start--) if (matcher.test(value.slice(start))) return value.slice(0, start);
  }
  return value;
}

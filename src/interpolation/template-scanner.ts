/**
 * Finds `$` expressions in a template the way compose-go's `template` package
 * does. Compose does not parse: it runs one regular expression over the text and
 * post-processes each match, and several of its observable behaviours (which
 * `}` closes an expression, where an error message's template text starts) come
 * from that. This module reproduces those steps on offsets instead of
 * substrings, so callers get positions as well as the same results.
 */

export type Operator = ':-' | '-' | ':?' | '?' | ':+' | '+';

export interface EscapeNode {
  kind: 'escape';
  start: number;
  end: number;
}

/** `$` followed by `{` that compose's pattern rejects; evaluating it is an error. */
export interface InvalidNode {
  kind: 'invalid';
  start: number;
  end: number;
  /** The text compose quotes in its "Invalid template" message: the (sub)template being scanned. */
  template: string;
}

export interface VariableNode {
  kind: 'variable';
  start: number;
  end: number;
  name: string;
  braced: boolean;
  operator?: Operator;
  argument?: { start: number; end: number; nodes: TemplateNode[] };
}

export type TemplateNode = EscapeNode | InvalidNode | VariableNode;

/**
 * Scans `input[from, to)` as one template, the unit compose hands to a single
 * `Substitute` call. Nodes are in text order; text between them is literal.
 */
export function scanTemplate(input: string, from = 0, to = input.length): TemplateNode[] {
  const nodes: TemplateNode[] = [];
  // Compose scans the text after a cut expression (see scanBraced) as a template
  // of its own. Those ranges nest and share their end with the enclosing match,
  // so a stack of them is enough; it only decides the text an error quotes.
  const segments: Segment[] = [{ from, to }];
  let cursor = from;
  while (cursor < to) {
    let segment = segments[segments.length - 1];
    while (cursor >= segment.to) {
      segments.pop();
      segment = segments[segments.length - 1];
    }
    const dollar = input.indexOf('$', cursor);
    if (dollar < 0 || dollar >= segment.to) {
      cursor = segment.to;
      continue;
    }
    const next = dollar + 1 < segment.to ? input[dollar + 1] : '';
    if (next === '$') {
      nodes.push({ kind: 'escape', start: dollar, end: dollar + 2 });
      cursor = dollar + 2;
    } else if (isNameStart(next)) {
      const nameEnd = skipNameChars(input, dollar + 2, segment.to);
      nodes.push({ kind: 'variable', start: dollar, end: nameEnd, name: input.slice(dollar + 1, nameEnd), braced: false });
      cursor = nameEnd;
    } else if (next === '{') {
      const rest = scanBraced(input, dollar, segment, nodes);
      if (rest.from < rest.to) segments.push(rest);
      cursor = rest.from;
    } else {
      // Compose's pattern needs `$`, a name start or `{` after the `$`; otherwise the `$` is text.
      cursor = dollar + 1;
    }
  }
  return nodes;
}

interface Segment {
  from: number;
  to: number;
}

/**
 * Handles `${` at `dollar` and appends its node. Returns the range still to scan
 * as a template of its own (empty when the match ended with the expression).
 */
function scanBraced(input: string, dollar: number, segment: Segment, nodes: TemplateNode[]): Segment {
  const match = matchBraced(input, dollar, segment.to);
  if (!match) {
    // The pattern's empty `invalid` branch consumes just `${`.
    nodes.push({ kind: 'invalid', start: dollar, end: dollar + 2, template: input.slice(segment.from, segment.to) });
    return { from: dollar + 2, to: dollar + 2 };
  }
  if (!match.operator) {
    nodes.push({ kind: 'variable', start: dollar, end: match.end, name: match.name, braced: true });
    return { from: match.end, to: match.end };
  }
  // The greedy match runs to the last `}` of the line; compose then cuts it at the
  // first brace that balances the opening one and treats the remainder as a new template.
  const closing = firstBalancingBrace(input, dollar, match.end);
  const expressionEnd = closing >= 0 ? closing + 1 : match.end;
  const argumentStart = match.operatorEnd;
  const argumentEnd = expressionEnd - 1;
  nodes.push({
    kind: 'variable',
    start: dollar,
    end: expressionEnd,
    name: match.name,
    braced: true,
    operator: match.operator,
    argument: { start: argumentStart, end: argumentEnd, nodes: scanTemplate(input, argumentStart, argumentEnd) },
  });
  return { from: expressionEnd, to: match.end };
}

interface BracedMatch {
  name: string;
  operator?: Operator;
  operatorEnd: number;
  /** End (exclusive) of the whole regular-expression match. */
  end: number;
}

/**
 * What `\$\{([_a-z][_a-z0-9]*(?::?[-+?](.*))?)\}` (case-insensitive, `.` not
 * matching a newline) matches at `dollar`, or undefined when it does not.
 */
function matchBraced(input: string, dollar: number, to: number): BracedMatch | undefined {
  const nameStart = dollar + 2;
  if (nameStart >= to || !isNameStart(input[nameStart])) return undefined;
  const nameEnd = skipNameChars(input, nameStart + 1, to);
  const name = input.slice(nameStart, nameEnd);
  if (input[nameEnd] === '}' && nameEnd < to) return { name, operatorEnd: nameEnd, end: nameEnd + 1 };

  const operator = operatorAt(input, nameEnd, to);
  if (!operator) return undefined;
  const operatorEnd = nameEnd + operator.length;
  const lineEnd = indexOrEnd(input, '\n', operatorEnd, to);
  const lastBrace = input.lastIndexOf('}', lineEnd - 1);
  if (lastBrace < operatorEnd) return undefined;
  return { name, operator, operatorEnd, end: lastBrace + 1 };
}

function operatorAt(input: string, at: number, to: number): Operator | undefined {
  const first = at < to ? input[at] : '';
  if (first === ':') {
    const second = at + 1 < to ? input[at + 1] : '';
    return second === '-' || second === '+' || second === '?' ? (`:${second}` as Operator) : undefined;
  }
  return first === '-' || first === '+' || first === '?' ? first : undefined;
}

/**
 * compose-go's brace counter: every `{` opens and also skips the character after
 * it, every `}` closes. Returns the index of the `}` that brings the count back
 * to zero, or -1. The skip is a quirk, kept because it decides where a value ends.
 */
function firstBalancingBrace(input: string, from: number, to: number): number {
  let open = 0;
  for (let index = from; index < to; index++) {
    const char = input[index];
    if (char === '}') {
      open--;
      if (open === 0) return index;
    }
    if (char === '{') {
      open++;
      index++;
    }
  }
  return -1;
}

function indexOrEnd(input: string, search: string, from: number, to: number): number {
  const found = input.indexOf(search, from);
  return found < 0 || found > to ? to : found;
}

/**
 * `[_a-z]` under Go's case-insensitive matching, which folds Unicode too:
 * U+017F (long s) matches `s` and U+212A (Kelvin sign) matches `k`.
 */
function isNameStart(char: string | undefined): boolean {
  return char !== undefined && /^[_a-zA-Z\u017f\u212a]$/.test(char);
}

function isNameChar(char: string | undefined): boolean {
  return char !== undefined && /^[_a-zA-Z0-9\u017f\u212a]$/.test(char);
}

function skipNameChars(input: string, from: number, to: number): number {
  let index = from;
  while (index < to && isNameChar(input[index])) index++;
  return index;
}

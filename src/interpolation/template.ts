/**
 * Docker Compose `${...}` interpolation with the semantics of compose-go's
 * `template` package (see /work/shared/conformance/README.md "Compose facts").
 *
 * Errors carry variable names and template text only. Environment values can be
 * secrets, so no message built here ever contains one.
 */
import { goQuote } from './go-quote';
import type { Operator, TemplateNode, VariableNode } from './template-scanner';
import { scanTemplate } from './template-scanner';

export type { Operator } from './template-scanner';

export interface TemplateExpression {
  /** Offsets into the input string: `start` at the '$', `end` exclusive (after '}' or after the name). */
  start: number;
  end: number;
  name: string;
  braced: boolean; // ${X} vs $X
  operator?: Operator;
  /** The text after the operator (default / error message / alternate), raw, with its offsets and its own nested expressions. */
  argument?: { text: string; start: number; end: number; expressions: TemplateExpression[] };
}

export interface ParsedTemplate {
  expressions: TemplateExpression[]; // top-level expressions in order
  escapes: { start: number; end: number }[]; // each `$$`, nested ones included, in text order
}

export class InvalidTemplateError extends Error {
  constructor(
    /** Offset of the '$' of the bad expression. */
    readonly offset: number,
    /** The (sub)template compose reports: the whole input, or the default/rest text it was found in. */
    readonly template: string,
  ) {
    super(`Invalid template: ${goQuote(template)}`);
    this.name = 'InvalidTemplateError';
  }
}

export class MissingRequiredVariableError extends Error {
  constructor(
    readonly variable: string,
    /** Offset of the '$' of the `${VAR:?message}` expression. */
    readonly offset: number,
    /** The message as written in the template, before interpolation. */
    readonly rawReason: string,
    /**
     * The interpolated message, exactly what compose prints. It may contain
     * environment values, so it is kept out of `message` when it differs from the raw text.
     */
    readonly reason: string,
    reasonHasExpressions: boolean,
  ) {
    super(missingRequiredMessage(variable, reasonHasExpressions ? rawReason : reason));
    this.name = 'MissingRequiredVariableError';
  }

  /** compose-go's wording with the interpolated reason; may reveal environment values. */
  get composeMessage(): string {
    return missingRequiredMessage(this.variable, this.reason);
  }
}

function missingRequiredMessage(variable: string, reason: string): string {
  return reason === ''
    ? `required variable ${variable} is missing a value`
    : `required variable ${variable} is missing a value: ${reason}`;
}

export type Env = Readonly<Record<string, string | undefined>> | ReadonlyMap<string, string>;

/** Looks a variable up; `undefined` means unset, which is not the same as empty. */
export type Lookup = (name: string) => string | undefined;

export function parseTemplate(input: string): ParsedTemplate {
  const nodes = scanTemplate(input);
  const escapes: ParsedTemplate['escapes'] = [];
  const expressions = toExpressions(input, nodes, escapes);
  escapes.sort((a, b) => a.start - b.start);
  return { expressions, escapes };
}

export function interpolate(input: string, env: Env): string {
  return interpolateWithLookup(input, lookupIn(env));
}

export function interpolateWithLookup(input: string, lookup: Lookup): string {
  return evaluate(input, scanTemplate(input), 0, input.length, lookup);
}

/** Variables referenced (nested ones included), for rules and for the .env reader. */
export function referencedVariables(parsed: ParsedTemplate): TemplateExpression[] {
  const found: TemplateExpression[] = [];
  const visit = (expressions: TemplateExpression[]): void => {
    for (const expression of expressions) {
      found.push(expression);
      if (expression.argument) visit(expression.argument.expressions);
    }
  };
  visit(parsed.expressions);
  return found;
}

export function lookupIn(env: Env): Lookup {
  if (isMap(env)) return (name) => env.get(name);
  // Own properties only: a template naming `constructor` must not find Object's.
  return (name) => (Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined);
}

function isMap(env: Env): env is ReadonlyMap<string, string> {
  return env instanceof Map;
}

function toExpressions(
  input: string,
  nodes: TemplateNode[],
  escapes: ParsedTemplate['escapes'],
): TemplateExpression[] {
  const expressions: TemplateExpression[] = [];
  for (const node of nodes) {
    if (node.kind === 'invalid') throw new InvalidTemplateError(node.start, node.template);
    if (node.kind === 'escape') {
      escapes.push({ start: node.start, end: node.end });
      continue;
    }
    const expression: TemplateExpression = { start: node.start, end: node.end, name: node.name, braced: node.braced };
    if (node.operator) expression.operator = node.operator;
    if (node.argument) {
      const { start, end } = node.argument;
      expression.argument = {
        text: input.slice(start, end),
        start,
        end,
        expressions: toExpressions(input, node.argument.nodes, escapes),
      };
    }
    expressions.push(expression);
  }
  return expressions;
}

/**
 * Evaluates depth first, left to right, with an operator's argument evaluated
 * before its variable is checked, as compose does. Compose reports the first
 * error in that order, so throwing at the first one gives the same error.
 */
function evaluate(input: string, nodes: TemplateNode[], from: number, to: number, lookup: Lookup): string {
  let output = '';
  let cursor = from;
  for (const node of nodes) {
    output += input.slice(cursor, node.start);
    cursor = node.end;
    if (node.kind === 'escape') output += '$';
    else if (node.kind === 'invalid') throw new InvalidTemplateError(node.start, node.template);
    else output += evaluateVariable(input, node, lookup);
  }
  return output + input.slice(cursor, to);
}

function evaluateVariable(input: string, node: VariableNode, lookup: Lookup): string {
  if (!node.operator || !node.argument) return lookup(node.name) ?? '';
  const { start, end, nodes } = node.argument;
  // Compose interpolates the argument even when it ends up unused, so its errors surface.
  const argument = evaluate(input, nodes, start, end, lookup);
  const value = lookup(node.name);
  const isSet = value !== undefined;
  const isNonEmpty = isSet && value !== '';
  switch (node.operator) {
    case ':-':
      return isNonEmpty ? value : argument;
    case '-':
      return isSet ? value : argument;
    case ':+':
      return isNonEmpty ? argument : (value ?? '');
    case '+':
      return isSet ? argument : '';
    case ':?':
    case '?': {
      if (node.operator === ':?' ? isNonEmpty : isSet) return value ?? '';
      const rawReason = input.slice(start, end);
      const reasonHasExpressions = nodes.some((child) => child.kind !== 'escape');
      throw new MissingRequiredVariableError(node.name, node.start, rawReason, argument, reasonHasExpressions);
    }
  }
}

import { describe, expect, it } from 'vitest';
import {
  interpolate,
  InvalidTemplateError,
  MissingRequiredVariableError,
  parseTemplate,
  referencedVariables,
} from '../../src/interpolation/template';
import { thrownBy } from './conformance-loader';

describe('parseTemplate offsets', () => {
  it('reports the outer expression and the nested default with their offsets', () => {
    const input = '${A:-${B:-x}}:/data';
    const { expressions } = parseTemplate(input);
    expect(expressions).toHaveLength(1);
    const [outer] = expressions;
    expect(outer).toMatchObject({ start: 0, end: 13, name: 'A', braced: true, operator: ':-' });
    expect(outer.argument).toMatchObject({ text: '${B:-x}', start: 5, end: 12 });
    const [nested] = outer.argument?.expressions ?? [];
    expect(nested).toMatchObject({ start: 5, end: 12, name: 'B', operator: ':-' });
    expect(nested.argument).toMatchObject({ text: 'x', start: 10, end: 11, expressions: [] });
    expect(input.slice(outer.end)).toBe(':/data');
  });

  it('ends an unbraced $VAR right after the name', () => {
    const { expressions } = parseTemplate('$DATA_DIR/db.sqlite');
    expect(expressions).toEqual([{ start: 0, end: 9, name: 'DATA_DIR', braced: false }]);
  });

  it('stops an unbraced name at the first character outside [_a-z0-9]', () => {
    expect(parseTemplate('x $FOO-bar').expressions[0]).toMatchObject({ start: 2, end: 6, name: 'FOO' });
  });

  it('reports each $$ escape, nested ones included, and no expression for it', () => {
    const parsed = parseTemplate('$$HOME ${A:-$$x} $$');
    expect(parsed.escapes).toEqual([
      { start: 0, end: 2 },
      { start: 12, end: 14 },
      { start: 17, end: 19 },
    ]);
    expect(parsed.expressions.map((e) => e.name)).toEqual(['A']);
  });

  it('keeps a $ that starts no expression as text', () => {
    expect(parseTemplate('a $ b $1abc $} ^x$')).toEqual({ expressions: [], escapes: [] });
  });

  it('cuts a greedy ${...} at the brace that balances it, and scans the rest on its own', () => {
    const { expressions } = parseTemplate('${A:-x} and ${B}');
    expect(expressions.map((e) => [e.name, e.start, e.end])).toEqual([
      ['A', 0, 7],
      ['B', 12, 16],
    ]);
  });

  it('keeps balanced braces inside a default', () => {
    const [expression] = parseTemplate('${CFG:-{"a":{"b":1}}}').expressions;
    expect(expression.argument?.text).toBe('{"a":{"b":1}}');
    expect(expression.end).toBe(21);
  });

  it('takes the operator that comes first after the name', () => {
    expect(parseTemplate('${X-a?b}').expressions[0]).toMatchObject({ operator: '-', argument: { text: 'a?b' } });
    expect(parseTemplate('${X?a-b}').expressions[0]).toMatchObject({ operator: '?', argument: { text: 'a-b' } });
    expect(parseTemplate('${X:+a:-b}').expressions[0]).toMatchObject({ operator: ':+', argument: { text: 'a:-b' } });
  });

  it.each([
    ['${', 0],
    ['ok ${}', 3],
    ['${ X}', 0],
    ['${X }', 0],
    ['${X:a}', 0],
    ['${VAR/a/b}', 0],
    ['${A:-x\n}', 0],
    ['a ${A:-${}}', 7],
  ])('rejects %j with the offset of the bad $', (input, offset) => {
    const error = thrownBy(() => parseTemplate(input));
    expect(error).toBeInstanceOf(InvalidTemplateError);
    expect((error as InvalidTemplateError).offset).toBe(offset);
    expect((error as Error).message).toContain('Invalid template');
  });

  it('quotes the sub-template compose reports for a nested invalid expression', () => {
    const error = thrownBy(() => parseTemplate('${A:-${}}')) as InvalidTemplateError;
    expect(error.template).toBe('${}');
    expect(error.message).toBe('Invalid template: "${}"');
  });
});

describe('text after a cut expression', () => {
  it('is a template of its own, which an error then quotes', () => {
    const error = thrownBy(() => parseTemplate('${A:-x} ${ }')) as InvalidTemplateError;
    expect(error.offset).toBe(8);
    expect(error.template).toBe(' ${ }');
  });

  it('handles many expressions on one line without deep recursion', () => {
    const input = '${A:-x}'.repeat(20000);
    expect(parseTemplate(input).expressions).toHaveLength(20000);
    expect(interpolate(input, {})).toBe('x'.repeat(20000));
  });
});

describe('referencedVariables', () => {
  it('lists every variable, nested ones included, in text order', () => {
    const parsed = parseTemplate('${A:-${B:-$C}}/$D and $$E');
    expect(referencedVariables(parsed).map((e) => e.name)).toEqual(['A', 'B', 'C', 'D']);
  });
});

describe('interpolate', () => {
  const env = { HOME: '/home/app', EMPTY: '', SECRET: 's3cr3t-value' };

  it('reads a Map as well as a record', () => {
    expect(interpolate('$HOME/${EMPTY:-x}', new Map([['HOME', '/h']]))).toBe('/h/x');
    expect(interpolate('$HOME/${EMPTY-x}', env)).toBe('/home/app/');
  });

  it('treats an undefined record value as unset', () => {
    expect(interpolate('${GONE-default}', { GONE: undefined })).toBe('default');
  });

  it('does not find inherited object properties', () => {
    expect(interpolate('${constructor-none}|$toString', {})).toBe('none|');
  });

  it('matches names case-sensitively but accepts either case', () => {
    expect(interpolate('$home|$HOME', env)).toBe('|/home/app');
  });

  it('evaluates an unused default anyway, so its errors surface (compose does)', () => {
    expect(() => interpolate('${HOME:-${MISSING:?needed}}', env)).toThrow(MissingRequiredVariableError);
    expect(() => interpolate('${UNSET:+${}}', env)).toThrow(InvalidTemplateError);
  });

  it('reports the first error in evaluation order', () => {
    const error = thrownBy(() => interpolate('${A:?first} ${', env));
    expect(error).toBeInstanceOf(MissingRequiredVariableError);
    expect((error as MissingRequiredVariableError).variable).toBe('A');
  });

  it('keeps the rest after the balancing brace when the variable is set', () => {
    expect(interpolate('${HOME:-a}b}', env)).toBe('/home/appb}');
  });

  it("follows compose's brace counter, which skips the character after each '{'", () => {
    // Code reading of compose-go's getFirstBraceClosingIndex: the '}' right after
    // the inner '{' is not counted, so the expression runs to the last brace.
    expect(interpolate('${HOME:-{}}}', env)).toBe('/home/app');
  });

  it('does not expand across a newline inside braces', () => {
    expect(() => interpolate('${A:-x\n}', env)).toThrow(InvalidTemplateError);
    expect(interpolate('${A:-x}\n}', env)).toBe('x\n}');
  });
});

describe('MissingRequiredVariableError', () => {
  it('names the variable and the message, with the offset of its $', () => {
    const error = thrownBy(() => interpolate('db: ${DB_PATH:?set DB_PATH}', {})) as MissingRequiredVariableError;
    expect(error.variable).toBe('DB_PATH');
    expect(error.offset).toBe(4);
    expect(error.message).toBe('required variable DB_PATH is missing a value: set DB_PATH');
  });

  it('omits the colon when there is no message', () => {
    expect(() => interpolate('${X:?}', {})).toThrow(/^required variable X is missing a value$/);
  });

  it('keeps interpolated env values out of message but offers compose wording', () => {
    const error = thrownBy(() =>
      interpolate('${X:?ask ${SECRET}}', { SECRET: 's3cr3t-value' }),
    ) as MissingRequiredVariableError;
    expect(error.message).toBe('required variable X is missing a value: ask ${SECRET}');
    expect(error.message).not.toContain('s3cr3t-value');
    expect(error.reason).toBe('ask s3cr3t-value');
    expect(error.composeMessage).toBe('required variable X is missing a value: ask s3cr3t-value');
  });

  it('unescapes $$ in a message that has no expressions', () => {
    expect(() => interpolate('${X:?costs $$5}', {})).toThrow('required variable X is missing a value: costs $5');
  });
});

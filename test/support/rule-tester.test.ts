import { describe, expect, it } from 'vitest';
import { defineRule, type Rule } from '../../src/index';
import { checkTable, expectedOutcome, observe, RuleTableRefusal, type InvalidCase, type RuleTable } from './rule-tester';

/** A rule that reports each occurrence of its `word` option in a Dockerfile; fixable when told, by writing `OK`. */
function wordRule(fixable: boolean): Rule {
  return defineRule({
    meta: { id: 'word', defaultSeverity: 'warning', description: 'finds a word', kinds: ['dockerfile'], fixable, options: { word: { type: 'string', default: 'BAD' } }, messages: { found: 'found {{word}}' } },
    check(context) {
      for (const model of context.project.models) {
        const { file } = model;
        for (let at = file.text.indexOf(context.options.word); at !== -1; at = file.text.indexOf(context.options.word, at + 1)) {
          const end = at + context.options.word.length;
          const fix = fixable ? [{ start: at, end, text: 'OK', replaces: context.options.word }] : undefined;
          context.report({ file: file.path, range: file.range(at, end), messageId: 'found', data: { word: context.options.word }, related: [{ file: file.path, line: 1, column: 1, message: 'first line' }], fix });
        }
      }
    },
  });
}

const plain = wordRule(false);
const fixable = wordRule(true);
const BAD: InvalidCase = {
  files: { Dockerfile: 'FROM x\nRUN BAD\n' },
  errors: [{ file: 'Dockerfile', line: 2, column: 5, endLine: 2, endColumn: 8, severity: 'warning', messageId: 'found' }],
};
const VALID = { files: { Dockerfile: 'FROM x\n' } };

function refusal(rule: Rule, table: RuleTable): string {
  try {
    checkTable(rule, table);
  } catch (error) {
    if (error instanceof RuleTableRefusal) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('checkTable refuses', () => {
  it('a table without a valid case, or without an invalid one', () => {
    expect(refusal(plain, { valid: [], invalid: [BAD] })).toBe('word: a table needs at least one valid and one invalid case');
    expect(refusal(plain, { valid: [VALID], invalid: [] })).toBe('word: a table needs at least one valid and one invalid case');
  });

  it("a fixable rule's invalid case without output, and an output for a rule that cannot fix", () => {
    expect(refusal(fixable, { valid: [VALID], invalid: [{ ...BAD, name: 'no output' }] })).toMatch(/^word: invalid case "no output" has no output; the rule is fixable/);
    expect(refusal(fixable, { valid: [VALID], invalid: [{ ...BAD, output: null }] })).toBe('accepted');
    expect(refusal(plain, { valid: [VALID], invalid: [{ ...BAD, name: 'fixed', output: null }] })).toBe('word: invalid case "fixed" has an output, but the rule is not fixable');
  });

  it('two cases with the same files, settings and options, whatever their key order or names', () => {
    const files = { Dockerfile: 'FROM x\n', 'a.txt': 'a' };
    const reordered = { 'a.txt': 'a', Dockerfile: 'FROM x\n' };
    const twice = refusal(plain, { valid: [{ name: 'one', files, settings: { strict: true } }, { name: 'two', files: reordered, settings: { strict: true } }], invalid: [BAD] });
    expect(twice).toBe('word: case "two" has the same files, settings and options as "one"');
    expect(refusal(plain, { valid: [VALID], invalid: [BAD, { ...BAD, name: 'again' }] })).toMatch(/case "again" has the same files/);
  });

  it('but not cases that differ only in their settings or options', () => {
    expect(refusal(plain, { valid: [VALID, { ...VALID, settings: { strict: true } }, { ...VALID, options: { word: 'X' } }], invalid: [BAD] })).toBe('accepted');
  });

  it("an error whose messageId is not in the rule's meta.messages", () => {
    const unknown = { ...BAD, name: 'unknown id', errors: [{ ...BAD.errors[0], messageId: 'lost' }] };
    expect(refusal(plain, { valid: [VALID], invalid: [unknown] })).toBe("word: invalid case \"unknown id\": messageId 'lost' is not in meta.messages (found)");
  });

  it('an invalid case without errors', () => {
    expect(refusal(plain, { valid: [VALID], invalid: [{ ...BAD, name: 'empty', errors: [] }] })).toMatch(/invalid case "empty" lists no error/);
  });
});

describe('observe', () => {
  it('gives every finding of the rule, in the shape a case states it', () => {
    const outcome = observe(plain, BAD);
    expect(outcome).toEqual(expectedOutcome(plain, BAD));
    expect(outcome.errors).toHaveLength(1);
    expect(observe(plain, { ...BAD, files: { Dockerfile: 'FROM x\nRUN BAD BAD\n' } }).errors.map((error) => error.column)).toEqual([5, 9]);
  });

  it('compares related locations where an error states them', () => {
    const withRelated = { ...BAD, errors: [{ ...BAD.errors[0], related: ['Dockerfile:1:1'] }] };
    expect(observe(plain, withRelated).errors[0].related).toEqual(['Dockerfile:1:1']);
    expect(observe(plain, BAD).errors[0]).not.toHaveProperty('related');
    const withMessage = { ...BAD, errors: [{ ...BAD.errors[0], related: ['Dockerfile:1:1 first line'] }] };
    expect(observe(plain, withMessage).errors[0].related).toEqual(['Dockerfile:1:1 first line']);
  });

  it('compares the message its data fills, and the help, where an error states them', () => {
    const stating = (data: Record<string, string>, help?: string) => ({ ...BAD, errors: [{ ...BAD.errors[0], data, help }] });
    expect(observe(plain, stating({ word: 'BAD' })).errors).toEqual(expectedOutcome(plain, stating({ word: 'BAD' })).errors);
    expect(observe(plain, stating({ word: 'GOOD' })).errors).not.toEqual(expectedOutcome(plain, stating({ word: 'GOOD' })).errors);
    expect(expectedOutcome(plain, stating({ word: 'BAD' })).errors[0]).toMatchObject({ message: 'found BAD' });
    // The word rule gives no help: a case that states one differs from what it observes.
    expect(observe(plain, stating({ word: 'BAD' }, 'use OK')).errors).not.toEqual(expectedOutcome(plain, stating({ word: 'BAD' }, 'use OK')).errors);
    expect(observe(plain, BAD).errors[0]).not.toHaveProperty('message');
  });

  it('lints the files discovery finds by name, and only reads the others', () => {
    const outcome = observe(plain, { ...BAD, files: { ...BAD.files, 'notes.txt': 'BAD' } });
    expect(outcome.errors.map((error) => error.file)).toEqual(['Dockerfile']);
  });

  it("hands the case's options to the rule", () => {
    expect(observe(plain, { files: { Dockerfile: 'FROM x\nRUN BAD\n' }, options: { word: 'FROM' } }).errors.map((error) => `${error.line}:${error.column}`)).toEqual(['1:1']);
  });

  it('applies every fix of the case, keeping a BOM, or says there is none', () => {
    const files = { Dockerfile: '\uFEFFFROM x\nRUN BAD && BAD\n' };
    expect(observe(fixable, { ...BAD, files, output: null }).output).toEqual({ Dockerfile: '\uFEFFFROM x\nRUN OK && OK\n' });
    expect(observe(plain, { ...BAD, output: null }).output).toBeNull();
  });

  it('records where the files do not parse', () => {
    expect(observe(plain, { files: { Dockerfile: 'RUN BAD\n' } }).parseErrors).toEqual(['Dockerfile:1:1']);
  });
});

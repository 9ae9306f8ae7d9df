/**
 * The vitest binding of the RuleTester (./rule-tester.ts): one `describe` per rule, one test per
 * case, and the rule's examples and doc blocks run through the same engine.
 */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/index';
import { caseName, checkTable, expectedOutcome, observe, type RuleTable } from './rule-tester';
import { docBlocks, exampleFiles } from './rule-docs';

function sameFiles(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

export interface TableOptions {
  /**
   * Doc blocks (`Bad 2`, `Good 1`) known not to show what their section says: each is a test that
   * expects the check to fail, so that the block's repair (in docs/) also removes it from here.
   */
  docBlocksToRepair?: readonly string[];
}

/** Registers the table's tests; a table the tester refuses fails the test file as it is collected. */
export function ruleTable(rule: Rule, table: RuleTable, options: TableOptions = {}): void {
  checkTable(rule, table);
  const id = rule.meta.id;
  describe(`${id}: valid`, () => {
    for (const project of table.valid) it(caseName(project), () => expect(observe(rule, project)).toEqual(expectedOutcome(rule, project)));
  });
  describe(`${id}: invalid`, () => {
    for (const project of table.invalid) it(caseName(project), () => expect(observe(rule, project)).toEqual(expectedOutcome(rule, project)));
  });
  describe(`${id}: documentation`, () => {
    it(`examples/${id}/bad is an invalid case and examples/${id}/good a valid one`, () => {
      expect(table.invalid.some((project) => sameFiles(project.files, exampleFiles(`${id}/bad`)))).toBe(true);
      expect(table.valid.some((project) => sameFiles(project.files, exampleFiles(`${id}/good`)))).toBe(true);
    });
    const blocks = docBlocks(id);
    it(`docs/rules/${id}.md has a Bad and a Good block to run`, () => {
      expect(blocks.map((block) => block.section)).toEqual(expect.arrayContaining(['Bad', 'Good']));
    });
    const toRepair = new Set(options.docBlocksToRepair);
    for (const block of blocks) {
      const name = `${block.section} ${block.ordinal}`;
      const test = toRepair.delete(name) ? it.fails : it;
      test(`docs/rules/${id}.md ${name} (line ${block.line}) parses and ${block.section === 'Bad' ? 'fires the rule' : 'gives no finding of the rule'}`, () => {
        const { errors, parseErrors } = observe(rule, { files: block.files });
        expect(parseErrors).toEqual([]);
        if (block.section === 'Bad') expect(errors.length).toBeGreaterThan(0);
        else expect(errors).toEqual([]);
      });
    }
    it(`names only doc blocks docs/rules/${id}.md has`, () => expect([...toRepair]).toEqual([]));
  });
}

/**
 * A RuleTester table of one evidence class set (issue 15 section 2), run like ruleTable but without
 * the documentation checks, which the rule's own table (test/rules/<id>.test.ts) holds.
 */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/index';
import { caseName, checkTable, expectedOutcome, observe, type RuleTable } from './rule-tester';

export function evidenceTable(rule: Rule, table: RuleTable): void {
  checkTable(rule, table);
  const id = rule.meta.id;
  describe(`${id} evidence: valid`, () => {
    for (const project of table.valid) it(caseName(project), () => expect(observe(rule, project)).toEqual(expectedOutcome(rule, project)));
  });
  describe(`${id} evidence: invalid`, () => {
    for (const project of table.invalid) it(caseName(project), () => expect(observe(rule, project)).toEqual(expectedOutcome(rule, project)));
  });
}

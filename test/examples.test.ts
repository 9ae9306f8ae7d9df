import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules';
import { jsonFindings, runCli } from './helpers';

const examples = path.resolve(__dirname, '../examples');

// Each rule's table (test/rules/<id>.test.ts) runs its examples and doc blocks with exact findings.
describe('examples/ and docs/rules/', () => {
  it('hold a bad and a good example and a doc page for every rule', () => {
    const folders = readdirSync(examples, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.sort()).toEqual(rules.map((rule) => rule.meta.id).sort());
    for (const { meta } of rules) {
      expect(readdirSync(path.join(examples, meta.id)).sort(), meta.id).toEqual(['bad', 'good']);
      expect(existsSync(path.resolve(__dirname, '../docs/rules', `${meta.id}.md`)), meta.id).toBe(true);
    }
  });

  it.each(rules.map((rule) => rule.meta.id))('%s: good/ gives no finding of any rule through the CLI', (id) => {
    const good = runCli(['-f', 'json', 'good'], { cwd: path.join(examples, id) });
    expect(jsonFindings(good)).toEqual([]);
    expect(good.code).toBe(0);
  });
});

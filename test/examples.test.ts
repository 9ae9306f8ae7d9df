import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules';
import { jsonFindings, runCli } from './helpers';

const examples = path.resolve(__dirname, '../examples');

describe('examples/', () => {
  it('holds a bad and a good example for every rule', () => {
    const folders = readdirSync(examples, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.sort()).toEqual(rules.map((rule) => rule.meta.id).sort());
  });

  it.each(rules.map((rule) => rule.meta.id))('%s: bad/ fires the rule, good/ gives no finding at all', (id) => {
    const bad = jsonFindings(runCli(['-f', 'json', 'bad'], { cwd: path.join(examples, id) }));
    expect(bad.some((finding) => finding.rule === id)).toBe(true);
    expect(bad.filter((finding) => finding.rule === 'parse-error' || finding.rule === 'internal-error')).toEqual([]);
    const good = runCli(['-f', 'json', 'good'], { cwd: path.join(examples, id) });
    expect(jsonFindings(good)).toEqual([]);
    expect(good.code).toBe(0);
  });
});

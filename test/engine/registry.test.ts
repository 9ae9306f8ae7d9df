import { describe, expect, it } from 'vitest';
import { registry as shipped, rules } from '../../rules';
import { run } from '../../src/cli';
import { lint } from '../../src/engine';
import { parsers } from '../../src/parsers';
import { createRegistry } from '../../src/registry';
import { defineRule } from '../../src/rule-api';
import { bufferReader, tempProject } from '../helpers';

const COMPOSE = 'services:\n  app:\n    image: x\n    volumes:\n      - ${DATA:-./data}:/data\n';

/** A rule with one option; it reports the options its check received, so a test sees what the engine handed it. */
const probe = defineRule({
  meta: {
    id: 'probe',
    defaultSeverity: 'warning',
    description: 'Reports the options it was given.',
    kinds: ['compose'],
    options: { names: { type: 'string[]', default: ['default-name'] } },
    messages: { names: 'names: {{names}}' },
  },
  check(context) {
    const file = context.project.composeFiles[0].file;
    context.report({ file: file.path, range: file.range(0, 8), messageId: 'names', data: { names: context.options.names.join(', ') } });
  },
});

const probeRegistry = createRegistry([probe]);

function runWith(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io = { cwd, stdout: (text: string) => (stdout += text), stderr: (text: string) => (stderr += text), readStdin: bufferReader(Buffer.alloc(0)), isTty: false, env: {} };
  const code = run(args, io, probeRegistry);
  return { code, stdout, stderr };
}

describe('the registry', () => {
  it('lists the rules, then each core finding once, and knows which can be configured', () => {
    expect(shipped.entries.map((meta) => meta.id)).toEqual([
      ...rules.map((rule) => rule.meta.id),
      'parse-error',
      'invalid-interpolation',
      'unused-ignore',
      'outside-project',
      'internal-error',
      'fix-failed',
    ]);
    expect(shipped.rules).toEqual(rules);
    const configurable = shipped.configurable.map((meta) => meta.id);
    expect(configurable).toEqual(expect.arrayContaining(['invalid-interpolation', 'unused-ignore', 'outside-project', ...rules.map((rule) => rule.meta.id)]));
    for (const fixed of ['parse-error', 'internal-error', 'fix-failed']) expect(configurable).not.toContain(fixed);
  });

  it('refuses an id registered twice, a core id included', () => {
    expect(() => createRegistry([probe, probe])).toThrow(/probe is registered twice/);
    expect(() => createRegistry([{ ...probe, meta: { ...probe.meta, id: 'parse-error' } }])).toThrow(/parse-error/);
  });

  it('is what the engine runs: only its rules, each option as configured or its declared default', () => {
    const files = [{ path: 'compose.yaml', text: COMPOSE }];
    expect(lint(files, { parsers, registry: probeRegistry }).findings.map((finding) => `${finding.rule}: ${finding.message}`)).toEqual([
      'probe: names: default-name',
    ]);
    const settings = { rules: { probe: { options: { names: ['a', 'b'] } } }, ignore: [], images: {}, strict: false };
    expect(lint(files, { parsers, registry: probeRegistry, settings }).findings.map((finding) => finding.message)).toEqual(['names: a, b']);
  });

  it('is what the CLI validates the config against and what SARIF describes', () => {
    const cwd = tempProject({ 'compose.yaml': COMPOSE, '.litelint.yaml': 'rules:\n  probe:\n    options:\n      names: [from-config]\n' });
    const sarif = runWith(['-f', 'sarif'], cwd);
    const log = JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; message: { text: string } }[] }[] };
    expect(log.runs[0].tool.driver.rules.map((rule) => rule.id)).toEqual(probeRegistry.entries.map((meta) => meta.id));
    expect(log.runs[0].results.map((result) => `${result.ruleId}: ${result.message.text}`)).toEqual(['probe: names: from-config']);

    const shippedRule = runWith(['--rule', 'volume-source-fallback=off'], cwd);
    expect(shippedRule.code).toBe(2);
    expect(shippedRule.stderr).toMatch(/unknown rule 'volume-source-fallback'/);

    const badOption = runWith([], tempProject({ 'compose.yaml': COMPOSE, '.litelint.yaml': 'rules:\n  probe:\n    options:\n      names: 1\n' }));
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/rules\.probe\.options\.names: expected a list of strings/);
  });
});

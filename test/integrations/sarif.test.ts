import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { registry, rules } from '../../rules';
import { CORE_RULES } from '../../src/core-rules';
import { artifactLocation, FINGERPRINT_KEY, formatSarif } from '../../src/formatters/sarif';
import { docsUrl } from '../../src/rule-api';
import type { Finding } from '../../src/types';
import { type JsonFinding, tempProject } from '../helpers';
import { BAD_COMPOSE, builtBin, finding, ROOT, spawnCli, validateSarif, UNUSED_IGNORE_COMPOSE } from './support';

// These tests run the built CLI as child processes: slower than in-process calls on a busy machine.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(() => void builtBin(), 180_000);

function jsonReport(args: string[], cwd: string): JsonFinding[] {
  return (JSON.parse(spawnCli(['-f', 'json', ...args], cwd).stdout) as { findings: JsonFinding[] }).findings;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
  relatedLocations?: { id: number; physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> }; message: { text: string } }[];
  partialFingerprints: Record<string, string>;
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: string };
}

interface SarifLog {
  version: string;
  runs: { tool: { driver: { name: string; version?: string; informationUri: string; rules: SarifRule[] } }; results: SarifResult[] }[];
}

function sarif(findings: Finding[], sources: Record<string, string> = {}): SarifLog {
  const text = formatSarif(findings, { color: false, fileCount: 1, toolVersion: '9.8.7', sourceText: (file) => sources[file], registry });
  return JSON.parse(text) as SarifLog;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('sarif: the log validates against the SARIF 2.1.0 schema', () => {
  it('the validator rejects a broken log (so a pass means something)', () => {
    const log = sarif([finding()]);
    expect(validateSarif(log)).toEqual([]);
    (log.runs[0].results[0] as { level: string }).level = 'fatal';
    expect(validateSarif(log).join('\n')).toMatch(/level/);
    expect(validateSarif({ version: '2.1.0' })).not.toEqual([]);
  });

  it('every severity, related locations, odd paths and an unknown rule', () => {
    const findings = [
      finding({ related: [{ file: 'other/compose.yaml', line: 3, column: 7, message: 'also mounted here' }] }),
      finding({ rule: 'unused-ignore', severity: 'warning', file: 'dir with space/Dockerfile', line: 1, column: 1, endLine: 1, endColumn: 40 }),
      finding({ rule: 'parse-error', severity: 'info', file: '<stdin>', line: 2, column: 3, endLine: 4, endColumn: 1 }),
      finding({ rule: 'from-the-future', file: '/abs/path/compose.yaml' }),
    ];
    const log = sarif(findings);
    expect(validateSarif(log)).toEqual([]);
    const [run] = log.runs;
    expect(run.results.map((result) => result.level)).toEqual(['error', 'warning', 'note', 'error']);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(run.results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'compose.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5, startColumn: 9, endLine: 5, endColumn: 24 },
    });
    expect(run.results[0].relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: { artifactLocation: { uri: 'other/compose.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 7 } },
        message: { text: 'also mounted here' },
      },
    ]);
    expect(run.results[1].locations[0].physicalLocation.artifactLocation.uri).toBe('dir%20with%20space/Dockerfile');
    expect(run.results[2].locations[0].physicalLocation.artifactLocation.uri).toBe('%3Cstdin%3E');
    expect(run.results[3].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///abs/path/compose.yaml' });
    expect(run.tool.driver.version).toBe('9.8.7');
  });

  it('maps paths to URIs', () => {
    expect(artifactLocation('a/b.yaml')).toEqual({ uri: 'a/b.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('../up/compose.yaml')).toEqual({ uri: '../up/compose.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('a\\b\\Dockerfile')).toEqual({ uri: 'a/b/Dockerfile', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('C:\\x\\compose.yaml')).toEqual({ uri: 'file:///C:/x/compose.yaml' });
    expect(artifactLocation('weird#name?.yaml').uri).toBe('weird%23name%3F.yaml');
  });

  it('an empty run still has a results array', () => {
    const log = sarif([]);
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
  });
});

describe('sarif: tool.driver.rules', () => {
  it('lists every rule of rules/index.ts and every core id, with a helpUri to an existing rule doc', () => {
    const driverRules = sarif([]).runs[0].tool.driver.rules;
    const expected = [...rules.map((rule) => rule.meta.id), ...CORE_RULES.map((core) => core.id)];
    expect(driverRules.map((rule) => rule.id)).toEqual([...new Set(expected)]);
    for (const rule of driverRules) {
      expect(rule.helpUri).toBe(docsUrl(rule.id));
      expect(existsSync(join(ROOT, 'docs', 'rules', `${rule.id}.md`)), `docs/rules/${rule.id}.md`).toBe(true);
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
    }
    for (const rule of rules) {
      const level = { error: 'error', warning: 'warning', info: 'note' }[rule.meta.defaultSeverity];
      expect(driverRules.find((entry) => entry.id === rule.meta.id)?.defaultConfiguration.level).toBe(level);
    }
  });

  it('gives the core findings the level the CLI reports them with', () => {
    const cwd = tempProject({ 'compose.yaml': UNUSED_IGNORE_COMPOSE, Dockerfile: '\u0000' });
    const reported = jsonReport(['--report-unused-ignores'], cwd);
    const driverRules = sarif([]).runs[0].tool.driver.rules;
    const levelOf = (id: string): string | undefined => driverRules.find((rule) => rule.id === id)?.defaultConfiguration.level;
    expect(reported.find((entry) => entry.rule === 'unused-ignore')?.severity).toBe(levelOf('unused-ignore'));
    expect(reported.find((entry) => entry.rule === 'parse-error')?.severity).toBe(levelOf('parse-error'));
  });
});

describe('sarif: partialFingerprints', () => {
  const text = BAD_COMPOSE;
  const fingerprintOf = (log: SarifLog, index = 0): string => log.runs[0].results[index].partialFingerprints[FINGERPRINT_KEY];

  it('are the same on every run, and survive lines added above and re-indentation', () => {
    const first = sarif([finding()], { 'compose.yaml': text });
    expect(fingerprintOf(first)).toMatch(/^[0-9a-f]{64}:1$/);
    expect(fingerprintOf(sarif([finding()], { 'compose.yaml': text }))).toBe(fingerprintOf(first));
    const moved = `# a comment\n# another\n${text.replace('      - ${DATA', '        - ${DATA')}`;
    const after = sarif([finding({ line: 7, column: 11, endLine: 7, endColumn: 26 })], { 'compose.yaml': moved });
    expect(after.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(7);
    expect(fingerprintOf(after)).toBe(fingerprintOf(first));
  });

  it('change when the flagged line, the rule or the file changes', () => {
    const base = fingerprintOf(sarif([finding()], { 'compose.yaml': text }));
    expect(fingerprintOf(sarif([finding()], { 'compose.yaml': text.replace('./data', './db') }))).not.toBe(base);
    expect(fingerprintOf(sarif([finding({ rule: 'other-rule' })], { 'compose.yaml': text }))).not.toBe(base);
    expect(fingerprintOf(sarif([finding({ file: 'b/compose.yaml' })], { 'b/compose.yaml': text }))).not.toBe(base);
  });

  it('tell apart findings on identical lines by their order', () => {
    const twice = `${text}      - \${DATA:-./data}:/data\n`;
    const log = sarif([finding(), finding({ line: 6 })], { 'compose.yaml': twice });
    const [a, b] = [fingerprintOf(log, 0), fingerprintOf(log, 1)];
    expect(a.split(':')[0]).toBe(b.split(':')[0]);
    expect([a.endsWith(':1'), b.endsWith(':2')]).toEqual([true, true]);
  });

  it('fall back to the message when the file text is unknown, still ignoring the line number', () => {
    const a = fingerprintOf(sarif([finding({ line: 1 })]));
    expect(fingerprintOf(sarif([finding({ line: 9 })]))).toBe(a);
    expect(fingerprintOf(sarif([finding({ message: 'another message' })]))).not.toBe(a);
  });

  it('from the CLI: equal for a finding whose lines above moved between two runs', () => {
    const one = tempProject({ 'compose.yaml': text });
    const two = tempProject({ 'compose.yaml': `# moved down\n\n${text}` });
    const logOne = JSON.parse(spawnCli(['-f', 'sarif'], one).stdout) as SarifLog;
    const logTwo = JSON.parse(spawnCli(['-f', 'sarif'], two).stdout) as SarifLog;
    expect(logTwo.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(7);
    expect(fingerprintOf(logTwo)).toBe(fingerprintOf(logOne));
  });
});

describe('sarif: the real CLI', () => {
  it('prints a valid log whose results match the JSON report, with relative URIs and the package version', () => {
    const cwd = tempProject({ 'deploy/compose.yaml': BAD_COMPOSE, 'compose.yaml': UNUSED_IGNORE_COMPOSE, Dockerfile: '\u0000' });
    const spawned = spawnCli(['-f', 'sarif', '--report-unused-ignores'], cwd);
    expect(spawned.status).toBe(1);
    const log = JSON.parse(spawned.stdout) as SarifLog;
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0].tool.driver).toMatchObject({ name: 'litelint', version: pkg.version, informationUri: 'https://github.com/litelint/litelint' });
    const json = jsonReport(['--report-unused-ignores'], cwd);
    expect(json.map((entry) => entry.severity).sort()).toEqual(['error', 'error', 'warning']);
    const results = log.runs[0].results;
    expect(
      results.map((result) => {
        const { artifactLocation: location, region } = result.locations[0].physicalLocation;
        return [result.ruleId, location.uri, location.uriBaseId, region.startLine, region.startColumn, region.endLine, region.endColumn, result.message.text];
      }),
    ).toEqual(json.map((entry) => [entry.rule, entry.file, '%SRCROOT%', entry.line, entry.column, entry.endLine, entry.endColumn, entry.message]));
    expect(results.map((result) => result.level)).toEqual(json.map((entry) => ({ error: 'error', warning: 'warning', info: 'note' })[entry.severity]));
  });

  it('writes the same log with -o, and an empty valid log on a clean project', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    expect(spawnCli(['-f', 'sarif', '-o', 'out.sarif'], cwd).status).toBe(1);
    const written = readFileSync(join(cwd, 'out.sarif'), 'utf8');
    expect(written).toBe(spawnCli(['-f', 'sarif'], cwd).stdout);
    const clean = spawnCli(['-f', 'sarif'], tempProject({ 'compose.yaml': 'services:\n  app:\n    image: x\n' }));
    expect(clean.status).toBe(0);
    const log = JSON.parse(clean.stdout) as SarifLog;
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
  });
});

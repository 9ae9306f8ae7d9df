import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config';
import { lint } from '../../src/index';
import { formatStylish } from '../../src/formatters/stylish';
import type { Rule } from '../../src/rule-api';
import { jsonFindings, runCli, tempProject } from '../helpers';

/**
 * Findings are read in an editor hover, a pre-commit log and an 80-column terminal: the message is
 * one line with what is wrong and the deciding fact, the remedy is `help`, the why is the docs page.
 */
const repository = path.resolve(__dirname, '../..');
const MESSAGE_MAX = 160;
const MEDIAN_MAX = 100;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const DISTRO_BAD = {
  Dockerfile: readFileSync(path.join(repository, 'examples/distro-sqlite/bad/Dockerfile'), 'utf8'),
  'requirements.txt': readFileSync(path.join(repository, 'examples/distro-sqlite/bad/requirements.txt'), 'utf8'),
};
const FALLBACK_COMPOSE = 'services:\n  app:\n    image: alpine:3.24\n    volumes:\n      - ${DATA:-./data}:/data\n';

describe('messages over examples/', () => {
  const findings = jsonFindings(runCli(['-f', 'json', 'examples'], { cwd: repository }));

  it('are one line of at most 160 characters, median at most 100', () => {
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.message, finding.message).not.toMatch(/[\r\n]/);
      expect(finding.message.length, finding.message).toBeLessThanOrEqual(MESSAGE_MAX);
    }
    expect(median(findings.map((finding) => finding.message.length))).toBeLessThanOrEqual(MEDIAN_MAX);
  });

  it('each carry a remedy in help, not in the message', () => {
    for (const finding of findings) {
      expect((finding as { help?: string }).help, `${finding.rule} ${finding.file}:${finding.line}`).toMatch(/\S/);
      expect(finding.message).not.toMatch(/\bFix:|\bUpgrade to\b|\bAdd to the\b|\bWrite \$\{/);
    }
  });
});

describe('help in the formats', () => {
  const cwd = tempProject({ 'compose.yaml': FALLBACK_COMPOSE });
  const HELP = 'Write ${DATA:?DATA must point at the data directory} so that compose refuses to start instead of mounting an empty data directory.';

  it('stylish prints it on an indented help: line under the finding', () => {
    const lines = runCli(['.'], { cwd }).stdout.split('\n');
    const at = lines.findIndex((line) => line.includes('volume-source-fallback'));
    expect(at).toBeGreaterThan(-1);
    expect(lines[at + 1]).toMatch(/^\s{4,}help: /);
    expect(lines[at + 1].trim()).toBe(`help: ${HELP}`);
  });

  it('json carries it after the message and its id, and only when a rule gave one', () => {
    const [finding] = jsonFindings(runCli(['-f', 'json', '.'], { cwd }));
    expect(Object.keys(finding)).toEqual(['rule', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'messageId', 'help', 'docs', 'fix']);
    expect((finding as { messageId?: string }).messageId).toBe('fallsBack');
    expect((finding as { help?: string }).help).toBe(HELP);
    const unused = tempProject({ 'compose.yaml': `# litelint-ignore shared-volume-overlap\n${FALLBACK_COMPOSE}` });
    const ignoreFinding = jsonFindings(runCli(['-f', 'json', '--report-unused-ignores', '.'], { cwd: unused })).find((item) => item.rule === 'unused-ignore');
    expect(ignoreFinding).toBeDefined();
    expect(ignoreFinding && 'help' in ignoreFinding).toBe(false);
  });

  it('gnu and github stay one line per finding, without the help', () => {
    for (const format of ['gnu', 'github']) {
      const output = runCli(['-f', format, '.'], { cwd }).stdout;
      expect(output.trimEnd().split('\n'), format).toHaveLength(1);
      expect(output, format).not.toContain('must point at the data directory');
    }
  });

  it('junit puts it in the failure body; sarif gives each rule its remedy in fullDescription (help is the docs page)', () => {
    expect(runCli(['-f', 'junit', '.'], { cwd }).stdout).toContain('help: Write ${DATA:?DATA must point at the data directory}');
    const sarif = JSON.parse(runCli(['-f', 'sarif', '.'], { cwd }).stdout) as { runs: { tool: { driver: { rules: { id: string; fullDescription: { text: string } }[] } } }[] };
    const rule = sarif.runs[0].tool.driver.rules.find((entry) => entry.id === 'volume-source-fallback');
    expect(rule?.fullDescription.text).toContain('${NAME:?message}');
  });

  it('is redacted and escaped like the message', () => {
    const leaky: Rule = {
      meta: { id: 'leaky', defaultSeverity: 'error', description: 'test rule', kinds: ['compose'], messages: { short: 'short' } },
      check(context) {
        const file = context.project.composeFiles[0].file;
        context.report({ file: file.path, range: file.range(0, 1), messageId: 'short', help: 'See https://admin:hunter2@db.example.com/x and \u001b[31mred' });
      },
    };
    const [finding] = lint([{ path: 'compose.yaml', text: FALLBACK_COMPOSE }], { rules: [leaky] }).findings;
    expect(finding.help).not.toContain('hunter2');
    const stylish = formatStylish([finding], { color: false, fileCount: 1 });
    expect(stylish).toContain('help: See https://');
    expect(stylish).not.toContain('\u001b');
    expect(stylish).toContain('\\x1b[31mred');
  });
});

describe('a message quoting a long name', () => {
  it('is cut to 160 characters with an ellipsis, and the finding stays', () => {
    const name = `svc${'x'.repeat(300)}`;
    const [finding] = lint([{ path: 'compose.yaml', text: FALLBACK_COMPOSE.replace('app:', `${name}:`) }]).findings;
    expect(finding.rule).toBe('volume-source-fallback');
    expect(finding.message).toHaveLength(MESSAGE_MAX);
    expect(finding.message.endsWith('…')).toBe(true);
    expect(finding.message).toMatch(/^\/data of service 'svcxxx/);
  });
});

describe('the fixed version in messages and suggested asserts', () => {
  it('follows a sqlite-fixed-range override in .litelint.yaml', () => {
    const files = { ...DISTRO_BAD, 'package-lock.json': readFileSync(path.join(repository, 'examples/bundled-sqlite/bad/package-lock.json'), 'utf8') };
    const before = jsonFindings(runCli(['-f', 'json', '.'], { cwd: tempProject(files) }));
    const after = jsonFindings(runCli(['-f', 'json', '.'], { cwd: tempProject({ ...files, '.litelint.yaml': "sqlite-fixed-range: '>=3.53.0'\n" }) }));
    const byRule = (list: typeof after, rule: string) => list.find((finding) => finding.rule === rule) as (typeof after)[number] & { help?: string };
    for (const rule of ['distro-sqlite', 'sqlite-version-assert', 'bundled-sqlite']) {
      expect(byRule(before, rule).message, rule).toContain('3.51.3');
      expect(byRule(after, rule).message, rule).toContain('3.53.0');
      expect(byRule(after, rule).message, rule).not.toContain('3.51.3');
    }
    const assertLine = byRule(after, 'sqlite-version-assert').help ?? '';
    expect(assertLine).toContain('v >= (3, 53, 0)');
    expect(assertLine).not.toMatch(/3, 51, 3|3, 50, 7|3, 44, 6/);
    expect(byRule(after, 'distro-sqlite').help).toContain('SQLite >= 3.53.0');
  });

  it('suggests an assert that the rule accepts under the same override', () => {
    const config = { '.litelint.yaml': "sqlite-fixed-range: '>=3.53.0'\n" };
    const finding = jsonFindings(runCli(['-f', 'json', '.'], { cwd: tempProject({ ...DISTRO_BAD, ...config }) })).find((item) => item.rule === 'sqlite-version-assert') as { help?: string };
    const runLine = /RUN .*$/.exec(finding.help ?? '')?.[0] ?? '';
    expect(runLine).toMatch(/^RUN python3 -c /);
    const fixed = { ...DISTRO_BAD, ...config, Dockerfile: DISTRO_BAD.Dockerfile.replace(/^CMD/m, `${runLine}\nCMD`) };
    expect(jsonFindings(runCli(['-f', 'json', '.'], { cwd: tempProject(fixed) })).map((item) => item.rule)).not.toContain('sqlite-version-assert');
  });

  it('names the backport of the version\'s own release line from the range in force', () => {
    const text = 'FROM python:3.12-slim\nRUN pip install aiosqlite\n';
    const settings = { sqliteFixedRange: '>=3.53.0 || >=3.46.9 <3.47.0' };
    const [finding] = lint([{ path: 'Dockerfile', text }], { settings: { ...defaultSettings(), ...settings } }).findings.filter((item) => item.rule === 'distro-sqlite');
    expect(finding.message).toContain('older than the WAL-reset fix (3.46.9 on its line, 3.53.0)');
  });
});

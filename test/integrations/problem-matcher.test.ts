import { beforeAll, describe, expect, it, vi } from 'vitest';
import { formatGnu } from '../../src/formatters/gnu';
import { type JsonFinding, tempProject } from '../helpers';
import { applyMatcher, BAD_COMPOSE, builtBin, finding, loadMatcher, spawnCli, UNUSED_IGNORE_COMPOSE } from './support';

// These tests run the built CLI as child processes: slower than in-process calls on a busy machine.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(() => void builtBin(), 180_000);

function expected(entry: Pick<JsonFinding, 'file' | 'line' | 'column' | 'severity' | 'message' | 'rule'>): Record<string, string> {
  return { file: entry.file, line: `${entry.line}`, column: `${entry.column}`, severity: entry.severity, message: entry.message, code: entry.rule };
}

describe('problem matcher (.github/litelint-problem-matcher.json)', () => {
  it('is one single-line pattern owned by litelint, capturing file, line, column, severity, message and code', () => {
    const matcher = loadMatcher();
    expect(matcher.owner).toBe('litelint');
    expect(matcher.pattern).toHaveLength(1);
    const [pattern] = matcher.pattern;
    const groups = [pattern.file, pattern.line, pattern.column, pattern.severity, pattern.message, pattern.code];
    expect(new Set(groups).size).toBe(6);
    expect(new RegExp(`${pattern.regexp}|`).exec('')!.length - 1).toBe(Math.max(...groups));
  });

  it('captures every field of gnu lines, whatever the message and path contain', () => {
    const [pattern] = loadMatcher().pattern;
    const findings = [
      finding({ message: 'uses [brackets] and a: colon, then 3:4: numbers' }),
      finding({ file: 'dir: with spaces/Dockerfile.prod', severity: 'warning', rule: 'unused-ignore', line: 12, column: 3 }),
      finding({ file: 'C:\\work\\compose.yaml', severity: 'info', rule: 'sqlite-version-assert', message: 'multi\nline message' }),
    ];
    const lines = formatGnu(findings).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((line) => applyMatcher(pattern, line))).toEqual([
      expected(findings[0]),
      expected(findings[1]),
      // Line breaks are written visibly (src/formatters/escape.ts), so the line stays one line.
      { ...expected(findings[2]), message: 'multi\\nline message' },
    ]);
  });

  it('does not match the other formats or summary lines', () => {
    const [pattern] = loadMatcher().pattern;
    for (const line of ['✖ 1 problem (1 error, 0 warnings, 0 info)', '  5:9  error  message  volume-source-fallback', 'compose.yaml:5:9: fatal: x [rule]', 'compose.yaml:5: error: x [rule]']) {
      expect(applyMatcher(pattern, line), line).toBeUndefined();
    }
  });

  it('applied to the real CLI output, it recovers exactly what the JSON report says', () => {
    const cwd = tempProject({ 'deploy/compose.yaml': BAD_COMPOSE, 'compose.yaml': UNUSED_IGNORE_COMPOSE, 'binary/Dockerfile': '\u0000' });
    const [pattern] = loadMatcher().pattern;
    const args = ['--report-unused-ignores'];
    const gnu = spawnCli(['-f', 'gnu', ...args], cwd);
    expect(gnu.status).toBe(1);
    const json = (JSON.parse(spawnCli(['-f', 'json', ...args], cwd).stdout) as { findings: JsonFinding[] }).findings;
    expect(new Set(json.map((entry) => entry.severity))).toEqual(new Set(['error', 'warning']));
    expect(gnu.stdout.trimEnd().split('\n').map((line) => applyMatcher(pattern, line))).toEqual(json.map(expected));
  });

  it('captures info findings from the real CLI too', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const [pattern] = loadMatcher().pattern;
    const gnu = spawnCli(['-f', 'gnu', '--rule', 'volume-source-fallback=info'], cwd);
    expect(gnu.status).toBe(0);
    expect(applyMatcher(pattern, gnu.stdout.trimEnd())).toMatchObject({ severity: 'info', code: 'volume-source-fallback', file: 'compose.yaml' });
  });
});

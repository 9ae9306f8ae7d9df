import { describe, expect, it } from 'vitest';
import { tempProject } from '../helpers';
import { BAD_COMPOSE, spawnCli } from './support';

describe('the bundled CLI', () => {
  it("keeps yaml's debug switches off, so LOG_TOKENS / LOG_STREAM cannot write into a JSON report", () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const result = spawnCli(['-f', 'json', 'compose.yaml'], cwd, { LOG_TOKENS: '1', LOG_STREAM: '1' });
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: { rule: string; line: number; column: number }[] };
    expect(report.findings.map((finding) => [finding.rule, finding.line, finding.column])).toEqual([['volume-source-fallback', 5, 9]]);
  });
});

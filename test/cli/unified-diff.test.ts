/** The unified diff of --fix-dry-run: `patch` (GNU patch, as a user applies it) turns the old text into the new one. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/unified-diff';
import { tempProject } from '../helpers';

const COMPOSE = Array.from({ length: 40 }, (_, index) => `  # line ${index + 1}`).join('\n') + '\n';

function applied(path: string, before: string, diff: string): string {
  const dir = tempProject({ [path]: before });
  const result = spawnSync('patch', ['-p1', '--quiet'], { cwd: dir, input: diff, encoding: 'utf8' });
  expect(result.status, result.stderr + result.stdout).toBe(0);
  return readFileSync(join(dir, path), 'utf8');
}

describe('unifiedDiff', () => {
  const cases: [string, string][] = [
    ['one line changed', COMPOSE.replace('# line 5\n', '# line five\n')],
    ['two hunks far apart', COMPOSE.replace('# line 3\n', '# line three\n').replace('# line 30\n', '# line thirty\n')],
    ['two changes close enough to share a hunk', COMPOSE.replace('# line 10\n', '# ten\n').replace('# line 15\n', '# fifteen\n')],
    ['lines added and removed', COMPOSE.replace('  # line 1\n', '').replace('# line 20\n', '# line 20\n  # added a\n  # added b\n')],
    ['the last line', COMPOSE.replace('# line 40\n', '# the end\n')],
  ];
  for (const [name, after] of cases) {
    it(`${name}: patch -p1 gives the new text`, () => {
      const diff = unifiedDiff('deploy/compose.yaml', COMPOSE, after);
      expect(diff.startsWith('--- a/deploy/compose.yaml\n+++ b/deploy/compose.yaml\n@@ -')).toBe(true);
      expect(applied('deploy/compose.yaml', COMPOSE, diff)).toBe(after);
    });
  }

  it('hunk counts: far-apart changes get two hunks, near ones one', () => {
    expect(unifiedDiff('c.yaml', COMPOSE, cases[1][1]).match(/^@@ /gm)).toHaveLength(2);
    expect(unifiedDiff('c.yaml', COMPOSE, cases[2][1]).match(/^@@ /gm)).toHaveLength(1);
  });

  it('no change, no diff; an empty file gains lines', () => {
    expect(unifiedDiff('c.yaml', COMPOSE, COMPOSE)).toBe('');
    expect(applied('c.yaml', '', unifiedDiff('c.yaml', '', 'services: {}\n'))).toBe('services: {}\n');
  });
});

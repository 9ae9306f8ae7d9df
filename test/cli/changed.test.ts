/**
 * `--changed` (the pre-commit hook's entry): the paths are the staged files. A commit that only
 * changes evidence (a lockfile that downgrades better-sqlite3) lints the deploy files that read it
 * and reports the findings on it or related to it, not the unrelated ones elsewhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonFindings, runCli, tempProject } from '../helpers';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'bundled-sqlite', 'bad');
const NODE_APP = {
  Dockerfile: readFileSync(join(EXAMPLE, 'Dockerfile'), 'utf8'),
  'package.json': readFileSync(join(EXAMPLE, 'package.json'), 'utf8'),
  'package-lock.json': readFileSync(join(EXAMPLE, 'package-lock.json'), 'utf8'),
  // An unrelated finding elsewhere in the repository, not what the commit is about.
  'legacy/compose.yaml': 'services:\n  old:\n    image: x\n    volumes:\n      - ${OLD_DIR:-./old}:/data\n',
};

const rows = (args: string[], cwd: string): string[] => jsonFindings(runCli(['-f', 'json', ...args], { cwd })).map((finding) => `${finding.rule}@${finding.file}:${finding.line}`);

describe('--changed', () => {
  it('a staged lockfile alone: the findings it causes, through the Dockerfile that copies it in', () => {
    const cwd = tempProject(NODE_APP);
    expect(rows(['--changed', 'package-lock.json'], cwd)).toEqual(['bundled-sqlite@package-lock.json:15']);
    // Without --changed, a named lockfile is read as a Dockerfile (a file named explicitly is linted
    // whatever its name): parse errors, and not the finding the lockfile causes.
    const named = rows(['package-lock.json'], cwd);
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((row) => row.startsWith('parse-error@package-lock.json:'))).toBe(true);
    expect(runCli(['--changed', 'package-lock.json'], { cwd }).code).toBe(0);
  });

  it('a staged deploy file keeps all its findings; one without evidence changes lints only what was named', () => {
    const cwd = tempProject(NODE_APP);
    expect(rows(['--changed', 'legacy/compose.yaml'], cwd)).toEqual(['volume-source-fallback@legacy/compose.yaml:5']);
    expect(rows(['--changed', 'legacy/compose.yaml', 'package-lock.json'], cwd)).toEqual([
      'volume-source-fallback@legacy/compose.yaml:5',
      'bundled-sqlite@package-lock.json:15',
    ]);
  });

  it('an evidence file no deploy file reads reports nothing', () => {
    const cwd = tempProject({ ...NODE_APP, 'tools/requirements-dev.txt': 'pytest==8.3.0\n' });
    const result = runCli(['--changed', 'tools/requirements-dev.txt'], { cwd });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(jsonFindings(runCli(['-f', 'json', '--changed', 'tools/requirements-dev.txt'], { cwd }))).toEqual([]);
  });
});

/**
 * `-o FILE` never overwrites a file the run read (issue 13, item 9): a linted file, an evidence
 * file (.env, a lockfile), the configuration or a .gitignore. It refuses with exit 2, names the
 * file and writes nothing. The same file spelled another way (./, .., absolute, a symlink, a hard
 * link) is the same file. A symlink planted in the project at the output name, pointing outside
 * it, is refused too.
 */
import { linkSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers';

const COMPOSE = 'services:\n  app:\n    image: ${IMAGE}\n    volumes:\n      - ${DATA:-./data}:/data\n';

function project(): string {
  return tempProject({
    'compose.yaml': COMPOSE,
    '.env': 'IMAGE=registry.example.com/app:1\n',
    Dockerfile: 'FROM ruby:3.3-slim\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCMD ["rails", "server"]\n',
    Gemfile: "gem 'sqlite3'\n",
    'Gemfile.lock': 'GEM\n  remote: https://rubygems.org/\n  specs:\n    sqlite3 (1.7.3)\n\nDEPENDENCIES\n  sqlite3\n',
    '.litelint.yaml': 'rules:\n  shared-volume-overlap: error\n',
    '.gitignore': 'tmp/\n',
    'sub/keep.txt': 'x\n',
  });
}

/** Snapshot of every file the refusal must leave alone. */
function contents(cwd: string): Record<string, string> {
  const names = ['compose.yaml', '.env', 'Dockerfile', 'Gemfile.lock', '.litelint.yaml', '.gitignore'];
  return Object.fromEntries(names.map((name) => [name, readFileSync(join(cwd, name), 'utf8')]));
}

describe('-o refuses to overwrite a file the run read', () => {
  it.each([
    ['compose.yaml', 'compose.yaml'],
    ['./compose.yaml', 'compose.yaml'],
    ['sub/../compose.yaml', 'compose.yaml'],
    ['Dockerfile', 'Dockerfile'],
    ['.env', '.env'],
    ['Gemfile.lock', 'Gemfile.lock'],
    ['.litelint.yaml', '.litelint.yaml'],
    ['.gitignore', '.gitignore'],
  ])('-o %s', (output, named) => {
    const cwd = project();
    const before = contents(cwd);
    const result = runCli(['-f', 'json', '-o', output], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`litelint: -o ${output}: refusing to overwrite ${named}, a file this run ${named === '.gitignore' ? 'reads' : 'read'}\n`);
    expect(contents(cwd)).toEqual(before);
  });

  it('the absolute path, a symlink to it and a hard link of it are the same file', () => {
    const cwd = project();
    symlinkSync('compose.yaml', join(cwd, 'link.yaml'));
    linkSync(join(cwd, 'compose.yaml'), join(cwd, 'hard.yaml'));
    const before = contents(cwd);
    for (const output of [join(cwd, 'compose.yaml'), 'link.yaml', 'hard.yaml']) {
      const result = runCli(['-f', 'sarif', '-o', output, 'compose.yaml'], { cwd });
      expect(result.code, output).toBe(2);
      expect(result.stderr, output).toContain('refusing to overwrite compose.yaml, a file this run read');
    }
    expect(contents(cwd)).toEqual(before);
  });

  it('with --fix, nothing is written either: not the report, not the fix', () => {
    const cwd = project();
    const before = contents(cwd);
    const result = runCli(['--fix', '--unsafe-fixes', '-f', 'json', '-o', 'compose.yaml'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('refusing to overwrite compose.yaml');
    expect(contents(cwd)).toEqual(before);
  });

  it('the file named by --stdin-filename', () => {
    const cwd = project();
    const before = contents(cwd);
    const result = runCli(['-', '--stdin-filename', 'compose.yaml', '-o', 'compose.yaml'], { cwd, stdin: COMPOSE });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('refusing to overwrite compose.yaml');
    expect(contents(cwd)).toEqual(before);
  });

  it('a symlink planted at the output name that points outside the project', () => {
    const outside = tempProject({ 'victim.txt': 'precious\n' });
    const cwd = project();
    symlinkSync(join(outside, 'victim.txt'), join(cwd, 'report.json'));
    symlinkSync(join(outside, 'missing.txt'), join(cwd, 'dangling.json'));
    for (const output of ['report.json', 'dangling.json']) {
      const result = runCli(['-f', 'json', '-o', output], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`litelint: -o ${output}: refusing to write through ${output}, a symlink that points outside the project\n`);
    }
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('precious\n');
    expect(() => statSync(join(outside, 'missing.txt'))).toThrow();
  });
});

describe('-o still writes where it should', () => {
  it('a new file, an old report, a report behind a symlink inside the project', () => {
    const cwd = project();
    writeFileSync(join(cwd, 'old-report.json'), 'stale\n');
    symlinkSync('old-report.json', join(cwd, 'latest.json'));
    for (const output of ['report.json', 'old-report.json', 'latest.json']) {
      const result = runCli(['-f', 'json', '-o', output], { cwd });
      expect(result.code, output).toBe(1);
      expect(result.stderr, output).toBe('');
      expect(JSON.parse(readFileSync(join(cwd, output), 'utf8'))).toMatchObject({ version: 1 });
    }
  });

  it('-o .gitignore is allowed with --no-ignore (the run did not read it)', () => {
    const cwd = project();
    const result = runCli(['-f', 'json', '--no-ignore', '-o', '.gitignore', 'compose.yaml'], { cwd });
    expect(result.code).toBe(1);
    expect(JSON.parse(readFileSync(join(cwd, '.gitignore'), 'utf8'))).toMatchObject({ version: 1 });
  });
});

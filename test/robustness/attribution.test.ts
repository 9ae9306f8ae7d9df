/**
 * Issue 13, items 1, 10 and 14 (attribution): every finding and every `--fix` edit is filed on the
 * file whose text its range points at (the main file, an override, an `extends: {file:}` file, an
 * included file, an anchor elsewhere in the same file), at positions computed from that file; an
 * edit is applied only where the file still holds the text it replaces; a `${...}` written with a
 * YAML escape or a folded line is still reported, without a fix.
 */
import { lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lint } from '../../src/index';
import { applyFixes } from '../../src/fix';
import type { Finding } from '../../src/types';
import { jsonFindings, runCli, tempProject } from '../helpers';
import { loadSeeds } from './corpus';

const FALLBACK = '${DATA:-./data}';
const REQUIRED = '${DATA:?DATA must point at the data directory}';
const MOUNT = `    volumes:\n      - ${FALLBACK}:/data\n`;
/** A main file whose offsets, taken for an override's, hit its `environment:` key. */
const MAIN = 'services:\n  app:\n    image: nginx\n    environment:\n      A: b\n';

/** `rule file:line:column-endLine:endColumn` of each finding. */
function placed(findings: readonly { rule: string; file: string; line: number; column: number; endLine: number; endColumn: number }[]): string[] {
  return findings.map((f) => `${f.rule} ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
}

/** Lints `files` as the linted inputs, with `project` readable as other project files (not linted). */
function lintProject(files: Record<string, string>, project: Record<string, string> = {}): Finding[] {
  const inputs = Object.entries(files).map(([path, text]) => ({ path, text }));
  return lint(inputs, { readFile: (path) => project[path] }).findings;
}

function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

describe('findings are filed on the file whose text they point at (lint)', () => {
  it('an override file: once, on the override, with the edit of the override', () => {
    const override = `services:\n  app:\n${MOUNT}`;
    const projects: Record<string, string>[] = [{ 'compose.yaml': MAIN, 'compose.override.yaml': override }, { 'compose.yaml': MAIN }];
    for (const linted of projects) {
      const findings = lintProject(linted, { 'compose.override.yaml': override });
      expect(placed(findings)).toEqual(['volume-source-fallback compose.override.yaml:4:9-4:24']);
      expect(findings[0].fix).toEqual([{ start: 38, end: 53, text: REQUIRED, replaces: FALLBACK }]);
      expect(override.slice(38, 53)).toBe(FALLBACK);
    }
  });

  it('an extends file, an extends in the same file, an include, a merged anchor', () => {
    const base = `# base\nservices:\n  base:\n    image: x\n${MOUNT}`;
    expect(placed(lintProject({ 'compose.yaml': 'services:\n  app:\n    image: nginx\n    extends:\n      file: base.yaml\n      service: base\n' }, { 'base.yaml': base }))).toEqual([
      'volume-source-fallback base.yaml:6:9-6:24',
    ]);
    const same = lintProject({ 'compose.yaml': `services:\n  base:\n    image: x\n${MOUNT}  app:\n    extends: base\n` });
    expect(placed(same)).toEqual(['volume-source-fallback compose.yaml:5:9-5:24', 'volume-source-fallback compose.yaml:5:9-5:24']);
    const included = lintProject({ 'compose.yaml': 'include:\n  - inc.yaml\nservices:\n  web:\n    image: nginx\n' }, { 'inc.yaml': `# inc\nservices:\n  db:\n    image: x\n${MOUNT}` });
    expect(placed(included)).toEqual(['volume-source-fallback inc.yaml:6:9-6:24']);
    const anchored = lintProject({ 'compose.yaml': `x-common: &c\n  image: x\n  volumes:\n    - ${FALLBACK}:/data\nservices:\n  app:\n    <<: *c\n` });
    expect(placed(anchored)).toEqual(['volume-source-fallback compose.yaml:4:7-4:22']);
    expect(anchored[0].fix).toEqual([{ start: 41, end: 56, text: REQUIRED, replaces: FALLBACK }]);
  });

  it('services from an extends, override or included file: the image, the evidence and the related places in their own file', () => {
    const api = '# one\n# two\nservices:\n  api:\n    image: python:3.12-slim\n    environment:\n      DATABASE_URL: sqlite:////data/app.db\n';
    const cases: [Record<string, string>, string][] = [
      [{ 'compose.yaml': 'services:\n  web:\n    extends: {file: base.yaml, service: api}\n' }, 'base.yaml'],
      [{ 'compose.yaml': 'services:\n  api:\n    image: nginx\n' }, 'compose.override.yaml'],
      [{ 'compose.yaml': 'include: [inc.yaml]\n' }, 'inc.yaml'],
    ];
    for (const [linted, other] of cases) {
      const findings = lintProject(linted, { [other]: api });
      // The service has no volume for its database: sqlite-ephemeral-storage files that on the URL, in the same file.
      expect(placed(findings.filter((f) => f.rule === 'sqlite-ephemeral-storage'))).toEqual([`sqlite-ephemeral-storage ${other}:7:21-7:43`]);
      const [finding, ...rest] = findings.filter((f) => f.rule !== 'sqlite-ephemeral-storage');
      expect(rest).toEqual([]);
      expect(placed([finding])).toEqual([`distro-sqlite ${other}:5:12-5:28`]);
      expect(finding.related?.[0].message).toMatch(/^evidence that the image uses SQLite: service /);
      expect(finding.related?.map((r) => `${r.file}:${r.line}:${r.column}`)).toEqual([`${other}:7:21`]);
    }
  });

  it('a scale set in an extended file: the finding, the mount and the evidence in that file', () => {
    const base = '# based\n\nservices:\n  base:\n    image: shop:1\n    environment:\n      DATABASE_URL: sqlite:////data/shop.db\n    volumes:\n      - shopdata:/data\n    scale: 2\n';
    const findings = lintProject({ 'compose.yaml': 'services:\n  green:\n    extends: {file: base.yaml, service: base}\nvolumes:\n  shopdata: {}\n' }, { 'base.yaml': base });
    expect(placed(findings)).toEqual(['shared-volume-overlap base.yaml:10:12-10:13']);
    expect(findings[0].related?.[1]).toMatchObject({ file: 'base.yaml', line: 7, message: 'SQLite data in the volume: service green sets DATABASE_URL to a SQLite database' });
    expect(findings[0].related?.map((r) => `${r.file}:${r.line}:${r.column}`)).toEqual(['base.yaml:9:9', 'base.yaml:7:21']);
  });
});

describe('a null in a later file leaves what the earlier one set, as compose-go merges', () => {
  it('an override holding only `services:` (or a service with nothing under it) keeps every finding of the main file', () => {
    const main = `services:\n  app:\n    image: x\n${MOUNT}`;
    for (const override of ['services:\n', 'services:\n  app:\n', 'services:\n  app:\n    volumes:\n']) {
      expect(placed(lintProject({ 'compose.yaml': main }, { 'compose.override.yaml': override }))).toEqual(['volume-source-fallback compose.yaml:5:9-5:24']);
    }
  });
});

describe('a mapping or list overridden by a value of another kind is refused, as compose-go refuses it', () => {
  it('a parse-error where the later value is written; the earlier file keeps its findings', () => {
    const main = `services:\n  app:\n    image: x\n${MOUNT}`;
    const cases: [string, string][] = [
      ['services:   e', 'parse-error compose.override.yaml:1:13-1:14'],
      ['services:\n  app:\n    volumes: x\n', 'parse-error compose.override.yaml:3:14-3:15'],
    ];
    for (const [override, error] of cases) {
      const findings = lintProject({ 'compose.yaml': main }, { 'compose.override.yaml': override });
      expect(placed(findings)).toEqual([error, 'volume-source-fallback compose.yaml:5:9-5:24']);
      expect(findings[0].message).toMatch(/^cannot override services/);
    }
  });
});

describe('a service extended from another file builds the Dockerfile beside that file', () => {
  it('build: . in sub/base.yaml is sub/Dockerfile, which gets the evidence; the root Dockerfile gets none', () => {
    const dockerfile = 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n';
    const findings = lintProject(
      { 'compose.yaml': 'services:\n  app:\n    extends: {file: sub/base.yaml, service: b}\n', 'sub/Dockerfile': dockerfile, Dockerfile: dockerfile },
      { 'sub/base.yaml': 'services:\n  b:\n    build: .\n    environment:\n      DATABASE_URL: sqlite:////data/app.db\n' },
    );
    expect(placed(findings)).toEqual(['distro-sqlite sub/Dockerfile:1:6-1:22', 'sqlite-version-assert sub/Dockerfile:1:6-1:22', 'sqlite-ephemeral-storage sub/base.yaml:5:21-5:43']);
    expect(findings[0].related).toContainEqual(expect.objectContaining({ file: 'sub/base.yaml', line: 5, message: 'evidence that the image uses SQLite: service app sets DATABASE_URL to a SQLite database' }));
  });
});

describe('a litelint-ignore comment applies where the finding is filed', () => {
  it('in an override, an extends file and an included file, linted or not', () => {
    const ignored = `    volumes:\n      # litelint-ignore volume-source-fallback -- scratch\n      - ${FALLBACK}:/data\n`;
    const main = 'services:\n  app:\n    image: nginx\n';
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ 'compose.yaml': main, 'compose.override.yaml': `services:\n  app:\n${ignored}` }, {}],
      [{ 'compose.yaml': main }, { 'compose.override.yaml': `services:\n  app:\n${ignored}` }],
      [{ 'compose.yaml': 'services:\n  app:\n    extends: {file: base.yaml, service: b}\n' }, { 'base.yaml': `services:\n  b:\n    image: x\n${ignored}` }],
      [{ 'compose.yaml': 'include: [inc.yaml]\n' }, { 'inc.yaml': `services:\n  b:\n    image: x\n${ignored}` }],
    ];
    for (const [linted, project] of cases) {
      const inputs = Object.entries(linted).map(([path, text]) => ({ path, text }));
      expect(lint(inputs, { readFile: (path) => project[path], reportUnusedIgnores: true }).findings).toEqual([]);
    }
  });
});

describe('a ${...} written with YAML escapes or a folded line is reported, without a fix', () => {
  const volumes = (line: string) => `services:\n  app:\n    image: x\n    volumes:\n${line}`;
  const cases: [string, string, string][] = [
    ['a \\u escape', '      - "${DATA:-./donn\\u00e9es}:/app/data"\n', '5:10-5:33'],
    ['a \\/ escape', '      - "${DATA:-.\\/data}:/app/data"\n', '5:10-5:26'],
    ['an escaped $', '      - "\\x24{DATA:-./data}:/app/data"\n', '5:10-5:28'],
    ['an escaped }, the range covering the whole escape', '      - "${DATA:-./data\\u007d:/app/data"\n', '5:10-5:30'],
    ['an escaped backslash', '      - "${DATA:-.\\\\data}:/app/data"\n', '5:10-5:26'],
    ["a '' escape", "      - '${DATA:-./it''s}:/app/data'\n", '5:10-5:26'],
    ['a double-quoted line continuation', '      - "${DATA:-./da\\\n        ta}:/app/data"\n', '5:10-6:12'],
    ['a folded plain scalar', '      - ${DATA:-./my\n        data}:/app/data\n', '5:9-6:14'],
    ['a folded long-syntax source', '      - type: bind\n        source: "${DATA:-./a\n          b}"\n        target: /data\n', '6:18-7:13'],
  ];
  for (const [name, line, range] of cases) {
    it(name, () => {
      const findings = lintProject({ 'compose.yaml': volumes(line) });
      expect(placed(findings)).toEqual([`volume-source-fallback compose.yaml:${range}`]);
      expect(findings[0].severity).toBe('error');
      expect(findings[0].fix).toBeUndefined();
    });
  }

  it('keeps the fix where the bytes are the text (quotes, no escape inside the ${...})', () => {
    const findings = lintProject({ 'compose.yaml': volumes('      - "${DATA:-./d\\u00e9}x:/app/data"\n      - "\\u00e9${DATA:-./d}:/b"\n') });
    expect(placed(findings)).toEqual(['volume-source-fallback compose.yaml:5:10-5:28', 'volume-source-fallback compose.yaml:6:16-6:28']);
    expect(findings.map((finding) => finding.fix?.[0]?.replaces)).toEqual([undefined, '${DATA:-./d}']);
  });

  it('--fix leaves such a file as it is and still fails the run', () => {
    const text = volumes('      - "${DATA:-./donn\\u00e9es}:/app/data"\n');
    const cwd = tempProject({ 'compose.yaml': text });
    const result = runCli(['--fix', '--unsafe-fixes', '-f', 'json'], { cwd });
    expect(result.code).toBe(1);
    expect(placed(jsonFindings(result))).toEqual(['volume-source-fallback compose.yaml:5:10-5:33']);
    expect(read(cwd, 'compose.yaml')).toBe(text);
  });
});

describe('--fix edits the file each finding points at (CLI)', () => {
  it('compose.yaml + compose.override.yaml: one finding on the override; --fix rewrites the override only', () => {
    const override = `services:\n  app:\n${MOUNT}`;
    const cwd = tempProject({ 'compose.yaml': MAIN, 'compose.override.yaml': override });
    const before = runCli(['-f', 'json'], { cwd });
    expect(before.code).toBe(1);
    expect(placed(jsonFindings(before))).toEqual(['volume-source-fallback compose.override.yaml:4:9-4:24']);
    const fixed = runCli(['--fix', '--unsafe-fixes', '-f', 'json'], { cwd });
    expect({ code: fixed.code, findings: jsonFindings(fixed), stderr: fixed.stderr }).toEqual({ code: 0, findings: [], stderr: '' });
    expect(read(cwd, 'compose.yaml')).toBe(MAIN);
    expect(read(cwd, 'compose.override.yaml')).toBe(override.replace(FALLBACK, REQUIRED));
  });

  it('extends: {file:} rewrites the extended file (read, not linted), not the extending one', () => {
    const main = 'services:\n  app:\n    image: nginx\n    environment:\n      A: b\n    extends:\n      file: base.yaml\n      service: base\n';
    const base = `# base\nservices:\n  base:\n    image: x\n${MOUNT}`;
    const cwd = tempProject({ 'compose.yaml': main, 'base.yaml': base });
    expect(placed(jsonFindings(runCli(['-f', 'json'], { cwd })))).toEqual(['volume-source-fallback base.yaml:6:9-6:24']);
    const fixed = runCli(['--fix', '--unsafe-fixes', '-f', 'json'], { cwd });
    expect({ code: fixed.code, findings: jsonFindings(fixed) }).toEqual({ code: 0, findings: [] });
    expect(read(cwd, 'compose.yaml')).toBe(main);
    expect(read(cwd, 'base.yaml')).toBe(base.replace(FALLBACK, REQUIRED));
  });

  it('extends in the same file, include and a merged anchor: each edit once, where the text is', () => {
    const same = `services:\n  base:\n    image: x\n${MOUNT}  app:\n    extends: base\n`;
    const main = 'include:\n  - inc.yaml\nservices:\n  web:\n    image: nginx\n    environment:\n      A: b\n';
    const inc = `# inc\nservices:\n  db:\n    image: x\n${MOUNT}`;
    const anchored = `x-common: &c\n  image: x\n  volumes:\n    - ${FALLBACK}:/data\nservices:\n  app:\n    <<: *c\n  other:\n    <<: *c\n`;
    const cwd = tempProject({ 'same/compose.yaml': same, 'inc/compose.yaml': main, 'inc/inc.yaml': inc, 'anchor/compose.yaml': anchored });
    const fixed = runCli(['--fix', '--unsafe-fixes', '-f', 'json'], { cwd });
    expect({ code: fixed.code, findings: jsonFindings(fixed), stderr: fixed.stderr }).toEqual({ code: 0, findings: [], stderr: '' });
    expect(read(cwd, 'same/compose.yaml')).toBe(same.replace(FALLBACK, REQUIRED));
    expect(read(cwd, 'inc/compose.yaml')).toBe(main);
    expect(read(cwd, 'inc/inc.yaml')).toBe(inc.replace(FALLBACK, REQUIRED));
    expect(read(cwd, 'anchor/compose.yaml')).toBe(anchored.replace(FALLBACK, REQUIRED));
  });
});

describe('--fix rewrites a file named two ways once', () => {
  it('extends: {file:} through a symlink and through its own name: one write, both findings fixed, exit 0', () => {
    const base = `services:\n  base:\n    image: x\n${MOUNT}`;
    const main =
      'services:\n  app:\n    extends: {file: base.yaml, service: base}\n  web:\n    extends: {file: linked.yaml, service: base}\n';
    const cwd = tempProject({ 'compose.yaml': main, 'base.yaml': base });
    symlinkSync('base.yaml', join(cwd, 'linked.yaml'));
    expect(placed(jsonFindings(runCli(['-f', 'json'], { cwd })))).toEqual([
      'volume-source-fallback base.yaml:5:9-5:24',
      'volume-source-fallback linked.yaml:5:9-5:24',
    ]);
    const fixed = runCli(['--fix', '--unsafe-fixes', '-f', 'json'], { cwd });
    expect({ code: fixed.code, findings: jsonFindings(fixed), stderr: fixed.stderr }).toEqual({ code: 0, findings: [], stderr: '' });
    expect(read(cwd, 'base.yaml')).toBe(base.replace(FALLBACK, REQUIRED));
    expect(lstatSync(join(cwd, 'linked.yaml')).isSymbolicLink()).toBe(true);
  });
});

describe('--fix never writes a file outside the project', () => {
  it('an extends file above the linted directory is left as it is', () => {
    const base = `services:\n  base:\n    image: x\n${MOUNT}`;
    const main = 'services:\n  app:\n    extends: {file: ../outside/base.yaml, service: base}\n';
    const root = tempProject({ 'project/compose.yaml': main, 'outside/base.yaml': base });
    runCli(['--fix', '--unsafe-fixes'], { cwd: join(root, 'project') });
    expect(read(root, 'outside/base.yaml')).toBe(base);
    expect(read(root, 'project/compose.yaml')).toBe(main);
  });
});

describe('applyFixes applies an edit only where the file holds the text it replaces', () => {
  it('skips (and returns) an edit whose span holds other text, applies the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'litelint-fix-'));
    const text = 'a: ${X:-1}\nb: ${Y:-2}\n';
    writeFileSync(join(dir, 'c.yaml'), text);
    const finding = (start: number, end: number, replaces: string): Finding => ({
      rule: 'volume-source-fallback',
      severity: 'error',
      file: 'c.yaml',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      message: 'm',
      docs: '',
      fix: [{ start, end, text: 'Z', replaces }],
    });
    const texts: Record<string, string> = { 'c.yaml': text };
    const result = applyFixes([finding(3, 10, '${X:-1}'), finding(14, 21, '${Q:-2}')], (path) => texts[path], dir);
    expect(result).toEqual({ changed: [{ path: 'c.yaml', text: 'a: Z\nb: ${Y:-2}\n' }], skipped: [{ file: 'c.yaml', line: 2, column: 4 }], failures: [] });
    expect(readFileSync(join(dir, 'c.yaml'), 'utf8')).toBe('a: Z\nb: ${Y:-2}\n');
    // A file the run did not read is not fixable: nothing is written, the edit is reported.
    expect(applyFixes([{ ...finding(3, 10, '${X:-1}'), file: 'other.yaml' }], (path) => texts[path], dir)).toEqual({
      changed: [],
      skipped: [{ file: 'other.yaml', line: 1, column: 1 }],
      failures: [],
    });
  });
});

describe('the compose seeds of the corpus, moved into another file, keep their findings there', () => {
  /** `rule@range` of the findings filed on `file`, and the ones filed elsewhere; each edit checked against the text. */
  function filedOn(file: string, text: string, findings: readonly Finding[]) {
    for (const finding of findings.filter((f) => f.file === file)) {
      for (const edit of finding.fix ?? []) expect(text.slice(edit.start, edit.end)).toBe(edit.replaces);
    }
    const mine = (f: Finding) => f.rule !== 'parse-error' && f.rule !== 'invalid-interpolation';
    const key = (f: Finding) => `${f.rule}@${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
    return {
      here: findings.filter((f) => mine(f) && f.file === file).map(key).sort(),
      elsewhere: findings.filter((f) => mine(f) && f.file !== file).map((f) => `${f.file}:${key(f)}`),
    };
  }

  it('as an override of the services, an override that defines them, an extended file and an included file', () => {
    let compared = 0;
    for (const seed of loadSeeds()) {
      const text = seed.files[seed.target];
      if (!/\.ya?ml$/.test(seed.target) || !/compose|stack/.test(seed.target) || /include:|extends|^name:/m.test(text)) continue;
      let document: { services?: unknown } | null;
      try {
        document = parse(text) as { services?: unknown } | null;
      } catch {
        continue;
      }
      const services = document?.services;
      if (!services || typeof services !== 'object') continue;
      const names = Object.keys(services).map((name) => JSON.stringify(name));
      const alone = filedOn('compose.yaml', text, lint([{ path: 'compose.yaml', text }]).findings);
      if (alone.here.length === 0) continue;
      // Findings about top-level volumes stay with the volumes, which the extending file does not move.
      const ofServices = lint([{ path: 'compose.yaml', text }]).findings.filter((f) => !f.message.startsWith('volume '));
      const stub = `services:\n${names.map((name) => `  ${name}: {}\n`).join('')}`;
      const extending = `services:\n${names.map((name) => `  ${name}:\n    extends: {file: moved.yaml, service: ${name}}\n`).join('')}`;
      const variants: [string, { path: string; text: string }[], Record<string, string>, string, string[]][] = [
        ['override of stubs', [{ path: 'compose.yaml', text: stub }], { 'compose.override.yaml': text }, 'compose.override.yaml', alone.here],
        ['linted override of stubs', [{ path: 'compose.yaml', text: stub }, { path: 'compose.override.yaml', text }], {}, 'compose.override.yaml', alone.here],
        ['override', [{ path: 'compose.yaml', text: 'name: x\n' }], { 'compose.override.yaml': text }, 'compose.override.yaml', alone.here],
        ['include', [{ path: 'compose.yaml', text: 'include:\n  - moved.yaml\n' }], { 'moved.yaml': text }, 'moved.yaml', alone.here],
        ['extends', [{ path: 'compose.yaml', text: extending }], { 'moved.yaml': text }, 'moved.yaml', filedOn('compose.yaml', text, ofServices).here],
      ];
      for (const [name, inputs, project, moved, expected] of variants) {
        const result = filedOn(moved, text, lint(inputs, { readFile: (path) => project[path] }).findings);
        expect({ seed: seed.name, name, ...result }).toEqual({ seed: seed.name, name, here: expected, elsewhere: [] });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});

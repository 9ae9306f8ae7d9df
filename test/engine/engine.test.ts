import { describe, expect, it } from 'vitest';
import { defaultSettings, lint } from '../../src/index';
import { SourceFile } from '../../src/source';
import { findIgnoreComments } from '../../src/suppression';
import type { Rule } from '../../src/rule-api';
import { positions } from '../helpers';

const BAD_COMPOSE = 'services:\n  app:\n    image: x\n    volumes:\n      - ${DATA:-./data}:/data\n';

describe('lint() with settingsFor: each finding is decided by the settings of its file', () => {
  const privateBase = 'FROM registry.example.com/base:3\nRUN pip install aiosqlite\n';
  const debian = { ...defaultSettings(), images: { 'registry.example.com/base:*': { distro: 'debian-12' } }, rules: { 'sqlite-version-assert': { level: 'off' as const } } };
  const fixed = { ...defaultSettings(), images: { 'registry.example.com/base:*': { sqlite: '3.51.3' } }, rules: { 'sqlite-version-assert': { level: 'off' as const } } };
  const rows = (findings: readonly { rule: string; file: string; line: number; column: number; severity: string }[]): string[] =>
    findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}:${finding.rule}:${finding.severity}`);

  it('images: each Dockerfile is judged by its own settings; without settingsFor, settings apply to all', () => {
    const files = [
      { path: 'Dockerfile', text: privateBase },
      { path: 'worker/Dockerfile', text: privateBase },
    ];
    const settingsFor = (path: string) => (path.startsWith('worker/') ? fixed : debian);
    expect(rows(lint(files, { settings: debian, settingsFor }).findings)).toEqual(['Dockerfile:1:6:distro-sqlite:warning']);
    expect(rows(lint(files, { settings: fixed, settingsFor }).findings)).toEqual(['Dockerfile:1:6:distro-sqlite:warning']);
    expect(rows(lint(files, { settings: debian }).findings)).toEqual(['Dockerfile:1:6:distro-sqlite:warning', 'worker/Dockerfile:1:6:distro-sqlite:warning']);
  });

  it('levels and cross-file links: a compose file and the Dockerfile it builds under other settings still meet', () => {
    const files = [
      { path: 'compose.yaml', text: 'services:\n  worker:\n    build: ./worker\n' },
      { path: 'worker/Dockerfile', text: 'FROM ruby:3.3-slim\nWORKDIR /srv/app\nCOPY . .\n' },
    ];
    const readFile = (path: string) => (path === 'worker/config/database.yml' ? 'production:\n  adapter: sqlite3\n  database: storage/production.sqlite3\n' : undefined);
    const quiet = { ...defaultSettings(), rules: { 'sqlite-ephemeral-storage': { level: 'off' as const }, 'sqlite-version-assert': { level: 'error' as const } } };
    const root = defaultSettings();
    const settingsFor = (path: string) => (path.startsWith('worker/') ? quiet : root);
    expect(rows(lint(files, { settings: root, settingsFor, readFile }).findings)).toEqual([
      'compose.yaml:2:3:sqlite-ephemeral-storage:warning',
      'worker/Dockerfile:1:6:sqlite-version-assert:error',
    ]);
  });
});

describe('lint()', () => {
  it('reads no file system: evidence comes from the files given or readFile', () => {
    const requested: string[] = [];
    const result = lint([{ path: 'compose.yaml', text: BAD_COMPOSE }], {
      readFile: (path) => {
        requested.push(path);
        return undefined;
      },
    });
    expect(positions(result.findings)).toEqual(['volume-source-fallback@5:9']);
    expect(requested.every((path) => !path.startsWith('/'))).toBe(true);
  });

  it('lints each path once when it is given twice', () => {
    const result = lint([
      { path: 'compose.yaml', text: BAD_COMPOSE },
      { path: 'compose.yaml', text: BAD_COMPOSE },
    ]);
    expect(result.files).toHaveLength(1);
    expect(result.findings).toHaveLength(1);
  });

  it('drops a repeated finding and keeps different messages at the same place, in report order', () => {
    const repeating: Rule = {
      meta: { id: 'repeats', defaultSeverity: 'warning', description: 'test', kinds: ['compose'], messages: { said: '{{text}}' } },
      check(context) {
        const file = context.project.composeFiles[0].file;
        for (const [start, message] of [[8, 'b'], [0, 'second'], [0, 'first'], [8, 'b'], [0, 'second'], [8, 'a']] as const) {
          context.report({ file: file.path, range: file.range(start, start + 1), messageId: 'said', data: { text: message } });
        }
      },
    };
    const result = lint([{ path: 'compose.yaml', text: BAD_COMPOSE }], { rules: [repeating] });
    expect(result.findings.map((finding) => `${finding.line}:${finding.column} ${finding.message}`)).toEqual([
      '1:1 second',
      '1:1 first',
      '1:9 b',
      '1:9 a',
    ]);
  });

  it('turns a crashing rule into an internal-error finding and keeps the other rules', () => {
    const crashing: Rule = {
      meta: { id: 'crashes', defaultSeverity: 'error', description: 'test', kinds: ['compose'] },
      check() {
        throw new Error('boom');
      },
    };
    const reporting: Rule = {
      meta: { id: 'reports', defaultSeverity: 'warning', description: 'test', kinds: ['compose'], messages: { here: 'here' } },
      check(context) {
        const file = context.project.composeFiles[0].file;
        context.report({ file: file.path, range: file.range(0, 8), messageId: 'here' });
      },
    };
    const result = lint([{ path: 'compose.yaml', text: BAD_COMPOSE }], { rules: [crashing, reporting] });
    expect(positions(result.findings)).toEqual(['internal-error@1:1', 'reports@1:1']);
    expect(result.findings[0].message).toContain('crashes');
    expect(result.findings[1]).toMatchObject({ severity: 'warning', endColumn: 9 });
  });

  describe('messages keyed by id', () => {
    const saying = (messageId: string, data?: Record<string, string | number>): Rule => ({
      meta: { id: 'says', defaultSeverity: 'warning', description: 'test', kinds: ['compose'], messages: { volume: 'service {{service}} mounts {{ count }} volumes' } },
      check(context) {
        const file = context.project.composeFiles[0].file;
        context.report({ file: file.path, range: file.range(0, 8), messageId, data });
      },
    });
    const findings = (rule: Rule) => lint([{ path: 'compose.yaml', text: BAD_COMPOSE }], { rules: [rule] }).findings;

    it('fill the template from data and carry the id', () => {
      const [finding] = findings(saying('volume', { service: 'app', count: 2 }));
      expect(finding).toMatchObject({ rule: 'says', messageId: 'volume', message: 'service app mounts 2 volumes' });
    });

    it('turn an unknown id or a placeholder without data into an internal-error, never a half-filled message', () => {
      expect(findings(saying('nope')).map((finding) => [finding.rule, finding.message])).toEqual([['internal-error', "rule says failed: internal error, please report it: rule says reported an unknown messageId 'nope'"]]);
      expect(findings(saying('volume', { service: 'app' }))[0]).toMatchObject({ rule: 'internal-error', message: "rule says failed: internal error, please report it: rule says message 'volume' lacks data for {{count}}" });
    });
  });

  it('skips rules whose file kinds are absent', () => {
    let ran = false;
    const dockerfileOnly: Rule = {
      meta: { id: 'df', defaultSeverity: 'error', description: 'test', kinds: ['dockerfile'] },
      check() {
        ran = true;
      },
    };
    lint([{ path: 'compose.yaml', text: BAD_COMPOSE }], { rules: [dockerfileOnly] });
    expect(ran).toBe(false);
  });

  it('gives a parse-error for invalid YAML at the failing position and lints the other files', () => {
    const result = lint([
      { path: 'a/compose.yaml', text: 'services:\n  app:\n    image: [x\n' },
      { path: 'b/compose.yaml', text: BAD_COMPOSE },
    ]);
    expect(result.findings.map((finding) => `${finding.file}:${finding.rule}`)).toEqual([
      'a/compose.yaml:parse-error',
      'b/compose.yaml:volume-source-fallback',
    ]);
    expect(result.findings[0].line).toBeGreaterThanOrEqual(3);
  });
});

describe('suppression comments', () => {
  it('are read from the comments the models read: text inside a quoted value is not one', () => {
    const quoted = 'services:\n  app: {image: x, volumes: ["${A:-./a}:/a"], labels: ["note= # litelint-ignore volume-source-fallback"]}\n';
    const commented = 'services:\n  app: {image: x, volumes: ["${A:-./a}:/a"]} # litelint-ignore volume-source-fallback\n';
    const rules = (text: string) => lint([{ path: 'compose.yaml', text }]).findings.map((finding) => `${finding.rule} ${finding.line}:${finding.column}`);
    expect(rules(quoted)).toEqual(['volume-source-fallback 2:30']);
    expect(rules(commented)).toEqual([]);
  });

  it('of a Dockerfile are its comment lines, and of a merged override its own comments', () => {
    const dockerfile = '# litelint-ignore distro-sqlite,sqlite-version-assert -- replaced in prod\nFROM python:3.12-slim\nRUN pip install datasette\n# litelint-ignore bundled-sqlite\n';
    const result = lint(
      [
        { path: 'compose.yaml', text: 'services:\n  app:\n    image: x\n' },
        { path: 'compose.override.yaml', text: 'services:\n  app:\n    volumes:\n      # litelint-ignore volume-source-fallback\n      - ${A:-./a}:/a\n' },
        { path: 'Dockerfile', text: dockerfile },
      ],
      { reportUnusedIgnores: true },
    );
    expect(result.findings.map((finding) => `${finding.rule} ${finding.file}:${finding.line}`)).toEqual(['unused-ignore Dockerfile:4']);
  });

  it('are found after whitespace only, with their rules and reason stripped', () => {
    const file = new SourceFile(
      'compose.yaml',
      'a: 1 # litelint-ignore rule-a,rule-b -- because\nb: "#litelint-ignore not-a-comment"\n  # litelint-ignore-file rule-c\n',
      'compose',
    );
    const comments = findIgnoreComments(file);
    expect(comments.map((comment) => [comment.line, comment.wholeFile, comment.rules, comment.ownLine])).toEqual([
      [1, false, ['rule-a', 'rule-b'], false],
      [3, true, ['rule-c'], true],
    ]);
    expect(comments[0].range.start).toMatchObject({ line: 1, column: 6 });
  });
});

describe('SourceFile positions', () => {
  it('counts columns after a BOM from 1 and keeps \\r out of line text', () => {
    const file = new SourceFile('Dockerfile', '\uFEFFFROM a\r\nRUN b\r\n', 'dockerfile');
    expect(file.bom).toBe(true);
    expect(file.position(0)).toMatchObject({ line: 1, column: 1 });
    expect(file.position(file.text.indexOf('RUN'))).toMatchObject({ line: 2, column: 1 });
    expect(file.lineText(1)).toBe('FROM a');
    expect(file.offsetAt(2, 5)).toBe(file.text.indexOf('b'));
  });
});

describe('package entry', () => {
  it('exports lint and interpolate', async () => {
    const api = await import('../../src/index');
    expect(positions(api.lint([{ path: 'compose.yaml', text: BAD_COMPOSE }]).findings)).toEqual(['volume-source-fallback@5:9']);
    expect(api.interpolate('${DATA:-./data}:/data', {})).toBe('./data:/data');
    expect(() => api.interpolate('${DATA:?set DATA}', {})).toThrow(/DATA/);
    expect(() => api.interpolate('${DATA/a/b}', { DATA: 'x' })).toThrow(/Invalid template/);
  });
});

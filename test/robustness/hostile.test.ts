/**
 * Hostile inputs (issue 6): each gives findings or a parse-error for the file it concerns, never an
 * internal error, a crash or a hang, and the other files of the run are still linted.
 * Time budgets are measured by `npm run bench`, not asserted here.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { readInputFile, readInputFileFromDisk } from '../../src/read-file';
import { SourceFile } from '../../src/source';
import type { Finding } from '../../src/types';
import { jsonFindings, positions, runCli, tempProject, type CliResult } from '../helpers';
import { findingProblems } from './check';

const BAD_COMPOSE = 'services:\n  app:\n    image: x\n    volumes:\n      - ${DATA:-./data}:/data\n';
/** The finding BAD_COMPOSE gives: the witness that the other files of a run were still linted. */
const BAD_FINDING = 'volume-source-fallback@5:9';
const IS_ROOT = process.getuid?.() === 0;

function json(args: string[], cwd: string): { result: CliResult; findings: ReturnType<typeof jsonFindings> } {
  const result = runCli(['-f', 'json', ...args], { cwd });
  return { result, findings: jsonFindings(result) };
}

function byFile(findings: readonly { file: string; rule: string; line: number; column: number; message: string }[], file: string) {
  return findings.filter((finding) => finding.file === file);
}

function noInternalError(findings: readonly Finding[] | ReturnType<typeof jsonFindings>): void {
  for (const finding of findings) {
    expect(finding.rule).not.toBe('internal-error');
    expect(finding.message).not.toMatch(/internal error/i);
  }
}

/** Lints `text` as `path` next to BAD_COMPOSE in another directory; returns the findings of `path`. */
function lintBeside(path: string, text: string): Finding[] {
  const result = lint([
    { path, text },
    { path: 'other/compose.yaml', text: BAD_COMPOSE },
  ]);
  noInternalError(result.findings);
  expect(positions(result.findings.filter((finding) => finding.file === 'other/compose.yaml'))).toEqual([BAD_FINDING]);
  expect(findingProblems(result.findings, (file) => (file === path ? text : file === 'other/compose.yaml' ? BAD_COMPOSE : undefined))).toEqual([]);
  return result.findings.filter((finding) => finding.file === path);
}

function billionLaughs(levels: number): string {
  const names = 'abcdefghij'.slice(0, levels);
  const lines = [`x-${names[0]}: &${names[0]} ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`];
  for (let i = 1; i < names.length; i++) lines.push(`x-${names[i]}: &${names[i]} [${Array(10).fill(`*${names[i - 1]}`).join(', ')}]`);
  return lines.join('\n');
}

describe('YAML alias bomb (billion laughs)', () => {
  it('is a parse-error in a compose file', () => {
    const text = `${billionLaughs(10)}\nservices:\n  app:\n    image: x\n    labels: *j\n`;
    const findings = lintBeside('compose.yaml', text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'parse-error', message: expect.stringMatching(/alias/i) });
  });

  it('is a parse-error in a Kamal config', () => {
    const text = `${billionLaughs(10)}\nservice: app\nimage: acme/app\nservers: *j\n`;
    const findings = lintBeside('config/deploy.yml', text);
    expect(findings.map((finding) => finding.rule)).toEqual(['parse-error']);
    expect(findings[0].message).toMatch(/alias/i);
  });

  it('is not confused with an ordinary use of anchors', () => {
    const text = `x-env: &env\n  A: "1"\nservices:\n  a:\n    image: x\n    environment: *env\n  b:\n    image: x\n    environment: *env\n`;
    expect(lintBeside('compose.yaml', text)).toEqual([]);
  });
});

describe('--max-file-size', { timeout: 30_000 }, () => {
  it('skips a larger file with a finding and lints the others', () => {
    const big = `FROM alpine\n${'RUN echo padding\n'.repeat(100)}`;
    const cwd = tempProject({ Dockerfile: big, 'compose.yaml': BAD_COMPOSE });
    const { result, findings } = json(['--max-file-size', '1000'], cwd);
    expect(result.code).toBe(1);
    expect(byFile(findings, 'Dockerfile')).toEqual([
      expect.objectContaining({ rule: 'parse-error', line: 1, column: 1, message: `skipped: ${Buffer.byteLength(big)} bytes is over --max-file-size 1000` }),
    ]);
    expect(positions(byFile(findings, 'compose.yaml'))).toEqual([BAD_FINDING]);
  });

  it('has a default of 10 MiB', () => {
    const limit = 10 * 1024 * 1024;
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    // Comment lines of 16 bytes: the limit falls between the two files.
    const padding = (bytes: number): string => '# padding 16 by\n'.repeat(Math.ceil(bytes / 16));
    const over = `FROM scratch\n${padding(limit)}`;
    const under = `FROM scratch\n${padding(limit - 64)}`;
    writeFileSync(join(cwd, 'Dockerfile'), over);
    writeFileSync(join(cwd, 'Dockerfile.small'), under);
    expect(Buffer.byteLength(under)).toBeLessThanOrEqual(limit);
    const { findings } = json([], cwd);
    expect(byFile(findings, 'Dockerfile').map((finding) => finding.message)).toEqual([`skipped: ${Buffer.byteLength(over)} bytes is over --max-file-size ${limit}`]);
    expect(byFile(findings, 'Dockerfile.small')).toEqual([]);
    expect(positions(byFile(findings, 'compose.yaml'))).toEqual([BAD_FINDING]);
  });

  it('applies to standard input', () => {
    const cwd = tempProject({});
    const result = runCli(['-', '--stdin-filename', 'compose.yaml', '--max-file-size', '10', '-f', 'json'], { cwd, stdin: BAD_COMPOSE });
    // A stream is read only to one byte past the limit, so its whole size is not known.
    expect(jsonFindings(result).map((finding) => finding.message)).toEqual(['skipped: more than 10 bytes, over --max-file-size 10']);
  });
});

describe('deep nesting', { timeout: 60_000 }, () => {
  const DEPTH = 10_000;
  const head = 'services:\n  app:\n    image: x\n';

  it.each([
    ['a block mapping', () => `${head}    x-deep:\n${Array.from({ length: DEPTH }, (_, i) => `${' '.repeat(6 + i)}k${i}:`).join('\n')}\n`],
    ['a block sequence', () => `${head}    x-deep:\n${Array.from({ length: DEPTH }, (_, i) => `${' '.repeat(6 + 2 * i)}-`).join('\n')} 1\n`],
    ['flow sequences', () => `${head}    labels: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`],
    ['flow mappings', () => `${head}    labels: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`],
    ['nested ${ in a volume source', () => `${head}    volumes:\n      - "${'${A:-'.repeat(DEPTH)}./x${'}'.repeat(DEPTH)}:/data"\n`],
  ])('%s, %#: a parse-error or findings, never a crash', (_name, build) => {
    const findings = lintBeside('compose.yaml', build());
    // Either it is read (findings or nothing) or it is a parse-error; the parse-error must not be an internal one.
    for (const finding of findings) expect(finding.rule).toMatch(/^(parse-error|volume-source-fallback|invalid-interpolation)$/);
  });

  it('10,000 nested ${ in a Dockerfile FROM: a parse-error or findings, never a crash', () => {
    const text = `FROM ${'${A:-'.repeat(DEPTH)}alpine${'}'.repeat(DEPTH)}\n`;
    lintBeside('Dockerfile', text);
  });

  it('10,000 nested ${ in a Kamal config', () => {
    lintBeside('config/deploy.yml', `service: a\nimage: b\nservers: [h]\nvolumes:\n  - "${'${A:-'.repeat(DEPTH)}x${'}'.repeat(DEPTH)}:/data"\n`);
  });

});

describe('encodings and binary content', () => {
  it('invalid UTF-8: a parse-error at the bad byte', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE, Dockerfile: Buffer.from([...Buffer.from('FROM alpine\nRUN echo '), 0xc3, 0x28, 0x0a]) });
    const { findings } = json([], cwd);
    expect(byFile(findings, 'Dockerfile')).toEqual([expect.objectContaining({ rule: 'parse-error', line: 2, column: 10, message: 'invalid UTF-8 byte sequence' })]);
    expect(positions(byFile(findings, 'compose.yaml'))).toEqual([BAD_FINDING]);
  });

  it('valid UTF-8 with multi-byte characters is read, columns in UTF-16 units', () => {
    const text = 'services:\n  app:\n    image: x\n    volumes:\n      - ${DATA:-./dätä😀}:/data\n';
    const cwd = tempProject({ 'compose.yaml': text });
    expect(json([], cwd).findings.map((finding) => [finding.line, finding.column, finding.endColumn])).toEqual([[5, 9, 26]]);
  });

  it.each([
    ['UTF-16 LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BAD_COMPOSE, 'utf16le')])],
    ['UTF-16 BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(BAD_COMPOSE, 'utf16le').swap16()])],
  ])('%s with a BOM: a parse-error naming the encoding', (_name, bytes) => {
    const cwd = tempProject({ 'sub/compose.yaml': bytes, 'compose.yaml': BAD_COMPOSE });
    const { findings } = json([], cwd);
    expect(byFile(findings, 'sub/compose.yaml')).toEqual([expect.objectContaining({ rule: 'parse-error', line: 1, column: 1, message: expect.stringContaining('UTF-16') })]);
    expect(positions(byFile(findings, 'compose.yaml'))).toEqual([BAD_FINDING]);
  });

  it('a UTF-8 BOM is not part of the text: positions are the same as without it', () => {
    const cwd = tempProject({ 'compose.yaml': `\uFEFF${BAD_COMPOSE}` });
    expect(positions(json([], cwd).findings)).toEqual([BAD_FINDING]);
  });

  it('NUL bytes: a parse-error at the first one, in every kind', () => {
    const cwd = tempProject({
      'compose.yaml': 'services:\n  app:\n    image: x\u0000\n',
      Dockerfile: 'FROM alpine\nRUN \u0000\n',
      'config/deploy.yml': 'service: a\u0000\n',
      'ok/compose.yaml': BAD_COMPOSE,
    });
    const { findings } = json([], cwd);
    expect(findings.map((finding) => `${finding.file}:${finding.rule}@${finding.line}:${finding.column}`)).toEqual([
      'Dockerfile:parse-error@2:5',
      'compose.yaml:parse-error@3:13',
      'config/deploy.yml:parse-error@1:11',
      `ok/compose.yaml:${BAD_FINDING}`,
    ]);
  });

  it('a binary file named Dockerfile: one parse-error, nothing else', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const cwd = tempProject({ Dockerfile: png, 'x/Dockerfile': random, 'compose.yaml': BAD_COMPOSE });
    const { findings } = json([], cwd);
    expect(byFile(findings, 'Dockerfile').map((finding) => finding.rule)).toEqual(['parse-error']);
    expect(byFile(findings, 'x/Dockerfile').map((finding) => finding.rule)).toEqual(['parse-error']);
    expect(positions(byFile(findings, 'compose.yaml'))).toEqual([BAD_FINDING]);
  });
});

describe('unreadable files', () => {
  it('readInputFile: a reader that fails with EACCES gives a parse-error naming the code', () => {
    const outcome = readInputFile('Dockerfile', () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    }, 1000);
    expect(outcome.text).toBeUndefined();
    expect(outcome.failure).toMatchObject({ rule: 'parse-error', file: 'Dockerfile', line: 1, column: 1, message: 'cannot read file (EACCES)' });
  });

  it('readInputFile: the real fs failing on a directory (EISDIR) gives a parse-error', () => {
    const cwd = tempProject({});
    mkdirSync(join(cwd, 'Dockerfile'));
    const outcome = readInputFile('Dockerfile', () => readFileSync(join(cwd, 'Dockerfile')), 1000);
    expect(outcome.failure?.message).toBe('cannot read file (EISDIR)');
  });

  it('readInputFileFromDisk: a directory, a missing file and a FIFO are refused without reading', () => {
    const cwd = tempProject({});
    mkdirSync(join(cwd, 'dir'));
    execFileSync('mkfifo', [join(cwd, 'fifo')]);
    expect(readInputFileFromDisk('dir', join(cwd, 'dir'), 1000).failure?.message).toBe('cannot read file (EISDIR)');
    expect(readInputFileFromDisk('gone', join(cwd, 'gone'), 1000).failure?.message).toBe('cannot read file (ENOENT)');
    expect(readInputFileFromDisk('fifo', join(cwd, 'fifo'), 1000).failure?.message).toBe('skipped: not a regular file (a FIFO, socket or device)');
  });

  it.skipIf(IS_ROOT)('CLI: a file without read permission gives a parse-error and the others are linted (not as root)', () => {
    const cwd = tempProject({ Dockerfile: 'FROM alpine\n', 'compose.yaml': BAD_COMPOSE });
    chmodSync(join(cwd, 'Dockerfile'), 0o000);
    const { findings } = json([], cwd);
    expect(byFile(findings, 'Dockerfile').map((finding) => finding.message)).toEqual(['cannot read file (EACCES)']);
    expect(positions(byFile(findings, 'compose.yaml'))).toEqual([BAD_FINDING]);
  });

  it('CLI: a FIFO named explicitly is refused, not waited on', async () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const fifo = join(cwd, 'Dockerfile');
    execFileSync('mkfifo', [fifo]);
    // If litelint waited on the FIFO, this writer would unblock it after a second (and the assertion fail) instead of hanging the run.
    const writer = spawn('sh', ['-c', 'sleep 1; printf "FROM alpine\\n" > "$0"', fifo], { stdio: 'ignore' });
    const writerExited = new Promise((done) => writer.on('exit', done));
    const { result, findings } = json(['Dockerfile', 'compose.yaml'], cwd);
    expect(result.code).toBe(1);
    expect(byFile(findings, 'Dockerfile').map((finding) => finding.message)).toEqual(['skipped: not a regular file (a FIFO, socket or device)']);
    expect(positions(byFile(findings, 'compose.yaml'))).toEqual([BAD_FINDING]);
    // Unblock the writer (it waits for a reader) so that it exits.
    const reader = spawn('cat', [fifo], { stdio: 'ignore' });
    await writerExited;
    reader.kill();
  });

  it('CLI: a symlink to /dev/zero is refused by name and skipped in a walk; as .env or .gitignore it is not read, and said so', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    symlinkSync('/dev/zero', join(cwd, 'Dockerfile'));
    symlinkSync('/dev/zero', join(cwd, '.env'));
    symlinkSync('/dev/zero', join(cwd, '.gitignore'));
    const walked = json([], cwd).findings;
    expect(walked.map((finding) => `${finding.file}:${finding.rule}`)).toEqual(['.env:outside-project', '.gitignore:outside-project', 'compose.yaml:volume-source-fallback']);
    expect(positions(byFile(walked, 'compose.yaml'))).toEqual([BAD_FINDING]);
    const named = json(['Dockerfile', 'compose.yaml'], cwd).findings;
    expect(byFile(named, 'Dockerfile').map((finding) => finding.message)).toEqual(['skipped: not a regular file (a FIFO, socket or device)']);
  });
});

describe('standard input', () => {
  it('bin: an endless stdin (/dev/zero) is refused at the default --max-file-size, and the other files are linted', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    const devZero = openSync('/dev/zero', 'r');
    try {
      const bin = join(__dirname, '..', '..', 'bin', 'litelint.js');
      const result = spawnSync(process.execPath, [bin, '-f', 'gnu', '--kind', 'compose', '-', 'compose.yaml'], { cwd, stdio: [devZero, 'pipe', 'pipe'], encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/^<stdin>:1:1: error: skipped: more than 10485760 bytes, over --max-file-size 10485760 \[parse-error\]$/m);
      expect(result.stdout).toMatch(/^compose\.yaml:5:9: error: .*\[volume-source-fallback\]$/m);
    } finally {
      closeSync(devZero);
    }
  });
});

describe('configuration file', () => {
  it('a .litelint.yaml that is a symlink to /dev/zero is a usage error, not an endless read', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    symlinkSync('/dev/zero', join(cwd, '.litelint.yaml'));
    const result = runCli([], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('litelint: not read: .litelint.yaml is a system file (/proc, /sys, /dev); litelint reads only files inside the project root\n');
  });
});

describe('paths', () => {
  it('a directory named like a file is walked, not read', () => {
    const cwd = tempProject({ 'Dockerfile/compose.yaml': BAD_COMPOSE, 'compose.yaml/README': 'not yaml' });
    const walked = json([], cwd);
    expect(walked.findings.map((finding) => `${finding.file}:${finding.rule}`)).toEqual(['Dockerfile/compose.yaml:volume-source-fallback']);
    expect(json(['Dockerfile'], cwd).findings.map((finding) => finding.file)).toEqual(['Dockerfile/compose.yaml']);
    expect(json(['compose.yaml'], cwd)).toMatchObject({ result: { code: 0 }, findings: [] });
  });

  it('symlink loops end: directory loops are walked once, self-links and cycles are skipped', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE, 'sub/Dockerfile': 'FROM alpine\nFOOBAR\n' });
    symlinkSync('..', join(cwd, 'sub/up'));
    symlinkSync('.', join(cwd, 'sub/here'));
    symlinkSync('Dockerfile.self', join(cwd, 'Dockerfile.self'));
    symlinkSync('compose.b.yaml', join(cwd, 'compose.a.yaml'));
    symlinkSync('compose.a.yaml', join(cwd, 'compose.b.yaml'));
    const { result, findings } = json([], cwd);
    expect(result.code).toBe(1);
    expect(findings.map((finding) => `${finding.file}:${finding.rule}@${finding.line}`)).toEqual([
      'compose.yaml:volume-source-fallback@5',
      'sub/Dockerfile:parse-error@2',
    ]);
  });

  it('a symlink loop named explicitly is a read failure of that file, not a usage error', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE });
    symlinkSync('Dockerfile', join(cwd, 'Dockerfile'));
    const { result, findings } = json(['Dockerfile', 'compose.yaml'], cwd);
    expect(result.code).toBe(1);
    expect(byFile(findings, 'Dockerfile').map((finding) => finding.message)).toEqual(['cannot read file (ELOOP)']);
    expect(positions(byFile(findings, 'compose.yaml'))).toEqual([BAD_FINDING]);
  });

  it('the same file given twice, by several spellings and through a symlink, is linted once', () => {
    const cwd = tempProject({ 'compose.yaml': BAD_COMPOSE, 'sub/.keep': '' });
    symlinkSync('compose.yaml', join(cwd, 'alias.yaml'));
    const { findings } = json(['compose.yaml', 'compose.yaml', './compose.yaml', 'sub/../compose.yaml', join(cwd, 'compose.yaml'), 'alias.yaml', '.'], cwd);
    expect(findings.map((finding) => `${finding.file}:${finding.rule}@${finding.line}:${finding.column}`)).toEqual([`compose.yaml:${BAD_FINDING}`]);
  });
});

describe('big files (times are in npm run bench)', { timeout: 60_000 }, () => {
  it('a 100,000-line Dockerfile: the one planted error, at its line', () => {
    const lines = ['FROM alpine:3.19'];
    for (let i = 2; i <= 100_000; i++) lines.push(i === 77_777 ? 'FOOBAR planted' : `RUN echo ${i}`);
    const findings = lintBeside('Dockerfile', `${lines.join('\n')}\n`);
    expect(findings.map((finding) => `${finding.rule}@${finding.line}:${finding.column}:${finding.message}`)).toEqual([
      'parse-error@77777:1:unknown instruction: FOOBAR',
    ]);
  });

  it('a 10,000-service compose file: the one planted fallback, at its line', () => {
    const lines = ['services:'];
    for (let i = 0; i < 10_000; i++) {
      lines.push(`  s${i}:`, `    image: registry.example.com/s${i}:1`, '    volumes:', i === 7_777 ? '      - ${DATA:-./data}:/data' : `      - ./d${i}:/data`);
    }
    const findings = lintBeside('compose.yaml', `${lines.join('\n')}\n`);
    expect(positions(findings)).toEqual([`volume-source-fallback@${1 + 7_777 * 4 + 4}:9`]);
    expect(findings[0].message).toContain("service 's7777'");
  });
});

describe('bugs the fuzzer found, fixed', () => {
  it('`${X#*-}` in a Dockerfile FROM is expanded, not an internal error', () => {
    lintBeside('Dockerfile', 'ARG X=a-b\nFROM alpine:${X#*-}\n');
    const model = parseDockerfile(new SourceFile('Dockerfile', 'ARG X=a-b\nFROM alpine:${X#*-}\n', 'dockerfile'));
    expect(model.stages[0].baseImageResolved).toBe('alpine:b');
  });

  it('`${X/[z-a]/q}` (a bad bracket pattern) leaves the base unresolved, not an internal error', () => {
    lintBeside('Dockerfile', 'ARG X=a-b\nFROM alpine:${X/[z-a]/q}\n');
    const model = parseDockerfile(new SourceFile('Dockerfile', 'ARG X=a-b\nFROM alpine:${X/[z-a]/q}\n', 'dockerfile'));
    expect(model.stages[0].baseImageResolved).toBeUndefined();
  });

  it('`COPY [a /tmp/` does not crash the SQLite rules', () => {
    lintBeside('Dockerfile', 'FROM ubuntu:24.04\nCOPY [a /tmp/\n');
  });

  it('a short-syntax volume with ${X:?msg} and X unset is not an undefined named volume', () => {
    expect(lintBeside('compose.yaml', 'services:\n  app:\n    image: x\n    volumes:\n      - ${DATA:?set DATA}:/data\n')).toEqual([]);
  });
});

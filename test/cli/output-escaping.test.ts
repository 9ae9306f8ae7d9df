/**
 * Output cannot drive the terminal or the CI (issue 13, item 6). A hostile repository chooses file
 * names, service names and keys; the report of a lint in CI goes to a terminal-like log viewer and
 * is read by the runner, which takes a stdout line starting with `::` (after white space) as a
 * workflow command, and `##[command]` anywhere in a line.
 */
import { describe, expect, it } from 'vitest';
import { escapeText, guardLineStarts } from '../../src/formatters/escape';
import { FORMAT_NAMES } from '../../src/formatters';
import { parseXml, python3 } from '../integrations/support';
import { runCli, tempProject, type JsonFinding } from '../helpers';

const FORGED = '::error file=x::pwned';
/** Names a repository can choose: each breaks a line, drives a terminal, reorders text or forges a command. */
const HOSTILE_NAMES = [
  `app\n${FORGED}`,
  `cr\r${FORGED}`,
  `ls\u2028${FORGED}`,
  'esc\u001b[2J\u001b]0;title\u0007',
  'csi\u009b2J del\u007f nel\u0085',
  'bidi\u202egnp.exe\u202c \u2066iso\u2069 \u200f \u061c',
  'legacy ##[error]forged ##vso[task.setvariable variable=x]1',
];
/** Directory names that would start a line of their own in stylish and gnu. */
/** The runner trims leading white space, Unicode spaces included, before it looks for `::`. */
const HOSTILE_DIRECTORIES = [FORGED, `  ${FORGED}`, `\t${FORGED}`, `\u00a0${FORGED}`, `\u3000${FORGED}`, ...HOSTILE_NAMES.slice(3)];

function composeWithServices(names: readonly string[]): string {
  const services = names.map((name) => `  ${JSON.stringify(name)}:\n    image: x\n    volumes:\n      - \${DATA:-./data}:/data\n`);
  return `services:\n${services.join('')}`;
}

function hostileProject(): string {
  const files: Record<string, string> = { 'compose.yaml': composeWithServices(HOSTILE_NAMES) };
  for (const directory of HOSTILE_DIRECTORIES) files[`${directory}/compose.yaml`] = composeWithServices(['app']);
  return tempProject(files);
}

const UNSAFE_CHARACTER = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Every way a report line could be taken for a workflow or log command, or drive a terminal. */
function expectInert(output: string, format: string): void {
  expect(output, format).not.toMatch(UNSAFE_CHARACTER);
  expect(output, format).not.toMatch(/##(vso)?\[/i);
  const lines = output.split('\n');
  if (format === 'github') {
    // Its own commands only, each well formed and on one line.
    for (const line of lines.filter(Boolean)) expect(line).toMatch(/^::(error|warning|notice) file=[^:]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[\w-]+::[^\n]*$/);
  } else {
    for (const line of lines) expect(line.trimStart().startsWith('::'), `${format}: ${JSON.stringify(line)}`).toBe(false);
  }
}

describe('every format escapes hostile file and service names', () => {
  const cwd = hostileProject();
  const findingCount = HOSTILE_NAMES.length + HOSTILE_DIRECTORIES.length;

  it.each(FORMAT_NAMES)('%s: no raw control, bidi or line-breaking character, no command line', (format) => {
    for (const tty of [false, true]) {
      const result = runCli(['-f', format], { cwd, tty, env: tty ? { FORCE_COLOR: '1' } : {} });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('');
      // With colours on, ESC is the format's own: strip picocolors' SGR sequences, then nothing may remain.
      expectInert(tty && format === 'stylish' ? result.stdout.replace(/\u001b\[\d+m/g, '') : result.stdout, format);
    }
  });

  it('stylish and gnu: each value is shown with visible escapes', () => {
    for (const format of ['stylish', 'gnu']) {
      const { stdout } = runCli(['-f', format], { cwd });
      expect(stdout).toContain(`service 'app\\n${FORGED}'`);
      expect(stdout).toContain('esc\\x1b[2J\\x1b]0;title\\x07');
      expect(stdout).toContain('csi\\x9b2J del\\x7f nel\\x85');
      expect(stdout).toContain('bidi\\u202egnp.exe\\u202c \\u2066iso\\u2069 \\u200f \\u061c');
      expect(stdout).toContain('legacy #\\x23[error]forged #\\x23vso[task.setvariable');
      expect(stdout).toContain(`\\x3a:error file=x::pwned/compose.yaml`);
    }
    const gnu = runCli(['-f', 'gnu'], { cwd }).stdout.trimEnd().split('\n');
    expect(gnu).toHaveLength(findingCount);
  });

  it('github: one command per finding, the names intact apart from the escapes', () => {
    const lines = runCli(['-f', 'github'], { cwd }).stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(findingCount);
    expect(lines.join('\n')).toContain(`service 'app%0A${FORGED}'`);
  });

  it('json and sarif: the same data once parsed (escapes of their own syntax)', () => {
    const json = JSON.parse(runCli(['-f', 'json'], { cwd }).stdout) as { findings: JsonFinding[] };
    const messages = json.findings.map((finding) => finding.message).join('\n');
    for (const name of HOSTILE_NAMES) expect(messages).toContain(`service '${name}'`);
    expect(json.findings.map((finding) => finding.file)).toEqual(expect.arrayContaining(HOSTILE_DIRECTORIES.map((directory) => `${directory}/compose.yaml`)));
    const sarif = JSON.parse(runCli(['-f', 'sarif'], { cwd }).stdout) as { runs: { results: { message: { text: string } }[] }[] };
    expect(sarif.runs[0].results.map((result) => result.message.text).sort()).toEqual(json.findings.map((finding) => finding.message).sort());
  });

  it.skipIf(!python3)('junit: well-formed, and the messages survive as character references', () => {
    const xml = runCli(['-f', 'junit'], { cwd }).stdout;
    const text = JSON.stringify(parseXml(xml));
    // XML cannot hold C0 controls other than tab and line breaks (they become U+FFFD); the other names arrive intact.
    const representable = HOSTILE_NAMES.filter((name) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(name));
    expect(representable.length).toBeGreaterThan(3);
    for (const name of representable) expect(text).toContain(JSON.stringify(`service '${name}'`).slice(1, -1));
  });
});

describe('stderr', () => {
  it('a configuration error naming a hostile key is one escaped line', () => {
    const key = `x\n${FORGED}\u001b[2J`;
    const cwd = tempProject({ '.litelint.yaml': `rules:\n  ${JSON.stringify(key)}: error\n`, 'compose.yaml': 'services: {}\n' });
    const result = runCli([], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expectInert(result.stderr, 'stderr');
  });

  it('a configuration error quoting a hostile value is one escaped line', () => {
    const cwd = tempProject({ '.litelint.yaml': `images:\n  "registry.example.com/*": { distro: ${JSON.stringify(`debian-12\n${FORGED}\u009b2J`)} }\n` });
    const result = runCli(['--explain-image', 'registry.example.com/a:1'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expectInert(result.stderr, 'stderr');
  });
});

describe('the escaping module', () => {
  it('writes every unsafe character visibly and leaves other text alone', () => {
    expect(escapeText('a\nb\rc\td\u001be\u007ff\u0085g\u009bh\u202ei\u2028j')).toBe('a\\nb\\rc\\td\\x1be\\x7ff\\x85g\\x9bh\\u202ei\\u2028j');
    expect(escapeText('ordinary text, ü, 日本, emoji 😀, # and ## and [x]')).toBe('ordinary text, ü, 日本, emoji 😀, # and ## and [x]');
    expect(guardLineStarts('ok\n::x\n  ::y\nmid ::z\n')).toBe('ok\n\\x3a:x\n  \\x3a:y\nmid ::z\n');
  });
});

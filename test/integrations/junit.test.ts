import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { formatJunit, xmlAttribute, xmlText } from '../../src/formatters/junit';
import { tempProject } from '../helpers';
import { BAD_COMPOSE, builtBin, finding, GOOD_COMPOSE, parseXml, python3, spawnCli, UNUSED_IGNORE_COMPOSE, type XmlElement } from './support';

// These tests run the built CLI as child processes: slower than in-process calls on a busy machine.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(() => void builtBin(), 180_000);

const noPython = !python3;

function suites(root: XmlElement): XmlElement[] {
  expect(root.tag).toBe('testsuites');
  return root.children;
}

describe('junit: escaping', () => {
  it('escapes markup, keeps line breaks in attributes, replaces characters XML cannot hold', () => {
    expect(xmlText('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(xmlAttribute(`say "hi" it's\nnext\tcol`)).toBe('say &quot;hi&quot; it&apos;s&#10;next&#9;col');
    expect(xmlText('nul\u0000 bell\u0007 lone\uD800 pair\uD83D\uDE00')).toBe('nul\uFFFD bell\uFFFD lone\uFFFD pair\uD83D\uDE00');
  });
});

describe.skipIf(noPython)('junit: well-formed XML (checked with expat, via python3)', () => {
  it('the checker rejects broken XML (so a pass means something)', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(/not well-formed/);
    expect(() => parseXml('<a x="1 & 2"/>')).toThrow(/not well-formed/);
  });

  it('one testsuite per file, one testcase per finding, failures carry message and type, hostile text survives', () => {
    const hostile = 'x <y> & "z" \'w\' ]]> \u0001 end\nsecond line';
    const xml = formatJunit(
      [
        finding({ message: hostile, related: [{ file: 'b.yaml', line: 1, column: 2, message: 'see <here>' }] }),
        finding({ severity: 'warning', rule: 'unused-ignore', line: 1, column: 1 }),
        finding({ severity: 'info', rule: 'bundled-sqlite', file: 'Dockerfile', line: 2, column: 1, message: 'fyi' }),
      ],
      { color: false, fileCount: 3, files: ['compose.yaml', 'Dockerfile', 'clean/compose.yaml'] },
    );
    const root = parseXml(xml);
    expect(root.attributes).toEqual({ name: 'litelint', tests: '4', failures: '2', errors: '0' });
    const [dockerfile, clean, compose] = suites(root);
    expect([dockerfile.attributes.name, clean.attributes.name, compose.attributes.name]).toEqual(['Dockerfile', 'clean/compose.yaml', 'compose.yaml']);
    expect(compose.attributes).toMatchObject({ tests: '2', failures: '2', errors: '0' });
    const [first, second] = compose.children;
    expect(first.attributes).toEqual({ name: 'volume-source-fallback at 5:9', classname: 'compose.yaml', file: 'compose.yaml', line: '5' });
    const failure = first.children[0];
    expect(failure.tag).toBe('failure');
    expect(failure.attributes.type).toBe('error');
    expect(failure.attributes.message).toBe(hostile.replace('\u0001', '\uFFFD'));
    expect(failure.text).toContain('compose.yaml:5:9: error: x <y> & "z"');
    expect(failure.text).toContain('see <here> at b.yaml:1:2');
    expect(second.children[0].attributes.type).toBe('warning');
    // info: a passing test case with the message in system-out
    expect(dockerfile.attributes).toMatchObject({ tests: '1', failures: '0' });
    expect(dockerfile.children[0].children.map((child) => child.tag)).toEqual(['system-out']);
    expect(dockerfile.children[0].children[0].text).toContain('fyi');
    // a clean file is one passing test case
    expect(clean.children).toEqual([{ tag: 'testcase', attributes: { name: 'litelint', classname: 'clean/compose.yaml', file: 'clean/compose.yaml' }, text: '', children: [] }]);
  });

  it('an empty report is still a well-formed document', () => {
    expect(parseXml(formatJunit([], { color: false, fileCount: 0 }))).toEqual({ tag: 'testsuites', attributes: { name: 'litelint', tests: '0', failures: '0', errors: '0' }, text: '', children: [] });
  });

  it('the real CLI with -o: counts and failures match the files linted and the findings', () => {
    const cwd = tempProject({ 'a/compose.yaml': UNUSED_IGNORE_COMPOSE, 'b/compose.yaml': BAD_COMPOSE, 'c/compose.yaml': GOOD_COMPOSE });
    const spawned = spawnCli(['-f', 'junit', '-o', 'litelint-junit.xml', '--report-unused-ignores'], cwd);
    expect(spawned.status).toBe(1);
    expect(spawned.stdout).toBe('');
    const root = parseXml(readFileSync(join(cwd, 'litelint-junit.xml'), 'utf8'));
    expect(suites(root).map((suite) => [suite.attributes.name, suite.attributes.tests, suite.attributes.failures])).toEqual([
      ['a/compose.yaml', '1', '1'],
      ['b/compose.yaml', '1', '1'],
      ['c/compose.yaml', '1', '0'],
    ]);
    expect(suites(root)[1].children[0].children[0].attributes.type).toBe('error');
    expect(suites(root)[0].children[0].children[0].attributes.type).toBe('warning');
  });
});

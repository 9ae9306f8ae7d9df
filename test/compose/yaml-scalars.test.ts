import { isScalar, parseDocument } from 'yaml';
import type { Scalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import { interpolationView, scalarFromNode } from '../../src/yaml/tree';
import { SourceFile } from '../../src/source';

/** The scalar under key `v`, mapped onto the file. */
function scalarOf(text: string) {
  const file = new SourceFile('x.yaml', text, 'compose');
  const document = parseDocument(file.text, { keepSourceTokens: true });
  const node = document.get('v', true);
  if (!isScalar(node)) throw new Error('no scalar');
  return { scalar: scalarFromNode(node as Scalar, file), file };
}

/** What the file holds at each mapped offset, for the characters written literally. */
function writtenAt(text: string): string {
  const { scalar, file } = scalarOf(text);
  return scalar.sourceOffsets.map((offset) => file.text[offset]).join('');
}

describe('scalar source offsets', () => {
  it.each([
    ['plain', 'v: ./data:/x\n', './data:/x'],
    ['single-quoted', "v: 'it''s'\n", "it's"],
    ['double-quoted escapes', 'v: "a\\tb\\u0041"\n', 'a\\b\\'],
    ['folded plain', 'v: one\n  two\n', 'one\ntwo'],
    ['double-quoted escaped line break', 'v: "one\\\n   two"\n', 'onetwo'],
    ['literal block', 'v: |\n  one\n  two\n', 'one\ntwo\n'],
    ['folded block with a blank line', 'v: >-\n  one\n  two\n\n  three\n', 'one\ntwo\nthree'],
    // Indentation is spaces only: the tab after it is content (found by the fuzz campaign, seed 20261202).
    ['literal block whose content starts with a tab', 'v: |-\n   \tone\n', '\tone'],
    ['literal block after a blank line, content starting with a tab', 'v: |-\n\n   \tone\n', '\n\tone'],
    ['keep-chomped block', 'v: |+\n  one\n\n', 'one\n\n'],
    ['explicit indentation', 'v: |2\n    x\n  y\n', '  x\ny\n'],
  ])('%s', (_name, text, expected) => {
    const { scalar } = scalarOf(text);
    // One offset per value character, each pointing where that character (or the escape or
    // line break that produced it) is written.
    expect(scalar.sourceOffsets).toHaveLength(scalar.value.length);
    expect(writtenAt(text)).toBe(expected);
  });

  it('maps CRLF line breaks to the break, not to the CR column', () => {
    const { scalar, file } = scalarOf('v: one\r\n  two\r\n');
    expect(scalar.value).toBe('one two');
    expect(file.position(scalar.sourceOffsets[3])).toMatchObject({ line: 1, column: 7 });
    expect(file.position(scalar.sourceOffsets[4])).toMatchObject({ line: 2, column: 3 });
  });
});

describe('interpolation view', () => {
  it('tracks which raw text each interpolated character came from', () => {
    const view = interpolationView('a$${X}${Y:-yy}b', new Map());
    expect(view.text).toBe('a${X}yyb');
    expect(view.rawStart).toEqual([0, 1, 3, 4, 5, 6, 6, 14]);
    expect(view.rawEnd).toEqual([1, 3, 4, 5, 6, 14, 14, 15]);
  });

  it('leaves a template it cannot interpolate as written', () => {
    const view = interpolationView('${A:?needed}:/x', new Map());
    expect(view.interpolated).toBe(false);
    expect(view.text).toBe('${A:?needed}:/x');
  });
});

import { describe, expect, it } from 'vitest';
import { expandWord, expandWordDetailed, ExpansionError, unquoteWord } from '../../src/dockerfile/expand';
import { readConformance } from '../conformance';

interface ExpansionCase {
  id: string;
  input: string;
  expected?: string;
  error?: boolean;
}

interface ExpansionOracle {
  env: Record<string, string>;
  escape_token: string;
  cases: ExpansionCase[];
}

const oracle = readConformance<ExpansionOracle>('dockerfile_shell_expansion.json');

describe('BuildKit shell-word expansion oracle', () => {
  it('has all 228 cases', () => {
    expect(oracle.cases).toHaveLength(228);
  });

  it.each(oracle.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    // The oracle trims input and output, as BuildKit's own test does.
    const input = c.input.trim();
    if (c.error) {
      expect(() => expandWord(input, oracle.env, '\\')).toThrow(ExpansionError);
    } else {
      expect(expandWord(input, oracle.env, '\\').trim()).toBe(c.expected);
    }
  });
});

describe('expandWord beyond the oracle', () => {
  const env = { IMG: 'alpine:3.19', EMPTY: '', PATHV: 'a/b/c.tar.gz' };

  it('reports the required-variable message', () => {
    expect(() => expandWord('${FOO:?"custom error"}', {}, '\\')).toThrow('FOO: custom error');
    expect(() => expandWord('${FOO?}', {}, '\\')).toThrow('FOO: is not allowed to be unset');
    expect(() => expandWord('${EMPTY:?}', env, '\\')).toThrow('EMPTY: is not allowed to be empty');
  });

  it('distinguishes the colon forms for empty values', () => {
    expect(expandWord('${EMPTY-d}', env)).toBe('');
    expect(expandWord('${EMPTY:-d}', env)).toBe('d');
    expect(expandWord('${EMPTY+a}', env)).toBe('a');
    expect(expandWord('${EMPTY:+a}', env)).toBe('');
  });

  it('trims prefixes and suffixes with shell patterns', () => {
    expect(expandWord('${PATHV#*/}', env)).toBe('b/c.tar.gz');
    expect(expandWord('${PATHV##*/}', env)).toBe('c.tar.gz');
    expect(expandWord('${PATHV%.*}', env)).toBe('a/b/c.tar');
    expect(expandWord('${PATHV%%.*}', env)).toBe('a/b/c');
    expect(expandWord('${IMG/3.19/edge}', env)).toBe('alpine:edge');
    expect(expandWord('${PATHV//\\//-}', env)).toBe('a-b-c.tar.gz');
  });

  it('uses the backtick escape token when asked', () => {
    expect(expandWord('c:\\dir', {}, '`')).toBe('c:\\dir');
    expect(expandWord('a`$IMG', env, '`')).toBe('a$IMG');
  });

  it('records which variables were used', () => {
    const result = expandWordDetailed('$IMG-${MISSING}', env);
    expect([...result.matched]).toEqual(['IMG']);
    expect([...result.unmatched]).toEqual(['MISSING']);
  });

  it('unquotes without expanding', () => {
    expect(unquoteWord('"a b"\\ c$X')).toBe('a b c$X');
    expect(unquoteWord("'${X:-y}'")).toBe('${X:-y}');
    expect(unquoteWord('"unterminated')).toBe('"unterminated');
  });
});

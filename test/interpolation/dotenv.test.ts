import { describe, expect, it } from 'vitest';
import { DotenvError, parseDotenv, parseDotenvFiles } from '../../src/interpolation/dotenv';
import { readConformance } from '../conformance';

function parse(text: string, env: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(parseDotenv(text, (name) => env[name]));
}

function errorOf(text: string, env: Record<string, string> = {}): DotenvError {
  try {
    parseDotenv(text, (name) => env[name]);
  } catch (error) {
    if (error instanceof DotenvError) return error;
    throw error;
  }
  throw new Error('expected a DotenvError');
}

interface EnvSources {
  env_file_syntax: { summary: string[] };
}

// One test per bullet of env_sources.json "env_file_syntax"; the bullet text is the test name.
const syntaxRows = readConformance<EnvSources>('env_sources.json').env_file_syntax.summary;
const row = (start: string): string => {
  const found = syntaxRows.find((text) => text.startsWith(start));
  if (!found) throw new Error(`env_sources.json has no syntax row starting ${start}`);
  return found;
};

describe('env_sources.json .env syntax', () => {
  it(row('Lines starting with #'), () => {
    expect(parse('\ufeff# comment\n\n   # indented\nA=1\n\n')).toEqual({ A: '1' });
  });

  it(row("An optional 'export '"), () => {
    expect(parse('export A=1\nexport\tB=2\nexportC=3\nexport_D=4')).toEqual({ A: '1', B: '2', exportC: '3', export_D: '4' });
  });

  it(row('The key and value are separated'), () => {
    expect(parse('A = 1\nB: 2\nC :3')).toEqual({ A: '1', B: '2', C: '3' });
  });

  it(row('Key characters are letters'), () => {
    expect(parse('a.b-c_d[0]=1\nÉté2=2')).toEqual({ 'a.b-c_d[0]': '1', Été2: '2' });
    expect(errorOf('A B=1')).toMatchObject({ line: 1, column: 2, reason: 'syntax' });
    expect(errorOf('A B=1').message).toContain('key cannot contain a space');
    expect(errorOf('OK=1\nA$B=1').message).toContain('line 2: unexpected character "$" in variable name');
  });

  it(row("A line that is only 'KEY'"), () => {
    expect(parse('FROM_OS\nNOT_SET\n', { FROM_OS: 'os' })).toEqual({ FROM_OS: 'os' });
  });

  it(row('Unquoted values'), () => {
    expect(parse('A=  spaced value  \nB=x # note\nC=x#kept\nD=a\\tb\nE=${A}!', {})).toEqual({
      A: 'spaced value',
      B: 'x',
      C: 'x#kept',
      D: 'a\\tb',
      E: 'spaced value!',
    });
  });

  it(row('Single-quoted values'), () => {
    expect(parse("A='$HOME \\n'\nB='it\\'s'\nC='one\ntwo'", { HOME: '/h' })).toEqual({
      A: '$HOME \\n',
      B: "it's",
      C: 'one\ntwo',
    });
  });

  it(row('Double-quoted values'), () => {
    expect(parse('A="$HOME\\t\\x07\\u12e4 \\$HOME"\nB="one\ntwo"\nC="\\0101\\\\"', { HOME: '/h' })).toEqual({
      A: '/h\t\\x07\\u12e4 $HOME',
      B: 'one\ntwo',
      C: 'A\\',
    });
  });

  it(row('A comment may follow the closing quote'), () => {
    expect(parse('A="x" # c\nB=\'y\'#c')).toEqual({ A: 'x', B: 'y' });
    const error = errorOf('A=1\nB="unterminated\nC=3');
    expect(error).toMatchObject({ line: 2, column: 3, reason: 'syntax' });
    expect(error.message).toContain('unterminated quoted value');
  });
});

describe('parseDotenv details', () => {
  it('resolves ${} from the lookup before values of the same file', () => {
    expect(parse('A=file\nB=${A}', { A: 'os' })).toEqual({ A: 'file', B: 'os' });
    expect(parse('A=file\nB=${A}')).toEqual({ A: 'file', B: 'file' });
  });

  it('accepts CRLF line endings', () => {
    expect(parse('A=1\r\nB="2"\r\nC\r\n', { C: 'c' })).toEqual({ A: '1', B: '2', C: 'c' });
  });

  it('reads text that ends without a separator as the value of an empty key, as compose does', () => {
    expect(parse('A=1\nTRAILING')).toEqual({ A: '1', '': 'TRAILING' });
  });

  it('keeps \\0 escapes that Go cannot decode as written, minus the 0', () => {
    expect(parse('A="\\01|\\0777|\\0"')).toEqual({ A: '\\1|\\777|\\' });
  });

  it('reports missing required variables with the line and the variable', () => {
    const error = errorOf('A=1\nB=x${NEED:?set NEED}');
    expect(error).toMatchObject({ line: 2, column: 4, reason: 'missing-required', variable: 'NEED' });
    expect(error.message).toBe('line 2: required variable NEED is missing a value: set NEED');
  });

  it('reports invalid templates without the value text', () => {
    const error = errorOf('TOKEN=hunter2-${');
    expect(error).toMatchObject({ line: 1, column: 15, reason: 'invalid-template' });
    expect(error.message).toContain('TOKEN');
    expect(error.message).not.toContain('hunter2');
  });

  it('never puts a value into a syntax error message', () => {
    for (const text of ['PASSWORD="hunter2', "PASSWORD='hunter2\nX=1", 'hunter2%=x', 'PASS WORD=hunter2']) {
      expect(errorOf(text).message).not.toContain('hunter2');
    }
  });

  it('fails on `export ` with nothing after it', () => {
    expect(errorOf('export ').message).toContain('zero length string');
  });
});

describe('parseDotenvFiles', () => {
  it('lets later files override earlier ones and see their values', () => {
    const merged = parseDotenvFiles(['A=1\nB=one', 'B=two\nC=${A}-${B}'], {});
    expect(Object.fromEntries(merged)).toEqual({ A: '1', B: 'two', C: '1-two' });
  });

  it('resolves from the OS env first', () => {
    const merged = parseDotenvFiles(['A=file\nB=$A'], new Map([['A', 'os']]));
    expect(Object.fromEntries(merged)).toEqual({ A: 'file', B: 'os' });
  });

  it('says which file failed', () => {
    let caught: unknown;
    try {
      parseDotenvFiles(['A=1', 'B="open'], {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DotenvError);
    expect((caught as DotenvError).fileIndex).toBe(1);
  });
});

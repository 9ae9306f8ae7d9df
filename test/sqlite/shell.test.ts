import { describe, expect, it } from 'vitest';
import { splitShellCommands } from '../../src/sqlite/shell';

const words = (text: string) => splitShellCommands(text, 100).map((command) => [command.words.map((word) => [word.value, word.start, word.end]), command.next]);

describe('splitShellCommands', () => {
  it('splits at every operator and keeps each word at its file offsets', () => {
    expect(words('apt-get update&&apt-get install -y sqlite3;echo ok|tee x\nls(a)')).toEqual([
      [[['apt-get', 100, 107], ['update', 108, 114]], '&&'],
      [[['apt-get', 116, 123], ['install', 124, 131], ['-y', 132, 134], ['sqlite3', 135, 142]], ';'],
      [[['echo', 143, 147], ['ok', 148, 150]], '|'],
      [[['tee', 151, 154], ['x', 155, 156]], '\n'],
      [[['ls', 157, 159]], '('],
      [[['a', 160, 161]], ')'],
    ]);
  });

  it('reads quotes and escapes into the word value; a # inside a word is not a comment', () => {
    expect(words(`pip install "pysqlite3-binary==0.5.4" 'a b'c\\ d x#y # comment`)).toEqual([
      [[['pip', 100, 103], ['install', 104, 111], ['pysqlite3-binary==0.5.4', 112, 137], ['a bc d', 138, 147], ['x#y', 148, 151]], undefined],
    ]);
  });

  it('ends on a lone trailing backslash', () => {
    expect(words('echo a\\')).toEqual([[[['echo', 100, 104], ['a\\', 105, 107]], undefined]]);
  });
});

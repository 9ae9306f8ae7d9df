import type { Instruction } from '../dockerfile/model';
import type { SourceFile } from '../source';

/** A shell word with its unquoted value and the file offsets it was read from. */
export interface ShellWord {
  value: string;
  start: number;
  end: number;
}

/** One simple command of a RUN line: the words between `&&`, `||`, `;`, `|`, `&` and newlines. */
export interface ShellCommand {
  words: ShellWord[];
  /** The operator that follows the command (`&&`, `||`, `|`, `;`, newline), if any. */
  next?: string;
}

/** A line continuation with the blank and comment lines after it, for each escape character. */
const CONTINUATION = {
  backslash: /\\[ \t]*(\r?\n)((?:[ \t]*#[^\n]*\n|[ \t]*\r?\n)*)/g,
  backtick: /`[ \t]*(\r?\n)((?:[ \t]*#[^\n]*\n|[ \t]*\r?\n)*)/g,
};

/**
 * The text of an instruction from its arguments to its end (heredoc bodies included), with line
 * continuations and the comment lines BuildKit drops inside them blanked out, so that every offset in
 * the result is still an offset into the file.
 */
export function instructionText(file: SourceFile, instruction: Instruction, escapeChar: string): { text: string; base: number } {
  const base = instruction.argsRange.start.offset;
  const end = Math.max(base, instruction.range.end.offset);
  const raw = file.text.slice(base, end);
  const continuation = escapeChar === '`' ? CONTINUATION.backtick : CONTINUATION.backslash;
  const text = raw.replace(continuation, (match) => ' '.repeat(match.length));
  return { text, base };
}

const OPERATORS = ['&&', '||', ';;', '|', ';', '&', '\n', '(', ')'];
const OPERATOR_START = new Set(OPERATORS.map((op) => op[0]));
/** A run of characters that are neither blanks, quotes, escapes nor operators. */
const ORDINARY_RUN = /[^ \t\r'"\\&|;\n()]+/y;

/** Splits shell text into simple commands. A small lexer: quotes, backslash escapes, operators. */
export function splitShellCommands(text: string, base: number): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let value = '';
  let start = -1;
  const endWord = (at: number): void => {
    if (start !== -1) words.push({ value, start: base + start, end: base + at });
    value = '';
    start = -1;
  };
  const endCommand = (operator: string | undefined): void => {
    if (words.length > 0) commands.push({ words, next: operator });
    words = [];
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '#' && start === -1) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const operator = OPERATOR_START.has(ch) ? OPERATORS.find((op) => text.startsWith(op, i)) : undefined;
    if (operator) {
      endWord(i);
      endCommand(operator);
      i += operator.length;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord(i);
      i++;
      continue;
    }
    if (start === -1) start = i;
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      const stop = close === -1 ? text.length : close;
      value += text.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) i++;
        value += text[i];
        i++;
      }
      i++;
      continue;
    }
    if (ch === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
      continue;
    }
    ORDINARY_RUN.lastIndex = i;
    // A lone trailing backslash is the only character that reaches here and is not in the run.
    const end = ORDINARY_RUN.test(text) ? ORDINARY_RUN.lastIndex : i + 1;
    value += text.slice(i, end);
    i = end;
  }
  endWord(Math.min(i, text.length));
  endCommand(undefined);
  return commands;
}

/** Commands that run the next word as the command. */
const COMMAND_WRAPPERS = new Set(['sudo', 'env', 'exec', 'command', 'time', 'nice']);

/** Words of the command after leading `sudo`, `env`, `VAR=value` assignments and `exec`. */
export function commandHead(command: ShellCommand): { name: string; args: ShellWord[]; head?: ShellWord } {
  let index = 0;
  const words = command.words;
  while (index < words.length) {
    const word = words[index].value;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word) || COMMAND_WRAPPERS.has(word)) {
      index++;
      continue;
    }
    break;
  }
  const head = words[index];
  if (!head) return { name: '', args: [] };
  const name = head.value.slice(head.value.lastIndexOf('/') + 1);
  return { name, args: words.slice(index + 1), head };
}

/**
 * Escaping for every text litelint prints: the output of a lint in CI is read by a terminal and by
 * the CI runner, and a hostile repository chooses the file names, service names and values that
 * end up in it. One module, so every format keeps the same promise:
 *
 * - Control characters (C0, DEL, C1: ESC and CSI start terminal sequences), bidi marks, overrides
 *   and isolates (they make a terminal or browser show text in another order than it is) and line
 *   breaks never reach the output raw. The text formats write them visibly (`\x1b`, `\u202e`, `\n`),
 *   so a value can neither drive the terminal nor start an output line of its own; JSON and XML
 *   write them as escapes of their own syntax, which parsers read back as the same text.
 * - No line may start, after leading white space, with `::`: the GitHub runner reads such a stdout
 *   line as a workflow command (it trims leading white space first).
 * - The runner also reads `##[command]` anywhere in a line (its legacy syntax), and Azure Pipelines
 *   reads `##vso[`: the second `#` is escaped in the syntax of each format.
 */

/** DEL, C1 (U+0085 NEL is a line break too), ALM, LRM/RLM, LS/PS, bidi embeddings, overrides and isolates. */
const ABOVE_C0 = '\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE = new RegExp(`[\\u0000-\\u001f${ABOVE_C0}]`, 'g');
/** Without CR and LF, for the github format, whose command escaping turns them into %0D and %0A. */
const UNSAFE_BUT_CR_LF = new RegExp(`[\\u0000-\\u0009\\u000b\\u000c\\u000e-\\u001f${ABOVE_C0}]`, 'g');
/** What JSON.stringify leaves raw (it escapes C0 itself) and XML allows. */
const UNSAFE_ABOVE_C0 = new RegExp(`[${ABOVE_C0}]`, 'g');

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function hex(char: string, digits: number): string {
  return char.charCodeAt(0).toString(16).padStart(digits, '0');
}

function visible(char: string): string {
  return NAMED[char] ?? (char.charCodeAt(0) <= 0xff ? `\\x${hex(char, 2)}` : `\\u${hex(char, 4)}`);
}

/** The second `#` of `##[` and `##vso[` (CI log commands read anywhere in a line). */
const LOG_COMMAND = /(?<=#)#(?=(?:vso)?\[)/gi;

function escapeLogCommands(text: string, hash: string): string {
  return text.replace(LOG_COMMAND, hash);
}

/** A value as a terminal and a CI log may show it: one line, no control or bidi character, no log command. */
export function escapeText(text: string): string {
  return escapeLogCommands(text.replace(UNSAFE, visible), '\\x23');
}

/** As `escapeText`, but CR and LF are left for the caller to encode (GitHub workflow commands: %0D, %0A). */
export function escapeTextButLineBreaks(text: string): string {
  return escapeLogCommands(text.replace(UNSAFE_BUT_CR_LF, visible), '\\x23');
}

/** Serialised JSON with DEL, C1, bidi and separator characters and log commands as `\uXXXX` escapes: the same data. */
export function escapeJsonText(json: string): string {
  return escapeLogCommands(json.replace(UNSAFE_ABOVE_C0, (char) => `\\u${hex(char, 4)}`), '\\u0023');
}

/** Escaped XML with tabs, line breaks, DEL, C1, bidi characters and log commands as character references: the same text. */
export function escapeXmlText(xml: string): string {
  return escapeLogCommands(xml.replace(/[\t\r\n]/g, (char) => `&#${char.charCodeAt(0)};`).replace(UNSAFE_ABOVE_C0, (char) => `&#x${hex(char, 2)};`), '&#35;');
}

/** A line that GitHub would read as a workflow command once its leading white space is trimmed. */
const COMMAND_LINE = /^([^\S\r\n]*):(?=:)/gm;

/**
 * Escapes the first `:` of every line that starts (after white space) with `::`. The text formats,
 * which put values at the start of lines (a file name in stylish and gnu), pass their output through it.
 */
export function guardLineStarts(text: string): string {
  return text.replace(COMMAND_LINE, '$1\\x3a');
}

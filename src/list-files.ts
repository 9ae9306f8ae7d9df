/**
 * `--list-files`: what a run would lint and as which kind, without linting. One line per file,
 * `<kind><TAB><path>`, paths escaped as in every text report (a hostile repository names its files).
 */
import type { DiscoveredFile, DiscoveryProblem } from './discover';
import { escapeText } from './formatters/escape';
import { kindFromContent, kindFromName } from './kinds';
import type { FileKind, InputFile } from './types';

export interface ListFilesOptions {
  /** `--kind`: every named file is read as this kind. */
  kind?: FileKind;
  /** The text read from standard input, when `-` is among the paths and it could be read. */
  stdin?: InputFile;
  /** The text of a discovered file (for a file named explicitly whose name says nothing); undefined when it cannot be read. */
  read: (path: string) => string | undefined;
}

/** The kind a file is linted as: --kind, else its name, else (named explicitly) its content, as the engine decides. */
function kindOf(path: string, known: FileKind | undefined, read: () => string | undefined): FileKind | 'unreadable' {
  if (known) return known;
  const byName = kindFromName(path);
  if (byName) return byName;
  const text = read();
  return text === undefined ? 'unreadable' : kindFromContent(path, text);
}

export function listFiles(files: readonly DiscoveredFile[], problems: readonly DiscoveryProblem[], options: ListFilesOptions): { stdout: string; stderr: string } {
  const lines: string[] = [];
  const { stdin } = options;
  if (stdin) lines.push(`${kindOf(stdin.path, options.kind ?? stdin.kind, () => stdin.text)}\t${escapeText(stdin.path)}`);
  for (const file of files) {
    lines.push(`${kindOf(file.path, options.kind ?? file.kind, () => options.read(file.path))}\t${escapeText(file.path)}`);
  }
  // A directory that could not be listed hides files: said on stderr, as the lint would report it.
  const warnings = problems.map((problem) => `litelint: ${escapeText(problem.path)}: ${escapeText(problem.message)}\n`);
  return { stdout: lines.map((line) => `${line}\n`).join(''), stderr: warnings.join('') };
}

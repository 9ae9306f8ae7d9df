import type { Located } from './dockerfile/model';
import type { SourceFile } from './source';
import type { Finding, Range } from './types';

/**
 * `# litelint-ignore rule-a,rule-b -- reason` on the line above an entry or at the end of its line,
 * and `# litelint-ignore-file rule-a` anywhere in the file. The same syntax serves Dockerfiles and
 * YAML: a `#` starts a comment at the start of a line or after whitespace in both.
 */
const DIRECTIVE = /(?:^|[ \t])#[ \t]*litelint-ignore(-file)?(?=[ \t\r]|$)[ \t]*([^\r\n]*)/;

export interface IgnoreComment {
  line: number;
  wholeFile: boolean;
  /** Rule ids named; a directive must name at least one. */
  rules: string[];
  /** The comment stands alone on its line (so it applies to the line below). */
  ownLine: boolean;
  range: Range;
  used: Set<string>;
}

/** A directive as a comment's own text starts: `#`, then `litelint-ignore` or `litelint-ignore-file`. */
const COMMENT_DIRECTIVE = /^#[ \t]*litelint-ignore(-file)?(?=[ \t\r]|$)[ \t]*([^\r\n]*)/;

/**
 * The ignore comments of a file. `comments` are the comments its model read (a YAML comment as YAML
 * reads it, a Dockerfile comment line), so a `#` inside a quoted value or a block scalar is not
 * one; without them (a file that did not parse) every line is searched.
 */
export function findIgnoreComments(file: SourceFile, comments?: readonly Located[]): IgnoreComment[] {
  const found: IgnoreComment[] = [];
  if (!file.text.includes('litelint-ignore')) return found;
  if (comments) {
    for (const comment of comments) {
      const match = COMMENT_DIRECTIVE.exec(comment.value);
      if (match) found.push(ignoreComment(file, comment.range.start.line, comment.range.start.column, match[1], match[2]));
    }
    return found;
  }
  for (let line = 1; line <= file.lineCount; line++) {
    const match = DIRECTIVE.exec(file.lineText(line));
    if (match) found.push(ignoreComment(file, line, match.index + match[0].indexOf('#') + 1, match[1], match[2]));
  }
  return found;
}

function ignoreComment(file: SourceFile, line: number, hashColumn: number, fileSuffix: string | undefined, rest: string): IgnoreComment {
  const text = file.lineText(line);
  const ruleList = rest.split(/\s--(?:\s|$)/)[0].trim();
  const start = file.offsetAt(line, hashColumn);
  return {
    line,
    wholeFile: fileSuffix === '-file',
    rules: ruleList.split(/[\s,]+/).filter(Boolean),
    ownLine: text.slice(0, hashColumn - 1).trim() === '',
    range: file.range(start, start + text.length - hashColumn + 1),
    used: new Set(),
  };
}

/** Lines whose own-line ignore comments apply to `line`: the comment block directly above it. */
function isCommentLine(file: SourceFile, line: number): boolean {
  return /^\s*#/.test(file.lineText(line));
}

export class Suppressions {
  private readonly byLine = new Map<number, IgnoreComment[]>();
  private readonly wholeFile: IgnoreComment[] = [];

  constructor(
    private readonly file: SourceFile,
    readonly comments: IgnoreComment[],
  ) {
    for (const comment of comments) {
      if (comment.wholeFile) this.wholeFile.push(comment);
      else {
        const list = this.byLine.get(comment.line) ?? [];
        list.push(comment);
        this.byLine.set(comment.line, list);
      }
    }
  }

  /** True when a comment suppresses the finding; marks that comment used. */
  suppresses(finding: Finding, entryLine: number | undefined): boolean {
    const candidates = [...this.wholeFile];
    const lines = new Set([finding.line, entryLine ?? finding.line]);
    for (const line of lines) {
      candidates.push(...(this.byLine.get(line) ?? []));
      for (let above = line - 1; above >= 1 && isCommentLine(this.file, above); above--) {
        candidates.push(...(this.byLine.get(above) ?? []).filter((comment) => comment.ownLine));
      }
    }
    const comment = candidates.find((candidate) => candidate.rules.includes(finding.rule));
    if (!comment) return false;
    comment.used.add(finding.rule);
    return true;
  }

  unused(): { comment: IgnoreComment; rule: string }[] {
    const unused: { comment: IgnoreComment; rule: string }[] = [];
    for (const comment of this.comments) {
      for (const rule of comment.rules) if (!comment.used.has(rule)) unused.push({ comment, rule });
    }
    return unused;
  }
}

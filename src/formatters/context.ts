import type { RuleRegistry } from '../registry';
import type { Finding } from '../types';

/** What a formatter is handed besides the findings; a module of its own, as ./index.ts loads the formatters that read it. */
export interface FormatContext {
  color: boolean;
  /** Number of files linted, for summaries. */
  fileCount: number;
  /** Paths of the files linted, as findings name them (junit lists clean files too). */
  files?: readonly string[];
  /** The text of a linted file, by path (sarif fingerprints a finding by the text of its line). */
  sourceText?: (file: string) => string | undefined;
  /** litelint's version, for formats that name the tool (sarif). */
  toolVersion?: string;
  /** The rules a report can name (sarif describes each); without it, only the rules of the findings. */
  registry?: RuleRegistry;
  /** The Markdown of a rule's docs/rules/<id>.md (sarif's rule help); without it, the rule's one-line help. */
  ruleDoc?: (id: string) => string | undefined;
}

export type Formatter = (findings: readonly Finding[], context: FormatContext) => string;

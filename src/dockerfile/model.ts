import type { SourceFile } from '../source';
import type { Range } from '../types';

/** A word or value as written in the file, with its exact range. */
export interface Located<T = string> {
  value: T;
  range: Range;
}

export interface Directive {
  /** Lower-cased: `syntax`, `escape`, `check`. */
  name: string;
  value: string;
  range: Range;
}

export interface Flag {
  /** Without dashes, lower-cased: `from`, `platform`, `mount`, `chmod`, ... */
  name: string;
  value: string | undefined;
  range: Range;
}

export interface Heredoc {
  name: string;
  /** Body as BuildKit passes it (tabs stripped for `<<-`). */
  body: string;
  bodyRange: Range;
  quoted: boolean;
  chomp: boolean;
  /** File descriptor prefix, e.g. 3 for `RUN 3<<EOF`. */
  fd?: number;
}

export interface Instruction {
  /** Upper-cased keyword: FROM, RUN, COPY, ... */
  keyword: string;
  keywordRange: Range;
  /** The whole instruction, continuations and heredoc bodies included. */
  range: Range;
  /** Flags before the arguments (`--from=builder`). */
  flags: Flag[];
  /**
   * Arguments after the flags, as BuildKit sees them: continuations joined, comment lines inside a
   * continuation dropped. For exec (JSON) form this is the raw JSON text.
   */
  argsText: string;
  /** Range from the first to the last argument character in the file. */
  argsRange: Range;
  /** Whitespace-separated argument words with their ranges in the file (quotes kept). */
  args: Located[];
  heredocs: Heredoc[];
  /** Index of the stage the instruction belongs to; -1 before the first FROM. */
  stageIndex: number;
}

export interface CommandInstruction extends Instruction {
  keyword: 'RUN' | 'CMD' | 'ENTRYPOINT' | 'SHELL' | 'HEALTHCHECK';
  form: 'shell' | 'exec';
  /** Exec form: the parsed JSON strings. */
  execArgs?: string[];
}

export interface KeyValue {
  key: string;
  /** Value as written, quotes removed; undefined for `ARG NAME` without default. */
  value: string | undefined;
  range: Range;
  keyRange: Range;
  valueRange?: Range;
}

export interface CopyInstruction extends Instruction {
  keyword: 'COPY' | 'ADD';
  /** `--from` value as written (a stage name, index or image). */
  from?: Located;
  /** Resolved `--from` stage index when it names an earlier stage (case-insensitive). */
  fromStage?: number;
  sources: Located[];
  destination?: Located;
}

export interface Stage {
  index: number;
  /** Lower-cased stage name (BuildKit lower-cases them), if `AS name` is given. */
  name?: string;
  nameRange?: Range;
  from: Instruction;
  /** The FROM image word as written, with its range. */
  baseImage: Located;
  /** Base image after ARG expansion with the Dockerfile defaults only; undefined when it cannot be resolved. */
  baseImageResolved?: string;
  /** Index of the earlier stage the FROM names, if any. */
  baseStage?: number;
  platform?: Located;
  instructions: Instruction[];
}

export interface DockerfileModel {
  kind: 'dockerfile';
  file: SourceFile;
  directives: Directive[];
  escapeChar: '\\' | '`';
  /** ARGs before the first FROM. */
  globalArgs: KeyValue[];
  stages: Stage[];
  /** All instructions in file order. */
  instructions: Instruction[];
  /** Every comment line (directives excluded), for suppression comments. */
  comments: Located[];
  /** Problems that make BuildKit refuse the file, as the model found them. */
  errors: { message: string; range: Range }[];
}

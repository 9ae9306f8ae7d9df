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
  /** The `<<EOF` marker word on the instruction line. */
  markerRange?: Range;
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
  /** ENV, ARG and LABEL: the declared names and values (ENV's legacy `ENV name value` form too). */
  keyValues?: KeyValue[];
  /** ONBUILD: the trigger instruction it registers. */
  onbuildTrigger?: Instruction;
}

export interface CommandInstruction extends Instruction {
  keyword: 'RUN' | 'CMD' | 'ENTRYPOINT' | 'SHELL' | 'HEALTHCHECK';
  form: 'shell' | 'exec';
  /** Exec form: the parsed JSON strings. */
  execArgs?: string[];
  /**
   * HEALTHCHECK only: the upper-cased type word (`CMD`, `NONE`); `form` and `execArgs` then describe
   * the command after it.
   */
  healthcheckType?: string;
}

export interface KeyValue {
  key: string;
  /** Value as written, quotes removed; undefined for `ARG NAME` without default. */
  value: string | undefined;
  range: Range;
  keyRange: Range;
  valueRange?: Range;
  /** Value exactly as written (quotes and variable references kept), for expansion. */
  rawValue?: string;
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
  /** `--platform` after expansion with the Dockerfile defaults (target linux/amd64). */
  platformResolved?: string;
  /** Instructions of the stage after its FROM (the FROM itself is `from`). */
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
  /**
   * Problems that make BuildKit refuse the file, as the model found them. `kind`: `parse` (the
   * parser rejects the file), `instruction` (an instruction is malformed), `stage` (a FROM or global
   * ARG does not resolve with the Dockerfile defaults; build args may fix it).
   */
  errors: { message: string; range: Range; kind?: 'parse' | 'instruction' | 'stage' }[];
  /** Problems BuildKit only warns about, e.g. an empty line inside a continuation. */
  warnings?: { message: string; range: Range }[];
}

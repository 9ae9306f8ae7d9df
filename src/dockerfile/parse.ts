/**
 * Builds the Dockerfile model. The scanner (scan.ts) reproduces BuildKit's line handling; this file
 * reproduces how BuildKit reads each instruction's arguments and which ones it rejects.
 *
 * dockerfile-ast is not used: its continuation, comment, heredoc and directive handling differ
 * from BuildKit (see the conformance README), and those are the parts a position-exact model needs.
 */
import { ParseError } from '../errors';
import type { SourceFile } from '../source';
import type { Range } from '../types';
import { unquoteWord, type EscapeToken } from './expand';
import type {
  CommandInstruction,
  CopyInstruction,
  DockerfileModel,
  Flag,
  Heredoc,
  Instruction,
  KeyValue,
  Located,
  Stage,
} from './model';
import { resolveStagesWithProblems } from './resolve';
import { scanDockerfile, type LogicalText, type ScannedInstruction } from './scan';
import {
  extractFlags,
  isInstructionSpace,
  isGoSpace,
  parseJsonArray,
  splitOnWhitespace,
  splitShellWords,
  trimSpan,
  type Span,
} from './words';

type ErrorKind = 'parse' | 'instruction' | 'stage';

const KNOWN_INSTRUCTIONS = new Set([
  'add', 'arg', 'cmd', 'copy', 'entrypoint', 'env', 'expose', 'from', 'healthcheck', 'label',
  'maintainer', 'onbuild', 'run', 'shell', 'stopsignal', 'user', 'volume', 'workdir',
]);

/** Flags each instruction accepts; BuildKit rejects any other with "unknown flag". */
const ALLOWED_FLAGS: Record<string, ReadonlySet<string>> = {
  from: new Set(['platform']),
  run: new Set(['mount', 'network', 'security', 'device']),
  copy: new Set(['from', 'chown', 'chmod', 'link', 'parents', 'exclude']),
  add: new Set(['chown', 'chmod', 'link', 'keep-git-dir', 'checksum', 'exclude', 'unpack']),
  healthcheck: new Set(['interval', 'timeout', 'start-period', 'start-interval', 'retries']),
};

const EXACTLY_ONE_ARGUMENT = new Set(['maintainer', 'workdir', 'user', 'stopsignal']);
const AT_LEAST_ONE_ARGUMENT = new Set(['env', 'label', 'onbuild', 'healthcheck', 'expose', 'volume', 'arg']);
const HEREDOC_KEYWORDS = new Set(['run', 'copy', 'add']);
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

/** The keyword and argument layout of one instruction line, as BuildKit's `splitCommand` cuts it. */
interface Layout {
  keyword: Span;
  flags: Span[];
  flagWords: string[];
  args: Span;
}

function layoutOf(text: string, start: number, end: number): Layout {
  const line = trimSpan(text, start, end);
  let keywordEnd = line.start;
  while (keywordEnd < line.end && !isInstructionSpace(text[keywordEnd])) keywordEnd++;
  let restStart = keywordEnd;
  while (restStart < line.end && isInstructionSpace(text[restStart])) restStart++;
  const { flags, argsStart } = extractFlags(text, restStart, line.end);
  return {
    keyword: { start: line.start, end: keywordEnd },
    flags,
    flagWords: flags.map((flag) => flag.word),
    args: trimSpan(text, argsStart, line.end),
  };
}

/** BuildKit looks for heredocs only on RUN/COPY/ADD (also as ONBUILD triggers) in shell form. */
function acceptsHeredocs(logical: LogicalText): boolean {
  const text = logical.text;
  let layout = layoutOf(text, 0, text.length);
  let keyword = text.slice(layout.keyword.start, layout.keyword.end).toLowerCase();
  if (keyword === 'onbuild') {
    layout = layoutOf(text, layout.args.start, layout.args.end);
    keyword = text.slice(layout.keyword.start, layout.keyword.end).toLowerCase();
  }
  if (!HEREDOC_KEYWORDS.has(keyword)) return false;
  return parseJsonArray(text, layout.args.start, layout.args.end).kind !== 'strings';
}

export function parseDockerfile(file: SourceFile): DockerfileModel {
  const nul = file.text.indexOf('\0');
  if (nul !== -1) throw new ParseError('not a Dockerfile: the file contains NUL bytes (binary data)', nul, nul + 1);
  return new ModelBuilder(file).build();
}

class ModelBuilder {
  private readonly model: DockerfileModel;
  private escape: EscapeToken = '\\';

  constructor(private readonly file: SourceFile) {
    this.model = {
      kind: 'dockerfile',
      file,
      directives: [],
      escapeChar: '\\',
      globalArgs: [],
      stages: [],
      instructions: [],
      comments: [],
      errors: [],
      warnings: [],
    };
  }

  build(): DockerfileModel {
    const scan = scanDockerfile(this.file, acceptsHeredocs);
    const model = this.model;
    model.directives = scan.directives;
    model.escapeChar = scan.escapeChar;
    model.comments = scan.comments;
    this.escape = scan.escapeChar;
    for (const problem of scan.errors) this.error(problem.message, this.file.range(problem.start, problem.end), 'parse');

    for (const scanned of scan.instructions) this.addInstruction(scanned);

    if (model.instructions.length === 0) this.error('file with no instructions', this.file.range(0, 0), 'parse');

    const { stages, problems } = resolveStagesWithProblems(model);
    stages.forEach((resolved, index) => {
      const stage = model.stages[index];
      if (resolved.baseImage !== undefined) stage.baseImageResolved = resolved.baseImage;
      if (resolved.baseStage !== undefined) stage.baseStage = resolved.baseStage;
      if (resolved.platform !== undefined) stage.platformResolved = resolved.platform;
    });
    for (const problem of problems) this.error(problem.message, problem.range, 'stage');
    return model;
  }

  private error(message: string, range: Range, kind: ErrorKind): void {
    this.model.errors.push({ message, range, kind });
  }

  private range(logical: LogicalText, span: Span): Range {
    const start = logical.offsetOf(span.start);
    // An empty span sits at its start; otherwise the end follows the span's last character.
    const end = span.end <= span.start ? start : logical.offsetOf(span.end - 1) + 1;
    return this.file.range(start, end);
  }

  private located(logical: LogicalText, span: Span, value = logical.text.slice(span.start, span.end)): Located {
    return { value, range: this.range(logical, span) };
  }

  private addInstruction(scanned: ScannedInstruction): void {
    const model = this.model;
    const logical = scanned.logical;
    const stageIndex = model.stages.length - 1;
    const instruction = this.readInstruction(logical, 0, logical.text.length, stageIndex, scanned);
    model.instructions.push(instruction);

    if (scanned.emptyContinuationAt !== undefined) {
      const at = scanned.emptyContinuationAt;
      model.warnings?.push({ message: `Empty continuation line found in: ${logical.text}`, range: this.file.range(at, at) });
    }

    const keyword = instruction.keyword.toLowerCase();
    if (keyword === 'from') {
      this.addStage(instruction);
      return;
    }
    if (stageIndex < 0) {
      if (keyword === 'arg') model.globalArgs.push(...(instruction.keyValues ?? []));
      else if (KNOWN_INSTRUCTIONS.has(keyword)) this.error('no build stage in current context', instruction.keywordRange, 'instruction');
      return;
    }
    const stage = model.stages[stageIndex];
    stage.instructions.push(instruction);
    if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') this.resolveCopyFrom(instruction as CopyInstruction, stage);
  }

  /** Reads one instruction from `logical.text[start, end)`; ONBUILD calls it again for its trigger. */
  private readInstruction(
    logical: LogicalText,
    start: number,
    end: number,
    stageIndex: number,
    scanned?: ScannedInstruction,
  ): Instruction {
    const text = logical.text;
    const layout = layoutOf(text, start, end);
    const rawKeyword = text.slice(layout.keyword.start, layout.keyword.end);
    const keyword = rawKeyword.toLowerCase();
    const keywordRange = this.range(logical, layout.keyword);
    const flags = layout.flags.map((span, i) => this.flag(logical, span, layout.flagWords[i]));
    const heredocs = scanned ? scanned.heredocs.map((h) => this.heredoc(logical, h)) : [];
    // A top-level instruction spans its heredoc bodies too; an ONBUILD trigger only its own text.
    const range = scanned ? this.file.range(scanned.start, scanned.end) : this.range(logical, trimSpan(text, start, end));

    const instruction: Instruction = {
      keyword: rawKeyword.toUpperCase(),
      keywordRange,
      range,
      flags,
      argsText: text.slice(layout.args.start, layout.args.end),
      argsRange: this.range(logical, layout.args),
      args: [],
      heredocs,
      stageIndex,
    };

    if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      instruction.args = this.words(logical, splitShellWords(text, layout.args.start, layout.args.end, this.escape));
      this.error(`unknown instruction: ${rawKeyword}`, keywordRange, 'instruction');
      return instruction;
    }
    this.checkFlags(keyword, flags);

    switch (keyword) {
      case 'run':
      case 'cmd':
      case 'entrypoint':
      case 'shell':
        this.readCommand(instruction as CommandInstruction, logical, layout.args);
        break;
      case 'healthcheck':
        this.readHealthcheck(instruction as CommandInstruction, logical, layout.args);
        break;
      case 'copy':
      case 'add':
        this.readCopy(instruction as CopyInstruction, logical, layout.args, scanned);
        break;
      case 'env':
      case 'label':
        this.readNameValues(instruction, logical, layout.args);
        break;
      case 'arg':
        this.readArg(instruction, logical, layout.args);
        break;
      case 'volume':
        this.readList(instruction, logical, layout.args);
        break;
      case 'from':
      case 'expose':
        instruction.args = this.words(logical, splitOnWhitespace(text, layout.args.start, layout.args.end));
        break;
      case 'onbuild':
        this.readOnbuild(instruction, logical, layout.args, stageIndex);
        break;
      default:
        // MAINTAINER, USER, WORKDIR, STOPSIGNAL take the rest of the line as one argument.
        if (layout.args.end > layout.args.start) instruction.args = [this.located(logical, layout.args)];
    }

    const name = instruction.keyword;
    if (EXACTLY_ONE_ARGUMENT.has(keyword) && instruction.args.length === 0) {
      this.error(`${name} requires exactly one argument`, keywordRange, 'instruction');
    } else if (AT_LEAST_ONE_ARGUMENT.has(keyword) && instruction.argsText === '') {
      this.error(`${name} requires at least one argument`, keywordRange, 'instruction');
    }
    return instruction;
  }

  private words(logical: LogicalText, spans: Span[]): Located[] {
    return spans.map((span) => this.located(logical, span));
  }

  private flag(logical: LogicalText, span: Span, word: string): Flag {
    const body = word.slice(2);
    const eq = body.indexOf('=');
    return {
      name: (eq === -1 ? body : body.slice(0, eq)).toLowerCase(),
      value: eq === -1 ? undefined : body.slice(eq + 1),
      range: this.range(logical, span),
    };
  }

  /** The value part of a flag as a Located; exact when the flag was written without quotes. */
  private flagValue(flag: Flag): Located | undefined {
    if (flag.value === undefined) return undefined;
    const written = this.file.text.slice(flag.range.start.offset, flag.range.end.offset);
    const valueOffset = written.indexOf('=') + 1;
    if (written === `--${written.slice(2, valueOffset - 1)}=${flag.value}`) {
      return { value: flag.value, range: this.file.range(flag.range.start.offset + valueOffset, flag.range.end.offset) };
    }
    return { value: flag.value, range: flag.range };
  }

  private checkFlags(keyword: string, flags: Flag[]): void {
    const allowed = ALLOWED_FLAGS[keyword];
    for (const flag of flags) {
      if (!allowed?.has(flag.name)) this.error(`unknown flag: --${flag.name}`, flag.range, 'instruction');
    }
  }

  private heredoc(logical: LogicalText, scanned: ScannedInstruction['heredocs'][number]): Heredoc {
    const { marker } = scanned;
    const markerRange = this.range(logical, marker);
    if (!scanned.terminated) this.error('unterminated heredoc', markerRange, 'parse');
    const heredoc: Heredoc = {
      name: marker.name,
      // For `<<-` BuildKit strips leading tabs from every body line before using it.
      body: marker.chomp ? scanned.rawBody.replace(/^\t+/gm, '') : scanned.rawBody,
      bodyRange: this.file.range(scanned.bodyStart, scanned.bodyStart + scanned.rawBody.length),
      quoted: marker.quoted,
      chomp: marker.chomp,
      markerRange,
    };
    if (marker.fd !== undefined) heredoc.fd = marker.fd;
    return heredoc;
  }

  /** JSON when the arguments are a JSON array of strings; shell form otherwise. */
  private readExecOrShell(instruction: CommandInstruction, logical: LogicalText, args: Span): void {
    const text = logical.text;
    const json = parseJsonArray(text, args.start, args.end);
    if (json.kind === 'strings') {
      instruction.form = 'exec';
      instruction.execArgs = json.values;
      instruction.args = this.words(logical, json.tokens);
      return;
    }
    if (json.kind === 'not-strings') {
      this.error('when using JSON array syntax, arrays must be comprised of strings only', this.range(logical, args), 'parse');
    }
    instruction.form = 'shell';
    instruction.args = this.words(logical, splitShellWords(text, args.start, args.end, this.escape));
  }

  private readCommand(instruction: CommandInstruction, logical: LogicalText, args: Span): void {
    this.readExecOrShell(instruction, logical, args);
    if (instruction.keyword === 'SHELL' && instruction.form !== 'exec') {
      this.error('SHELL requires the arguments to be in JSON form', instruction.keywordRange, 'instruction');
    }
  }

  private readHealthcheck(instruction: CommandInstruction, logical: LogicalText, args: Span): void {
    const text = logical.text;
    let typeEnd = args.start;
    while (typeEnd < args.end && !isGoSpace(text[typeEnd])) typeEnd++;
    const command = trimSpan(text, typeEnd, args.end);
    this.readExecOrShell(instruction, logical, command);
    // The type word and the command together, so rules can point at either.
    instruction.args = this.words(logical, splitShellWords(text, args.start, args.end, this.escape));
    if (typeEnd === args.start) return;
    const type = text.slice(args.start, typeEnd).toUpperCase();
    instruction.healthcheckType = type;
    const typeRange = this.range(logical, { start: args.start, end: typeEnd });
    if (type === 'NONE') {
      if (command.end > command.start) this.error('HEALTHCHECK NONE takes no arguments', typeRange, 'instruction');
    } else if (type === 'CMD') {
      if (command.end === command.start) this.error('Missing command after HEALTHCHECK CMD', typeRange, 'instruction');
    } else {
      this.error(`Unknown type "${text.slice(args.start, typeEnd)}" in HEALTHCHECK (try CMD)`, typeRange, 'instruction');
    }
  }

  private readList(instruction: Instruction, logical: LogicalText, args: Span): Span[] {
    const text = logical.text;
    const json = parseJsonArray(text, args.start, args.end);
    if (json.kind === 'strings') {
      instruction.args = this.words(logical, json.tokens);
      return json.tokens;
    }
    if (json.kind === 'not-strings') {
      this.error('when using JSON array syntax, arrays must be comprised of strings only', this.range(logical, args), 'parse');
    }
    const spans = splitOnWhitespace(text, args.start, args.end);
    instruction.args = this.words(logical, spans);
    return spans;
  }

  private readCopy(instruction: CopyInstruction, logical: LogicalText, args: Span, scanned?: ScannedInstruction): void {
    const text = logical.text;
    const json = parseJsonArray(text, args.start, args.end);
    const spans = this.readList(instruction, logical, args);
    const decoded = (i: number) =>
      json.kind === 'strings' ? json.values[i] : unquoteWord(text.slice(spans[i].start, spans[i].end), this.escape);
    const heredocStarts = new Set(json.kind === 'strings' ? [] : (scanned?.heredocs ?? []).map((h) => h.marker.start));
    const isHeredoc = (i: number) => heredocStarts.has(spans[i].start);

    instruction.sources = [];
    for (let i = 0; i < spans.length - 1; i++) {
      if (!isHeredoc(i)) instruction.sources.push({ value: decoded(i), range: this.range(logical, spans[i]) });
    }
    const last = spans.length - 1;
    if (last >= 1) {
      if (isHeredoc(last)) {
        this.error(`${instruction.keyword} cannot accept a heredoc as a destination`, this.range(logical, spans[last]), 'instruction');
      } else {
        instruction.destination = { value: decoded(last), range: this.range(logical, spans[last]) };
      }
    } else {
      this.error(
        `${instruction.keyword} requires at least two arguments, but only one was provided. Destination could not be determined`,
        instruction.keywordRange,
        'instruction',
      );
    }

    const fromFlag = instruction.flags.find((flag) => flag.name === 'from');
    if (fromFlag) instruction.from = this.flagValue(fromFlag);
  }

  private resolveCopyFrom(instruction: CopyInstruction, stage: Stage): void {
    const from = instruction.from;
    if (!from) return;
    if (from.value.includes('$')) {
      this.error(
        'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround',
        from.range,
        'instruction',
      );
      return;
    }
    if (/^[+-]?\d+$/.test(from.value)) {
      const index = Number(from.value);
      if (index >= 0 && index < stage.index) instruction.fromStage = index;
      return;
    }
    const wanted = from.value.toLowerCase();
    const named = this.model.stages.find((candidate) => candidate.index < stage.index && candidate.name === wanted);
    if (named) instruction.fromStage = named.index;
  }

  private keyValue(logical: LogicalText, span: Span, keyEnd: number, valueStart: number | undefined): KeyValue {
    const text = logical.text;
    const keyValue: KeyValue = {
      key: unquoteWord(text.slice(span.start, keyEnd), this.escape),
      value: undefined,
      range: this.range(logical, span),
      keyRange: this.range(logical, { start: span.start, end: keyEnd }),
    };
    if (valueStart !== undefined) {
      const rawValue = text.slice(valueStart, span.end);
      keyValue.rawValue = rawValue;
      keyValue.value = unquoteWord(rawValue, this.escape);
      keyValue.valueRange = this.range(logical, { start: valueStart, end: span.end });
    }
    return keyValue;
  }

  /** ENV and LABEL: `name=value ...`, or the legacy `name value` when the first word has no `=`. */
  private readNameValues(instruction: Instruction, logical: LogicalText, args: Span): void {
    const text = logical.text;
    const words = splitShellWords(text, args.start, args.end, this.escape);
    instruction.args = this.words(logical, words);
    instruction.keyValues = [];
    if (words.length === 0) return;
    const first = words[0];
    if (!text.slice(first.start, first.end).includes('=')) {
      let keyEnd = args.start;
      while (keyEnd < args.end && !isInstructionSpace(text[keyEnd])) keyEnd++;
      let valueStart = keyEnd;
      while (valueStart < args.end && isInstructionSpace(text[valueStart])) valueStart++;
      if (valueStart >= args.end) {
        this.error(`${instruction.keyword} must have two arguments`, instruction.argsRange, 'parse');
        instruction.keyValues.push(this.keyValue(logical, { start: args.start, end: keyEnd }, keyEnd, undefined));
        return;
      }
      instruction.keyValues.push(this.keyValue(logical, args, keyEnd, valueStart));
      return;
    }
    for (const word of words) {
      const eq = text.indexOf('=', word.start);
      if (eq === -1 || eq >= word.end) {
        this.error(
          `Syntax error - can't find = in "${text.slice(word.start, word.end)}". Must be of the form: name=value`,
          this.range(logical, word),
          'parse',
        );
        continue;
      }
      instruction.keyValues.push(this.keyValue(logical, word, eq, eq + 1));
    }
  }

  private readArg(instruction: Instruction, logical: LogicalText, args: Span): void {
    const text = logical.text;
    const words = splitShellWords(text, args.start, args.end, this.escape);
    instruction.args = this.words(logical, words);
    instruction.keyValues = words.map((word) => {
      const eq = text.indexOf('=', word.start);
      return eq === -1 || eq >= word.end ? this.keyValue(logical, word, word.end, undefined) : this.keyValue(logical, word, eq, eq + 1);
    });
  }

  private readOnbuild(instruction: Instruction, logical: LogicalText, args: Span, stageIndex: number): void {
    const text = logical.text;
    instruction.args = this.words(logical, splitShellWords(text, args.start, args.end, this.escape));
    if (args.end === args.start) return;
    const trigger = this.readInstruction(logical, args.start, args.end, stageIndex);
    trigger.heredocs = instruction.heredocs;
    instruction.onbuildTrigger = trigger;
    if (trigger.keyword === 'ONBUILD') {
      this.error('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed', trigger.keywordRange, 'instruction');
    } else if (trigger.keyword === 'FROM' || trigger.keyword === 'MAINTAINER') {
      this.error(`${trigger.keyword} isn't allowed as an ONBUILD trigger`, trigger.keywordRange, 'instruction');
    }
  }

  private addStage(from: Instruction): void {
    const index = this.model.stages.length;
    const args = from.args;
    const baseImage: Located = args[0] ?? { value: '', range: this.file.range(from.keywordRange.end.offset, from.keywordRange.end.offset) };
    const stage: Stage = { index, from, baseImage, instructions: [] };
    from.stageIndex = index;

    if (args.length === 3 && args[1].value.toLowerCase() === 'as') {
      const written = args[2].value;
      stage.name = written.toLowerCase();
      stage.nameRange = args[2].range;
      if (!STAGE_NAME.test(stage.name)) {
        this.error(
          `invalid name for build stage: "${written}", name can't start with a number or contain symbols`,
          args[2].range,
          'instruction',
        );
      } else if (this.model.stages.some((other) => other.name === stage.name)) {
        this.error(`duplicate stage name "${stage.name}"`, args[2].range, 'instruction');
      }
    } else if (args.length !== 1) {
      this.error('FROM requires either one or three arguments', from.keywordRange, 'instruction');
    }

    const platform = from.flags.find((flag) => flag.name === 'platform');
    if (platform) stage.platform = this.flagValue(platform);
    this.model.stages.push(stage);
  }
}

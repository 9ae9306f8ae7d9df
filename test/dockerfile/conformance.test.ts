/**
 * Every case of the BuildKit/dockerfile-ast conformance set, compared with what the model covers.
 * Where `expected` (what the cited test asserts) and `buildkit_observed` disagree, BuildKit wins.
 */
import { describe, expect, it } from 'vitest';
import type { CommandInstruction, CopyInstruction, DockerfileModel, Instruction } from '../../src/dockerfile/model';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { finalStage, resolveGlobalArgs, resolveStages } from '../../src/dockerfile/resolve';
import { SourceFile } from '../../src/source';
import { readConformance } from '../conformance';

interface ObservedHeredoc {
  name: string;
  content: string;
  expand: boolean;
  chomp: boolean;
  fd: number;
}

interface ObservedChild {
  cmd: string;
  flags?: string[];
  args: string[];
  json: boolean;
  heredocs?: ObservedHeredoc[];
  start_line: number;
  end_line: number;
}

interface ObservedStage {
  name: string;
  base_image_resolved: string;
  base_is_stage_index?: number | null;
  platform_resolved?: string;
  copy_from?: { from: string; stage_index?: number; kind?: string; error?: string }[];
}

interface Observed {
  parse_error?: boolean;
  error?: string;
  escape?: string;
  syntax?: string | null;
  instructions?: string[];
  run_commands?: number;
  warnings?: string[];
  stages?: ObservedStage[];
  final_stage?: number;
  stage_error?: string;
  meta_args?: Record<string, string>;
  children?: ObservedChild[];
}

type Expected = Record<string, unknown> & {
  ast_dump?: string;
  instruction_count?: number;
  run_commands?: number;
  stages?: { name: string; base_image_resolved: string }[];
  final_stage?: number | string;
  parse_error?: boolean;
  error?: string;
  instruction_error?: string;
  stage_error_contains?: string;
  escape?: string;
  syntax?: string | null;
};

interface Case {
  id: string;
  group: string;
  dockerfile_text: string;
  dockerfile_text_generator?: string;
  expected: Expected;
  asserted_by: 'buildkit' | 'dockerfile-ast';
  buildkit_observed?: Observed;
  build_args?: Record<string, string>;
}

const cases = readConformance<{ cases: Case[] }>('dockerfile.json').cases;

/** Cases the model does not cover, one reason each. */
const SKIPPED: Record<string, string> = {
  'df-101': 'stage-scoped ARG visibility (resolveVariable at a line) is not modelled; the row is disputed anyway',
  'df-102': 'resolveVariable at a line is not modelled; the BuildKit error (ENV before FROM) is checked in df-142',
};

/**
 * dockerfile-ast expectations that BuildKit contradicts (README gap 11: only syntax/escape/check are
 * directives and the first unknown one ends the block), replaced by BuildKit's behaviour.
 */
const BUILDKIT_OVERRIDES: Record<string, Partial<Expected>> = {
  'df-095': { escape: '\\' },
};

/** Expected fields that describe dockerfile-ast internals or are not part of the model. */
const NOT_MODELLED = new Set(['dockerfile_ast_directive_count', 'doc_comments', 'resolve_ver_at_line', 'resolve_image_at_line', 'see']);

function textOf(c: Case): string {
  if (c.id === 'df-040') return 'FROM image\nLABEL test=' + 'a'.repeat(65536) + '\n';
  return c.dockerfile_text;
}

function parse(text: string): DockerfileModel {
  return parseDockerfile(new SourceFile('Dockerfile', text, 'dockerfile'));
}

function errorMessages(model: DockerfileModel): string[] {
  return model.errors.map((e) => e.message);
}

function expectError(model: DockerfileModel, message: string): void {
  expect(errorMessages(model).some((m) => m.includes(message)), `errors ${JSON.stringify(errorMessages(model))} lack "${message}"`).toBe(true);
}

const isCommand = (cmd: string) => ['run', 'cmd', 'entrypoint', 'shell'].includes(cmd);

/** BuildKit's AST arguments for an instruction, rebuilt from the model. */
function astArgs(instruction: Instruction): string[] | undefined {
  const cmd = instruction.keyword.toLowerCase();
  if (isCommand(cmd)) {
    const command = instruction as CommandInstruction;
    if (command.form === 'exec') return command.execArgs;
    return instruction.argsText === '' ? [] : [instruction.argsText];
  }
  if (cmd === 'healthcheck') {
    const command = instruction as CommandInstruction;
    if (!command.healthcheckType) return [];
    const rest = instruction.argsText.slice(command.healthcheckType.length).trim();
    if (command.form === 'exec') return [command.healthcheckType, ...(command.execArgs ?? [])];
    return rest === '' ? [command.healthcheckType] : [command.healthcheckType, rest];
  }
  if (['from', 'expose', 'volume', 'copy', 'add'].includes(cmd)) {
    return instruction.args.map((a) => (instruction.argsText.startsWith('[') ? (JSON.parse(a.value) as string) : a.value));
  }
  if (cmd === 'arg') return instruction.args.map((a) => a.value);
  if (cmd === 'env' || cmd === 'label') {
    const legacy = !instruction.args[0]?.value.includes('=');
    return (instruction.keyValues ?? []).flatMap((kv) => [kv.key, kv.rawValue ?? '', legacy ? '' : '=']);
  }
  if (['maintainer', 'user', 'workdir', 'stopsignal'].includes(cmd)) return instruction.argsText === '' ? [] : [instruction.argsText];
  return undefined;
}

function flagWords(instruction: Instruction): string[] {
  return instruction.flags.map((f) => `--${f.name}${f.value === undefined ? '' : '=' + f.value}`);
}

interface AstNode {
  cmd: string;
  flags: string[];
  args: string[];
  sub?: AstNode;
}

/** Reads BuildKit's `Node.Dump()` format: `(cmd ["--flag"] "arg" ...)`, nested for ONBUILD. */
function parseAstDump(dump: string): AstNode[] {
  let pos = 0;
  const goString = (): string => {
    const start = pos;
    pos++;
    while (dump[pos] !== '"') pos += dump[pos] === '\\' ? 2 : 1;
    pos++;
    const literal = dump.slice(start, pos).replace(/\\x([0-9a-f]{2})/g, '\\u00$1');
    return JSON.parse(literal) as string;
  };
  const node = (): AstNode => {
    pos++; // (
    const cmdStart = pos;
    while (!/[\s)]/.test(dump[pos])) pos++;
    const result: AstNode = { cmd: dump.slice(cmdStart, pos), flags: [], args: [] };
    for (;;) {
      while (dump[pos] === ' ') pos++;
      const ch = dump[pos];
      if (ch === ')') {
        pos++;
        return result;
      }
      if (ch === '"') result.args.push(goString());
      else if (ch === '(') result.sub = node();
      else if (ch === '[') {
        pos++;
        while (dump[pos] !== ']') {
          while (dump[pos] === ' ') pos++;
          if (dump[pos] === '"') result.flags.push(goString());
        }
        pos++;
      } else throw new Error(`unexpected ${ch} at ${pos} in ${dump}`);
    }
  };
  const nodes: AstNode[] = [];
  while (pos < dump.length) {
    if (dump[pos] === '(') nodes.push(node());
    else pos++;
  }
  return nodes;
}

function compareAst(model: DockerfileModel, dump: string): void {
  const nodes = parseAstDump(dump);
  expect(model.instructions.map((i) => i.keyword.toLowerCase())).toEqual(nodes.map((n) => n.cmd));
  nodes.forEach((node, index) => {
    const check = (instruction: Instruction, expected: AstNode) => {
      expect(flagWords(instruction), `flags of ${expected.cmd}`).toEqual(expected.flags);
      if (expected.sub) {
        expect(instruction.onbuildTrigger).toBeDefined();
        check(instruction.onbuildTrigger as Instruction, expected.sub);
        return;
      }
      const args = astArgs(instruction);
      if (args) expect(args, `args of ${expected.cmd} at ${instruction.range.start.line}`).toEqual(expected.args);
    };
    check(model.instructions[index], node);
  });
}

function compareChildren(model: DockerfileModel, children: ObservedChild[]): void {
  expect(model.instructions.map((i) => i.keyword.toLowerCase())).toEqual(children.map((c) => c.cmd));
  children.forEach((child, index) => {
    const instruction = model.instructions[index];
    expect([instruction.range.start.line, instruction.range.end.line], `lines of ${child.cmd}`).toEqual([child.start_line, child.end_line]);
    expect(flagWords(instruction)).toEqual(child.flags ?? []);
    if (isCommand(child.cmd)) {
      expect((instruction as CommandInstruction).form).toBe(child.json ? 'exec' : 'shell');
    }
    const args = astArgs(instruction);
    if (args && child.cmd !== 'onbuild') expect(args, `args of ${child.cmd}`).toEqual(child.args);
    const heredocs = child.heredocs ?? [];
    expect(
      instruction.heredocs.map((h) => ({ name: h.name, body: h.body, expand: !h.quoted, chomp: h.chomp, fd: h.fd ?? 0 })),
    ).toEqual(
      heredocs.map((h) => ({
        name: h.name,
        body: h.chomp ? h.content.replace(/^\t+/gm, '') : h.content,
        expand: h.expand,
        chomp: h.chomp,
        fd: h.fd,
      })),
    );
  });
}

function compareStages(model: DockerfileModel, c: Case, observed: ObservedStage[]): void {
  const resolved = resolveStages(model, c.build_args);
  expect(model.stages.map((s) => s.name ?? '')).toEqual(observed.map((s) => s.name));
  expect(resolved.map((r) => r.baseImage)).toEqual(observed.map((s) => s.base_image_resolved));
  expect(resolved.map((r) => r.baseStage ?? null)).toEqual(observed.map((s) => s.base_is_stage_index ?? null));
  observed.forEach((stage, index) => {
    if (stage.platform_resolved !== undefined) expect(resolved[index].platform).toBe(stage.platform_resolved);
    const copies = model.stages[index].instructions.filter((i): i is CopyInstruction => i.keyword === 'COPY' && !!(i as CopyInstruction).from);
    const expectedCopies = stage.copy_from ?? [];
    expect(copies.map((copy) => ({ from: copy.from?.value, stage: copy.fromStage ?? null }))).toEqual(
      expectedCopies.map((copy) => ({ from: copy.from, stage: copy.stage_index ?? null })),
    );
    for (const copy of expectedCopies) if (copy.error) expectError(model, copy.error);
  });
}

function runCount(model: DockerfileModel): number {
  return model.instructions.filter((i) => i.keyword === 'RUN').length;
}

function syntaxOf(model: DockerfileModel): string | null {
  return model.directives.find((d) => d.name === 'syntax')?.value ?? null;
}

describe('dockerfile conformance cases', () => {
  it('has all 142 cases', () => {
    expect(cases).toHaveLength(142);
  });

  const runnable = cases.filter((c) => !(c.id in SKIPPED));
  it.each(runnable.map((c) => [c.id, c.group, c] as const))('%s (%s)', (_id, _group, c) => {
    const model = parse(textOf(c));
    const bk = c.buildkit_observed;
    const expected: Expected = { ...c.expected, ...BUILDKIT_OVERRIDES[c.id] };

    // Errors: BuildKit's parse and stage errors, and the errors the cited test asserts.
    const copyErrors = (bk?.stages ?? []).flatMap((s) => (s.copy_from ?? []).map((copy) => copy.error));
    const wantedErrors = [bk?.error, bk?.stage_error, expected.instruction_error, expected.stage_error_contains, expected.error, ...copyErrors].filter(
      (m): m is string => typeof m === 'string',
    );
    for (const message of wantedErrors) expectError(model, message);
    if (bk?.parse_error || expected.parse_error) expect(model.errors.some((e) => e.kind === 'parse')).toBe(true);
    if (wantedErrors.length === 0 && !expected.parse_error && c.group !== 'parser_testfiles' && !c.build_args) {
      expect(errorMessages(model)).toEqual([]);
    }

    if (bk && !bk.parse_error) {
      expect(model.escapeChar).toBe(bk.escape);
      expect(syntaxOf(model)).toBe(bk.syntax);
      expect(runCount(model)).toBe(bk.run_commands);
      expect((model.warnings ?? []).map((w) => w.message)).toEqual(bk.warnings ?? []);
      if (bk.children) compareChildren(model, bk.children);
      if (bk.stages) compareStages(model, c, bk.stages);
      if (bk.final_stage !== undefined) expect(finalStage(model)?.index).toBe(bk.final_stage);
      if (bk.meta_args) {
        const { env } = resolveGlobalArgs(model, c.build_args);
        for (const [key, value] of Object.entries(bk.meta_args)) expect(env.get(key), key).toBe(value);
      }
    }

    for (const [field, value] of Object.entries(expected)) {
      if (NOT_MODELLED.has(field)) continue;
      checkExpectedField(model, c, field, value);
    }
  });
});

function checkExpectedField(model: DockerfileModel, c: Case, field: string, value: unknown): void {
  const resolved = () => resolveStages(model, c.build_args);
  switch (field) {
    case 'ast_dump':
      compareAst(model, value as string);
      break;
    case 'instruction_count':
      expect(model.instructions).toHaveLength(value as number);
      break;
    case 'run_commands':
      expect(runCount(model)).toBe(value);
      break;
    case 'stages': {
      const stages = value as { name: string; base_image_resolved: string }[];
      expect(model.stages.map((s) => s.name ?? '')).toEqual(stages.map((s) => s.name));
      expect(resolved().map((r) => r.baseImage)).toEqual(stages.map((s) => s.base_image_resolved));
      break;
    }
    case 'final_stage':
      if (typeof value === 'string') expect(finalStage(model)?.name).toBe(value);
      else expect(finalStage(model)?.index).toBe(value);
      break;
    case 'escape':
      expect(model.escapeChar).toBe(value);
      break;
    case 'syntax':
      expect(syntaxOf(model)).toBe(value);
      break;
    case 'syntax_line':
      expect(model.directives.find((d) => d.name === 'syntax')?.range.start.line).toBe(value);
      break;
    case 'directives':
      expect(model.directives.map((d) => ({ name: d.name, value: d.value }))).toEqual(value);
      break;
    case 'ast_start_line':
      expect(model.instructions[0].range.start.line).toBe(value);
      break;
    case 'ast_end_line':
      expect(model.instructions[model.instructions.length - 1].range.end.line).toBe(value);
      break;
    case 'instruction_line_ranges':
      expect(model.instructions.map((i) => [i.range.start.line, i.range.end.line])).toEqual(value);
      break;
    case 'warning_count':
      expect(model.warnings ?? []).toHaveLength(value as number);
      break;
    case 'warnings_contain':
      for (const part of value as string[]) expect((model.warnings ?? []).some((w) => w.message.includes(part)), part).toBe(true);
      break;
    case 'heredocs_per_instruction':
      break; // compared through buildkit_observed.children
    case 'heredoc_count_per_run':
      expect(model.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.heredocs.length)).toEqual(value);
      break;
    case 'run': {
      const run = model.instructions.find((i) => i.keyword === 'RUN') as CommandInstruction;
      const spec = value as { shell_form?: boolean; cmdline?: string[]; heredoc_files?: { name: string; data: string; chomp: boolean }[]; flags_used?: string[] };
      if (spec.shell_form !== undefined) expect(run.form).toBe(spec.shell_form ? 'shell' : 'exec');
      if (spec.cmdline) expect(astArgs(run)).toEqual(spec.cmdline);
      if (spec.heredoc_files) {
        expect(run.heredocs.map((h) => ({ name: h.name, body: h.body, chomp: h.chomp }))).toEqual(
          spec.heredoc_files.map((h) => ({ name: h.name, body: h.chomp ? h.data.replace(/^\t+/gm, '') : h.data, chomp: h.chomp })),
        );
      }
      if (spec.flags_used) expect(run.flags.map((f) => f.name)).toEqual(spec.flags_used);
      break;
    }
    case 'copy': {
      const copy = model.instructions.find((i) => i.keyword === 'COPY') as CopyInstruction;
      const spec = value as { dest: string; source_paths: string[]; source_contents: { path: string; data: string; expand: boolean }[] };
      expect(copy.destination?.value).toBe(spec.dest);
      expect(copy.sources.map((s) => s.value)).toEqual(spec.source_paths);
      expect(copy.heredocs.map((h) => ({ path: h.name, data: h.body, expand: !h.quoted }))).toEqual(spec.source_contents);
      break;
    }
    case 'copy_from': {
      const perStage = value as { from: string; stage_index?: number; kind?: string }[][];
      perStage.forEach((copies, index) => {
        const actual = model.stages[index].instructions
          .filter((i): i is CopyInstruction => i.keyword === 'COPY' && !!(i as CopyInstruction).from)
          .map((i) => ({ from: i.from?.value, stage: i.fromStage ?? null }));
        expect(actual).toEqual(copies.map((copy) => ({ from: copy.from, stage: copy.stage_index ?? null })));
      });
      break;
    }
    case 'target_Stage1_resolves_to_stage':
      expect(finalStage(model, 'Stage1')?.index).toBe(value);
      break;
    case 'meta_args':
    case 'initial_args': {
      const { env } = resolveGlobalArgs(model, c.build_args);
      for (const [key, expectedValue] of Object.entries(value as Record<string, string>)) expect(env.get(key)).toBe(expectedValue);
      break;
    }
    case 'parse_error':
    case 'error':
    case 'instruction_error':
    case 'stage_error_contains':
      break; // checked with the other errors
    default:
      throw new Error(`${c.id}: unhandled expected field ${field}`);
  }
}

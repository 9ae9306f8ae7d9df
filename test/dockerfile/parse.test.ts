import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors';
import type { CommandInstruction, CopyInstruction, DockerfileModel } from '../../src/dockerfile/model';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { SourceFile } from '../../src/source';
import type { Range } from '../../src/types';
import { workGrowth } from '../work-count';

function parse(text: string): DockerfileModel {
  return parseDockerfile(new SourceFile('Dockerfile', text, 'dockerfile'));
}

/** `line:column-line:column`, end exclusive. */
function at(range: Range | undefined): string {
  if (!range) return 'none';
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

function errors(model: DockerfileModel): string[] {
  return model.errors.map((e) => e.message);
}

describe('positions', () => {
  it('locates keywords, flags, args and stage names on plain lines', () => {
    const model = parse('FROM --platform=$BUILDPLATFORM golang:1.22 AS Build\nRUN go build\n');
    const from = model.instructions[0];
    expect(at(from.keywordRange)).toBe('1:1-1:5');
    expect(at(from.flags[0].range)).toBe('1:6-1:31');
    expect(from.flags[0]).toMatchObject({ name: 'platform', value: '$BUILDPLATFORM' });
    expect(from.args.map((a) => [a.value, at(a.range)])).toEqual([
      ['golang:1.22', '1:32-1:43'],
      ['AS', '1:44-1:46'],
      ['Build', '1:47-1:52'],
    ]);
    const stage = model.stages[0];
    expect(stage.name).toBe('build');
    expect(at(stage.nameRange)).toBe('1:47-1:52');
    expect(at(stage.baseImage.range)).toBe('1:32-1:43');
    expect(stage.platform?.value).toBe('$BUILDPLATFORM');
    expect(at(stage.platform?.range)).toBe('1:17-1:31');
    expect(stage.platformResolved).toBe('linux/amd64');
    expect(at(model.instructions[1].argsRange)).toBe('2:5-2:13');
  });

  it('keeps columns exact through CRLF line endings and continuations', () => {
    const model = parse('FROM alpine\r\nRUN apk add \\\r\n      sqlite \\\r\n  && echo ok\r\nUSER app\r\n');
    const run = model.instructions[1];
    expect(run.argsText).toBe('apk add       sqlite   && echo ok');
    expect(at(run.range)).toBe('2:1-4:13');
    expect(at(run.argsRange)).toBe('2:5-4:13');
    expect(run.args.map((a) => [a.value, at(a.range)])).toEqual([
      ['apk', '2:5-2:8'],
      ['add', '2:9-2:12'],
      ['sqlite', '3:7-3:13'],
      ['&&', '4:3-4:5'],
      ['echo', '4:6-4:10'],
      ['ok', '4:11-4:13'],
    ]);
    expect(at(model.instructions[2].keywordRange)).toBe('5:1-5:5');
  });

  it('counts columns after a BOM from the first real character', () => {
    const model = parse('\ufeff# syntax=docker/dockerfile:1\nFROM alpine AS base\n');
    expect(model.directives).toEqual([{ name: 'syntax', value: 'docker/dockerfile:1', range: expect.anything() }]);
    expect(at(model.directives[0].range)).toBe('1:1-1:29');
    expect(at(model.instructions[0].keywordRange)).toBe('2:1-2:5');
    expect(at(model.stages[0].nameRange)).toBe('2:16-2:20');
  });

  it('uses the backtick escape directive for continuations and keeps backslashes literal', () => {
    const model = parse('# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir `\n    c:\\\nCOPY a.txt c:\\app\\\n');
    expect(model.escapeChar).toBe('`');
    const run = model.instructions[1];
    expect(run.argsText).toBe('dir     c:\\');
    expect(run.args.map((a) => [a.value, at(a.range)])).toEqual([
      ['dir', '3:5-3:8'],
      ['c:\\', '4:5-4:8'],
    ]);
    const copy = model.instructions[2] as CopyInstruction;
    expect(copy.destination?.value).toBe('c:\\app\\');
    expect(at(copy.destination?.range)).toBe('5:12-5:19');
  });

  it('drops comment lines inside a continuation but records them as comments', () => {
    const model = parse('FROM alpine\nRUN echo a \\\n    # explain b\n    && echo b\n# litelint-ignore some-rule\nRUN true\n');
    expect(model.instructions[1].argsText).toBe('echo a     && echo b');
    expect(model.comments.map((c) => [c.value, at(c.range)])).toEqual([
      ['# explain b', '3:5-3:16'],
      ['# litelint-ignore some-rule', '5:1-5:28'],
    ]);
  });

  it('does not continue a line that ends in an escaped escape', () => {
    const model = parse('FROM alpine\nRUN echo \\\\\nRUN next\n');
    expect(model.instructions.map((i) => i.argsText)).toEqual(['alpine', 'echo \\\\', 'next']);
  });

  it('warns about empty continuation lines', () => {
    const model = parse('FROM alpine\nRUN a \\\n\n  b\n');
    expect(model.warnings?.map((w) => [w.message, at(w.range)])).toEqual([['Empty continuation line found in: RUN a   b', '3:1-3:1']]);
  });
});

describe('heredocs', () => {
  it('reads bodies with exact ranges through CRLF', () => {
    const model = parse('FROM alpine\r\nCOPY <<EOF /etc/app.conf\r\nkey=1\r\nEOF\r\nRUN true\r\n');
    const copy = model.instructions[1] as CopyInstruction;
    expect(copy.heredocs).toHaveLength(1);
    const heredoc = copy.heredocs[0];
    expect(heredoc.body).toBe('key=1\r\n');
    expect(at(heredoc.bodyRange)).toBe('3:1-4:1');
    expect(at(heredoc.markerRange)).toBe('2:6-2:11');
    expect(at(copy.range)).toBe('2:1-4:4');
    expect(copy.sources).toEqual([]);
    expect(copy.destination?.value).toBe('/etc/app.conf');
    expect(model.instructions[2].keyword).toBe('RUN');
  });

  it('handles the fd prefix, partly quoted names and <<- tab stripping', () => {
    const model = parse("FROM alpine\nRUN 3<<IN cat <&3\nx\nIN\nRUN <<eo'f'\necho $HOME\neof\nRUN <<-END\n\tindented\n\tEND\n");
    const [, fd, quoted, chomp] = model.instructions;
    expect(fd.heredocs[0]).toMatchObject({ name: 'IN', fd: 3, body: 'x\n', quoted: false });
    expect(quoted.heredocs[0]).toMatchObject({ name: 'eof', quoted: true, body: 'echo $HOME\n' });
    expect(chomp.heredocs[0]).toMatchObject({ name: 'END', chomp: true, body: 'indented\n' });
    expect(model.instructions).toHaveLength(4);
    expect(errors(model)).toEqual([]);
  });

  it('ignores heredoc markers outside RUN/COPY/ADD and in exec form', () => {
    const model = parse('FROM alpine\nUSER <<X\nRUN ["<<EOF"]\n');
    expect(model.instructions.map((i) => i.heredocs.length)).toEqual([0, 0, 0]);
  });

  it('reports an unterminated heredoc and keeps the rest as its body', () => {
    const model = parse('FROM alpine\nRUN <<EOF\necho hi\n');
    expect(errors(model)).toEqual(['unterminated heredoc']);
    expect(at(model.errors[0].range)).toBe('2:5-2:10');
    expect(model.instructions[1].heredocs[0].body).toBe('echo hi\n');
  });

  it('attaches heredocs of an ONBUILD trigger', () => {
    const model = parse('FROM alpine\nONBUILD RUN <<EOF\nmake\nEOF\n');
    const onbuild = model.instructions[1];
    expect(onbuild.heredocs.map((h) => h.body)).toEqual(['make\n']);
    expect(onbuild.onbuildTrigger?.keyword).toBe('RUN');
    expect(at(onbuild.onbuildTrigger?.keywordRange)).toBe('2:9-2:12');
  });
});

describe('instructions', () => {
  it('distinguishes exec and shell form like BuildKit', () => {
    const model = parse('FROM scratch\nCMD ["a", "b"]\nENTRYPOINT ["a" "b"]\nCMD [\'a\']\n');
    const [, exec, missingComma, singleQuoted] = model.instructions as CommandInstruction[];
    expect(exec.form).toBe('exec');
    expect(exec.execArgs).toEqual(['a', 'b']);
    expect(exec.args.map((a) => [a.value, at(a.range)])).toEqual([
      ['"a"', '2:6-2:9'],
      ['"b"', '2:11-2:14'],
    ]);
    expect(missingComma.form).toBe('shell');
    expect(missingComma.argsText).toBe('["a" "b"]');
    expect(singleQuoted.form).toBe('shell');
  });

  it('reads HEALTHCHECK type and command', () => {
    const model = parse('FROM alpine\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "http://x"]\nHEALTHCHECK NONE\n');
    const check = model.instructions[1] as CommandInstruction;
    expect(check.healthcheckType).toBe('CMD');
    expect(check.form).toBe('exec');
    expect(check.execArgs).toEqual(['curl', '-f', 'http://x']);
    expect((model.instructions[2] as CommandInstruction).healthcheckType).toBe('NONE');
    expect(errors(model)).toEqual([]);
  });

  it('reads ENV, ARG and LABEL key/values, legacy ENV included', () => {
    const model = parse('ARG BASE=alpine VERSION\nFROM $BASE\nENV PATH /usr/local/bin:$PATH\nENV A=1 B="two words" C=x\\ y\nLABEL "org.title"=db\n');
    expect(model.globalArgs.map((kv) => [kv.key, kv.value])).toEqual([
      ['BASE', 'alpine'],
      ['VERSION', undefined],
    ]);
    const legacy = model.instructions[2].keyValues?.[0];
    expect(legacy).toMatchObject({ key: 'PATH', value: '/usr/local/bin:$PATH', rawValue: '/usr/local/bin:$PATH' });
    expect(at(legacy?.keyRange)).toBe('3:5-3:9');
    expect(at(legacy?.valueRange)).toBe('3:10-3:30');
    expect(model.instructions[3].keyValues?.map((kv) => [kv.key, kv.value, at(kv.valueRange)])).toEqual([
      ['A', '1', '4:7-4:8'],
      ['B', 'two words', '4:11-4:22'],
      ['C', 'x y', '4:25-4:29'],
    ]);
    expect(model.instructions[4].keyValues?.map((kv) => [kv.key, kv.value])).toEqual([['org.title', 'db']]);
  });

  it('resolves COPY --from case-insensitively against earlier stages only', () => {
    const model = parse('FROM alpine AS Builder\nFROM alpine\nCOPY --from=BUILDER /a /a\nCOPY --from=0 /b /b\nCOPY --from=later /c /c\nCOPY --from=nginx /d /d\nFROM alpine AS later\n');
    const copies = model.stages[1].instructions as CopyInstruction[];
    expect(copies.map((c) => [c.from?.value, c.fromStage])).toEqual([
      ['BUILDER', 0],
      ['0', 0],
      ['later', undefined],
      ['nginx', undefined],
    ]);
    expect(at(copies[0].from?.range)).toBe('3:13-3:20');
    expect(copies[0].sources.map((s) => s.value)).toEqual(['/a']);
  });

  it('keeps FROM <stage> lookup exact against lower-cased names', () => {
    const model = parse('FROM busybox AS Builder\nFROM Builder\nFROM builder\n');
    expect(model.stages.map((s) => s.baseStage)).toEqual([undefined, undefined, 0]);
  });

  it('assigns stage indexes and global ARGs', () => {
    const model = parse('ARG V=1\nFROM alpine\nRUN a\nFROM alpine\nRUN b\n');
    expect(model.instructions.map((i) => i.stageIndex)).toEqual([-1, 0, 0, 1, 1]);
    expect(model.stages.map((s) => s.instructions.map((i) => i.argsText))).toEqual([['a'], ['b']]);
    expect(model.stages[0].from.keyword).toBe('FROM');
  });
});

describe('errors', () => {
  it('records BuildKit errors instead of throwing', () => {
    expect(errors(parse(''))).toEqual(['file with no instructions']);
    expect(errors(parse('# escape=a\nFROM alpine\n'))).toEqual(["invalid escape token 'a' does not match ` or \\"]);
    expect(errors(parse('RUN echo\n'))).toEqual(['no build stage in current context']);
    expect(errors(parse('FROM alpine\nFOO bar\n'))).toEqual(['unknown instruction: FOO']);
    expect(errors(parse('FROM alpine AS 1st\n'))).toEqual([
      'invalid name for build stage: "1st", name can\'t start with a number or contain symbols',
    ]);
    expect(errors(parse('FROM a AS x\nFROM b AS X\n'))).toEqual(['duplicate stage name "x"']);
    expect(errors(parse('FROM alpine\nCOPY --chown=1 --bogus=2 a b\n'))).toEqual(['unknown flag: --bogus']);
    expect(errors(parse('FROM alpine\nSHELL bash -c\n'))).toEqual(['SHELL requires the arguments to be in JSON form']);
  });

  it('marks default-ARG resolution failures as stage errors', () => {
    const model = parse('ARG BASE\nFROM ${BASE}\n');
    expect(model.errors).toEqual([{ message: 'base name (${BASE}) should not be blank', range: expect.anything(), kind: 'stage' }]);
    expect(at(model.errors[0].range)).toBe('2:6-2:13');
  });

  it('stops directives at the first unknown one', () => {
    const model = parse('# foo=bar\n# escape=`\nFROM alpine\n');
    expect(model.directives).toEqual([]);
    expect(model.escapeChar).toBe('\\');
    expect(model.comments.map((c) => c.value)).toEqual(['# foo=bar', '# escape=`']);
  });

  it('throws ParseError at the first NUL byte of a binary file', () => {
    const file = new SourceFile('Dockerfile', 'FROM a\nRUN \u0000\u0001', 'dockerfile');
    expect(() => parseDockerfile(file)).toThrow(ParseError);
    try {
      parseDockerfile(file);
    } catch (error) {
      expect((error as ParseError).offset).toBe(11);
    }
  });
});

describe('parse work', () => {
  /** A Dockerfile of one stage and `count` continued RUN instructions, each followed by a comment. */
  function longDockerfile(count: number): string {
    const lines = ['FROM alpine AS base'];
    for (let i = 0; i < count; i++) lines.push(`RUN echo ${i} \\`, `    && touch /f${i}`, `# comment ${i}`);
    return lines.join('\n') + '\n';
  }

  // The counting wraps hot built-ins, which slows the parse: a loaded machine needs the timeout.
  it('grows in proportion to the lines, not their square', { timeout: 60_000 }, () => {
    const { small, large, ratio } = workGrowth((count) => parse(longDockerfile(count)), 2_000);
    expect(small.instructions).toHaveLength(2_001);
    expect(large.instructions).toHaveLength(8_001);
    expect(large.comments).toHaveLength(8_000);
    expect(ratio).toBeLessThan(5);
  });
});

import { beforeAll, describe, expect, it, vi } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/formatters/github';
import { type JsonFinding, tempProject } from '../helpers';
import { BAD_COMPOSE, builtBin, finding, spawnCli, UNUSED_IGNORE_COMPOSE } from './support';

// These tests run the built CLI as child processes: slower than in-process calls on a busy machine.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(() => void builtBin(), 180_000);

/** Parses one workflow command line the way the runner does (ActionCommand.TryParseV2), unescaping. */
function parseCommand(line: string): { command: string; properties: Record<string, string>; data: string } {
  const match = /^::([a-z-]+) ([^:]*)::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (text: string): string => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties: Record<string, string> = {};
  for (const pair of match[2].split(',')) {
    const at = pair.indexOf('=');
    properties[pair.slice(0, at)] = unescape(pair.slice(at + 1));
  }
  return { command: match[1], properties, data: unescape(match[3]) };
}

describe('github: workflow commands', () => {
  it('one ::error/::warning/::notice line per finding with every position property and the rule as title', () => {
    const output = formatGithub([
      finding(),
      finding({ severity: 'warning', rule: 'unused-ignore', line: 1, column: 1, endLine: 1, endColumn: 30, docs: 'https://x/unused-ignore.md', message: 'unused' }),
      finding({ severity: 'info', rule: 'bundled-sqlite', file: 'Dockerfile', line: 3, column: 2, endLine: 4, endColumn: 7, docs: 'https://x/b.md', message: 'note this' }),
    ]);
    expect(output).toBe(
      '::error file=compose.yaml,line=5,col=9,endLine=5,endColumn=24,title=volume-source-fallback::the volume source falls back%0Ahttps://github.com/litelint/litelint/blob/main/docs/rules/volume-source-fallback.md\n' +
        '::warning file=compose.yaml,line=1,col=1,endLine=1,endColumn=30,title=unused-ignore::unused%0Ahttps://x/unused-ignore.md\n' +
        '::notice file=Dockerfile,line=3,col=2,endLine=4,endColumn=7,title=bundled-sqlite::note this%0Ahttps://x/b.md\n',
    );
  });

  it('escapes data and properties as GitHub specifies, so nothing in a message can end or forge a command', () => {
    expect(escapeData('100% a\r\nb:c,d')).toBe('100%25 a%0D%0Ab:c,d');
    expect(escapeProperty('100% a\r\nb:c,d')).toBe('100%25 a%0D%0Ab%3Ac%2Cd');
    const hostile = finding({ file: 'we,ird:dir/compose%20.yaml', message: 'x\n::error file=forged::boom 50%' });
    const output = formatGithub([hostile]);
    expect(output.split('\n').filter(Boolean)).toHaveLength(1);
    const parsed = parseCommand(output.trimEnd());
    expect(parsed.properties.file).toBe('we,ird:dir/compose%20.yaml');
    expect(parsed.data.split('\n')[0]).toBe('x');
    expect(parsed.data).toContain('::error file=forged::boom 50%');
  });

  it('lists related locations on further lines of the message', () => {
    const output = formatGithub([finding({ related: [{ file: 'b/compose.yaml', line: 2, column: 5, message: 'also written by worker' }] })]);
    expect(parseCommand(output.trimEnd()).data.split('\n')).toEqual([
      'the volume source falls back',
      'also written by worker at b/compose.yaml:2:5',
      'https://github.com/litelint/litelint/blob/main/docs/rules/volume-source-fallback.md',
    ]);
  });

  it('prints nothing when there is nothing to report', () => {
    expect(formatGithub([])).toBe('');
  });

  it('the real CLI: one command per finding, positions equal to the JSON report, exit code unchanged', () => {
    const cwd = tempProject({ 'a/compose.yaml': UNUSED_IGNORE_COMPOSE, 'b/compose.yaml': BAD_COMPOSE });
    const spawned = spawnCli(['-f', 'github', '--report-unused-ignores'], cwd);
    expect(spawned.status).toBe(1);
    const json = (JSON.parse(spawnCli(['-f', 'json', '--report-unused-ignores'], cwd).stdout) as { findings: JsonFinding[] }).findings;
    expect(json.map((entry) => entry.severity)).toEqual(['warning', 'error']);
    const commands = spawned.stdout.trimEnd().split('\n').map(parseCommand);
    expect(commands.map(({ command, properties }) => [command, properties.file, properties.line, properties.col, properties.endLine, properties.endColumn, properties.title])).toEqual(
      json.map((entry) => [{ error: 'error', warning: 'warning', info: 'notice' }[entry.severity], entry.file, `${entry.line}`, `${entry.column}`, `${entry.endLine}`, `${entry.endColumn}`, entry.rule]),
    );
    expect(commands.map((command) => command.data.split('\n')[0])).toEqual(json.map((entry) => entry.message));
  });
});

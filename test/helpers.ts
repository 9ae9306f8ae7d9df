import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run } from '../src/main';
import type { WriteFileSystem } from '../src/safe-write';

/** A temporary project directory with the given files (paths relative, posix). */
export function tempProject(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'litelint-test-'));
  for (const [path, content] of Object.entries(files)) {
    const absolute = join(dir, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
  return dir;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Standard input that holds `bytes`, read as the CLI reads a stream: a chunk at a time. */
export function bufferReader(bytes: Buffer): (into: Buffer) => number {
  let position = 0;
  return (into) => {
    const count = bytes.copy(into, 0, position);
    position += count;
    return count;
  };
}

/** Runs the CLI in-process, as the bin does, with a fake terminal. */
export function runCli(
  args: string[],
  options: { cwd: string; stdin?: string; env?: NodeJS.ProcessEnv; tty?: boolean; fixFileSystem?: WriteFileSystem; now?: Date },
): CliResult {
  let stdout = '';
  let stderr = '';
  const code = run(args, {
    cwd: options.cwd,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readStdin: bufferReader(Buffer.from(options.stdin ?? '', 'utf8')),
    isTty: options.tty ?? false,
    env: options.env ?? {},
    fixFileSystem: options.fixFileSystem,
    now: options.now ? () => options.now as Date : undefined,
  });
  return { code, stdout, stderr };
}

export interface JsonFinding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  docs: string;
  related?: { file: string; line: number; column: number; message: string }[];
}

export function jsonFindings(result: CliResult): JsonFinding[] {
  const parsed = JSON.parse(result.stdout) as { version: number; findings: JsonFinding[] };
  if (parsed.version !== 1) throw new Error(`unexpected JSON version ${parsed.version}`);
  return parsed.findings;
}

/** `rule@line:column` of each finding, the compact form tests compare. */
export function positions(findings: readonly { rule: string; line: number; column: number }[]): string[] {
  return findings.map((finding) => `${finding.rule}@${finding.line}:${finding.column}`);
}

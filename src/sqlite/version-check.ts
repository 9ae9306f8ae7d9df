import type { DockerfileModel, Instruction } from '../dockerfile/model';
import type { Knowledge } from '../knowledge/knowledge';
import type { Range } from '../types';
import { instructionText } from './shell';

export type CheckRuntime = 'python' | 'node' | 'bun' | 'deno' | 'ruby' | 'php' | 'cli' | 'package' | 'binary';

/** A RUN step that reads the SQLite version, and what it does with it. */
export interface VersionCheck {
  instruction: Instruction;
  stageIndex: number;
  runtime: CheckRuntime;
  /** Compares and exits non-zero (assert, sys.exit, process.exit, test, grep -q, dpkg --compare-versions). */
  fails: boolean;
  /** `|| true` (or `|| :`, `|| echo`) throws the failure away. */
  swallowed: boolean;
  /** The version the check compares against, where it is written; undefined when litelint cannot read it. */
  floor?: { version: string; range: Range; fixed: boolean };
}

const READS_VERSION: [RegExp, CheckRuntime][] = [
  [/process\.versions\.sqlite/, 'node'],
  [/bun:sqlite|\bbun\s+(-e|run)\b/, 'bun'],
  [/\bdeno\s+eval\b|DatabaseSync/, 'deno'],
  [/SQLite3::SQLITE_(LOADED_)?VERSION/, 'ruby'],
  [/SQLite3::version|\bphp\s+-r\b[^\n]*sqlite_version/i, 'php'],
  [/sqlite_version_info|sqlite3\.sqlite_version|\bpython[\d.]*\b[^\n]*sqlite_version/, 'python'],
  [/\bnode\s+(-e|-p|--eval|--print)\b[^\n]*sqlite_version/, 'node'],
  [/\bsqlite3\s+(--version|-version)\b|\bsqlite3\b[^\n|]*select\s+sqlite_version\(\)/i, 'cli'],
  [/\bstrings\s[^\n|]*\|\s*grep\b[^\n]*\^?3\\\./, 'binary'],
  // The version strings of a binary without binutils: every run of digits and dots on its own line.
  [/\btr\s+-c\s+'0-9\.'[^\n|]*\|\s*grep\b[^\n]*\^?3\\\./, 'binary'],
  [/dpkg-query[^\n]*libsqlite3|dpkg\s+-s\s+libsqlite3|apk\s+(info|list)[^\n]*sqlite|rpm\s+-q[^\n]*sqlite/, 'package'],
];

const FAILS = /\bassert\b|sys\.exit|\bexit\s*\(|\braise\b|process\.exit|\bthrow\b|\babort\b|Deno\.exit|dpkg\s+--compare-versions|\btest\s|\[\s|grep\s+(-\w*q|--quiet)|awk[^\n]*exit|sort\s+-\w*C|version_compare|\bexit\s+[1-9]/;
const SWALLOWED = /\|\|\s*(true\b|:|echo\b|exit\s+0)/;

/** Every RUN in the file that reads the SQLite version, in file order. */
export function findVersionChecks(model: DockerfileModel, knowledge: Knowledge): VersionCheck[] {
  const checks: VersionCheck[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const { text, base } = instructionText(model.file, instruction, model.escapeChar);
      const runtime = READS_VERSION.find(([pattern]) => pattern.test(text))?.[1];
      if (!runtime) continue;
      checks.push({
        instruction,
        stageIndex: stage.index,
        runtime,
        fails: FAILS.test(text),
        swallowed: SWALLOWED.test(text),
        floor: floorOf(model, text, base, knowledge),
      });
    }
  }
  return checks;
}

/** True when the check fails the build for every SQLite older than the fix. */
export function isCompliant(check: VersionCheck): boolean {
  return check.fails && !check.swallowed && (check.floor?.fixed ?? true);
}

function floorOf(model: DockerfileModel, text: string, base: number, knowledge: Knowledge): VersionCheck['floor'] {
  const literals: { version: string; index: number; length: number }[] = [];
  for (const match of text.matchAll(/\(\s*3\s*,\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)/g)) {
    literals.push({ version: `3.${match[1]}.${match[2] ?? '0'}`, index: match.index ?? 0, length: match[0].length });
  }
  for (const match of text.matchAll(/(?<![\w.\\/])3\.(\d+)(?:\.(\d+))?(?![\d\\])/g)) {
    literals.push({ version: `3.${match[1]}.${match[2] ?? '0'}`, index: match.index ?? 0, length: match[0].length });
  }
  if (literals.length > 0) {
    literals.sort((a, b) => a.index - b.index);
    const fixed = literals.find((literal) => knowledge.isFixed(literal.version));
    const chosen = fixed ?? literals[0];
    return { version: chosen.version, range: model.file.range(base + chosen.index, base + chosen.index + chosen.length), fixed: fixed !== undefined };
  }
  // Component-wise comparisons (`b > 51 || (b == 51 && c >= 3)`): read the minor version compared against.
  const numbers = [...text.matchAll(/(?:[<>]=?|===?)\s*(\d+)\b/g)];
  const minors = numbers.map((match) => ({ value: Number(match[1]), match })).filter(({ value }) => value >= 30 && value < 100);
  if (minors.length === 0) return undefined;
  const highest = minors.reduce((a, b) => (b.value > a.value ? b : a));
  const index = (highest.match.index ?? 0) + highest.match[0].lastIndexOf(highest.match[1]);
  return {
    version: `3.${highest.value}.x`,
    range: model.file.range(base + index, base + index + highest.match[1].length),
    fixed: highest.value >= 51,
  };
}

/**
 * Property tests over generated multi-file compose projects (issue 13; generators in ./projects.ts,
 * properties in ./project-check.ts). Every case is linted with lint(), as an API caller serving
 * only the project's files would (symlinks inside the project followed, nothing outside), and must:
 *   - keep the invariants of ./check.ts (positions, formats, no internal error);
 *   - file every finding on a project file, at a range holding what the rule is about;
 *   - report every `${VAR:-fallback}` volume the generator wrote, on its own file, at its line;
 *   - give edits whose `replaces` is the text at their span, inside the finding's file, and whose
 *     result lints again without the same finding at that place;
 *   - print no secret (values of `.env`, env files, the API env, URL passwords) in any format.
 * One case in four has one file (without a literal secret) mutated as ./mutate.ts does, for variants
 * the generators do not write; no fallback is expected in that file then.
 * One case in CLI_EVERY is also written to a temporary directory, with symlinks and a directory
 * outside the project holding secrets, and run through the CLI's run(): no secret in stdout or
 * stderr, nothing written without --fix, and --fix changes only the fixed files, only at their
 * edits, leaves no temporary file, touches nothing outside, and leaves nothing to fix there.
 *
 * CI runs PROJECT_RUNS cases with a fixed seed; `npm run fuzz` sets FUZZ_PROJECT_RUNS and FUZZ_SEED.
 */
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/index';
import { FORMAT_NAMES } from '../../src/formatters';
import { kindFromName } from '../../src/kinds';
import type { Finding, TextEdit } from '../../src/types';
import { runCli } from '../helpers';
import { findingProblems } from './check';
import { changedEntries, fixPlanOf, leakProblems, lintProblems, outsideEditsProblems, refixProblems, snapshot, type Problem } from './project-check';
import {
  MARK,
  buildProject,
  discoveredFiles,
  mutateProject,
  outsideDirOf,
  projectArb,
  projectMutationArb,
  projectText,
  resolveInside,
  writeProject,
  type ProjectChoice,
  type ProjectMutation,
  type ProjectSpec,
} from './projects';

const PROJECT_RUNS = Number(process.env.FUZZ_PROJECT_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 0x11e11e) + 2;
/** One case in this many also runs the CLI on a temporary directory. */
const CLI_EVERY = 8;
const TIMEOUT_MS = Math.max(120_000, PROJECT_RUNS * 30);
const SURVEY = process.env.FUZZ_SURVEY === '1';
const CANARY_TEXT = 'canary: nothing may write here\n';

const stats = {
  cases: 0,
  cliCases: 0,
  fixedCases: 0,
  cliFixedCases: 0,
  byFeature: {} as Record<string, number>,
  /** FUZZ_SURVEY=1: failures are counted per property (with the first example) instead of failing the run. */
  survey: {} as Record<string, { count: number; example: string }>,
  startedAt: Date.now(),
};

/** lint() as an API caller serving the project's files; `env` as the caller passes it (the CLI passes none). */
function lintProject(spec: ProjectSpec, files: Record<string, string>, env: Record<string, string> = spec.env): Finding[] {
  const view: ProjectSpec = { ...spec, files };
  const paths = discoveredFiles(view, kindFromName);
  const inputs = paths.map((path) => ({ path, text: projectText(view, path) as string }));
  return lint(inputs, { readFile: (path) => projectText(view, path), env }).findings;
}

function describeProject(spec: ProjectSpec): string {
  return `files: ${JSON.stringify(spec.files)}\nlinks: ${JSON.stringify(spec.links)}`;
}

/** The CLI on the project written to disk: run with one format, then with --fix. */
function cliProblems(choice: ProjectChoice, mutation: ProjectMutation | null, format: string, tty: boolean): Problem[] {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'litelint-projfuzz-')));
  try {
    // The same project with the real outside directory in its absolute paths, and what --fix should do to it.
    const spec = mutateProject(buildProject(choice, outsideDirOf(root)), mutation);
    // The CLI interpolates with the project's .env only, not with its own environment.
    const { plan } = fixPlanOf(spec, lintProject(spec, spec.files, {}), (file) => projectText(spec, file));
    const cwd = writeProject(spec, root);
    writeFileSync(join(root, 'canary.txt'), CANARY_TEXT);
    const problems: Problem[] = [];
    const before = snapshot(root);
    const plain = runCli(['-f', format], { cwd, env: spec.env, tty });
    problems.push(...leakProblems(`CLI -f ${format}`, plain.stdout + plain.stderr));
    if (plain.code !== 0 && plain.code !== 1) problems.push({ property: 'cli-exit', detail: `-f ${format} exited ${plain.code}: ${plain.stderr.slice(0, 200)}` });
    for (const change of changedEntries(before, snapshot(root))) problems.push({ property: 'cli-no-write', detail: `without --fix: ${change}` });

    const fixed = runCli(['--fix', '--unsafe-fixes', '-f', 'json'], { cwd, env: spec.env });
    problems.push(...leakProblems('CLI --fix -f json', fixed.stdout + fixed.stderr));
    if (fixed.code !== 0 && fixed.code !== 1) problems.push({ property: 'cli-exit', detail: `--fix exited ${fixed.code}: ${fixed.stderr.slice(0, 200)}` });
    const after = snapshot(root);
    const edited = new Set([...plan.edits.keys()].map((real) => join('project', real)));
    for (const change of changedEntries(before, after)) {
      const [verb, key] = change.split(' ');
      if (verb === 'rewritten' || verb === 'changed') {
        if (!edited.has(key)) problems.push({ property: 'cli-fix', detail: `--fix ${verb} ${key}, which has no fixable finding` });
      } else {
        problems.push({ property: 'cli-fix', detail: `--fix left the tree with ${change}` });
      }
    }
    for (const [real, entry] of plan.edits) {
      const now = after.get(join('project', real))?.content;
      if (now === undefined) continue;
      const text = Buffer.from(now, 'latin1').toString('utf8');
      problems.push(...outsideEditsProblems(real, spec.files[real], text, entry.edits));
      if (plan.sound && text !== plan.fixed[real]) problems.push({ property: 'cli-fix', detail: `--fix wrote ${real} other than its edits say` });
    }
    if (readFileSync(join(root, 'canary.txt'), 'utf8') !== CANARY_TEXT) problems.push({ property: 'cli-fix', detail: 'the canary outside the project changed' });
    let findings: Finding[] = [];
    try {
      findings = (JSON.parse(fixed.stdout) as { findings: Finding[] }).findings;
    } catch {
      problems.push({ property: 'cli-exit', detail: `--fix -f json printed no JSON: ${fixed.stdout.slice(0, 120)}` });
    }
    const textOf = (file: string): string | undefined => {
      const real = resolveInside(spec, file);
      return real === undefined ? undefined : readFileSync(join(cwd, real), 'utf8');
    };
    for (const finding of findings) {
      if (textOf(finding.file) !== undefined) continue;
      // A symlink leading out of the project (a symlinked .env) may be reported as refused under its own name;
      // whatever such a finding says of the target's content, the secret check above sees it.
      if (!(finding.file in spec.links)) problems.push({ property: 'cli-outside', detail: `a finding on ${finding.file}, which is not a file of the project` });
    }
    const inside = findings.filter((finding) => textOf(finding.file) !== undefined);
    problems.push(...findingProblems(inside, textOf).map((detail) => ({ property: 'positions', detail: `CLI after --fix: ${detail}` })));
    if (plan.sound && plan.edits.size > 0) {
      stats.cliFixedCases++;
      problems.push(...refixProblems(spec, plan, inside, 'the CLI after --fix'));
    }
    return problems;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('fuzz: generated multi-file projects', () => {
  afterAll(() => {
    const summary = { ...stats, seed: SEED, runs: PROJECT_RUNS, cliEvery: CLI_EVERY, seconds: (Date.now() - stats.startedAt) / 1000 };
    if (process.env.FUZZ_PROJECT_REPORT) writeFileSync(process.env.FUZZ_PROJECT_REPORT, `${JSON.stringify(summary, null, 2)}\n`);
    else console.log(`project fuzz: ${stats.cases} projects (${stats.cliCases} through the CLI), seed ${SEED}, ${summary.seconds}s`);
  });

  it('every generated project keeps every property', () => {
    let index = 0;
    fc.assert(
      fc.property(projectArb, projectMutationArb, fc.constantFrom(...FORMAT_NAMES), fc.boolean(), (choice, mutation, format, tty) => {
        const spec = mutateProject(buildProject(choice), mutation);
        const texts = (file: string): string | undefined => projectText(spec, file);
        let findings: Finding[];
        try {
          findings = lintProject(spec, spec.files);
        } catch (error) {
          throw new Error(`lint() threw: ${(error as Error).stack ?? String(error)}`);
        }
        const { problems, plan } = lintProblems(spec, findings, texts, (fixed) => lintProject(spec, fixed));
        stats.cases++;
        if (plan.edits.size > 0) stats.fixedCases++;
        for (const feature of spec.features) stats.byFeature[feature] = (stats.byFeature[feature] ?? 0) + 1;
        if (index++ % CLI_EVERY === 0) {
          stats.cliCases++;
          problems.push(...cliProblems(choice, mutation, format, tty));
        }
        if (problems.length === 0) return;
        if (SURVEY) {
          for (const problem of problems) {
            const key = `${problem.property}: ${problem.detail.replace(/[@:]\S*|\d+|\$\{[^}]*\}?|"[^"]*"|s3cr3t-\S*/g, '_').slice(0, 90)}`;
            const entry = (stats.survey[key] ??= { count: 0, example: `${problem.detail}\n${describeProject(spec)}` });
            entry.count++;
          }
          return;
        }
        throw new Error(`${problems.map((problem) => `${problem.property}: ${problem.detail}`).join('\n')}\n${describeProject(spec)}`);
      }),
      { seed: SEED, numRuns: PROJECT_RUNS, endOnFailure: false },
    );
  }, TIMEOUT_MS);

  it('the checks catch what they look for (a planted bad edit, range, leak, stray file)', () => {
    const spec: ProjectSpec = { files: { 'compose.yaml': 'services:\n  app:\n    volumes:\n      - ${D:-./d}:/d\n' }, links: {}, env: {}, fallbacks: [], features: [] };
    spec.fallbacks.push({ file: 'compose.yaml', line: 4, style: 'plain', variable: 'D' });
    const at = spec.files['compose.yaml'].indexOf('${');
    const finding: Finding & { fix: TextEdit[] } = {
      rule: 'volume-source-fallback', severity: 'error', file: 'compose.yaml', line: 2, column: 3, endLine: 2, endColumn: 6,
      message: `falls back to ${MARK}x`, docs: '', fix: [{ start: at - 4, end: at + 6, text: '${D:?set D}', replaces: '${D:-./d}' }],
    };
    const { problems } = lintProblems(spec, [finding], (file) => projectText(spec, file), () => [finding]);
    const properties = new Set(problems.map((problem) => problem.property));
    expect([...properties].sort()).toEqual(['edit-replaces', 'edit-span', 'fallback-reported', 'range', 'refix', 'secret']);
    expect(outsideEditsProblems('f', 'abcdef', 'abXdeY', [{ start: 2, end: 3, text: 'X', replaces: 'c' }])).toHaveLength(1);
    expect(outsideEditsProblems('f', 'abcdef', 'abXYdef', [{ start: 2, end: 3, text: 'XY', replaces: 'c' }])).toEqual([]);
    const root = mkdtempSync(join(tmpdir(), 'litelint-projfuzz-check-'));
    try {
      const before = snapshot(root);
      writeFileSync(join(root, '.compose.yaml.tmp'), '');
      expect(changedEntries(before, snapshot(root))).toEqual(['added .compose.yaml.tmp']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  // A short campaign (npm run fuzz -- --runs 100) may miss a feature by chance; CI's 300 cases do not.
  it.runIf(PROJECT_RUNS >= 200)('the generators reach every feature (the properties are not vacuous)', () => {
    for (const feature of ['override', 'include:long:inside', 'extends:same-file', 'extendsFrom:other-file', 'anchors', 'dotenv:linked-outside', 'rootlink', 'style:double-escaped', 'style:continued', 'mutated']) {
      expect(stats.byFeature[feature] ?? 0, feature).toBeGreaterThan(0);
    }
    expect(stats.fixedCases).toBeGreaterThan(0);
    expect(stats.cliCases).toBeGreaterThan(0);
  });
});

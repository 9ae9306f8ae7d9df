/**
 * Property tests over mutated inputs (issue 6). The seeds are the examples, the shared
 * conformance inputs and a few fixtures (./corpus.ts); the mutations are byte flips, truncation,
 * token insertion, deletion, line duplication and indentation changes (./mutate.ts).
 *
 * Every case is linted next to an untouched sibling project, the way the CLI hands files over
 * (bytes decoded by readInputFile, other project files through readFile), and must:
 *   - not throw out of lint(), and never give an internal error;
 *   - give findings with positions inside the files they name;
 *   - give a parse-error for a compose file the YAML library rejects, or one with a NUL byte;
 *   - leave the sibling's findings exactly as they are when the sibling is linted alone;
 *   - format into every format litelint lists, with valid JSON and SARIF;
 *   - give --fix edits inside the file, whose result lints again without an internal error;
 *   - never print a value read from `.env`.
 *
 * CI runs a bounded number of cases with a fixed seed. `npm run fuzz` (scripts/fuzz.js) runs a
 * long campaign: FUZZ_RUNS sets the number of mutated cases, FUZZ_SEED the seed, and FUZZ_REPORT a
 * file the summary is written to.
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/index';
import { applyEdits } from '../../src/fix';
import { FORMAT_NAMES } from '../../src/formatters';
import { kindFromName } from '../../src/kinds';
import { readInputFile } from '../../src/read-file';
import { SourceFile } from '../../src/source';
import type { Finding, InputFile } from '../../src/types';
import { findingProblems, formatProblems } from './check';
import { SIBLING, SIBLING_LINTED, loadSeeds, type Seed } from './corpus';
import { applyMutations, mutationsArb, type Mutation } from './mutate';

/** Mutated cases in all (CI: about 2,000 with the unmutated seeds). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1300);
const SEED = Number(process.env.FUZZ_SEED ?? 0x11e11e);
const SECRET_SHARE = 0.2;
const MAX_FILE_SIZE = 10 * 1024 * 1024;
/** Generous: the CI run takes a few seconds; the long campaign scales with FUZZ_RUNS. */
const TIMEOUT_MS = Math.max(120_000, RUNS * 20);

const seeds = loadSeeds();
const stats = {
  seeds: seeds.length,
  unmutatedSeedsLinted: 0,
  mutatedCases: 0,
  secretCases: 0,
  /** Cases whose fixable findings were applied and linted again. */
  fixedCases: 0,
  byOperation: {} as Record<string, number>,
  outcome: { readFailure: 0, parseError: 0, otherFindings: 0, nothing: 0 },
  startedAt: Date.now(),
};

function siblingBaseline(): Finding[] {
  const inputs = SIBLING_LINTED.map((path) => ({ path, text: SIBLING[path] }));
  return lint(inputs, { readFile: (path) => SIBLING[path] }).findings;
}
const baseline = siblingBaseline();

function yamlRejects(text: string): boolean {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // go-yaml (compose) reads a lone `\r` as a line break; the YAML library does not.
  const asGoYamlReadsIt = body.replace(/\r(?!\n)/g, '\n');
  return Array.from(parseAllDocuments(asGoYamlReadsIt, { uniqueKeys: true, merge: false })).some((document) => document.errors.length > 0);
}

interface CaseResult {
  problems: string[];
  findings: Finding[];
}

/** Lints one (possibly mutated) seed with the sibling, as the CLI would, and checks every invariant. */
function runCase(seed: Seed, targetBytes: Buffer, siblingFirst: boolean): CaseResult {
  const texts: Record<string, string> = { ...SIBLING, ...seed.files };
  const findings: Finding[] = [];
  const problems: string[] = [];
  if (seed.lint.includes(seed.target)) {
    const outcome = readInputFile(seed.target, () => targetBytes, MAX_FILE_SIZE);
    if (outcome.failure) {
      findings.push(outcome.failure);
      delete texts[seed.target];
    } else {
      texts[seed.target] = outcome.text as string;
    }
  } else {
    // Evidence files (.env) are read as UTF-8 text by the CLI, replacement characters and all.
    texts[seed.target] = targetBytes.toString('utf8');
  }
  const ordered = siblingFirst ? [...SIBLING_LINTED, ...seed.lint] : [...seed.lint, ...SIBLING_LINTED];
  const inputs: InputFile[] = ordered.filter((path) => texts[path] !== undefined).map((path) => ({ path, text: texts[path] }));
  let linted: Finding[];
  try {
    linted = lint(inputs, { readFile: (path) => texts[path] }).findings;
  } catch (error) {
    return { problems: [`lint() threw: ${(error as Error).stack ?? String(error)}`], findings };
  }
  findings.push(...linted);

  const textOf = (file: string): string | undefined => texts[file];
  problems.push(...findingProblems(findings, textOf));
  for (const finding of findings) if (!(finding.file in texts) && finding.file !== seed.target) problems.push(`finding in an unknown file ${finding.file}`);

  const sibling = linted.filter((finding) => finding.file.startsWith('sibling/'));
  const key = (finding: Finding): string => JSON.stringify(finding);
  const before = new Set(baseline.map(key));
  const after = new Set(sibling.map(key));
  for (const finding of sibling) if (!before.has(key(finding))) problems.push(`sibling finding added: ${finding.rule}@${finding.file}:${finding.line}:${finding.column} ${finding.message}`);
  for (const finding of baseline) if (!after.has(key(finding))) problems.push(`sibling finding lost: ${finding.rule}@${finding.file}:${finding.line}:${finding.column} ${finding.message}`);

  const targetText = texts[seed.target];
  const targetErrors = findings.filter((finding) => finding.file === seed.target && finding.rule === 'parse-error');
  if (seed.lint.includes(seed.target) && targetText !== undefined) {
    if (targetText.includes('\u0000') && targetErrors.length === 0) problems.push('a file with a NUL byte gave no parse-error');
    if (kindFromName(seed.target) === 'compose' && !targetText.includes('\u0000') && yamlRejects(targetText) && targetErrors.length === 0) {
      problems.push('the YAML library rejects the compose file, but there is no parse-error');
    }
  }

  problems.push(...formatProblems(findings, Object.keys(texts), textOf));
  problems.push(...fixProblems(findings, inputs, texts));
  return { problems, findings };
}

/**
 * What --fix would write (the edits of every fixable finding, applied as src/fix.ts does) must stay
 * inside the file and lint again without an internal error or a position outside the file.
 */
function fixProblems(findings: readonly Finding[], inputs: readonly InputFile[], texts: Record<string, string>): string[] {
  const problems: string[] = [];
  const fixedTexts = { ...texts };
  let changed = false;
  for (const input of inputs) {
    const edits = findings.filter((finding) => finding.file === input.path).flatMap((finding) => finding.fix ?? []);
    if (edits.length === 0) continue;
    const source = new SourceFile(input.path, input.text, 'compose');
    for (const edit of edits) {
      if (!(edit.start >= 0 && edit.start <= edit.end && edit.end <= source.text.length)) problems.push(`fix edit ${edit.start}-${edit.end} outside ${input.path}`);
    }
    fixedTexts[input.path] = (source.bom ? '\uFEFF' : '') + applyEdits(source.text, edits);
    changed = true;
  }
  if (!changed) return problems;
  stats.fixedCases++;
  const refixed = lint(inputs.map((input) => ({ path: input.path, text: fixedTexts[input.path] })), { readFile: (path) => fixedTexts[path] }).findings;
  problems.push(...findingProblems(refixed, (file) => fixedTexts[file]).map((problem) => `after fix: ${problem}`));
  return problems;
}

function record(mutations: readonly Mutation[], result: CaseResult): void {
  stats.mutatedCases++;
  for (const mutation of mutations) stats.byOperation[mutation.op] = (stats.byOperation[mutation.op] ?? 0) + 1;
  const own = result.findings.filter((finding) => !finding.file.startsWith('sibling/'));
  if (own.some((finding) => finding.message.startsWith('cannot read file') || /UTF-(8|16)/.test(finding.message))) stats.outcome.readFailure++;
  else if (own.some((finding) => finding.rule === 'parse-error')) stats.outcome.parseError++;
  else if (own.length > 0) stats.outcome.otherFindings++;
  else stats.outcome.nothing++;
}

describe('fuzz: mutated examples and conformance inputs', () => {
  afterAll(() => {
    const summary = { ...stats, seed: SEED, runs: RUNS, seconds: (Date.now() - stats.startedAt) / 1000, formats: FORMAT_NAMES };
    if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, `${JSON.stringify(summary, null, 2)}\n`);
    else {
      console.log(`fuzz: ${summary.unmutatedSeedsLinted} seeds + ${summary.mutatedCases} mutated + ${summary.secretCases} secret cases, seed ${SEED}, ${summary.seconds}s`);
    }
  });

  it('has seeds of every kind, a sibling with findings, and SARIF among the formats', () => {
    const kinds = new Set(seeds.map((seed) => kindFromName(seed.target) ?? (seed.target.endsWith('.env') ? 'env' : 'other')));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['compose', 'dockerfile', 'env', 'kamal']));
    expect(seeds.length).toBeGreaterThan(300);
    // The sibling check only means something if the sibling has findings of its own.
    expect(baseline.map((finding) => `${finding.rule}@${finding.file}:${finding.line}`)).toEqual(
      expect.arrayContaining(['volume-source-fallback@sibling/compose.yaml:5', 'parse-error@sibling/Dockerfile:3']),
    );
    expect(FORMAT_NAMES).toEqual(expect.arrayContaining(['json', 'sarif']));
  });

  it('every seed, unmutated, keeps every invariant', () => {
    const failures: string[] = [];
    for (const seed of seeds) {
      const result = runCase(seed, Buffer.from(seed.files[seed.target], 'utf8'), true);
      stats.unmutatedSeedsLinted++;
      if (result.problems.length > 0) failures.push(`${seed.name}: ${result.problems.join('; ')}`);
    }
    expect(failures).toEqual([]);
  }, TIMEOUT_MS);

  it('every mutated seed keeps every invariant', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), mutationsArb, fc.boolean(), (seed, mutations, siblingFirst) => {
        const bytes = applyMutations(Buffer.from(seed.files[seed.target], 'utf8'), mutations);
        const result = runCase(seed, bytes, siblingFirst);
        record(mutations, result);
        if (result.problems.length > 0) throw new Error(`${seed.name}: ${result.problems.join('\n')}`);
      }),
      { seed: SEED, numRuns: Math.round(RUNS * (1 - SECRET_SHARE)), endOnFailure: false },
    );
  }, TIMEOUT_MS);

  it('never prints a value read from .env, whatever the mutation', () => {
    const SECRET = 's3cr3t-VALUE-fuzz-7f3a';
    const dotenvSeeds = seeds.filter((seed) => seed.target.endsWith('.env'));
    // The secret reaches every place a value can (issue 13, item 3): the project name, include
    // and extends paths, an include's env_file, service and variable names, volume names and
    // targets (one behind a YAML escape that hides its `$`), a database target.
    const compose = [
      'name: ${SECRET}',
      'include:',
      '  - ${INC}',
      '  - path: inc.yaml',
      '    env_file: ${ENVF}',
      'services:',
      '  app:',
      '    image: ${IMAGE:?no image ${SECRET}}',
      '    extends: { file: "${EXT}", service: base }',
      '    environment:',
      '      TOKEN: ${SECRET}',
      '    volumes:',
      '      - ${DATA:-./data}:/data',
      '      - ${X:?missing ${SECRET}}:/x',
      '      - ${SECRET}:/s',
      '      - "${Q:-./q}:\\x24{TGT}"',
      '      - ./db:${TGT}/app.db',
      '  other:',
      '    image: python:3.12',
      '    extends: { service: "${SECRET}" }',
      '    environment:',
      '      - ${SECRET}=sqlite:////s/app.db',
      '    volumes:',
      '      - ${SECRET}:/s',
      '',
    ].join('\n');
    fc.assert(
      fc.property(fc.constantFrom(...dotenvSeeds), mutationsArb, fc.boolean(), (seed, mutations, mutateCompose) => {
        const paths = `INC=${SECRET}.yaml\nEXT=/srv/${SECRET}.yaml\nENVF=../${SECRET}.env\nTGT=/${SECRET}\n`;
        const envText = `SECRET=${SECRET}\nDATA=/srv/${SECRET}\n${paths}${seed.files[seed.target]}\n`;
        const target = mutateCompose ? 'mut/compose.yaml' : 'mut/.env';
        const files = { 'mut/.env': envText, 'mut/compose.yaml': compose };
        const bytes = applyMutations(Buffer.from(files[target], 'utf8'), mutations);
        const result = runCase({ name: `secret/${seed.name}`, files, lint: ['mut/compose.yaml'], target }, bytes, true);
        stats.secretCases++;
        const leaks = result.findings.filter((finding) =>
          [finding.message, ...(finding.related ?? []).map((related) => related.message)].some((text) => text.includes(SECRET)),
        );
        if (leaks.length > 0 || result.problems.length > 0) {
          throw new Error(`${seed.name}: ${result.problems.join('\n')} ${leaks.map((finding) => finding.message).join('\n')}`);
        }
      }),
      { seed: SEED + 1, numRuns: Math.round(RUNS * SECRET_SHARE), endOnFailure: false },
    );
  }, TIMEOUT_MS);
});

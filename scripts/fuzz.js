#!/usr/bin/env node
'use strict';
/*
 * litelint's long fuzz campaign (issues 6 and 13): runs test/robustness/fuzz.test.ts (mutated files)
 * and test/robustness/project-fuzz.test.ts (generated multi-file projects) with many more cases
 * than CI does, then prints what it ran: cases per property, per mutation and per generator feature,
 * outcomes, the seed (to replay a failure), wall time and, where /usr/bin/time
 * exists, peak memory. --runs is the total: a quarter of it (--project-runs) are project cases.
 * Usage: npm run fuzz [-- --runs N --seed N [--project-runs N] [-- VITEST ARGS]]   (defaults: 200000 runs, a random seed)
 */
const { spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { parseArgs } = require('node:util');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: process.env.FUZZ_RUNS ?? '200000' },
    seed: { type: 'string', default: process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31)) },
    'project-runs': { type: 'string', default: process.env.FUZZ_PROJECT_RUNS },
  },
});
const PROJECT_SHARE = 0.25;
const projectRuns = values['project-runs'] ?? String(Math.round(Number(values.runs) * PROJECT_SHARE));
const mutatedRuns = String(Math.max(0, Number(values.runs) - Number(projectRuns)));
const root = resolve(__dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'litelint-fuzz-'));
const report = join(scratch, 'report.json');
const projectReport = join(scratch, 'projects.json');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const args = [vitest, 'run', 'test/robustness/fuzz.test.ts', 'test/robustness/project-fuzz.test.ts', '--reporter=dot', ...positionals];
const env = { ...process.env, FUZZ_RUNS: mutatedRuns, FUZZ_PROJECT_RUNS: projectRuns, FUZZ_SEED: values.seed, FUZZ_REPORT: report, FUZZ_PROJECT_REPORT: projectReport };
const timed = existsSync('/usr/bin/time');

console.log(`litelint fuzz: ${mutatedRuns} mutated cases + ${projectRuns} generated projects, seed ${values.seed}, node ${process.version}`);
const started = process.hrtime.bigint();
const result = timed
  ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  : spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

process.stdout.write(result.stdout);
const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr ?? '');
process.stderr.write((result.stderr ?? '').replace(/\n\s*Command being timed:[\s\S]*$/, '\n'));

if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`seeds: ${summary.seeds} (each linted unmutated: ${summary.unmutatedSeedsLinted})`);
  console.log(`mutated cases: ${summary.mutatedCases}, secret cases: ${summary.secretCases}, cases re-linted after applying their --fix edits (the sibling always has one): ${summary.fixedCases}`);
  console.log(`mutations applied: ${JSON.stringify(summary.byOperation)}`);
  console.log(`outcomes of the mutated file: ${JSON.stringify(summary.outcome)}`);
  console.log(`formats checked: ${summary.formats.join(', ')}`);
  console.log(`in-test time: ${summary.seconds.toFixed(1)} s`);
}
if (existsSync(projectReport)) {
  const projects = JSON.parse(readFileSync(projectReport, 'utf8'));
  console.log(`generated projects: ${projects.cases} (through the CLI too: ${projects.cliCases}, one in ${projects.cliEvery}), with --fix edits: ${projects.fixedCases} (checked through the CLI: ${projects.cliFixedCases}), seed ${projects.seed}`);
  console.log(`projects per generator feature: ${JSON.stringify(projects.byFeature)}`);
  if (Object.keys(projects.survey).length > 0) console.log(`survey (FUZZ_SURVEY=1): ${JSON.stringify(projects.survey, null, 2)}`);
  console.log(`projects in-test time: ${projects.seconds.toFixed(1)} s`);
}
console.log(`wall time: ${seconds.toFixed(1)} s${peak ? `, peak memory (max RSS of the test process tree's largest process): ${(Number(peak[1]) / 1024).toFixed(0)} MB` : ''}`);
console.log(`replay: FUZZ_RUNS=${mutatedRuns} FUZZ_PROJECT_RUNS=${projectRuns} FUZZ_SEED=${values.seed} npx vitest run test/robustness/fuzz.test.ts test/robustness/project-fuzz.test.ts`);
rmSync(scratch, { recursive: true, force: true });
process.exitCode = result.status ?? 1;
